//! The `corpus` command: writes a generated archive, or runs the benchmark floor on one.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use scrutiny_corpus::{floor, generate};

/// Generated archives and the benchmark floor, for scrutiny's tests and benchmarks.
#[derive(Debug, Parser)]
#[command(name = "corpus")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a generated archive of realistic, deterministic content.
    Generate(GenerateArgs),
    /// Render every Markdown file under CONTENT_DIR into OUT_DIR: the physical floor of a build.
    Floor(FloorArgs),
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// How many reports to generate (about as many responses come with them).
    #[arg(long, default_value_t = 1000)]
    reports: usize,
    /// The seed: the same seed always writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many themes (15 realistic ones, then numbered variants).
    #[arg(long, default_value_t = 15)]
    themes: usize,
    /// Give every report exactly this many findings [default: 0 to 6 at random; 9 with --national]
    #[arg(long)]
    findings_per_report: Option<usize>,
    /// Write a national site instead: `config.toml` with `[[sources]]` and each body's
    /// `archive.json` in `sources/` (43 police bodies and a fire one by default, each listing
    /// 150 national reports and 100 of its own: about 4,700 reports, 10,600 responses and
    /// 99,000 findings). `--reports` is then ignored.
    #[arg(long)]
    national: bool,
    /// With --national: how many police bodies.
    #[arg(long, requires = "national", default_value_t = 43)]
    police_bodies: usize,
    /// With --national: how many fire bodies.
    #[arg(long, requires = "national", default_value_t = 1)]
    fire_bodies: usize,
    /// With --national: reports every body of a sector lists.
    #[arg(long, requires = "national", default_value_t = 150)]
    national_reports: usize,
    /// With --national: reports of each body's own.
    #[arg(long, requires = "national", default_value_t = 100)]
    own_reports: usize,
    /// The folder to write the site into; it must not exist or be empty.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, Args)]
struct FloorArgs {
    /// The folder of Markdown files (a site's content/).
    content_dir: PathBuf,
    /// Where to write the HTML; created, and files already in it are overwritten.
    out_dir: PathBuf,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Generate(args) if args.national => {
            let options = generate::NationalOptions {
                seed: args.seed,
                police_bodies: args.police_bodies,
                fire_bodies: args.fire_bodies,
                national_reports: args.national_reports,
                own_reports: args.own_reports,
                findings_per_report: args.findings_per_report.unwrap_or(9),
            };
            let summary = generate::generate_national(&options, &args.out)?;
            println!(
                "Generated a national site of {} bodies: {} reports, {} responses and {} findings ({:.1} MB of sources) in {}",
                summary.bodies,
                summary.reports,
                summary.responses,
                summary.findings,
                summary.bytes as f64 / 1_000_000.0,
                args.out.display()
            );
        }
        Command::Generate(args) => {
            let options = generate::GenerateOptions {
                reports: args.reports,
                seed: args.seed,
                themes: args.themes,
                findings_per_report: args.findings_per_report,
            };
            let summary = generate::generate(&options, &args.out)?;
            println!(
                "Generated {} reports, {} responses, {} pages and {} findings ({:.1} MB of Markdown) in {}",
                summary.reports,
                summary.responses,
                summary.pages,
                summary.findings,
                summary.markdown_bytes as f64 / 1_000_000.0,
                args.out.display()
            );
        }
        Command::Floor(args) => {
            let count = floor::run(&args.content_dir, &args.out_dir)?;
            println!(
                "Rendered {count} Markdown files into {}",
                args.out_dir.display()
            );
        }
    }
    Ok(())
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
    fn generate_has_the_defaults_benchmarks_rely_on() {
        let cli = Cli::try_parse_from(["corpus", "generate", "--out", "site"]).expect("parses");
        let Command::Generate(args) = cli.command else {
            panic!("not generate: {cli:?}");
        };
        assert_eq!(
            (
                args.reports,
                args.seed,
                args.themes,
                args.findings_per_report
            ),
            (1000, 1, 15, None)
        );
    }
}
