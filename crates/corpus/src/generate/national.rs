//! The national shape: a national site over every office's open data. Writes each body's
//! `data/archive.json` (as a scrutiny site publishes it, findings included) into `sources/`,
//! and a `config.toml` naming them as `[[sources]]`: police bodies that each list every
//! national thematic police report and reports of their own, and fire bodies likewise.

use std::fmt::Write as _;

use rayon::prelude::*;

use super::GeneratedFile;
use super::plan::{DAYS, FIRST_DAY};
use super::rng::Rng;
use super::site::BASE_THEMES;
use crate::dates::Date;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NationalOptions {
    pub seed: u64,
    /// Police bodies (England and Wales have 43 forces).
    pub police_bodies: usize,
    /// Fire bodies, answering fire reports only.
    pub fire_bodies: usize,
    /// Reports every body of a sector lists (national thematic reports).
    pub national_reports: usize,
    /// Reports only one body lists.
    pub own_reports: usize,
    /// Findings of each report, as each archive lists them.
    pub findings_per_report: usize,
}

impl Default for NationalOptions {
    /// The whole country over a decade: about 4,500 reports, 11,000 responses and 100,000
    /// findings.
    fn default() -> NationalOptions {
        NationalOptions {
            seed: 1,
            police_bodies: 43,
            fire_bodies: 1,
            national_reports: 150,
            own_reports: 100,
            findings_per_report: 9,
        }
    }
}

/// What was generated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NationalSummary {
    pub bodies: usize,
    /// Distinct reports, each counted once however many bodies list it.
    pub reports: usize,
    pub responses: usize,
    /// Findings in every archive together.
    pub findings: usize,
    pub files: usize,
    /// Bytes of every source file.
    pub bytes: u64,
}

/// One stream per body, apart from the single-office generator's streams.
const STREAM_BODY: u64 = 101;
const STREAM_NATIONAL: u64 = 102;

/// A report in the plan: the same for every body that lists it.
struct ReportPlan {
    slug: String,
    title: String,
    published: Date,
    kind: &'static str,
    fire: bool,
    theme: &'static str,
}

struct Body {
    key: String,
    name: String,
    force: Option<String>,
    fire: bool,
}

fn bodies(options: &NationalOptions) -> Vec<Body> {
    let police = (0..options.police_bodies).map(|n| Body {
        key: format!("police-{:02}", n + 1),
        name: format!("Police and Crime Commissioner for Shire {}", n + 1),
        force: Some(format!("Shire {} Police", n + 1)),
        fire: false,
    });
    let fire = (0..options.fire_bodies).map(|n| Body {
        key: format!("fire-{:02}", n + 1),
        name: format!("Fire and Rescue Authority of County {}", n + 1),
        force: None,
        fire: true,
    });
    police.chain(fire).collect()
}

fn national_reports(options: &NationalOptions, fire: bool) -> Vec<ReportPlan> {
    let mut rng = Rng::for_item(options.seed, STREAM_NATIONAL, usize::from(fire));
    (0..options.national_reports)
        .map(|index| {
            let published = FIRST_DAY.plus_days(rng.below(DAYS) as i64);
            let theme = rng.pick(BASE_THEMES);
            let topic = rng.pick(theme.3);
            let (sector, title) = match fire {
                true => ("fire", format!("Fire and rescue services: {topic}")),
                false => ("police", format!("An inspection of {topic}")),
            };
            ReportPlan {
                slug: format!("national-{sector}-{}-{index}", published.year()),
                title: format!("{title} ({index})"),
                published,
                kind: if fire { "fire" } else { "national-thematic" },
                fire,
                theme: theme.0,
            }
        })
        .collect()
}

fn own_reports(options: &NationalOptions, body: &Body, rng: &mut Rng) -> Vec<ReportPlan> {
    (0..options.own_reports)
        .map(|index| {
            let published = FIRST_DAY.plus_days(rng.below(DAYS) as i64);
            let theme = rng.pick(BASE_THEMES);
            let topic = rng.pick(theme.3);
            let (kind, title) = match (body.fire, rng.below(3)) {
                (true, _) => ("fire", format!("{}: an inspection of {topic}", body.name)),
                (false, 0) => (
                    "peel",
                    format!("PEEL {}: an inspection of {}", published.year(), body.name),
                ),
                (false, _) => (
                    "force",
                    format!("An inspection of {topic} in {}", body.name),
                ),
            };
            ReportPlan {
                slug: format!("{}-{kind}-{}-{index}", body.key, published.year()),
                title,
                published,
                kind,
                fire: body.fire,
                theme: theme.0,
            }
        })
        .collect()
}

