//! Which pages show which document: after some documents changed, the pages whose content can
//! differ. It mirrors what the page builders beside it put on each page, so it lives here;
//! serve's incremental rebuild asks it rather than keeping its own copy.
//!
//! - a report page shows its card, its responses' cards and letters, the reports it follows up
//!   and is followed up by, and the reports beside it in report order;
//! - a response page shows its own card and its reports' cards, findings and dates;
//! - a year or theme page shows its documents' cards, in order; the deadlines page every
//!   report card, in order; the findings tracker every finding's row, in order;
//! - the home page, the indexes of years and themes, the grades page, search and 404 show
//!   site-wide counts (or every report's grades) and are always rendered again.

use std::collections::HashSet;

use crate::archive::{Archive, Report, ReportId, Response, ResponseId};
use crate::indexes::Indexes;
use crate::routes::Route;

/// Where each document now in the archive was in the last build's order: `None` when none
/// moved.
#[derive(Clone, Copy)]
pub struct OldPositions<'a>(pub Option<&'a [usize]>);

impl OldPositions<'_> {
    pub fn of(self, position: usize) -> usize {
        match self.0 {
            Some(was) => was[position],
            None => position,
        }
    }
}

/// What changed since the pages were last rendered, by the documents' positions now.
pub struct Change<'a> {
    /// For each report, whether it was replaced.
    pub reports: &'a [bool],
    pub report_was: OldPositions<'a>,
    pub response_was: OldPositions<'a>,
    /// The reports and responses replaced.
    pub replaced_reports: &'a [ReportId],
    pub replaced_responses: &'a [ResponseId],
    /// The reports and responses whose cards differ from the last build's.
    pub report_cards: &'a [ReportId],
    pub response_cards: &'a [ResponseId],
    /// Whether a row of the findings tracker differs.
    pub finding_rows: bool,
    /// The replaced reports and responses as the last build had them.
    pub reports_before: &'a [Report],
    pub responses_before: &'a [Response],
    /// The slugs of the replaced reports.
    pub changed_report_slugs: &'a HashSet<String>,
}

/// The output paths of the pages that can show what changed, besides the changed documents'
/// own pages. `last`: the indexes the pages were last rendered with.
pub fn pages_showing(
    archive: &Archive,
    indexes: &Indexes,
    last: &Indexes,
    change: &Change<'_>,
) -> HashSet<String> {
    let mut wanted: HashSet<String> = HashSet::new();
    for index in report_pages_showing(archive, change) {
        wanted.insert(Route::Report(&archive.report_at(index).slug).output_path());
    }
    for index in response_pages_showing(indexes, change) {
        wanted.insert(Route::Response(&archive.response_at(index).slug).output_path());
    }
    wanted.extend(listings_showing(archive, indexes, last, change));
    wanted
}

/// Report pages: their cards; their responses' cards, dates and letters; the reports they
/// follow up and are followed up by; the reports beside them in report order.
fn report_pages_showing(archive: &Archive, change: &Change<'_>) -> HashSet<ReportId> {
    // Where the reports with these slugs are now.
    let reports_now = |slugs: &mut dyn Iterator<Item = &String>| -> Vec<ReportId> {
        slugs
            .filter_map(|slug| archive.report_position(slug))
            .collect()
    };
    let mut touched: HashSet<ReportId> = change.report_cards.iter().copied().collect();
    touched.extend(reports_now(
        &mut (change.replaced_responses.iter())
            .chain(change.response_cards)
            .flat_map(|&i| &archive.response_at(i).reports),
    ));
    touched.extend(reports_now(
        &mut change.responses_before.iter().flat_map(|r| &r.reports),
    ));
    touched.extend(reports_now(
        &mut (change.reports_before.iter()).filter_map(|r| r.follows_up.as_ref()),
    ));
    for (index, report) in archive.report_ids().zip(&archive.reports) {
        if change.reports[index.index()] {
            touched.extend(reports_now(&mut report.follows_up.iter()));
        }
        if (report.follows_up.as_ref())
            .is_some_and(|earlier| change.changed_report_slugs.contains(earlier))
        {
            touched.insert(index);
        }
    }
    touched.extend(beside_changed_or_moved(change));
    touched
}

/// Response pages: their own cards, and their reports' cards, findings and dates.
fn response_pages_showing(indexes: &Indexes, change: &Change<'_>) -> HashSet<ResponseId> {
    let mut touched: HashSet<ResponseId> = change.response_cards.iter().copied().collect();
    for &report in change.replaced_reports.iter().chain(change.report_cards) {
        touched.extend(indexes.responses_of[report.index()].iter().copied());
    }
    touched
}

/// The reports whose older or newer neighbour in report order (the links of a report page) is
/// another report than last build's, or was changed.
fn beside_changed_or_moved(change: &Change<'_>) -> Vec<ReportId> {
    let count = change.reports.len();
    let mut beside = Vec::new();
    for position in 0..count {
        let older = position + 1;
        let newer = position.checked_sub(1);
        let moved = change.report_was.0.is_some() && {
            let was = change.report_was.of(position);
            let older_was = (older < count).then(|| change.report_was.of(older));
            let newer_was = newer.map(|p| change.report_was.of(p));
            older_was != (was + 1 < count).then_some(was + 1) || newer_was != was.checked_sub(1)
        };
        let next_to_changed =
            (older < count && change.reports[older]) || newer.is_some_and(|p| change.reports[p]);
        if moved || next_to_changed {
            beside.push(ReportId::at(position));
        }
    }
    beside
}

