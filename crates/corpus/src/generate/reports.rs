//! Reports and their findings: planning each report, then writing its front matter and body.

use std::fmt::Write as _;

use crate::dates::Date;

use super::GenerateOptions;
use super::body::Body;
use super::plan::{DAYS, FIRST_DAY, LAST_DAY, Plan};
use super::rng::{Rng, STREAM_REPORT};
use super::site::{BASE_THEMES, ThemePlan};
use super::words::{
    ACTIONS, CLAUSES, NOTES, OBJECTS, SUBJECTS, VERBS, capitalise, lowercase_first, quote,
};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Recommendation,
    CauseOfConcern,
    AreaForImprovement,
    InnovativePractice,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Recommendation => "recommendation",
            Kind::CauseOfConcern => "cause-of-concern",
            Kind::AreaForImprovement => "area-for-improvement",
            Kind::InnovativePractice => "innovative-practice",
        }
    }
}

pub(super) struct FindingPlan {
    pub(super) id: String,
    pub(super) kind: Kind,
    pub(super) applies: bool,
}

pub(super) struct ReportPlan {
    pub(super) slug: String,
    pub(super) title: String,
    pub(super) published: Date,
    pub(super) kind: &'static str,
    pub(super) fire: bool,
    /// Indices into `Plan::themes`.
    pub(super) themes: Vec<usize>,
    pub(super) findings: Vec<FindingPlan>,
    pub(super) follows_up: Option<usize>,
    pub(super) statutory: Option<bool>,
    /// Indices into `Plan::responses`.
    pub(super) responses: Vec<usize>,
}

impl Plan {
    pub(super) fn report_file(&self, index: usize) -> String {
        let report = &self.reports[index];
        let mut rng = Rng::for_item(self.seed, STREAM_REPORT, index);
        let mut out = String::with_capacity(12_000);
        out.push_str("+++\n");
        let _ = writeln!(out, "title = {}", quote(&report.title));
        let _ = writeln!(out, "published = {}", report.published.iso());
        let _ = writeln!(out, "type = \"{}\"", report.kind);
        let _ = writeln!(
            out,
            "sector = \"{}\"",
            if report.fire { "fire" } else { "police" }
        );
        let themes: Vec<String> = report
            .themes
            .iter()
            .map(|&t| quote(&self.themes[t].slug))
            .collect();
        let _ = writeln!(out, "themes = [{}]", themes.join(", "));
        let _ = writeln!(
            out,
            "url = \"https://www.justiceinspectorates.gov.uk/hmicfrs/publications/{}/\"",
            report.slug
        );
        let summary = format!(
            "HMICFRS published {} on {}. {}",
            lowercase_first(&report.title),
            report.published.long(),
            finding_count_sentence(&report.findings)
        );
        let _ = writeln!(out, "summary = {}", quote(&summary));
        if let Some(statutory) = report.statutory {
            let _ = writeln!(out, "statutory = {statutory}");
        }
        if let Some(earlier) = report.follows_up {
            let _ = writeln!(out, "follows_up = \"{}\"", self.reports[earlier].slug);
        }
        for finding in &report.findings {
            self.write_finding(&mut out, &mut rng, report, finding);
        }
        out.push_str("+++\n");
        let themes = self.themes_of(report);
        let words = rng.between(300, 1500);
        let mut body = Body::new(&mut rng, words);
        body.paragraph(&themes);
        body.heading("What HMICFRS found");
        while body.wants(0.35) {
            body.paragraph(&themes);
        }
        if report.kind == "peel" || body.rng.percent(30) {
            body.grades_table();
        }
        if !report.findings.is_empty() {
            body.heading(if report.findings.len() == 1 {
                "The finding"
            } else {
                "The findings"
            });
            body.findings_list(report);
        }
        body.heading("What this means for Essex");
        while body.wants(0.7) {
            body.paragraph(&themes);
            if body.rng.percent(25) {
                body.bullet_list();
            }
        }
        if body.rng.percent(40) {
            body.crime_table(report.published.year());
        }
        if body.rng.percent(6) {
            body.code_block(report.published.year());
        }
        body.heading("Next steps");
        while body.wants(1.0) {
            body.paragraph(&themes);
        }
        body.links(self, report);
        out.push_str(&body.text);
        out
    }