/// `text` as a JSON string.
fn json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A body's `archive.json`: its reports (the national ones of its sector, then its own), its
/// responses (most reports answered, most of them within the window) and the findings.
fn archive_json(
    options: &NationalOptions,
    at: usize,
    body: &Body,
    national: &[ReportPlan],
) -> (String, usize, usize) {
    let mut rng = Rng::for_item(options.seed, STREAM_BODY, at);
    let own = own_reports(options, body, &mut rng);
    let base = format!("https://{}.example.org/hmicfrs/", body.key);
    let reports: Vec<&ReportPlan> = national.iter().chain(&own).collect();
    // Each report's response: the day of the window it came on, or none.
    let answers: Vec<Option<i64>> = reports
        .iter()
        .map(|_| match rng.below(100) {
            0..=3 => None,
            4..=79 => Some(rng.between(5, 56) as i64),
            _ => Some(rng.between(57, 240) as i64),
        })
        .collect();
    let mut out = String::with_capacity(reports.len() * (900 + 260 * options.findings_per_report));
    let _ = write!(
        out,
        "{{\n  \"generated\": \"2025-01-01\",\n  \"site\": {{\n    \"title\": \"HMICFRS inspections and our responses\",\n    \"organisation\": {},\n    \"force\": {},\n    \"base_url\": \"{base}\",\n    \"language\": \"en-GB\"\n  }},\n  \"reports\": [",
        json(&body.name),
        body.force
            .as_deref()
            .map(json)
            .unwrap_or_else(|| "null".into()),
    );
    let mut findings = 0;
    for (n, (report, answer)) in reports.iter().zip(&answers).enumerate() {
        if n > 0 {
            out.push(',');
        }
        let responses = match answer {
            Some(_) => format!("[\n        \"{}-response\"\n      ]", report.slug),
            None => "[]".into(),
        };
        let _ = write!(
            out,
            "\n    {{\n      \"slug\": \"{slug}\",\n      \"title\": {title},\n      \"published\": \"{published}\",\n      \"type\": \"{kind}\",\n      \"sector\": \"{sector}\",\n      \"themes\": [\n        \"{theme}\"\n      ],\n      \"url\": \"https://www.justiceinspectorates.gov.uk/hmicfrs/publications/{slug}/\",\n      \"page_url\": \"{base}reports/{slug}/\",\n      \"deadline\": null,\n      \"response_status\": \"no-deadline\",\n      \"days_late\": null,\n      \"days_left\": null,\n      \"responses\": {responses},\n      \"grades\": [],\n      \"findings\": [",
            slug = report.slug,
            title = json(&report.title),
            published = report.published.iso(),
            kind = report.kind,
            sector = if report.fire { "fire" } else { "police" },
            theme = report.theme,
        );
        for f in 0..options.findings_per_report {
            if f > 0 {
                out.push(',');
            }
            let due = report.published.plus_days(rng.between(120, 540) as i64);
            let status = *rng.pick(&["open", "in-progress", "closed", "closed"]);
            let _ = write!(
                out,
                "\n        {{\n          \"id\": \"R{}\",\n          \"kind\": \"recommendation\",\n          \"applies\": true,\n          \"due\": \"{due}\",\n          \"due_as_written\": \"{due}\",\n          \"status\": \"{status}\",\n          \"closed\": {closed},\n          \"overdue\": false\n        }}",
                f + 1,
                due = due.iso(),
                closed = status == "closed",
            );
            findings += 1;
        }
        out.push_str(if options.findings_per_report > 0 {
            "\n      ]\n    }"
        } else {
            "]\n    }"
        });
    }
    out.push_str("\n  ],\n  \"responses\": [");
    let mut responses = 0;
    for (report, answer) in reports.iter().zip(&answers) {
        let Some(day) = answer else { continue };
        if responses > 0 {
            out.push(',');
        }
        let date = report.published.plus_days(day - 1);
        let _ = write!(
            out,
            "\n    {{\n      \"slug\": \"{slug}-response\",\n      \"reports\": [\n        \"{slug}\"\n      ],\n      \"date\": \"{date}\",\n      \"published\": null,\n      \"url\": \"/hmicfrs/responses/{slug}-response/\",\n      \"page_url\": \"{base}responses/{slug}-response/\"\n    }}",
            slug = report.slug,
            date = date.iso(),
        );
        responses += 1;
    }
    out.push_str("\n  ]\n}\n");
    (out, responses, findings)
}

