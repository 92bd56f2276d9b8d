//! Findings: every finding of every report with its current status, overdue and open first.

use crate::archive::{Archive, ReportId};
use crate::dates::Date;
use crate::vocabulary::{FindingStatus, StatusId, StatusWords};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingEntry {
    pub report: ReportId,
    /// Index into that report's findings.
    pub finding: usize,
    pub status: StatusId,
    pub overdue: bool,
    /// Still being worked on: open or in progress, or with the office's own words, not closed.
    pub active: bool,
    /// The tracker's group it is in.
    pub group: FindingGroup,
}

impl FindingEntry {
    /// The tracker's groups, in the order a scrutiny panel reads them: overdue, open, proposed
    /// for closure (a default word only), and finished with.
    fn group_of(overdue: bool, status: &crate::vocabulary::StatusWord) -> FindingGroup {
        if overdue {
            FindingGroup::Overdue
        } else if status.active {
            FindingGroup::Open
        } else if status.default == Some(FindingStatus::ProposedForClosure) {
            FindingGroup::ProposedForClosure
        } else if status.closed {
            FindingGroup::Done
        } else {
            // An office's word that is neither closed nor active cannot be made; kept open.
            FindingGroup::Open
        }
    }

    pub fn group(&self) -> FindingGroup {
        self.group
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingGroup {
    Overdue,
    Open,
    ProposedForClosure,
    Done,
}

impl FindingGroup {
    pub const ALL: [FindingGroup; 4] = [
        FindingGroup::Overdue,
        FindingGroup::Open,
        FindingGroup::ProposedForClosure,
        FindingGroup::Done,
    ];

    /// The groups the tracker shows with these words: the office's own have no "proposed for
    /// closure", only open and closed (and overdue).
    pub fn shown(words: &StatusWords) -> impl Iterator<Item = FindingGroup> + '_ {
        FindingGroup::ALL
            .into_iter()
            .filter(|group| !(words.is_own() && *group == FindingGroup::ProposedForClosure))
    }

    /// The heading with the office's own words: plain open and closed.
    pub fn heading_with(self, words: &StatusWords) -> &'static str {
        match (words.is_own(), self) {
            (true, FindingGroup::Open) => "Open",
            (true, FindingGroup::Done) => "Closed",
            _ => self.heading(),
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            FindingGroup::Overdue => "Overdue",
            FindingGroup::Open => "Open and in progress",
            FindingGroup::ProposedForClosure => "Proposed for closure",
            FindingGroup::Done => "Closed, superseded or not applicable",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            FindingGroup::Overdue => "overdue",
            FindingGroup::Open => "open",
            FindingGroup::ProposedForClosure => "proposed-for-closure",
            FindingGroup::Done => "closed",
        }
    }
}

/// The most findings one page of the tracker lists: a longer tracker is split into pages, so
/// that no page is unusably long (nor takes memory growing with every finding at once).
pub const FINDINGS_PER_PAGE: usize = 1000;

/// How many pages the tracker of `findings` findings takes: one at least.
pub fn tracker_pages(findings: usize) -> usize {
    findings.div_ceil(FINDINGS_PER_PAGE).max(1)
}

/// The findings page `page` (1 for the first) of the tracker lists, by place in the index.
pub fn tracker_page_range(findings: usize, page: usize) -> std::ops::Range<usize> {
    let start = (page.saturating_sub(1) * FINDINGS_PER_PAGE).min(findings);
    start..(start + FINDINGS_PER_PAGE).min(findings)
}

pub fn findings(archive: &Archive, today: Date) -> Vec<FindingEntry> {
    let words = &archive.config.statuses;
    let mut entries: Vec<FindingEntry> = archive
        .report_ids()
        .zip(&archive.reports)
        .flat_map(|(report_index, report)| {
            report
                .findings
                .iter()
                .enumerate()
                .map(move |(finding_index, finding)| {
                    let status = finding.current_status(words);
                    let overdue = finding.is_overdue(today, words);
                    let word = words.get(status);
                    FindingEntry {
                        report: report_index,
                        finding: finding_index,
                        status,
                        overdue,
                        active: word.active,
                        group: FindingEntry::group_of(overdue, word),
                    }
                })
        })
        .collect();
    // Stable: within a group, reports stay newest first and findings in report order.
    entries.sort_by_key(|entry| entry.group());
    entries
}
