//! The domain's vocabulary: report types, sectors, finding kinds and statuses, grades, response
//! statuses, with the words the content model spells them in and the labels pages show, and the
//! placeholders `init` and `new` write for an editor to replace. The bottom of the crate: every
//! stage may use it, and it uses nothing of the crate.

use serde::Serialize;

/// A closed set of words (`type`, `kind`, `status`), each with the word that spells it in
/// front matter and open data (read with a "did you mean" for typos by `frontmatter::Word`).
pub trait Vocabulary: Sized + Copy + 'static {
    const WORDS: &'static [(&'static str, Self)];

    fn word(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(_, value)| std::mem::discriminant(value) == std::mem::discriminant(&self))
            .map_or("", |(word, _)| word)
    }
}

/// What a page of `content/pages/` is: an ordinary page, or the site's accessibility statement,
/// which `check` holds to the GOV.UK model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PageKind {
    #[default]
    Page,
    AccessibilityStatement,
}

impl Vocabulary for PageKind {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("page", PageKind::Page),
        ("accessibility-statement", PageKind::AccessibilityStatement),
    ];
}

/// Where the browser editor keeps the files it saves (`[cms] backend`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmsBackend {
    GitHub,
    GitLab,
    /// An in-memory repository in the browser: for trying the editor, and for tests.
    TestRepo,
}

impl Vocabulary for CmsBackend {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("github", CmsBackend::GitHub),
        ("gitlab", CmsBackend::GitLab),
        ("test-repo", CmsBackend::TestRepo),
    ];
}

impl CmsBackend {
    pub fn label(self) -> &'static str {
        match self {
            CmsBackend::GitHub => "GitHub",
            CmsBackend::GitLab => "GitLab",
            CmsBackend::TestRepo => "A trial copy in the browser (nothing is saved)",
        }
    }
}

/// The kinds of HMICFRS report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReportType {
    Peel,
    Force,
    NationalThematic,
    Joint,
    Regional,
    Fire,
    Revisit,
    Other,
}

impl Vocabulary for ReportType {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("peel", ReportType::Peel),
        ("force", ReportType::Force),
        ("national-thematic", ReportType::NationalThematic),
        ("joint", ReportType::Joint),
        ("regional", ReportType::Regional),
        ("fire", ReportType::Fire),
        ("revisit", ReportType::Revisit),
        ("other", ReportType::Other),
    ];
}

impl ReportType {
    pub fn label(self) -> &'static str {
        match self {
            ReportType::Peel => "PEEL inspection",
            ReportType::Force => "Force inspection",
            ReportType::NationalThematic => "National thematic inspection",
            ReportType::Joint => "Joint inspection",
            ReportType::Regional => "Regional inspection",
            ReportType::Fire => "Fire and rescue inspection",
            ReportType::Revisit => "Revisit",
            ReportType::Other => "Other report",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sector {
    Police,
    Fire,
}

impl Vocabulary for Sector {
    const WORDS: &'static [(&'static str, Self)] =
        &[("police", Sector::Police), ("fire", Sector::Fire)];
}

impl Sector {
    pub fn label(self) -> &'static str {
        match self {
            Sector::Police => "Police",
            Sector::Fire => "Fire and rescue",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    Recommendation,
    CauseOfConcern,
    AreaForImprovement,
    InnovativePractice,
}

impl Vocabulary for FindingKind {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("recommendation", FindingKind::Recommendation),
        ("cause-of-concern", FindingKind::CauseOfConcern),
        ("area-for-improvement", FindingKind::AreaForImprovement),
        ("innovative-practice", FindingKind::InnovativePractice),
    ];
}