    fn write_finding(
        &self,
        out: &mut String,
        rng: &mut Rng,
        report: &ReportPlan,
        finding: &FindingPlan,
    ) {
        let action = rng.pick(ACTIONS);
        let due = (finding.kind == Kind::Recommendation && rng.percent(70))
            .then(|| report.published.plus_days(rng.between(120, 540) as i64));
        let text = match (finding.kind, due) {
            (Kind::Recommendation, Some(due)) => {
                format!("By {}, chief constables should {action}.", due.long())
            }
            (Kind::Recommendation, None) => format!("Chief constables should {action}."),
            (Kind::CauseOfConcern, _) => format!(
                "The force does not do enough to {action}. To address this, it should {action} within six months."
            ),
            (Kind::AreaForImprovement, _) => format!("The force should {action}."),
            (Kind::InnovativePractice, _) => format!(
                "The force has found an innovative way to {action}, which other forces could learn from."
            ),
        };
        let addressed_to = match (finding.kind, finding.applies) {
            (Kind::Recommendation, true) => {
                *rng.pick(&["chief-constables", "chief-constables", "pccs"])
            }
            (Kind::Recommendation, false) => {
                *rng.pick(&["home-office", "npcc", "college-of-policing"])
            }
            _ => "essex-police",
        };
        let _ = write!(
            out,
            "\n[[findings]]\nid = \"{}\"\nkind = \"{}\"\ntext = {}\naddressed_to = [\"{addressed_to}\"]\n",
            finding.id,
            finding.kind.word(),
            quote(&text)
        );
        if !finding.applies {
            out.push_str("applies = false\nstatus = \"not-applicable\"\n");
            return;
        }
        if finding.kind == Kind::InnovativePractice {
            return;
        }
        if rng.percent(70) {
            out.push_str("owner = \"Essex Police\"\n");
        }
        if let Some(due) = due {
            let _ = writeln!(out, "due = {}", due.iso());
        }
        let mut date = report.published;
        let mut stage = 0;
        for _ in 0..rng.below(4) {
            date = date.plus_days(rng.between(20, 200) as i64);
            if date > LAST_DAY {
                break;
            }
            stage = (stage + rng.between(0, 1)).min(3);
            let status = [
                "in-progress",
                "in-progress",
                "proposed-for-closure",
                "closed",
            ][stage];
            let _ = write!(
                out,
                "\n[[findings.updates]]\ndate = {}\nstatus = \"{status}\"\nnote = {}\n",
                date.iso(),
                quote(&note(rng))
            );
        }
    }
}

