//! The national view assembled: each source's reports matched into one report by their
//! normalised HMICFRS address (else by title and publication date), the bodies expected to
//! respond to each, and every response placed under its report; disagreeing dates or titles
//! for one address are warnings naming both sources.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::archive::national::{National, NationalBody, NationalReport, NationalResponse};
use crate::archive::{Report, SourceConfig};
use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Position};
use crate::document::slugify;
use crate::national::{SourceData, TitleKey, report_address_key, title_key};
use crate::vocabulary::{ReportType, Sector};

/// One report as one source (or the site's own `content/`) gives it.
struct Member<'a> {
    /// A body, by place in `config.toml`; `None` for the site's own content.
    body: Option<usize>,
    file: &'a Path,
    line: Option<usize>,
    /// Its slug where it comes from: the content report's, or the office's.
    slug: Option<&'a str>,
    title: &'a str,
    published: Date,
    report_type: Option<ReportType>,
    sector: Option<Sector>,
    url: Option<&'a str>,
    page_url: Option<&'a str>,
}

impl Member<'_> {
    /// The member's place, for a warning: `sources/kent.csv` (line 4).
    fn place(&self) -> String {
        let file = crate::diagnostic::slash_path(self.file);
        match self.line {
            Some(line) => format!("{file} (line {line})"),
            None => file,
        }
    }

    fn warning(&self, message: String) -> Diagnostic {
        let warning = Diagnostic::warning(self.file, message);
        match self.line {
            Some(line) => warning.at(Position { line, column: 1 }),
            None => warning,
        }
    }
}

/// Reports matched so far: each a list of members, the first deciding its title and date.
#[derive(Default)]
struct Matcher<'a> {
    groups: Vec<Vec<Member<'a>>>,
    /// Each group's address key, if any member had an address.
    addresses: Vec<Option<String>>,
    by_address: HashMap<String, usize>,
    by_title: HashMap<TitleKey, usize>,
    warnings: Vec<Diagnostic>,
}

impl<'a> Matcher<'a> {
    /// Puts `member` into the report it is, or a new one; returns which.
    fn place(&mut self, member: Member<'a>) -> usize {
        let address = member.url.and_then(report_address_key);
        let title = title_key(member.title, member.published);
        let found = match &address {
            Some(key) => match self.by_address.get(key) {
                Some(&group) => {
                    self.disagreements(group, &member, key);
                    Some(group)
                }
                // A report listed by title alone so far is the same report when this one,
                // with an address, has its title and date.
                None => self
                    .by_title
                    .get(&title)
                    .copied()
                    .filter(|&group| self.addresses[group].is_none()),
            },
            None => self.by_title.get(&title).copied(),
        };
        let group = match found {
            Some(group) => group,
            None => {
                self.groups.push(Vec::new());
                self.addresses.push(None);
                self.groups.len() - 1
            }
        };
        if let Some(key) = address {
            if self.addresses[group].is_none() {
                self.by_address.insert(key.clone(), group);
                self.addresses[group] = Some(key);
            }
        }
        self.by_title.entry(title).or_insert(group);
        self.groups[group].push(member);
        group
    }

    /// Warns when `member`, at the same address as the report `group`, gives it another
    /// publication date or title.
    fn disagreements(&mut self, group: usize, member: &Member<'_>, key: &str) {
        let Some(first) = self.groups[group].first() else {
            return;
        };
        if first.published != member.published {
            self.warnings.push(member.warning(format!(
                "{} says the report at {key} was published on {}, but {} says {}",
                member.place(),
                member.published.iso(),
                first.place(),
                first.published.iso(),
            )));
        }
        if title_key(first.title, first.published).title
            != title_key(member.title, first.published).title
        {
            self.warnings.push(member.warning(format!(
                "{} titles the report at {key} \"{}\", but {} titles it \"{}\"",
                member.place(),
                member.title,
                first.place(),
                first.title,
            )));
        }
    }
}

