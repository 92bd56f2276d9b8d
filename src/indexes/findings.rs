//! Findings: every finding of every report with its current status, overdue and open first.

use crate::archive::{Archive, ReportId};
use crate::dates::Date;
use crate::vocabulary::FindingStatus;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingEntry {
    pub report: ReportId,
    /// Index into that report's findings.
    pub finding: usize,
    pub status: FindingStatus,
    pub overdue: bool,
}

impl FindingEntry {
    /// The tracker's groups, in the order a scrutiny panel reads them.
    pub fn group(&self) -> FindingGroup {
        if self.overdue {
            FindingGroup::Overdue
        } else if self.status.is_active() {
            FindingGroup::Open
        } else if self.status == FindingStatus::ProposedForClosure {
            FindingGroup::ProposedForClosure
        } else {
            FindingGroup::Done
        }
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

pub fn findings(archive: &Archive, today: Date) -> Vec<FindingEntry> {
    let mut entries: Vec<FindingEntry> = archive
        .report_ids()
        .zip(&archive.reports)
        .flat_map(|(report_index, report)| {
            report
                .findings
                .iter()
                .enumerate()
                .map(move |(finding_index, finding)| FindingEntry {
                    report: report_index,
                    finding: finding_index,
                    status: finding.current_status(),
                    overdue: finding.is_overdue(today),
                })
        })
        .collect();
    // Stable: within a group, reports stay newest first and findings in report order.
    entries.sort_by_key(|entry| entry.group());
    entries
}
