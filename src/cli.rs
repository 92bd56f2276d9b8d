//! The command line: subcommands, their options, and how results are reported to people and CI.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use scrutiny::dates::Date;
use scrutiny::diagnostic::{Diagnostics, OutputFormat, render};
use scrutiny::source::SourceLines;
use scrutiny::{BuildOutcome, SiteOptions};

/// Publishes a PFCC's responses to HMICFRS inspection reports as a static website.
#[derive(Debug, Parser)]
#[command(name = "scrutiny", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the content and build the site into the output folder.
    Build(BuildArgs),
    /// Check the content without writing anything; exits non-zero on any error.
    Check(CheckArgs),
    /// Preview the site, drafts included, rebuilding and reloading the browser on every save.
    Serve(ServeArgs),
    /// Start a new report or response from a template.
    #[command(subcommand)]
    New(NewCommand),
    /// Create a new site: config, themes, an example report and response, the default theme.
    Init(InitArgs),
    /// Print the front-matter contract as JSON Schema, for editors' tools and other programs.
    Schema(SchemaArgs),
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which contract to print [default: all four, in `$defs`]
    #[arg(value_enum)]
    pub contract: Option<ContractArg>,
}

/// A kind of file whose fields `schema` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ContractArg {
    Report,
    Response,
    Page,
    Config,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder, holding config.toml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The date to compute deadlines against, YYYY-MM-DD [default: $SOURCE_DATE_EPOCH, else today]
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
    /// Include documents marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: ROOT/public]
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Replace the output folder even if scrutiny did not write it.
    #[arg(long)]
    pub force: bool,
    /// Leave out the search index (for benchmarks: BENCHMARKS.md).
    #[arg(long, hide = true)]
    pub no_search: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// How to print problems: for people, or as GitHub Actions annotations.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder, holding config.toml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on.
    #[arg(long, default_value_t = scrutiny::serve::DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on; 0.0.0.0 shows the preview, drafts included, to your network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The date to compute deadlines against, YYYY-MM-DD [default: $SOURCE_DATE_EPOCH, else today]
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Write content/reports/SLUG.md: a draft report with every field explained; with
    /// --language, its translation SLUG.LANGUAGE.md pre-filled from it.
    Report(NewReportArgs),
    /// Write content/responses/REPORT-response.md, pre-filled from the report; with --language,
    /// a response's translation pre-filled from it.
    Response(NewResponseArgs),
}

#[derive(Debug, Args)]
pub struct NewReportArgs {
    /// The report's file name, which is also its address: lowercase letters, digits, hyphens.
    pub slug: String,
    /// Translate the report SLUG instead: write content/reports/SLUG.LANGUAGE.md, pre-filled
    /// with its words to translate. LANGUAGE is a [languages.*] code of config.toml, such as cy.
    #[arg(long, value_name = "LANGUAGE")]
    pub language: Option<String>,
    /// The site folder, holding config.toml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The date to fill in, YYYY-MM-DD [default: $SOURCE_DATE_EPOCH, else today]
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
}

#[derive(Debug, Args)]
pub struct NewResponseArgs {
    /// The file name (without .md) of the report this response answers.
    pub report: String,
    /// The response's own file name (without .md), which is also its address
    /// [default: REPORT-response]. Give one for a second response to the same report.
    #[arg(long)]
    pub slug: Option<String>,
    /// Translate a response instead: write content/responses/NAME.LANGUAGE.md, pre-filled with
    /// its words to translate, where NAME is --slug, else REPORT if a response has that name,
    /// else REPORT-response. LANGUAGE is a [languages.*] code of config.toml, such as cy.
    #[arg(long, value_name = "LANGUAGE")]
    pub language: Option<String>,
    /// The site folder, holding config.toml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The date of the letter, YYYY-MM-DD [default: $SOURCE_DATE_EPOCH, else today]
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in; it may exist, but none of the new files may.
    pub dir: PathBuf,
    /// The date the accessibility statement says it was reviewed, YYYY-MM-DD [default: $SOURCE_DATE_EPOCH, else today]
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
    /// The site's languages, the main one first, such as en-GB,cy for a site in English and
    /// Welsh: each example document gets its translation, to finish [default: en-GB]
    #[arg(long, value_name = "CODES")]
    pub languages: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Github,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).map_err(|error| format!("{error}; write the date as YYYY-MM-DD"))
}

