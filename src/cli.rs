//! The command line: subcommands, their options, and how results are reported to people and CI.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use scrutiny::dates::Date;
use scrutiny::diagnostic::{Diagnostics, OutputFormat, render};
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
    }
}

fn human_format() -> OutputFormat {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    OutputFormat::Human { colour }
}

/// Prints every diagnostic to stderr, then a count.
fn report(diagnostics: Diagnostics, texts: &HashMap<PathBuf, String>, format: OutputFormat) {
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    for diagnostic in diagnostics {
        let source = texts.get(&diagnostic.file).map(String::as_str);
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
    let (outcome, texts) = scrutiny::build(&options, &output, args.force);
    match outcome {
        BuildOutcome::Built {
            summary,
            diagnostics,
        } => {
            report(diagnostics, &texts, human_format());
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
            report(diagnostics, &texts, human_format());
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
    let mut loaded = scrutiny::load(&options);
    if let Some(archive) = &loaded.archive {
        if let Err(problems) = scrutiny::render_site(&options, archive) {
            loaded.diagnostics.extend(problems);
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
    report(diagnostics, &loaded.texts, format);
    if quiet_success {
        println!("No problems found in {}", display_path(&options.root));
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
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
}