/// The listing pages that can differ from last build's: a year or theme page whose documents
/// or their cards changed, the deadlines page when a report card or the report order did, the
/// tracker when a row or the order of findings did, and the small pages (home, the indexes of
/// years and themes, search, 404) always.
fn listings_showing(
    archive: &Archive,
    indexes: &Indexes,
    last: &Indexes,
    change: &Change<'_>,
) -> Vec<String> {
    let mut paths: Vec<String> = [
        Route::Home,
        Route::Years,
        Route::Themes,
        Route::Search,
        Route::NotFound,
    ]
    .map(Route::output_path)
    .to_vec();
    if archive.has_grades() {
        paths.push(Route::Grades.output_path());
    }
    let (report_was, response_was) = (change.report_was, change.response_was);
    let mut card_changed = vec![false; archive.reports.len()];
    for &report in change.report_cards {
        card_changed[report.index()] = true;
    }
    let mut response_card_changed = vec![false; archive.responses.len()];
    for &response in change.response_cards {
        response_card_changed[response.index()] = true;
    }
    for entry in &indexes.years {
        let was = last.years.iter().find(|y| y.year == entry.year);
        let kept = was.is_some_and(|was| {
            same_documents(&was.reports, &entry.reports, report_was)
                && same_documents(&was.responses, &entry.responses, response_was)
        });
        if !kept
            || entry.reports.iter().any(|&i| card_changed[i.index()])
            || entry
                .responses
                .iter()
                .any(|&i| response_card_changed[i.index()])
        {
            paths.push(Route::Year(entry.year).output_path());
        }
    }
    for entry in &indexes.themes {
        let was = last.themes.iter().find(|t| t.theme == entry.theme);
        let kept = was.is_some_and(|was| same_documents(&was.reports, &entry.reports, report_was));
        if !kept || entry.reports.iter().any(|&i| card_changed[i.index()]) {
            let theme = &archive.themes[entry.theme];
            paths.push(Route::Theme(&theme.slug).output_path());
        }
    }
    if report_was.0.is_some() || !change.report_cards.is_empty() {
        paths.push(Route::Deadlines.output_path());
    }
    let findings_moved = last.findings.len() != indexes.findings.len()
        || (last.findings.iter().zip(&indexes.findings)).any(|(old, new)| {
            (old.finding, old.status, old.overdue) != (new.finding, new.status, new.overdue)
                || old.report.index() != report_was.of(new.report.index())
        });
    if change.finding_rows || findings_moved {
        let pages = crate::indexes::tracker_pages(indexes.findings.len());
        paths.extend((1..=pages).map(|page| Route::FindingsPage(page).output_path()));
    }
    paths
}

/// Whether a list of last build (`old`) and its new list (`new`) hold the same documents in the
/// same order, `was` telling where each document now was.
fn same_documents<T: Copy + Into<usize>>(old: &[T], new: &[T], was: OldPositions<'_>) -> bool {
    old.len() == new.len() && (old.iter().zip(new)).all(|(&o, &n)| was.of(n.into()) == o.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change<'a>(reports: &'a [bool], was: Option<&'a [usize]>) -> Change<'a> {
        static NO_SLUGS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
        Change {
            reports,
            report_was: OldPositions(was),
            response_was: OldPositions(None),
            replaced_reports: &[],
            replaced_responses: &[],
            report_cards: &[],
            response_cards: &[],
            finding_rows: false,
            reports_before: &[],
            responses_before: &[],
            changed_report_slugs: NO_SLUGS.get_or_init(HashSet::new),
        }
    }

    #[test]
    fn a_report_page_shows_its_neighbours() {
        // Report 2 of 5 changed: reports 1 and 3 link to it.
        let at = |positions: &[usize]| {
            positions
                .iter()
                .map(|&p| ReportId::at(p))
                .collect::<Vec<_>>()
        };
        let replaced = [false, false, true, false, false];
        assert_eq!(
            beside_changed_or_moved(&change(&replaced, None)),
            at(&[1, 3])
        );
        // Reports 0 and 1 swapped places: each of them, and report 2 (whose newer neighbour
        // is another report now), show another neighbour.
        let none = [false; 5];
        let swapped = [1, 0, 2, 3, 4];
        assert_eq!(
            beside_changed_or_moved(&change(&none, Some(&swapped))),
            at(&[0, 1, 2])
        );
    }

    #[test]
    fn lists_are_the_same_when_their_documents_only_moved_together() {
        let was = [1, 0, 2];
        let at = |positions: &[usize]| {
            positions
                .iter()
                .map(|&p| ReportId::at(p))
                .collect::<Vec<_>>()
        };
        assert!(same_documents(
            &at(&[0, 2]),
            &at(&[1, 2]),
            OldPositions(Some(&was))
        ));
        assert!(!same_documents(
            &at(&[0, 2]),
            &at(&[0, 2]),
            OldPositions(Some(&was))
        ));
        assert!(same_documents(
            &at(&[0, 2]),
            &at(&[0, 2]),
            OldPositions(None)
        ));
        assert!(!same_documents(&at(&[0]), &at(&[0, 2]), OldPositions(None)));
    }
}