/// Matches the sources' reports with each other and with the site's own `reports`, and
/// places every response. `sources` are in any order; each names its `[[sources]]` table.
pub(super) fn assemble(
    configs: &[SourceConfig],
    mut sources: Vec<SourceData>,
    reports: &[Report],
) -> (National, Vec<Diagnostic>) {
    sources.sort_by_key(|source| source.entry);
    let bodies: Vec<NationalBody> = configs
        .iter()
        .enumerate()
        .map(|(at, config)| {
            let source = sources.iter().find(|source| source.entry == at);
            NationalBody {
                key: config.key.clone(),
                name: config.name.clone(),
                source: config.file.clone(),
                site: source.and_then(|source| source.site.clone()),
                police: source.is_some_and(SourceData::is_police),
            }
        })
        .collect();

    let mut matcher = Matcher::default();
    for report in reports {
        matcher.place(Member {
            body: None,
            file: &report.source,
            line: None,
            slug: Some(&report.slug),
            title: &report.title,
            published: report.published,
            report_type: Some(report.report_type),
            sector: Some(report.sector),
            url: report.url.as_deref(),
            page_url: None,
        });
    }
    // Where each source's reports went: `placed[source][report]`.
    let mut placed: Vec<Vec<usize>> = Vec::with_capacity(sources.len());
    for source in &sources {
        let groups = source
            .reports
            .iter()
            .map(|report| {
                matcher.place(Member {
                    body: Some(source.entry),
                    file: &source.file,
                    line: report.line,
                    slug: report.slug.as_deref(),
                    title: &report.title,
                    published: report.published,
                    report_type: report.report_type,
                    sector: report.sector,
                    url: report.url.as_deref(),
                    page_url: report.page_url.as_deref(),
                })
            })
            .collect();
        placed.push(groups);
    }

    let Matcher {
        groups, warnings, ..
    } = matcher;
    let slugs = slugs_of(&groups);
    let mut national_reports: Vec<NationalReport> = groups
        .iter()
        .zip(slugs)
        .map(|(members, slug)| report_of(members, slug, &bodies))
        .collect();
    // Newest first; `order[group]` is where each report went.
    let mut sorted: Vec<usize> = (0..national_reports.len()).collect();
    sorted.sort_by(|&a, &b| {
        let (a, b) = (&national_reports[a], &national_reports[b]);
        b.published
            .cmp(&a.published)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let mut order = vec![0; sorted.len()];
    for (place, &group) in sorted.iter().enumerate() {
        order[group] = place;
    }
    let mut taken: Vec<Option<NationalReport>> = national_reports.drain(..).map(Some).collect();
    let mut national_reports: Vec<NationalReport> = sorted
        .iter()
        .filter_map(|&group| taken[group].take())
        .collect();

    let mut responses = Vec::new();
    for (source, groups) in sources.iter().zip(&placed) {
        for response in &source.responses {
            for &report in &response.reports {
                let Some(&group) = groups.get(report) else {
                    continue;
                };
                responses.push(NationalResponse {
                    body: source.entry,
                    report: order[group],
                    date: response.date,
                    published: response.published,
                    page_url: response.page_url.clone(),
                });
            }
        }
    }
    responses.sort_by(|a, b| {
        (
            a.report,
            a.body,
            a.counting_date().is_none(),
            a.counting_date(),
        )
            .cmp(&(
                b.report,
                b.body,
                b.counting_date().is_none(),
                b.counting_date(),
            ))
    });
    for (at, response) in responses.iter().enumerate() {
        national_reports[response.report].responses.push(at);
    }
    let national = National {
        bodies,
        reports: national_reports,
        responses,
    };
    (national, warnings)
}

/// The report a group of members is: the first member's title, date and address, the first
/// type and sector any gives, and who is expected to respond.
fn report_of(members: &[Member<'_>], slug: String, bodies: &[NationalBody]) -> NationalReport {
    let first = &members[0];
    let report_type = members
        .iter()
        .find_map(|m| m.report_type)
        .unwrap_or(ReportType::Other);
    let sector = members
        .iter()
        .find_map(|m| m.sector)
        .unwrap_or(Sector::Police);
    let mut listed_by: Vec<(usize, Option<String>)> = Vec::new();
    for member in members {
        if let Some(body) = member.body {
            if !listed_by.iter().any(|(listed, _)| *listed == body) {
                listed_by.push((body, member.page_url.map(str::to_string)));
            }
        }
    }
    let everyone = report_type == ReportType::NationalThematic && sector == Sector::Police;
    let expected: Vec<usize> = (0..bodies.len())
        .filter(|&body| {
            (everyone && bodies[body].police) || listed_by.iter().any(|(b, _)| *b == body)
        })
        .collect();
    NationalReport {
        slug,
        title: first.title.to_string(),
        published: first.published,
        report_type,
        sector,
        url: members.iter().find_map(|m| m.url).map(str::to_string),
        in_content: first.body.is_none(),
        expected,
        listed_by,
        responses: Vec::new(),
    }
}

/// Each report's slug: the site's own report's, else the first office's, else made from the
/// title; one taken already gets `-2`, `-3`... The site's own reports' slugs are taken first.
fn slugs_of(groups: &[Vec<Member<'_>>]) -> Vec<String> {
    let mut taken: HashSet<String> = groups
        .iter()
        .filter(|members| members[0].body.is_none())
        .filter_map(|members| members[0].slug.map(str::to_string))
        .collect();
    groups
        .iter()
        .map(|members| {
            let first = &members[0];
            if first.body.is_none() {
                return first.slug.unwrap_or_default().to_string();
            }
            // A slug from a source is untrusted: a folder name, so a slug and not too long.
            let fits = |slug: &&str| crate::document::is_slug(slug) && slug.len() <= MAX_SLUG;
            let wanted = members
                .iter()
                .find_map(|m| m.slug.filter(fits))
                .map(str::to_string)
                .unwrap_or_else(|| slug_of_title(first.title));
            let mut slug = wanted.clone();
            let mut n = 2;
            while taken.contains(&slug) {
                slug = format!("{wanted}-{n}");
                n += 1;
            }
            taken.insert(slug.clone());
            slug
        })
        .collect()
}

/// The longest slug a national report gets from a source: a folder name well within any file
/// system's limit.
const MAX_SLUG: usize = 80;

/// A slug made from a title, cut at a hyphen to at most [`MAX_SLUG`] characters.
fn slug_of_title(title: &str) -> String {
    let slug = slugify(title);
    let mut cut = slug.as_str();
    while cut.len() > MAX_SLUG {
        cut = match cut[..MAX_SLUG].rfind('-') {
            Some(at) => &cut[..at],
            None => &cut[..MAX_SLUG],
        };
    }
    match cut {
        "" => "report".to_string(),
        cut => cut.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::national::{SourceFormat, SourceReport, SourceResponse, SourceSite};

    const PEEL: &str = "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/peel/";

    fn day(d: i8) -> Date {
        Date::constant(2023, 3, d)
    }

    fn report(title: &str, published: Date, url: Option<&str>, kind: ReportType) -> SourceReport {
        SourceReport {
            line: None,
            slug: Some(slugify(title)),
            title: title.into(),
            published,
            report_type: Some(kind),
            sector: Some(Sector::Police),
            url: url.map(str::to_string),
            page_url: Some(format!("https://x.example/{}/", slugify(title))),
        }
    }

    fn answer(report: usize, date: Date) -> SourceResponse {
        SourceResponse {
            line: None,
            reports: vec![report],
            date: Some(date),
            published: None,
            page_url: format!("https://x.example/r{report}/"),
        }
    }

    fn source(entry: usize, reports: Vec<SourceReport>, police: bool) -> SourceData {
        let responses = (0..reports.len()).map(|r| answer(r, day(20))).collect();
        SourceData {
            entry,
            file: PathBuf::from(format!("sources/{entry}.json")),
            format: SourceFormat::Archive,
            site: Some(SourceSite {
                title: "T".into(),
                organisation: "O".into(),
                force: police.then(|| "F".into()),
                base_url: "https://x.example/".into(),
                language: "en-GB".into(),
            }),
            reports,
            responses,
        }
    }

    fn configs(n: usize) -> Vec<SourceConfig> {
        (0..n)
            .map(|i| SourceConfig {
                key: format!("b{i}"),
                name: format!("Body {i}"),
                file: PathBuf::from(format!("sources/{i}.json")),
                format: SourceFormat::Archive,
            })
            .collect()
    }

    #[test]
    fn reports_at_one_address_in_any_form_are_one_report() {
        let other_form = "http://hmicfrs.justiceinspectorates.gov.uk/publications/peel?x=1#y";
        let sources = vec![
            source(
                0,
                vec![report("PEEL", day(8), Some(PEEL), ReportType::Peel)],
                true,
            ),
            source(
                1,
                vec![report("PEEL", day(8), Some(other_form), ReportType::Peel)],
                true,
            ),
            // Another report altogether.
            source(
                2,
                vec![report("Other", day(8), None, ReportType::Force)],
                true,
            ),
        ];
        let (national, warnings) = assemble(&configs(3), sources, &[]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(national.reports.len(), 2);
        let peel = national
            .reports
            .iter()
            .find(|r| r.title == "PEEL")
            .expect("peel");
        assert_eq!(peel.expected, vec![0, 1]);
        assert_eq!(peel.responses.len(), 2);
        assert_eq!(peel.url.as_deref(), Some(PEEL));
    }

    #[test]
    fn without_an_address_title_and_date_match() {
        let sources = vec![
            source(
                0,
                vec![report(
                    "Vetting: an inspection",
                    day(8),
                    Some(PEEL),
                    ReportType::Force,
                )],
                true,
            ),
            source(
                1,
                vec![report(
                    "VETTING - an inspection.",
                    day(8),
                    None,
                    ReportType::Force,
                )],
                true,
            ),
            // Same title, another day: another report.
            source(
                2,
                vec![report(
                    "Vetting: an inspection",
                    day(9),
                    None,
                    ReportType::Force,
                )],
                true,
            ),
        ];
        let (national, _) = assemble(&configs(3), sources, &[]);
        assert_eq!(national.reports.len(), 2);
        assert_eq!(national.reports[1].expected, vec![0, 1]);
        assert_eq!(national.reports[0].expected, vec![2]);
        // Slugs are unique: the second "vetting" report gets -2.
        assert_eq!(national.reports[1].slug, "vetting-an-inspection");
        assert_eq!(national.reports[0].slug, "vetting-an-inspection-2");
    }

    #[test]
    fn a_disagreeing_date_or_title_at_one_address_is_a_warning_naming_both_sources() {
        let sources = vec![
            source(
                0,
                vec![report("PEEL", day(8), Some(PEEL), ReportType::Peel)],
                true,
            ),
            source(
                1,
                vec![report("PEEL 2023", day(9), Some(PEEL), ReportType::Peel)],
                true,
            ),
        ];
        let (national, warnings) = assemble(&configs(2), sources, &[]);
        assert_eq!(national.reports.len(), 1);
        let messages: Vec<(&Path, &str)> = warnings
            .iter()
            .map(|w| (w.file.as_path(), w.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            vec![
                (
                    Path::new("sources/1.json"),
                    "sources/1.json says the report at \
                     justiceinspectorates.gov.uk/hmicfrs/publications/peel was published on \
                     2023-03-09, but sources/0.json says 2023-03-08"
                ),
                (
                    Path::new("sources/1.json"),
                    "sources/1.json titles the report at \
                     justiceinspectorates.gov.uk/hmicfrs/publications/peel \"PEEL 2023\", but \
                     sources/0.json titles it \"PEEL\""
                ),
            ]
        );
        assert!(warnings.iter().all(|w| !w.is_error()));
    }

    #[test]
    fn a_national_thematic_police_report_is_expected_of_every_police_body() {
        let thematic = report("Thematic", day(8), Some(PEEL), ReportType::NationalThematic);
        let own = report("Own force", day(8), None, ReportType::Force);
        let sources = vec![
            source(0, vec![thematic.clone()], true),
            // A police body whose archive does not list it is still expected.
            source(1, vec![own], true),
            // A fire body is not.
            {
                let mut fire = report("Fire", day(8), None, ReportType::Fire);
                fire.sector = Some(Sector::Fire);
                source(2, vec![fire], false)
            },
        ];
        let (national, _) = assemble(&configs(3), sources, &[]);
        let of = |title: &str| {
            let report = national
                .reports
                .iter()
                .find(|r| r.title == title)
                .expect(title);
            report.expected.clone()
        };
        assert_eq!(of("Thematic"), vec![0, 1]);
        assert_eq!(of("Own force"), vec![1]);
        assert_eq!(of("Fire"), vec![2]);
        assert!(!national.bodies[2].police);
    }

    #[test]
    fn slugs_from_titles_are_cut_short_and_never_empty() {
        assert_eq!(slug_of_title("!!!"), "report");
        let long = "word ".repeat(40);
        let slug = slug_of_title(&long);
        assert!(slug.len() <= MAX_SLUG && !slug.ends_with('-'), "{slug}");
    }
}