pub(super) fn plan_report(
    rng: &mut Rng,
    options: &GenerateOptions,
    themes: &[ThemePlan],
    index: usize,
) -> ReportPlan {
    let published = FIRST_DAY.plus_days(rng.below(DAYS) as i64);
    let year = published.year();
    let kind = match rng.below(100) {
        0..=11 => "fire",
        12..=26 => "peel",
        27..=46 => "force",
        47..=71 => "national-thematic",
        72..=81 => "joint",
        82..=86 => "regional",
        87..=94 => "revisit",
        _ => "other",
    };
    let fire = kind == "fire";
    let fire_theme = themes.iter().position(|t| t.base == 5);
    let peel_theme = themes.iter().position(|t| t.base == 6);
    let mut chosen = Vec::new();
    match (kind, fire_theme, peel_theme) {
        ("fire", Some(theme), _) | ("peel", _, Some(theme)) => chosen.push(theme),
        _ => {}
    }
    for _ in 0..rng.between(1, 3) {
        let theme = rng.below(themes.len());
        if !chosen.contains(&theme) {
            chosen.push(theme);
        }
    }
    let topic = *rng.pick(BASE_THEMES[themes[chosen[0]].base].3);
    let title = match kind {
        "fire" => format!("Essex County Fire and Rescue Service: an inspection of {topic} {year}"),
        "peel" => format!(
            "PEEL {year}/{:02}: an inspection of Essex Police",
            (year + 1) % 100
        ),
        "force" => format!("An inspection of {topic} in Essex Police"),
        "national-thematic" => format!("An inspection of {topic}"),
        "joint" => format!("A joint thematic inspection of {topic}"),
        "regional" => {
            format!("An inspection of the Eastern Region Special Operations Unit: {topic}")
        }
        "revisit" => format!("A revisit of {topic}"),
        _ => format!("{}: a review of progress", capitalise(topic)),
    };
    let prefix = match kind {
        "peel" => "peel",
        "fire" => "fire-inspection",
        _ => themes[chosen[0]].slug.as_str(),
    };
    let slug = format!("{prefix}-{year}-{index}");
    let count = options
        .findings_per_report
        .unwrap_or_else(|| rng.between(0, 6));
    let mut numbers = [0usize; 4];
    let findings = (0..count)
        .map(|_| {
            let kind = match (kind, rng.below(100)) {
                ("peel" | "fire" | "force", 0..=64) => Kind::AreaForImprovement,
                ("peel" | "fire" | "force", 65..=79) => Kind::CauseOfConcern,
                (_, 0..=79) => Kind::Recommendation,
                (_, 80..=94) => Kind::AreaForImprovement,
                _ => Kind::InnovativePractice,
            };
            let (slot, prefix) = match kind {
                Kind::Recommendation => (0, "R"),
                Kind::CauseOfConcern => (1, "CoC"),
                Kind::AreaForImprovement => (2, "AFI"),
                Kind::InnovativePractice => (3, "IP"),
            };
            numbers[slot] += 1;
            FindingPlan {
                id: format!("{prefix}{}", numbers[slot]),
                kind,
                applies: kind != Kind::Recommendation || rng.percent(75),
            }
        })
        .collect();
    let follows_up = (kind == "revisit" && index > 0).then(|| rng.below(index));
    let statutory = rng.percent(2).then(|| rng.percent(50));
    ReportPlan {
        slug,
        title,
        published,
        kind,
        fire,
        themes: chosen,
        findings,
        follows_up,
        statutory,
        responses: Vec::new(),
    }
}

/// One to three sentences of progress, as an update's note.
fn note(rng: &mut Rng) -> String {
    let mut text = (*rng.pick(NOTES)).to_string();
    for _ in 0..rng.below(3) {
        let _ = write!(
            text,
            " {} {} {}{}.",
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(CLAUSES)
        );
    }
    text
}

fn finding_count_sentence(findings: &[FindingPlan]) -> String {
    let count = |kind: Kind| findings.iter().filter(|f| f.kind == kind).count();
    let parts: Vec<String> = [
        (Kind::Recommendation, "recommendation"),
        (Kind::CauseOfConcern, "cause of concern"),
        (Kind::AreaForImprovement, "area for improvement"),
    ]
    .iter()
    .filter(|(kind, _)| count(*kind) > 0)
    .map(|(kind, noun)| {
        let n = count(*kind);
        let noun = if n == 1 {
            (*noun).to_string()
        } else if noun.starts_with("area") {
            "areas for improvement".to_string()
        } else if noun.starts_with("cause") {
            "causes of concern".to_string()
        } else {
            format!("{noun}s")
        };
        format!("{n} {noun}")
    })
    .collect();
    if parts.is_empty() {
        "It made no recommendations.".into()
    } else {
        format!("It made {}.", parts.join(" and "))
    }
}
