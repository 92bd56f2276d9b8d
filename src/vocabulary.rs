//! The domain's vocabulary: report types, sectors, finding kinds and statuses, response statuses,
//! with the words the content model spells them in and the labels pages show. The bottom of the
//! crate: every stage may use it, and it uses nothing of the crate.

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