impl FindingKind {
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::Recommendation => "Recommendation",
            FindingKind::CauseOfConcern => "Cause of concern",
            FindingKind::AreaForImprovement => "Area for improvement",
            FindingKind::InnovativePractice => "Innovative practice",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingStatus {
    Open,
    InProgress,
    ProposedForClosure,
    Closed,
    Superseded,
    NoLongerRelevant,
    NotApplicable,
}

impl Vocabulary for FindingStatus {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("open", FindingStatus::Open),
        ("in-progress", FindingStatus::InProgress),
        ("proposed-for-closure", FindingStatus::ProposedForClosure),
        ("closed", FindingStatus::Closed),
        ("superseded", FindingStatus::Superseded),
        ("no-longer-relevant", FindingStatus::NoLongerRelevant),
        ("not-applicable", FindingStatus::NotApplicable),
    ];
}

impl FindingStatus {
    pub fn label(self) -> &'static str {
        match self {
            FindingStatus::Open => "Open",
            FindingStatus::InProgress => "In progress",
            FindingStatus::ProposedForClosure => "Proposed for closure",
            FindingStatus::Closed => "Closed",
            FindingStatus::Superseded => "Superseded",
            FindingStatus::NoLongerRelevant => "No longer relevant",
            FindingStatus::NotApplicable => "Not applicable",
        }
    }

    /// Open and in-progress findings are the ones that can become overdue.
    pub fn is_active(self) -> bool {
        matches!(self, FindingStatus::Open | FindingStatus::InProgress)
    }

    /// Finished with: closed, superseded, no longer relevant or not applicable. A finding
    /// proposed for closure is neither finished nor active.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            FindingStatus::Closed
                | FindingStatus::Superseded
                | FindingStatus::NoLongerRelevant
                | FindingStatus::NotApplicable
        )
    }
}

/// A finding's status: its place in the site's [`StatusWords`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatusId(u16);

/// One word a finding's status may take, with what it means for the tracker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusWord {
    /// How front matter and open data spell it (`in-progress`, `on-track`).
    pub key: String,
    /// How pages show it ("In progress", "Open - on track").
    pub label: String,
    /// Finished: never overdue, and grouped as closed.
    pub closed: bool,
    /// Still being worked on: overdue once past its due date, and counted as open.
    pub active: bool,
    /// The default word it is, when the site has no list of its own.
    pub default: Option<FindingStatus>,
}

/// The words a finding's status may take: the default list ([`FindingStatus`]), or the office's
/// own (`[[finding_statuses]]` in `config.toml`), which replaces it, with `not-applicable` kept
/// for findings that do not apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusWords {
    words: Vec<StatusWord>,
    /// A finding with no status of its own.
    open: StatusId,
    /// A finding that does not apply, with no status of its own.
    not_applicable: StatusId,
    /// Whether the office gave its own list.
    own: bool,
}

impl Default for StatusWords {
    fn default() -> StatusWords {
        let words = FindingStatus::WORDS
            .iter()
            .map(|&(key, status)| StatusWord {
                key: key.to_string(),
                label: status.label().to_string(),
                closed: status.is_closed(),
                active: status.is_active(),
                default: Some(status),
            })
            .collect();
        let at = |status: FindingStatus| {
            let position = FindingStatus::WORDS.iter().position(|(_, s)| *s == status);
            StatusId(position.map_or(0, |p| p as u16))
        };
        StatusWords {
            words,
            open: at(FindingStatus::Open),
            not_applicable: at(FindingStatus::NotApplicable),
            own: false,
        }
    }
}

impl StatusWords {
    /// The office's own words, in its order, as (key, label, closed); `not-applicable` is added
    /// unless the list has it. A finding with no status takes the first word not closed.
    pub fn office(list: Vec<(String, String, bool)>) -> StatusWords {
        let mut words: Vec<StatusWord> = list
            .into_iter()
            .map(|(key, label, closed)| StatusWord {
                key,
                label,
                closed,
                active: !closed,
                default: None,
            })
            .collect();
        let not_applicable = FindingStatus::NotApplicable;
        if !words.iter().any(|w| w.key == not_applicable.word()) {
            words.push(StatusWord {
                key: not_applicable.word().to_string(),
                label: not_applicable.label().to_string(),
                closed: true,
                active: false,
                default: Some(not_applicable),
            });
        }
        let id = |position: Option<usize>| StatusId(position.map_or(0, |p| p as u16));
        StatusWords {
            open: id(words.iter().position(|w| !w.closed)),
            not_applicable: id(words.iter().position(|w| w.key == not_applicable.word())),
            words,
            own: true,
        }
    }