fn config(bodies: &[Body]) -> String {
    let mut out = String::from(
        "# A generated national site (corpus generate --national), for benchmarks and tests.\n\
         title = \"Responses to HMICFRS, nationally\"\n\
         base_url = \"https://national.example.org/\"\n\
         language = \"en-GB\"\n\
         organisation = \"Association of Commissioners\"\n\
         theme = \"default\"\n\n\
         [deadline]\ndays = 56\nfrom = 2017-05-02\n",
    );
    for body in bodies {
        let _ = write!(
            out,
            "\n[[sources]]\nkey = \"{}\"\nname = {}\narchive = \"sources/{}.json\"\n",
            body.key,
            json(&body.name),
            body.key
        );
    }
    out
}

/// Every file of the national site, in a fixed order, and what it holds.
pub fn national_files(options: &NationalOptions) -> (Vec<GeneratedFile>, NationalSummary) {
    let bodies = bodies(options);
    let police = national_reports(options, false);
    let fire = national_reports(options, true);
    let sources: Vec<(GeneratedFile, usize, usize)> = (bodies.par_iter().enumerate())
        .map(|(at, body)| {
            let national = if body.fire { &fire } else { &police };
            let (text, responses, findings) = archive_json(options, at, body, national);
            let file = GeneratedFile {
                path: format!("sources/{}.json", body.key),
                bytes: text.into_bytes(),
            };
            (file, responses, findings)
        })
        .collect();
    let has_fire = bodies.iter().any(|b| b.fire);
    let has_police = bodies.iter().any(|b| !b.fire);
    let summary = NationalSummary {
        bodies: bodies.len(),
        reports: options.own_reports * bodies.len()
            + options.national_reports * (usize::from(has_fire) + usize::from(has_police)),
        responses: sources.iter().map(|s| s.1).sum(),
        findings: sources.iter().map(|s| s.2).sum(),
        files: 2 + sources.len(),
        bytes: sources.iter().map(|s| s.0.bytes.len() as u64).sum(),
    };
    let mut files = vec![
        GeneratedFile {
            path: "config.toml".into(),
            bytes: config(&bodies).into_bytes(),
        },
        GeneratedFile {
            path: "content/themes.toml".into(),
            bytes: b"[national]\ntitle = \"National inspections\"\ndescription = \"Reports every office is expected to answer.\"\n".to_vec(),
        },
    ];
    files.extend(sources.into_iter().map(|s| s.0));
    (files, summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> NationalOptions {
        NationalOptions {
            seed: 3,
            police_bodies: 3,
            fire_bodies: 1,
            national_reports: 5,
            own_reports: 4,
            findings_per_report: 2,
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_files_and_the_counts_add_up() {
        let (files, summary) = national_files(&small());
        assert_eq!(files, national_files(&small()).0);
        assert_eq!(summary.bodies, 4);
        // Five police and five fire national reports, four of each body's own.
        assert_eq!(summary.reports, 5 + 5 + 4 * 4);
        assert_eq!(summary.findings, 4 * (5 + 4) * 2);
        assert_eq!(files.len(), 2 + 4);
        let config = String::from_utf8_lossy(&files[0].bytes);
        assert_eq!(config.matches("[[sources]]").count(), 4);
        assert!(config.contains("archive = \"sources/fire-01.json\""));
    }

    #[test]
    fn strings_are_json_strings() {
        assert_eq!(json("a \"b\" \\ \n"), "\"a \\\"b\\\" \\\\ \\u000a\"");
    }
}
