//! Responses: planning the letters that answer reports, writing them, and their PDF attachments.

use std::fmt::Write as _;

use crate::dates::Date;

use super::body::Body;
use super::plan::{FIRST_DAY, LAST_DAY, Plan};
use super::reports::{Kind, ReportPlan};
use super::rng::{Rng, STREAM_RESPONSE};
use super::words::{AUTHORS, home_secretary, quote};

pub(super) struct ResponsePlan {
    pub(super) slug: String,
    /// Indices into `Plan::reports`; two for a letter answering two reports.
    pub(super) reports: Vec<usize>,
    pub(super) date: Option<Date>,
    pub(super) published: Option<Date>,
    /// Finding ids explained, from every report answered.
    pub(super) addresses: Vec<String>,
    pub(super) attachment: Option<String>,
}

impl Plan {
    pub(super) fn response_file(&self, index: usize) -> String {
        let response = &self.responses[index];
        let mut rng = Rng::for_item(self.seed, STREAM_RESPONSE, index);
        let first = &self.reports[response.reports[0]];
        let mut out = String::with_capacity(10_000);
        out.push_str("+++\n");
        let slugs: Vec<String> = response
            .reports
            .iter()
            .map(|&r| quote(&self.reports[r].slug))
            .collect();
        if slugs.len() == 1 {
            let _ = writeln!(out, "report = {}", slugs[0]);
        } else {
            let _ = writeln!(out, "report = [{}]", slugs.join(", "));
        }
        if let Some(date) = response.date {
            let _ = writeln!(out, "date = {}", date.iso());
        }
        if let Some(published) = response.published {
            let _ = writeln!(out, "published = {}", published.iso());
        }
        let when = response.date.unwrap_or(first.published);
        let author = AUTHORS[match when.year() {
            ..=2016 => 0,
            2017..=2023 => 1,
            _ => 2,
        }];
        let to = if first.fire {
            "Sir Andy Cooke, HM Chief Inspector of Fire & Rescue Services".to_string()
        } else {
            home_secretary(when).to_string()
        };
        let _ = writeln!(out, "author = \"{author}\"");
        let _ = writeln!(
            out,
            "role = \"Police, Fire and Crime Commissioner for Essex\"\nto = {}",
            quote(&to)
        );
        let chief = if first.fire {
            "Chief Fire Officer, Essex County Fire and Rescue Service"
        } else {
            "Chief Constable, Essex Police"
        };
        let _ = writeln!(out, "cc = [\"{chief}\", \"HMICFRS\"]");
        if rng.percent(60) {
            let _ = writeln!(out, "our_ref = \"PFCC/{}/{index}\"", when.year());
        }
        let addresses: Vec<String> = response.addresses.iter().map(|id| quote(id)).collect();
        let _ = writeln!(out, "addresses = [{}]", addresses.join(", "));
        if let Some(file) = &response.attachment {
            let _ = write!(
                out,
                "\n[[attachments]]\nfile = \"{file}\"\ntitle = \"Signed letter\"\n"
            );
        }
        out.push_str("+++\n");
        let themes = self.themes_of(first);
        let words = rng.between(300, 1500);
        let mut body = Body::new(&mut rng, words);
        let salutation = if first.fire {
            "Dear Sir Andy,"
        } else {
            "Dear Home Secretary,"
        };
        let titles: Vec<&str> = response
            .reports
            .iter()
            .map(|&r| self.reports[r].title.as_str())
            .collect();
        body.line(salutation);
        body.line(&format!(
            "I write in response to the HMICFRS report{}: {}.",
            if titles.len() > 1 { "s" } else { "" },
            titles.join("; and ")
        ));
        body.paragraph(&themes);
        for id in &response.addresses {
            body.heading(&finding_heading(id));
            body.paragraph(&themes);
            if body.rng.percent(30) {
                body.bullet_list();
            }
        }
        if !response.addresses.is_empty() && body.rng.percent(50) {
            body.progress_table(&response.addresses);
        }
        body.heading("Scrutiny and next steps");
        while body.wants(1.0) {
            body.paragraph(&themes);
            if body.rng.percent(10) {
                body.numbered_list();
            }
        }
        if body.rng.percent(4) {
            body.code_block(when.year());
        }
        body.links(self, first);
        body.line("Yours sincerely,");
        body.line(&format!(
            "{author}  \nPolice, Fire and Crime Commissioner for Essex"
        ));
        out.push_str(&body.text);
        out
    }
}

/// A letter answering `answered`, or `None` when it would be dated after the archive ends.
pub(super) fn plan_response(
    rng: &mut Rng,
    reports: &[ReportPlan],
    answered: &[usize],
    letter: usize,
) -> Option<ResponsePlan> {
    let published = answered
        .iter()
        .map(|&r| reports[r].published)
        .max()
        .unwrap_or(FIRST_DAY);
    let days = match rng.below(100) {
        0..=79 => rng.between(14, 55),
        _ => rng.between(56, 240),
    } + letter * rng.between(30, 200);
    let date = published.plus_days(days as i64);
    if date > LAST_DAY {
        return None;
    }
    let undated = rng.percent(3);
    let online = (!undated && rng.percent(20)).then(|| date.plus_days(rng.between(0, 10) as i64));
    let mut addresses = Vec::new();
    for &report in answered {
        for finding in &reports[report].findings {
            let explain = match (finding.kind, finding.applies) {
                (Kind::Recommendation, true) => !rng.percent(4),
                (Kind::InnovativePractice, _) => false,
                _ => rng.percent(30),
            };
            if explain && !addresses.contains(&finding.id) {
                addresses.push(finding.id.clone());
            }
        }
    }
    let slug = format!(
        "{}-response{}",
        reports[answered[0]].slug,
        if letter == 0 {
            String::new()
        } else {
            format!("-{}", letter + 1)
        }
    );
    let attachment = (!undated && rng.percent(5))
        .then(|| format!("files/{}-{slug}.pdf", date.iso().replace('-', "")));
    Some(ResponsePlan {
        slug,
        reports: answered.to_vec(),
        date: (!undated).then_some(date),
        published: online.filter(|d| *d <= LAST_DAY),
        addresses,
        attachment,
    })
}

/// "R3" → "Recommendation 3", "AFI2" → "Area for improvement 2".
fn finding_heading(id: &str) -> String {
    let digits = id.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let label = match &id[..id.len() - digits.len()] {
        "R" => "Recommendation",
        "AFI" => "Area for improvement",
        "CoC" => "Cause of concern",
        _ => "Finding",
    };
    format!("{label} {digits}")
}

/// A small, valid PDF naming the letter, so attachments have something real to copy.
pub(super) fn fake_pdf(name: &str) -> Vec<u8> {
    let text = name.replace(['(', ')', '\\'], "");
    format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n4 0 obj << /Length {} >> stream\nBT /F1 12 Tf 72 770 Td ({text}) Tj ET\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        text.len() + 33
    )
    .into_bytes()
}