/// "Today": `--today`, else `SOURCE_DATE_EPOCH`, else the clock.
fn resolve_today(given: Option<Date>) -> anyhow::Result<Date> {
    if let Some(today) = given {
        return Ok(today);
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) if !epoch.trim().is_empty() => {
            let seconds: i64 = epoch.trim().parse().with_context(|| {
                format!("SOURCE_DATE_EPOCH is not a number of seconds: {epoch:?}")
            })?;
            Date::from_unix_seconds(seconds).context("SOURCE_DATE_EPOCH is out of range")
        }
        _ => Ok(Date::today_by_clock()),
    }
}

fn site_options(args: &SiteArgs) -> anyhow::Result<SiteOptions> {
    Ok(SiteOptions {
        root: args.root.clone(),
        today: resolve_today(args.today)?,
        drafts: args.drafts,
    })
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Serve(args) => serve(args),
        Command::New(command) => new(command),
        Command::Init(args) => init(args),
        Command::Schema(args) => schema(args),
    }
}

fn human_format() -> OutputFormat {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    OutputFormat::Human { colour }
}

/// Prints every diagnostic to stderr, then a count.
fn report(diagnostics: Diagnostics, lines: &SourceLines, format: OutputFormat) {
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    // Sorted by file: each file's text is read once, for its first diagnostic.
    let mut shown: Option<(PathBuf, Option<String>)> = None;
    for diagnostic in diagnostics {
        if shown
            .as_ref()
            .is_none_or(|(file, _)| *file != diagnostic.file)
        {
            shown = Some((diagnostic.file.clone(), lines.text(&diagnostic.file)));
        }
        let source = shown.as_ref().and_then(|(_, text)| text.as_deref());
        eprintln!("{}", render(&diagnostic, source, format));
        if matches!(format, OutputFormat::Human { .. }) {
            eprintln!();
        }
    }
    if errors + warnings > 0 && matches!(format, OutputFormat::Human { .. }) {
        eprintln!(
            "{} and {}",
            count(errors, "error"),
            count(warnings, "warning")
        );
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn build(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let options = site_options(&args.site)?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let search = if args.no_search {
        scrutiny::SearchIndex::Skip
    } else {
        scrutiny::SearchIndex::Build
    };
    let (outcome, lines) = scrutiny::build_with(&options, &output, args.force, search);
    match outcome {
        BuildOutcome::Built {
            summary,
            diagnostics,
        } => {
            report(diagnostics, &lines, human_format());
            println!(
                "Built {} and {} into {} in {} ms",
                count(summary.pages, "page"),
                count(summary.other_files, "other file"),
                display_path(&output),
                started.elapsed().as_millis()
            );
            Ok(ExitCode::SUCCESS)
        }
        BuildOutcome::Invalid { diagnostics } => {
            let errors = diagnostics.error_count();
            report(diagnostics, &lines, human_format());
            eprintln!(
                "Build failed with {}; {} was not changed",
                count(errors, "error"),
                display_path(&output)
            );
            Ok(ExitCode::FAILURE)
        }
        BuildOutcome::NotWritten(error) => bail!(error),
    }
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let options = site_options(&args.site)?;
    let mut loaded = scrutiny::load(&options, scrutiny::Bodies::InFiles);
    // With errors elsewhere, the links of the documents that passed are still checked, so one
    // run reports every problem.
    if let Some(archive) = loaded.archive.as_ref().or(loaded.valid_part.as_ref()) {
        let failed = loaded.diagnostics.files_with_errors();
        let statement = scrutiny::check_statement(&options, archive, &failed);
        loaded.diagnostics.extend(statement);
        match scrutiny::check_links(&options, archive, &loaded.lines, &failed) {
            Ok(problems) => loaded.diagnostics.extend(problems),
            Err(problems) => loaded.diagnostics.extend(problems),
        }
    }
    let mut diagnostics = loaded.diagnostics;
    if args.strict {
        diagnostics.make_strict();
    }
    let failed = diagnostics.has_errors();
    let format = match args.format {
        Format::Human => human_format(),
        Format::Github => OutputFormat::Github,
    };
    let quiet_success = diagnostics.is_empty();
    report(diagnostics, &loaded.lines, format);
    if quiet_success {
        println!("No problems found in {}", display_path(&options.root));
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let options = scrutiny::serve::ServeOptions {
        site: SiteOptions {
            root: args.root,
            today: resolve_today(args.today)?,
            drafts: true,
        },
        bind: args.bind,
        port: args.port,
    };
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: other computers on your network can see the preview, drafts included",
            args.bind
        );
    }
    let format = human_format();
    // Warnings already shown are not repeated on every rebuild.
    let shown = std::sync::Mutex::new(Vec::new());
    let listener: scrutiny::serve::Listener =
        std::sync::Arc::new(move |event| match shown.lock() {
            Ok(mut shown) => print_serve_event(event, format, &mut shown),
            Err(poisoned) => print_serve_event(event, format, &mut poisoned.into_inner()),
        });
    scrutiny::serve::serve(options, listener)?;
    Ok(ExitCode::SUCCESS)
}

fn print_serve_event(
    event: scrutiny::serve::ServeEvent<'_>,
    format: OutputFormat,
    shown_warnings: &mut Vec<scrutiny::diagnostic::Diagnostic>,
) {
    use scrutiny::serve::ServeEvent;
    match event {
        ServeEvent::Built(build) => {
            for diagnostic in &build.diagnostics {
                if !diagnostic.is_error() && shown_warnings.contains(diagnostic) {
                    continue;
                }
                let source = build.texts.get(&diagnostic.file).map(String::as_str);
                eprintln!("{}\n", render(diagnostic, source, format));
            }
            *shown_warnings = build
                .diagnostics
                .iter()
                .filter(|d| !d.is_error())
                .cloned()
                .collect();
            let cause = match build.changed.as_slice() {
                [] => String::new(),
                [one] => format!(" after {} changed", display_path(one)),
                many => format!(" after {} files changed", many.len()),
            };
            let elapsed = milliseconds(build.elapsed);
            match &build.built {
                Some(_) if build.pages_rebuilt.is_some() => println!(
                    "Rebuilt {}{cause} in {elapsed}{}",
                    count(build.pages_rebuilt.unwrap_or_default(), "page"),
                    if build.catching_up {
                        "; the search index catches up in the background"
                    } else {
                        ""
                    },
                ),
                Some(site) => println!(
                    "Built {} and {}{cause} in {elapsed}{}",
                    count(site.page_count(), "page"),
                    count(site.file_count() - site.page_count(), "other file"),
                    match &build.full_rebuild {
                        Some(why) => format!(" (every page: {why})"),
                        None => String::new(),
                    },
                ),
                None => eprintln!(
                    "Build failed with {}{cause}; the preview shows the last good build, with the errors over every page",
                    count(build.error_count(), "error"),
                ),
            }
        }
        ServeEvent::Listening { url } => println!(
            "Serving the site, drafts included, at {url}\n\
             Watching content/, themes/ and config.toml for changes; press Ctrl+C to stop"
        ),
        ServeEvent::WatchTrouble(message) => eprintln!("warning: {message}"),
        ServeEvent::Stopping => println!("Stopping"),
    }
}

/// "0.4 ms", "12 ms": an incremental rebuild often takes less than a millisecond.
fn milliseconds(elapsed: std::time::Duration) -> String {
    let ms = elapsed.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

/// `new report|response SLUG --language CODE`: the translation, pre-filled from the original.
fn new_translation(
    root: &Path,
    kind: scrutiny::source::SourceKind,
    slug: &str,
    language: &str,
) -> anyhow::Result<ExitCode> {
    let written = scrutiny::scaffold::new_translation(root, kind, slug, language)?;
    let shown = written.strip_prefix(root).unwrap_or(&written);
    println!("Created {}", display_path(shown));
    println!(
        "Next: translate each value marked {} and the text, deleting each marker, then preview it \
         with `scrutiny serve`; `scrutiny check` warns of each one left",
        scrutiny::vocabulary::placeholders::TRANSLATE_MARKER
    );
    Ok(ExitCode::SUCCESS)
}

fn new(command: NewCommand) -> anyhow::Result<ExitCode> {
    use scrutiny::source::SourceKind;
    match &command {
        NewCommand::Report(args) => {
            if let Some(language) = &args.language {
                return new_translation(&args.root, SourceKind::Report, &args.slug, language);
            }
        }
        NewCommand::Response(args) => {
            if let Some(language) = &args.language {
                let name = match &args.slug {
                    Some(slug) => slug.clone(),
                    None => scrutiny::scaffold::response_to_translate(&args.root, &args.report),
                };
                return new_translation(&args.root, SourceKind::Response, &name, language);
            }
        }
    }
    let (root, written, next) = match command {
        NewCommand::Report(args) => {
            let today = resolve_today(args.today)?;
            let path = scrutiny::scaffold::new_report(&args.root, &args.slug, today)?;
            (args.root, path, "replace the placeholder values")
        }
        NewCommand::Response(args) => {
            let today = resolve_today(args.today)?;
            let path = scrutiny::scaffold::new_response(
                &args.root,
                &args.report,
                args.slug.as_deref(),
                today,
            )?;
            (args.root, path, "write the letter")
        }
    };
    let shown = written.strip_prefix(&root).unwrap_or(&written);
    println!("Created {}", display_path(shown));
    println!(
        "Next: {next}, preview it with `scrutiny serve`, and delete `draft = true` when it is ready to publish"
    );
    Ok(ExitCode::SUCCESS)
}

fn init(args: InitArgs) -> anyhow::Result<ExitCode> {
    let languages = match &args.languages {
        Some(list) => scrutiny::scaffold::SiteLanguages::parse(list)?,
        None => scrutiny::scaffold::SiteLanguages::default(),
    };
    let files = scrutiny::scaffold::init(&args.dir, resolve_today(args.today)?, &languages)?;
    let dir = display_path(&args.dir);
    println!(
        "Created a new site in {dir} ({}):",
        count(files.len(), "file")
    );
    println!("  config.toml          site settings: set title, organisation, force and base_url");
    println!(
        "  content/             an example report and response, an about page and an accessibility statement"
    );
    for code in &languages.others {
        println!(
            "                       and their `{code}` translations (*.{code}.md): translate each value marked [Translate]"
        );
    }
    println!("  themes/default/      the templates and styles of the site's look");
    println!(
        "  .github/, .gitlab-ci.yml  publishing on GitHub Pages or GitLab Pages (docs/publishing.md)"
    );
    println!(
        "Next: cd {dir}, then `scrutiny serve` to preview it, `scrutiny new report SLUG` to add a report"
    );
    Ok(ExitCode::SUCCESS)
}

fn schema(args: SchemaArgs) -> anyhow::Result<ExitCode> {
    use scrutiny::schema::Contract;
    let contract = match args.contract {
        None => Contract::All,
        Some(ContractArg::Report) => Contract::Report,
        Some(ContractArg::Response) => Contract::Response,
        Some(ContractArg::Page) => Contract::Page,
        Some(ContractArg::Config) => Contract::Config,
    };
    let text = serde_json::to_string_pretty(&scrutiny::schema::schema(contract))?;
    println!("{text}");
    Ok(ExitCode::SUCCESS)
}

fn display_path(path: &Path) -> String {
    scrutiny::diagnostic::slash_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn rebuild_times_under_ten_milliseconds_keep_a_decimal() {
        use std::time::Duration;
        assert_eq!(milliseconds(Duration::from_micros(420)), "0.4 ms");
        assert_eq!(milliseconds(Duration::from_micros(9_940)), "9.9 ms");
        assert_eq!(milliseconds(Duration::from_micros(12_400)), "12 ms");
        assert_eq!(milliseconds(Duration::from_millis(3_265)), "3265 ms");
    }
}