    /// The status a key names.
    pub fn find(&self, key: &str) -> Option<StatusId> {
        (self.words.iter())
            .position(|word| word.key == key)
            .map(|position| StatusId(position as u16))
    }

    pub fn get(&self, id: StatusId) -> &StatusWord {
        &self.words[usize::from(id.0).min(self.words.len().saturating_sub(1))]
    }

    /// Every key, in order, for "did you mean" and "expected one of".
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|word| word.key.as_str())
    }

    /// A finding's status when none is written.
    pub fn unwritten(&self, applies: bool) -> StatusId {
        if applies {
            self.open
        } else {
            self.not_applicable
        }
    }

    /// Whether these are the office's own words rather than the default list.
    pub fn is_own(&self) -> bool {
        self.own
    }
}

/// The grades HMICFRS gives a force or service in an area it inspects: the four of PEEL until
/// 2018/19, and `adequate`, added from 2021/22 (the fire inspections' five-point scale).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    Outstanding,
    Good,
    Adequate,
    RequiresImprovement,
    Inadequate,
}

impl Vocabulary for Grade {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("outstanding", Grade::Outstanding),
        ("good", Grade::Good),
        ("adequate", Grade::Adequate),
        ("requires-improvement", Grade::RequiresImprovement),
        ("inadequate", Grade::Inadequate),
    ];
}

impl Grade {
    /// The grade in HMICFRS's own words, for tags that never rely on colour.
    pub fn label(self) -> &'static str {
        match self {
            Grade::Outstanding => "Outstanding",
            Grade::Good => "Good",
            Grade::Adequate => "Adequate",
            Grade::RequiresImprovement => "Requires improvement",
            Grade::Inadequate => "Inadequate",
        }
    }
}

/// The state of a report's response, as the content model names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResponseStatus {
    OnTime,
    Late { days_late: i64 },
    Due { days_left: i64 },
    Overdue { days_overdue: i64 },
    NoDeadline,
    DateUnknown,
}

impl ResponseStatus {
    /// The name used in open data and CSS classes.
    pub fn code(self) -> &'static str {
        match self {
            ResponseStatus::OnTime => "on-time",
            ResponseStatus::Late { .. } => "late",
            ResponseStatus::Due { .. } => "due",
            ResponseStatus::Overdue { .. } => "overdue",
            ResponseStatus::NoDeadline => "no-deadline",
            ResponseStatus::DateUnknown => "date-unknown",
        }
    }

    /// A short label for tags, readable without colour.
    pub fn label(self) -> &'static str {
        match self {
            ResponseStatus::OnTime => "On time",
            ResponseStatus::Late { .. } => "Late",
            ResponseStatus::Due { .. } => "Response due",
            ResponseStatus::Overdue { .. } => "Overdue",
            ResponseStatus::NoDeadline => "No deadline",
            ResponseStatus::DateUnknown => "Date unknown",
        }
    }

    pub fn days_late(self) -> Option<i64> {
        match self {
            ResponseStatus::Late { days_late } => Some(days_late),
            _ => None,
        }
    }

    pub fn days_left(self) -> Option<i64> {
        match self {
            ResponseStatus::Due { days_left } => Some(days_left),
            _ => None,
        }
    }
}

/// The example values and prompts that `scrutiny init`, `new report` and `new response` write
/// for an editor to replace: `check` warns wherever one is left. One list, read by the checks of
/// `config.toml`, of front matter and of bodies.
pub mod placeholders {
    /// The hosts of the example `base_url` that `init` writes (`https://www.example.org/hmicfrs/`)
    /// and its `.com` and `.net` twins. Only these exact hosts: a bare `example.org`, as test
    /// sites use, is not taken for a forgotten placeholder.
    pub const EXAMPLE_HOSTS: &[&str] = &["www.example.org", "www.example.com", "www.example.net"];

