//! Generate: writes deterministic, realistic archives of any size (reports, responses, pages,
//! themes, attachments) for benchmarks and tests. The same options always give the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::dates::Date;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateOptions {
    /// How many reports; about as many responses come with them.
    pub reports: usize,
    pub seed: u64,
    /// How many themes in `themes.toml` (15 realistic ones, then numbered variants).
    pub themes: usize,
    /// Every report gets exactly this many findings; `None` for a realistic 0–6.
    pub findings_per_report: Option<usize>,
}

impl Default for GenerateOptions {
    fn default() -> GenerateOptions {
        GenerateOptions {
            reports: 100,
            seed: 1,
            themes: BASE_THEMES.len(),
            findings_per_report: None,
        }
    }
}

/// What was generated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenerateSummary {
    pub reports: usize,
    pub responses: usize,
    pub pages: usize,
    pub findings: usize,
    /// Every file written, attachments and settings included.
    pub files: usize,
    /// Bytes of Markdown under `content/`.
    pub markdown_bytes: u64,
}

#[derive(Debug)]
pub enum GenerateError {
    /// The output folder exists and is not empty: generating would mix two archives.
    NotEmpty(PathBuf),
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenerateError::NotEmpty(path) => write!(
                f,
                "{} is not empty; choose a new folder for the generated site",
                path.display()
            ),
            GenerateError::Io { path, error } => {
                write!(f, "could not write {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for GenerateError {}

/// One file of a generated site, relative to its root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Generates the site into `out`, which must not exist or be empty.
pub fn generate(options: &GenerateOptions, out: &Path) -> Result<GenerateSummary, GenerateError> {
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |error| GenerateError::Io { path, error }
    };
    if out.exists() {
        let mut entries = fs::read_dir(out).map_err(io_error(out))?;
        if entries.next().is_some() {
            return Err(GenerateError::NotEmpty(out.to_path_buf()));
        }
    }
    let (files, summary) = generate_files(options);
    for folder in [
        "content/reports",
        "content/responses",
        "content/pages",
        "content/files",
    ] {
        let folder = out.join(folder);
        fs::create_dir_all(&folder).map_err(io_error(&folder))?;
    }
    files.par_iter().try_for_each(|file| {
        let path = out.join(&file.path);
        fs::write(&path, &file.bytes).map_err(io_error(&path))
    })?;
    Ok(summary)
}

/// Every file of the generated site, in a fixed order, and what it holds.
pub fn generate_files(options: &GenerateOptions) -> (Vec<GeneratedFile>, GenerateSummary) {
    let plan = Plan::new(options);
    let mut files = vec![
        GeneratedFile {
            path: "config.toml".into(),
            bytes: CONFIG.as_bytes().to_vec(),
        },
        GeneratedFile {
            path: "content/themes.toml".into(),
            bytes: plan.themes_toml().into_bytes(),
        },
    ];
    let reports: Vec<GeneratedFile> = (0..plan.reports.len())
        .into_par_iter()
        .map(|index| GeneratedFile {
            path: format!("content/reports/{}.md", plan.reports[index].slug),
            bytes: plan.report_file(index).into_bytes(),
        })
        .collect();
    let responses: Vec<GeneratedFile> = (0..plan.responses.len())
        .into_par_iter()
        .map(|index| GeneratedFile {
            path: format!("content/responses/{}.md", plan.responses[index].slug),
            bytes: plan.response_file(index).into_bytes(),
        })
        .collect();
    let pages: Vec<GeneratedFile> = PAGES
        .iter()
        .enumerate()
        .map(|(index, (slug, title, summary))| GeneratedFile {
            path: format!("content/pages/{slug}.md"),
            bytes: plan.page_file(index, title, summary).into_bytes(),
        })
        .collect();
    let attachments: Vec<GeneratedFile> = plan
        .responses
        .iter()
        .filter_map(|response| response.attachment.as_ref())
        .map(|file| GeneratedFile {
            path: format!("content/{file}"),
            bytes: fake_pdf(file),
        })
        .collect();
    let markdown_bytes = reports
        .iter()
        .chain(&responses)
        .chain(&pages)
        .map(|file| file.bytes.len() as u64)
        .sum();
    let summary = GenerateSummary {
        reports: reports.len(),
        responses: responses.len(),
        pages: pages.len(),
        findings: plan.reports.iter().map(|r| r.findings.len()).sum(),
        files: 2 + reports.len() + responses.len() + pages.len() + attachments.len(),
        markdown_bytes,
    };
    files.extend(reports);
    files.extend(responses);
    files.extend(pages);
    files.extend(attachments);
    (files, summary)
}

/// SplitMix64: tiny, fast and good enough to vary text; never used for anything secret.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    /// An independent stream for one item, so items can be generated in any order.
    fn for_item(seed: u64, stream: u64, index: usize) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        rng.0 ^= rng.next_u64() ^ (index as u64).wrapping_mul(0xE703_7ED1_A0B4_28DB);
        rng.next_u64();
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn percent(&mut self, chance: usize) -> bool {
        self.below(100) < chance
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const STREAM_PLAN: u64 = 1;
const STREAM_REPORT: u64 = 2;
const STREAM_RESPONSE: u64 = 3;
const STREAM_PAGE: u64 = 4;

const FIRST_DAY: Date = Date::constant(2013, 1, 1);
const LAST_DAY: Date = Date::constant(2024, 12, 31);
/// 2013 to 2024 inclusive: twelve years, three of them leap years.
const DAYS: usize = 365 * 12 + 3;

/// Its first line still names the command that wrote it before the generator left scrutiny's
/// binary: the same seed gives the same bytes as it always has.
const CONFIG: &str = r#"# A generated archive (scrutiny generate), for benchmarks and tests.
title = "HMICFRS inspections and our responses"
base_url = "https://www.example.org/hmicfrs/"
language = "en-GB"
organisation = "Police, Fire and Crime Commissioner for Essex"
force = "Essex Police"
theme = "default"

[deadline]
days = 56
from = 2017-05-02
"#;

/// (slug, title, description, topics used in report titles).
const BASE_THEMES: &[(&str, &str, &str, &[&str])] = &[
    (
        "serious-organised-crime",
        "Serious and organised crime",
        "How the police and regional organised crime units tackle and disrupt serious and organised crime.",
        &[
            "the police response to serious and organised crime",
            "how regional organised crime units disrupt organised crime groups",
            "the police approach to modern slavery and human trafficking",
        ],
    ),
    (
        "serious-violence",
        "Serious violence",
        "Serious violence, including serious youth violence, and the partnership work of violence reduction units.",
        &[
            "how well the police tackle serious youth violence",
            "the police contribution to violence reduction units",
            "the police response to knife crime",
        ],
    ),
    (
        "roads-policing",
        "Roads policing",
        "Enforcement, casualty reduction and the roads policing workforce.",
        &["roads policing", "how the police tackle dangerous driving"],
    ),
    (
        "county-lines",
        "County lines",
        "Drug dealing networks that cross police force boundaries, and the vulnerable people they exploit.",
        &[
            "how well the police tackle county lines drug dealing",
            "the exploitation of children by county lines gangs",
        ],
    ),
    (
        "vulnerability",
        "Vulnerability and safeguarding",
        "How the police protect vulnerable people, support victims and safeguard children and adults at risk.",
        &[
            "the police response to people with mental ill health",
            "how the police protect vulnerable people",
            "the police response to missing people",
        ],
    ),
    (
        "fire-and-rescue",
        "Fire and rescue",
        "Inspections of fire and rescue services, including Essex County Fire and Rescue Service.",
        &[
            "the effectiveness and efficiency of fire and rescue services",
            "values and culture in fire and rescue services",
        ],
    ),
    (
        "police-effectiveness",
        "Police effectiveness, efficiency and legitimacy (PEEL)",
        "HMICFRS's PEEL inspections of how effective, efficient and legitimate police forces are.",
        &[
            "police effectiveness, efficiency and legitimacy",
            "how forces understand and manage demand",
        ],
    ),
    (
        "custody",
        "Custody",
        "The treatment and conditions of people detained in police custody.",
        &[
            "police custody suites",
            "the treatment of children in police custody",
        ],
    ),
    (
        "domestic-abuse",
        "Domestic abuse",
        "How the police respond to domestic abuse, coercive control and stalking.",
        &[
            "the police response to domestic abuse",
            "the use of domestic violence protection orders",
            "the police response to stalking and harassment",
        ],
    ),
    (
        "violence-against-women-and-girls",
        "Violence against women and girls",
        "How the police and partners tackle violence against women and girls.",
        &[
            "the police engagement with women and girls",
            "how the police investigate rape and serious sexual offences",
        ],
    ),
    (
        "child-protection",
        "Child protection",
        "How the police protect children, including from online sexual abuse and exploitation.",
        &[
            "the police response to child sexual exploitation",
            "online child sexual abuse investigations",
        ],
    ),
    (
        "digital-forensics",
        "Digital forensics and cyber crime",
        "Digital evidence, forensic services and the response to cyber-dependent crime.",
        &[
            "how the police use digital forensics",
            "the police response to cyber-dependent crime",
            "the police response to fraud",
        ],
    ),
    (
        "counter-terrorism",
        "Counter-terrorism",
        "Counter-terrorism policing, Prevent and the protection of the public from terrorism.",
        &[
            "counter-terrorism policing",
            "the police contribution to Prevent",
        ],
    ),
    (
        "workforce",
        "Workforce, vetting and misconduct",
        "Recruitment, vetting, wellbeing, professional standards and misconduct.",
        &[
            "vetting, misconduct and misogyny in the police service",
            "the police uplift programme",
            "how forces deal with corruption",
        ],
    ),
    (
        "crime-data-integrity",
        "Crime data integrity",
        "Whether crimes reported to the police are recorded accurately and on time.",
        &["crime data integrity", "the accuracy of crime recording"],
    ),
];

const PAGES: &[(&str, &str, &str)] = &[
    (
        "about",
        "About this archive",
        "What this archive holds, the 56-day duty to respond to HMICFRS reports, and how we work out deadlines and statuses.",
    ),
    (
        "accessibility",
        "Accessibility statement",
        "How accessible this website is, and how to ask for information in another format.",
    ),
    (
        "contact",
        "Contact us",
        "How to contact the office of the Police, Fire and Crime Commissioner about this archive.",
    ),
];

const HOME_SECRETARIES: &[(Date, &str)] = &[
    (
        Date::constant(2010, 5, 12),
        "Rt Hon Theresa May MP, Home Secretary",
    ),
    (
        Date::constant(2016, 7, 13),
        "Rt Hon Amber Rudd MP, Home Secretary",
    ),
    (
        Date::constant(2018, 4, 30),
        "Rt Hon Sajid Javid MP, Home Secretary",
    ),
    (
        Date::constant(2019, 7, 24),
        "Rt Hon Priti Patel MP, Home Secretary",
    ),
    (
        Date::constant(2022, 9, 6),
        "Rt Hon Suella Braverman KC MP, Home Secretary",
    ),
    (
        Date::constant(2023, 11, 13),
        "Rt Hon James Cleverly MP, Home Secretary",
    ),
    (
        Date::constant(2024, 7, 5),
        "Rt Hon Yvette Cooper MP, Home Secretary",
    ),
];

const ACTIONS: &[&str] = &[
    "make sure that officers record and review risk assessments for every domestic abuse incident",
    "improve the supervision of investigations so that victims are kept informed",
    "make sure the force understands the demand on its control room and answers emergency calls promptly",
    "review how safeguarding referrals are shared with partner agencies",
    "make sure crimes reported to the force are recorded accurately within 24 hours",
    "make sure that all officers and staff have been vetted to the appropriate level",
    "improve how the force identifies and supports repeat and vulnerable victims",
    "put in place a plan to reduce the backlog of digital devices awaiting examination",
    "make sure that detained children are not held in police custody overnight unless unavoidable",
    "evaluate the effectiveness of its problem-solving and crime prevention activity",
    "make sure the use of stop and search is fair, effective and recorded properly",
    "improve the way it manages registered sex offenders",
    "develop its understanding of the wellbeing needs of its workforce",
    "make sure it has enough trained detectives to meet its investigative demand",
    "improve the quality of case files submitted to the Crown Prosecution Service",
    "make sure its counter-corruption unit has the capacity to assess intelligence promptly",
    "collect and analyse data on disproportionality in the use of force",
    "review its approach to missing children who are at risk of exploitation",
    "make sure that neighbourhood teams engage with communities that are less likely to trust the police",
    "improve the timeliness of its response to calls for service graded as urgent",
];

const SUBJECTS: &[&str] = &[
    "The force",
    "Essex Police",
    "The Commissioner",
    "The Chief Constable",
    "The inspectorate",
    "The Violence and Vulnerability Unit",
    "The neighbourhood policing command",
    "The force control room",
    "The workforce development team",
    "The Performance and Resources Scrutiny Board",
    "The community safety partnership",
    "The professional standards department",
    "The public protection command",
    "The Eastern Region Special Operations Unit",
];

const VERBS: &[&str] = &[
    "has reviewed",
    "continues to improve",
    "has strengthened",
    "is developing",
    "has invested in",
    "monitors",
    "has introduced",
    "will evaluate",
    "has prioritised",
    "needs to improve",
    "has made good progress on",
    "is working with partners on",
    "reports quarterly on",
    "has commissioned an independent review of",
];

const OBJECTS: &[&str] = &[
    "its response to domestic abuse",
    "the quality of crime recording",
    "the supervision of investigations",
    "the use of stop and search",
    "training for call handlers",
    "its understanding of demand",
    "safeguarding arrangements for vulnerable people",
    "the timeliness of file submissions to the Crown Prosecution Service",
    "the management of registered sex offenders",
    "the use of body-worn video",
    "its wellbeing offer to the workforce",
    "the vetting of new recruits",
    "the outcomes it achieves for victims",
    "its approach to serious youth violence",
    "the backlog of digital forensic examinations",
    "the recording of anti-social behaviour",
    "its use of out-of-court disposals",
    "the attendance times for emergency calls",
    "the support given to victims of rape and serious sexual offences",
    "its partnership work on county lines",
];

const CLAUSES: &[&str] = &[
    "",
    "",
    " across all three local policing areas",
    ", and progress is reported to the Chief Officer Group",
    " since the last inspection",
    " in line with College of Policing guidance",
    ", supported by a new performance framework",
    " within the resources available",
    " with partners in health and social care",
    ", as the inspectorate recommended",
    " through the force's continuous improvement board",
    ", which the Commissioner will continue to scrutinise",
    " following the uplift in officer numbers",
];

const CRIMES: &[&str] = &[
    "domestic abuse",
    "violence with injury",
    "residential burglary",
    "vehicle crime",
    "stalking and harassment",
    "knife crime",
    "rape",
    "fraud",
    "drug trafficking",
    "anti-social behaviour",
];

const NOTES: &[&str] = &[
    "A working group led by a superintendent has been set up and meets monthly.",
    "Revised guidance has been published to all officers and staff.",
    "Training has been delivered to frontline supervisors.",
    "The force has completed an audit, and the results are being analysed.",
    "Progress is reported to the Performance and Resources Scrutiny Board.",
    "The new process has been in place for six months and is being evaluated.",
    "The force has asked HMICFRS to consider this finding for closure.",
    "Work is paused until the national guidance is revised.",
];

const LEADS: &[&str] = &[
    "ACC Crime",
    "ACC Local Policing",
    "Head of Public Protection",
    "Head of Professional Standards",
    "Director of Strategic Change",
    "Head of Contact Management",
    "Head of Criminal Justice",
];

const AUTHORS: &[&str] = &["Nick Alston", "Roger Hirst", "Jane Gardner"];

struct ThemePlan {
    slug: String,
    title: String,
    description: String,
    /// Index into `BASE_THEMES`, for title topics.
    base: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
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

struct FindingPlan {
    id: String,
    kind: Kind,
    applies: bool,
}

struct ReportPlan {
    slug: String,
    title: String,
    published: Date,
    kind: &'static str,
    fire: bool,
    /// Indices into `Plan::themes`.
    themes: Vec<usize>,
    findings: Vec<FindingPlan>,
    follows_up: Option<usize>,
    statutory: Option<bool>,
    /// Indices into `Plan::responses`.
    responses: Vec<usize>,
}

struct ResponsePlan {
    slug: String,
    /// Indices into `Plan::reports`; two for a letter answering two reports.
    reports: Vec<usize>,
    date: Option<Date>,
    published: Option<Date>,
    /// Finding ids explained, from every report answered.
    addresses: Vec<String>,
    attachment: Option<String>,
}

/// The shape of the whole archive, decided before any text is written, so that every cross
/// reference (responses, follow-ups, finding ids, links) points at something that exists.
struct Plan {
    seed: u64,
    themes: Vec<ThemePlan>,
    reports: Vec<ReportPlan>,
    responses: Vec<ResponsePlan>,
}

impl Plan {
    fn new(options: &GenerateOptions) -> Plan {
        let mut rng = Rng::for_item(options.seed, STREAM_PLAN, 0);
        let themes = theme_plans(options.themes.max(1));
        let mut reports: Vec<ReportPlan> = (0..options.reports)
            .map(|index| plan_report(&mut rng, options, &themes, index))
            .collect();
        let mut responses = Vec::new();
        let mut index = 0;
        while index < reports.len() {
            let answer_two = index + 1 < reports.len()
                && rng.percent(3)
                && reports[index]
                    .published
                    .days_since(reports[index + 1].published)
                    .abs()
                    < 120;
            let answered: Vec<usize> = if answer_two {
                vec![index, index + 1]
            } else {
                vec![index]
            };
            index += answered.len();
            let letters = match rng.below(100) {
                0..=7 => 0,
                8..=94 => 1,
                _ => 2,
            };
            for letter in 0..letters {
                if let Some(response) = plan_response(&mut rng, &reports, &answered, letter) {
                    for &report in &answered {
                        reports[report].responses.push(responses.len());
                    }
                    responses.push(response);
                }
            }
        }
        Plan {
            seed: options.seed,
            themes,
            reports,
            responses,
        }
    }

    fn themes_of(&self, report: &ReportPlan) -> Vec<&ThemePlan> {
        report.themes.iter().map(|&t| &self.themes[t]).collect()
    }

    fn themes_toml(&self) -> String {
        let mut out = String::from("# The subjects that reports can be filed under (generated).\n");
        for theme in &self.themes {
            let _ = write!(
                out,
                "\n[{}]\ntitle = {}\ndescription = {}\n",
                theme.slug,
                quote(&theme.title),
                quote(&theme.description)
            );
        }
        out
    }

    fn report_file(&self, index: usize) -> String {
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

    fn response_file(&self, index: usize) -> String {
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

    fn page_file(&self, index: usize, title: &str, summary: &str) -> String {
        let mut rng = Rng::for_item(self.seed, STREAM_PAGE, index);
        let mut out = format!(
            "+++\ntitle = {}\nsummary = {}\nupdated = 2024-11-01\n+++\n",
            quote(title),
            quote(summary)
        );
        let words = rng.between(300, 1500);
        let mut body = Body::new(&mut rng, words);
        let themes: Vec<&ThemePlan> = self.themes.iter().take(1).collect();
        body.line(summary);
        while body.wants(1.0) {
            body.heading(body_heading(body.headings));
            body.paragraph(&themes);
            if body.rng.percent(40) {
                body.bullet_list();
            }
        }
        out.push_str(&body.text);
        out
    }
}

fn theme_plans(count: usize) -> Vec<ThemePlan> {
    (0..count)
        .map(|index| {
            let base = index % BASE_THEMES.len();
            let round = index / BASE_THEMES.len();
            let (slug, title, description, _) = BASE_THEMES[base];
            if round == 0 {
                ThemePlan {
                    slug: slug.into(),
                    title: title.into(),
                    description: description.into(),
                    base,
                }
            } else {
                ThemePlan {
                    slug: format!("{slug}-{}", round + 1),
                    title: format!("{title} ({})", round + 1),
                    description: description.into(),
                    base,
                }
            }
        })
        .collect()
}

fn plan_report(
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

/// A letter answering `answered`, or `None` when it would be dated after the archive ends.
fn plan_response(
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

fn home_secretary(date: Date) -> &'static str {
    HOME_SECRETARIES
        .iter()
        .rev()
        .find(|(from, _)| *from <= date)
        .map(|(_, name)| *name)
        .unwrap_or("Home Secretary")
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

fn body_heading(index: usize) -> &'static str {
    const HEADINGS: &[&str] = &[
        "What this archive holds",
        "How we work out deadlines",
        "Open data",
        "Using this website",
        "Reporting a problem",
        "What we are doing to improve",
        "Other formats",
        "Getting in touch",
    ];
    HEADINGS[index % HEADINGS.len()]
}

/// A Markdown body being written, up to a number of words.
struct Body<'r> {
    rng: &'r mut Rng,
    text: String,
    words: usize,
    target: usize,
    headings: usize,
    footnotes: usize,
}

impl<'r> Body<'r> {
    fn new(rng: &'r mut Rng, target: usize) -> Body<'r> {
        Body {
            rng,
            text: String::with_capacity(target * 8),
            words: 0,
            target,
            headings: 0,
            footnotes: 0,
        }
    }

    /// Whether this part of the body should go on: true until `share` of the words are written.
    fn wants(&self, share: f64) -> bool {
        (self.words as f64) < self.target as f64 * share
    }

    /// Appends `text`, counting its words (not the Markdown around them).
    fn push_words(&mut self, text: &str) {
        self.words += text
            .split_whitespace()
            .filter(|word| word.chars().any(char::is_alphanumeric))
            .count();
        self.text.push_str(text);
    }

    fn line(&mut self, text: &str) {
        self.push_words(text);
        self.text.push_str("\n\n");
    }

    fn heading(&mut self, title: &str) {
        self.headings += 1;
        let hashes = if self.headings > 2 && self.rng.percent(15) {
            "###"
        } else {
            "##"
        };
        self.text.push_str(hashes);
        self.text.push(' ');
        self.line(title);
    }

    fn sentence(&mut self) -> String {
        match self.rng.below(10) {
            0 => {
                let year = 2013 + self.rng.below(12);
                format!(
                    "In {year}/{:02}, the force recorded {} offences of {}, a change of {} per cent on the previous year.",
                    (year + 1) % 100,
                    self.rng.between(300, 24_000),
                    self.rng.pick(CRIMES),
                    self.rng.between(1, 19)
                )
            }
            1 => format!(
                "The inspectorate found that {} {}{}.",
                lowercase_first(self.rng.pick::<&str>(SUBJECTS)),
                self.rng.pick(VERBS),
                if self.rng.percent(50) {
                    " some aspects of its work"
                } else {
                    " its approach"
                }
            ),
            _ => format!(
                "{} {} {}{}.",
                self.rng.pick(SUBJECTS),
                self.rng.pick(VERBS),
                self.rng.pick(OBJECTS),
                self.rng.pick(CLAUSES)
            ),
        }
    }

    fn paragraph(&mut self, themes: &[&ThemePlan]) {
        let sentences = self.rng.between(3, 7);
        let mut text = String::new();
        for index in 0..sentences {
            if index > 0 {
                text.push(' ');
            }
            let sentence = self.sentence();
            text.push_str(&sentence);
        }
        match self.rng.below(12) {
            0 if !themes.is_empty() => {
                let theme = *self.rng.pick(themes);
                let _ = write!(
                    text,
                    " See the other reports on [{}](/themes/{}/).",
                    lowercase_first(&theme.title),
                    theme.slug
                );
            }
            1 if self.footnotes < 3 => {
                self.footnotes += 1;
                let _ = write!(
                    text,
                    "[^{n}]\n\n[^{n}]: Police Act 1996, section 55, as amended by the Policing and Crime Act 2017.",
                    n = self.footnotes
                );
            }
            2 => text.push_str(
                " This is a **priority** for the Commissioner's *Police and Crime Plan*.",
            ),
            _ => {}
        }
        self.line(&text);
    }

    fn bullet_list(&mut self) {
        let items = self.rng.between(3, 6);
        for _ in 0..items {
            let item = format!(
                "- {} {} {}\n",
                lowercase_first(self.rng.pick::<&str>(SUBJECTS)),
                self.rng.pick(VERBS),
                self.rng.pick(OBJECTS)
            );
            self.push_words(&item);
        }
        self.text.push('\n');
    }

    fn numbered_list(&mut self) {
        let items = self.rng.between(3, 5);
        for number in 1..=items {
            let item = format!("{number}. {}\n", capitalise(self.rng.pick::<&str>(ACTIONS)));
            self.push_words(&item);
        }
        self.text.push('\n');
    }

    fn findings_list(&mut self, report: &ReportPlan) {
        for finding in &report.findings {
            let label = match finding.kind {
                Kind::Recommendation => "Recommendation",
                Kind::CauseOfConcern => "Cause of concern",
                Kind::AreaForImprovement => "Area for improvement",
                Kind::InnovativePractice => "Innovative practice",
            };
            let applies = if finding.applies {
                "applies to Essex Police"
            } else {
                "is for national bodies and does not apply to the force"
            };
            let item = format!("- **{label} {}** {applies}.\n", finding.id);
            self.push_words(&item);
        }
        self.text.push('\n');
    }

    fn grades_table(&mut self) {
        const AREAS: &[&str] = &[
            "Investigating crime",
            "Protecting vulnerable people",
            "Managing offenders",
            "Responding to the public",
            "Preventing crime",
            "Treatment of the public",
            "Developing a positive workplace",
            "Good use of resources",
        ];
        const GRADES: &[&str] = &[
            "Outstanding",
            "Good",
            "Good",
            "Adequate",
            "Adequate",
            "Requires improvement",
            "Inadequate",
        ];
        self.text.push_str("| Area | Grade |\n|---|---|\n");
        let rows = self.rng.between(4, AREAS.len());
        for area in &AREAS[..rows] {
            let row = format!("| {area} | {} |\n", self.rng.pick(GRADES));
            self.push_words(&row);
        }
        self.text.push('\n');
    }

    fn crime_table(&mut self, year: i16) {
        let crime = *self.rng.pick(CRIMES);
        let _ = write!(
            self.text,
            "Recorded {crime} in Essex:\n\n| Year | Recorded | Charged | Rate per 1,000 |\n|---|---:|---:|---:|\n"
        );
        for offset in (0..3).rev() {
            let recorded = self.rng.between(800, 20_000);
            let charged = recorded * self.rng.between(5, 25) / 100;
            let row = format!(
                "| {}/{:02} | {recorded} | {charged} | {}.{} |\n",
                year - offset - 1,
                (year - offset) % 100,
                self.rng.between(1, 30),
                self.rng.below(10)
            );
            self.push_words(&row);
        }
        self.text.push('\n');
    }

    fn progress_table(&mut self, ids: &[String]) {
        self.text
            .push_str("| Recommendation | Lead | Status |\n|---|---|---|\n");
        for id in ids {
            let status = *self.rng.pick(&["In progress", "Complete", "Not started"]);
            let row = format!("| {id} | {} | {status} |\n", self.rng.pick(LEADS));
            self.push_words(&row);
        }
        self.text.push('\n');
    }

    fn code_block(&mut self, year: i16) {
        if self.rng.percent(50) {
            let _ = write!(
                self.text,
                "The performance team extracts the figures with this query:\n\n```sql\nSELECT outcome_type, COUNT(*) AS crimes\nFROM recorded_crime\nWHERE financial_year = '{year}/{:02}'\n  AND offence_group = 'violence against the person'\nGROUP BY outcome_type\nORDER BY crimes DESC;\n```\n\n",
                (year + 1) % 100
            );
        } else {
            let _ = write!(
                self.text,
                "The figures are published as open data in this form:\n\n```json\n{{\n  \"measure\": \"emergency calls answered within 10 seconds\",\n  \"period\": \"{year}\",\n  \"value\": {},\n  \"target\": 90\n}}\n```\n\n",
                self.rng.between(60, 99)
            );
        }
        self.words += 25;
    }

    fn links(&mut self, plan: &Plan, report: &ReportPlan) {
        let mut text = format!(
            "Read [the full report on the HMICFRS website](https://www.justiceinspectorates.gov.uk/hmicfrs/publications/{}/)",
            report.slug
        );
        if let Some(&response) = report.responses.first() {
            let _ = write!(
                text,
                ", [the report's page](/reports/{}/) and [the response](/responses/{}/)",
                report.slug, plan.responses[response].slug
            );
        }
        let _ = write!(
            text,
            ", or [every report published in {year}](/years/{year}/).",
            year = report.published.year()
        );
        self.line(&text);
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lowercase_first(text: &str) -> String {
    // Proper nouns and initialisms keep their capitals.
    let keep = ["Essex", "PEEL", "HMICFRS"];
    if keep.iter().any(|k| text.starts_with(k)) {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` as a TOML basic string: quoted, with quotes, backslashes and control characters escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A small, valid PDF naming the letter, so attachments have something real to copy.
fn fake_pdf(name: &str) -> Vec<u8> {
    let text = name.replace(['(', ')', '\\'], "");
    format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n4 0 obj << /Length {} >> stream\nBT /F1 12 Tf 72 770 Td ({text}) Tj ET\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        text.len() + 33
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> GenerateOptions {
        GenerateOptions {
            reports: 30,
            seed: 7,
            ..GenerateOptions::default()
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_files() {
        assert_eq!(generate_files(&small()).0, generate_files(&small()).0);
        let other = GenerateOptions { seed: 8, ..small() };
        assert_ne!(generate_files(&small()).0, generate_files(&other).0);
    }

    #[test]
    fn findings_per_report_is_exact_when_given() {
        let options = GenerateOptions {
            findings_per_report: Some(5),
            themes: 100,
            ..small()
        };
        let (files, summary) = generate_files(&options);
        assert_eq!(summary.findings, 150);
        let themes = files
            .iter()
            .find(|f| f.path == "content/themes.toml")
            .map(|f| String::from_utf8_lossy(&f.bytes).matches("\n[").count());
        assert_eq!(themes, Some(100));
    }

    #[test]
    fn strings_are_quoted_for_toml() {
        assert_eq!(quote("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(
            quote("line\nnext\ttab\r\u{7}"),
            "\"line\\nnext\\ttab\\r\\u0007\""
        );
    }
}