    /// What the settings `init` writes for the office to fill in start with, in capitals
    /// (`repo = "YOUR-ACCOUNT/YOUR-REPOSITORY"` in the commented `[cms]` table).
    pub const SETTING_MARKER: &str = "YOUR-";

    /// The made-up force and signatory of the example site `init` writes: found anywhere in a
    /// value or a body.
    pub const EXAMPLE_NAMES: &[&str] = &["Exampleshire", "Sam Example"];

    /// Whole front-matter values written by the `new report` template, each with what to write
    /// instead.
    pub const TEMPLATE_VALUES: &[(&str, &str)] = &[
        (
            "Title of the HMICFRS report",
            "write the report's title, exactly as HMICFRS gives it",
        ),
        (
            "One or two sentences saying what HMICFRS inspected and what it found.",
            "write one or two sentences saying what HMICFRS inspected and what it found",
        ),
        (
            "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/",
            "write the address of the report's own page on the HMICFRS website",
        ),
        (
            "The words of the recommendation, as the report gives them.",
            "copy the finding's words from the report",
        ),
        (
            "What has been done, and what is still to do.",
            "say what has been done about the finding, and what is still to do",
        ),
    ];

    /// Sentences that the templates write in a body, found anywhere in it: the prompts of the
    /// `new report` and `new response` templates and the bracketed prompts of the accessibility
    /// statement `init` writes.
    pub const PROMPTS: &[&str] = &[
        "The office's own summary of the report, in Markdown",
        "What has been done, and what is planned, in response.",
        "[EMAIL ADDRESS]",
        "[TELEPHONE NUMBER]",
        "(replace this with",
        "[Replace this",
        "[List here",
        "[Say how you tested",
    ];

    /// What `new <kind> <slug> --language <code>` puts at the start of each value of a
    /// translation it pre-fills with the original's words: the words still to translate.
    pub const TRANSLATE_MARKER: &str = "[Translate]";

    /// The start of the line that `new --language` puts above the original's text in a
    /// translation's body, found anywhere in it.
    pub const TRANSLATE_PROMPT: &str = "[Translate the text below";

    /// A placeholder left in a value or a body.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Placeholder {
        /// One of [`EXAMPLE_NAMES`].
        Name(&'static str),
        /// One of [`TEMPLATE_VALUES`], with what to write instead.
        Value(&'static str, &'static str),
        /// One of [`PROMPTS`].
        Prompt(&'static str),
        /// [`TRANSLATE_MARKER`] or [`TRANSLATE_PROMPT`]: the original's words, not yet translated.
        Untranslated(&'static str),
    }

    impl Placeholder {
        /// The placeholder's own words.
        pub fn text(self) -> &'static str {
            match self {
                Placeholder::Name(text)
                | Placeholder::Value(text, _)
                | Placeholder::Prompt(text)
                | Placeholder::Untranslated(text) => text,
            }
        }
    }

    /// The placeholder a front-matter value is or holds: the whole of a template's value, or an
    /// example name in it.
    pub fn in_value(value: &str) -> Option<Placeholder> {
        let value = value.trim();
        if value.starts_with(TRANSLATE_MARKER) {
            return Some(Placeholder::Untranslated(TRANSLATE_MARKER));
        }
        TEMPLATE_VALUES
            .iter()
            .find(|(text, _)| *text == value)
            .map(|&(text, help)| Placeholder::Value(text, help))
            .or_else(|| {
                EXAMPLE_NAMES
                    .iter()
                    .find(|name| value.contains(*name))
                    .map(|&name| Placeholder::Name(name))
            })
    }

    /// Every example name and prompt in a body, with its byte offset, in order. One pass over
    /// the text for all of them (a body of a large archive is read once, and this runs on every
    /// one): the automaton is made once, the first time a body is scanned.
    pub fn in_text(text: &str) -> Vec<(usize, Placeholder)> {
        static SEARCH: std::sync::OnceLock<Option<(aho_corasick::AhoCorasick, Vec<Placeholder>)>> =
            std::sync::OnceLock::new();
        let search = SEARCH.get_or_init(|| {
            let words: Vec<(&str, Placeholder)> = (EXAMPLE_NAMES.iter())
                .map(|&name| (name, Placeholder::Name(name)))
                .chain(
                    PROMPTS
                        .iter()
                        .map(|&prompt| (prompt, Placeholder::Prompt(prompt))),
                )
                .chain([(
                    TRANSLATE_PROMPT,
                    Placeholder::Untranslated(TRANSLATE_PROMPT),
                )])
                .collect();
            let automaton = aho_corasick::AhoCorasick::new(words.iter().map(|(w, _)| w)).ok()?;
            Some((automaton, words.into_iter().map(|(_, p)| p).collect()))
        });
        let Some((automaton, placeholders)) = search else {
            return Vec::new();
        };
        let mut found: Vec<(usize, usize)> = automaton
            .find_overlapping_iter(text)
            .map(|found| (found.start(), found.pattern().as_usize()))
            .collect();
        // By place, and at one place in the order of the lists (names, then prompts).
        found.sort_unstable();
        found
            .into_iter()
            .map(|(at, pattern)| (at, placeholders[pattern]))
            .collect()
    }

    /// Whether `host` is the example address's.
    pub fn is_example_host(host: &str) -> bool {
        EXAMPLE_HOSTS.contains(&host.to_ascii_lowercase().as_str())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn values_and_bodies() {
            assert_eq!(
                in_value("Title of the HMICFRS report").map(Placeholder::text),
                Some("Title of the HMICFRS report")
            );
            assert_eq!(
                in_value("Chief Constable, Exampleshire Police"),
                Some(Placeholder::Name("Exampleshire"))
            );
            assert_eq!(in_value("Title of the HMICFRS report on custody"), None);
            assert_eq!(in_value("Essex Police"), None);
            assert_eq!(
                in_text("email [EMAIL ADDRESS] or write to Sam Example"),
                vec![
                    (6, Placeholder::Prompt("[EMAIL ADDRESS]")),
                    (34, Placeholder::Name("Sam Example"))
                ]
            );
            assert!(in_text("[Replace with] nothing").is_empty());
            // The one-pass search finds what a search for each word in turn finds, in order.
            let body = "Sam Example of Exampleshire: [List here] (replace this with x) Sam Example";
            let mut each: Vec<(usize, Placeholder)> = (EXAMPLE_NAMES.iter())
                .map(|&name| (name, Placeholder::Name(name)))
                .chain(
                    PROMPTS
                        .iter()
                        .map(|&prompt| (prompt, Placeholder::Prompt(prompt))),
                )
                .flat_map(|(words, found)| {
                    body.match_indices(words).map(move |(at, _)| (at, found))
                })
                .collect();
            each.sort_by_key(|&(at, _)| at);
            assert_eq!(in_text(body), each);
            assert_eq!(in_text(body).len(), 5);
            assert!(is_example_host("www.example.org"));
            assert!(!is_example_host("example.org"));
            assert!(!is_example_host("pfcc.example.org.uk"));
        }

        #[test]
        fn words_left_to_translate() {
            assert_eq!(
                in_value("[Translate] Inspection of Exampleshire Police"),
                Some(Placeholder::Untranslated(TRANSLATE_MARKER))
            );
            assert_eq!(in_value("Arolygiad [Translate]"), None);
            assert_eq!(
                in_text("[Translate the text below into cy, then delete this line.]\n\nText"),
                vec![(0, Placeholder::Untranslated(TRANSLATE_PROMPT))]
            );
        }
    }
}
