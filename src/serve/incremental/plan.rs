//! A front-matter change planned: the cards and list entries that can differ remade and compared
//! with the last build's, the others moved into the new order, and the pages showing anything
//! that changed (asked of `render::pages::showing`).

use std::collections::HashSet;

use minijinja::Value;
use minijinja::value::Serde;

use super::{FullRebuild, LastBuild};
use crate::archive::{Archive, Moves, Report, ReportId, Response, ResponseId};
use crate::indexes::Indexes;
use crate::markdown::MarkdownRenderer;
use crate::render::pages::showing::{self, Change, OldPositions};
use crate::render::pages::{self, Items, SharedParts, item};
use crate::render::views::ViewBuilder;

/// The changed documents as the last build had them, and how the change moved the documents.
pub(super) struct Before<'a> {
    pub(super) reports: &'a [Report],
    pub(super) responses: &'a [Response],
    pub(super) changed_reports: &'a HashSet<String>,
    pub(super) moves: &'a Moves,
    pub(super) changed: &'a Changed<'a>,
}

/// The documents replaced, by their position now, and where each document was in last build.
pub(super) struct Changed<'a> {
    pub(super) reports: Vec<bool>,
    pub(super) responses: Vec<bool>,
    /// The reports replaced, and those a replaced response answers or answered: the only
    /// reports whose list of responses, and so whose timeliness, can differ.
    pub(super) answered: Vec<bool>,
    pub(super) report_was: OldPositions<'a>,
    pub(super) response_was: OldPositions<'a>,
}

impl<'a> Changed<'a> {
    /// `old_responses`: the replaced responses as last build had them.
    pub(super) fn new(
        archive: &Archive,
        moves: &'a Moves,
        old_responses: &[Response],
    ) -> Changed<'a> {
        let marked = |count: usize, positions: &mut dyn Iterator<Item = usize>| {
            let mut marks = vec![false; count];
            for position in positions {
                marks[position] = true;
            }
            marks
        };
        let reports = archive.reports.len();
        let answering = moves
            .replaced_responses
            .iter()
            .flat_map(|&i| &archive.response_at(i).reports)
            .chain(old_responses.iter().flat_map(|r| &r.reports))
            .filter_map(|slug| archive.report_position(slug))
            .map(usize::from);
        Changed {
            reports: marked(
                reports,
                &mut moves.replaced_reports.iter().map(|&r| r.into()),
            ),
            responses: marked(
                archive.responses.len(),
                &mut moves.replaced_responses.iter().map(|&r| r.into()),
            ),
            answered: marked(
                reports,
                &mut (moves.replaced_reports.iter().map(|&r| r.into())).chain(answering),
            ),
            report_was: OldPositions(moves.reports.as_deref()),
            response_was: OldPositions(moves.responses.as_deref()),
        }
    }
}

/// Which pages a front-matter change can touch, and the cards and finding texts in new order.
pub(super) struct Plan {
    pub(super) wanted: HashSet<String>,
    pub(super) parts: SharedParts,
}

/// Remakes the cards that can differ (compared with the last build's to find those that did),
/// moves the others into the new archive order, and lists the pages showing anything changed.
pub(super) fn plan_front_matter(
    last: &LastBuild,
    indexes: &Indexes,
    markdown: &MarkdownRenderer,
    mut old: SharedParts,
    before: &Before<'_>,
) -> Result<Plan, FullRebuild> {
    let archive = &last.archive;
    let theme = &last.theme;
    let views = ViewBuilder::new(archive, indexes);
    let changed = before.changed;
    // Where the reports with these slugs are now.
    let reports_now = |slugs: &mut dyn Iterator<Item = &String>| -> Vec<ReportId> {
        slugs
            .filter_map(|slug| archive.report_position(slug))
            .collect()
    };
    // A list entry of last build, moved out (`None` when the theme renders no such entries).
    let take = |entries: &mut Vec<Value>, at: usize| {
        entries
            .get_mut(at)
            .map(|entry| std::mem::replace(entry, Value::UNDEFINED))
    };
    let mut items = Items {
        findings: old.items.findings.as_ref().map(|_| Vec::new()),
        ..Items::default()
    };
    // A tracker row shows its report and the responses addressing the finding (whose titles
    // may name other reports): the reports of changed responses, before and after, are touched.
    let mut rows_touched = changed.answered.clone();
    let mut touch_rows = |reports: Vec<ReportId>| {
        for report in reports {
            rows_touched[report.index()] = true;
        }
    };

    // Response cards (and list items): remade where the response or a report it answers
    // changed.
    let mut response_candidate = changed.responses.clone();
    for &report in &before.moves.replaced_reports {
        for &response in &indexes.responses_of[report.index()] {
            response_candidate[response.index()] = true;
        }
    }
    let mut changed_response_cards: Vec<ResponseId> = Vec::new();
    let mut response_cards = Vec::with_capacity(archive.responses.len());
    for (id, &candidate) in archive.response_ids().zip(&response_candidate) {
        let was = changed.response_was.of(id.index());
        let old_item = take(&mut old.items.responses, was);
        let make = || Value::from(Serde(&views.response_card(id)));
        match card_again(&mut old.response_cards, was, candidate, make) {
            Card::Changed(card) => {
                changed_response_cards.push(id);
                let item = old_item.map(|_| {
                    pages::render_item(
                        theme,
                        item::RESPONSE,
                        "response",
                        &card,
                        views.language.code,
                    )
                });
                items
                    .responses
                    .extend(item.transpose().map_err(|_| FullRebuild::TemplateFailed)?);
                response_cards.push(card);
            }
            Card::Kept(card) => {
                items.responses.extend(old_item);
                response_cards.push(card);
            }
        }
    }
    touch_rows(reports_now(
        &mut changed_response_cards
            .iter()
            .flat_map(|&i| &archive.response_at(i).reports),
    ));

    // Report cards (and their list items and deadline rows): remade where the report, its
    // timeliness or its responses changed.
    let mut changed_report_cards: Vec<ReportId> = Vec::new();
    let mut finding_rows_changed = false;
    let mut report_cards = Vec::with_capacity(archive.reports.len());
    let mut finding_html = Vec::with_capacity(archive.reports.len());
    for (id, report) in archive.report_ids().zip(&archive.reports) {
        let index = id.index();
        let was = changed.report_was.of(index);
        let candidate = changed.reports[index]
            || last.indexes.timeliness[was] != indexes.timeliness[index]
            || last.indexes.responses_of[was].len() != indexes.responses_of[index].len();
        let old_item = take(&mut old.items.reports, was);
        let old_row = take(&mut old.items.deadlines, was);
        let make = || Value::from(Serde(&views.report_card(id)));
        match card_again(&mut old.report_cards, was, candidate, make) {
            Card::Changed(card) => {
                changed_report_cards.push(id);
                let item = old_item.map(|_| {
                    pages::render_item(theme, item::REPORT, "report", &card, views.language.code)
                });
                let row = old_row.map(|_| {
                    pages::render_item(theme, item::DEADLINE, "report", &card, views.language.code)
                });
                items
                    .reports
                    .extend(item.transpose().map_err(|_| FullRebuild::TemplateFailed)?);
                items
                    .deadlines
                    .extend(row.transpose().map_err(|_| FullRebuild::TemplateFailed)?);
                report_cards.push(card);
            }
            Card::Kept(card) => {
                items.reports.extend(old_item);
                items.deadlines.extend(old_row);
                report_cards.push(card);
            }
        }
        let html = match changed.reports[index] {
            true => pages::finding_html(report, markdown),
            false => std::mem::take(&mut old.finding_html[was]),
        };
        // A theme without a finding item renders the tracker from the findings' values: any
        // change that could show there counts.
        if old.items.findings.is_none() && rows_touched[index] && !report.findings.is_empty() {
            finding_rows_changed = true;
        }
        if let (Some(rows), Some(old_rows)) = (&mut items.findings, &mut old.items.findings) {
            let old_rows = std::mem::take(&mut old_rows[was]);
            rows.push(match rows_touched[index] {
                true => {
                    let new_rows = pages::finding_rows(&views, theme, id, &html)
                        .map_err(|_| FullRebuild::TemplateFailed)?;
                    finding_rows_changed |= new_rows != old_rows;
                    new_rows
                }
                false => old_rows,
            });
        }
        finding_html.push(html);
    }

    // The pages showing anything that changed.
    let change = Change {
        reports: &changed.reports,
        report_was: changed.report_was,
        response_was: changed.response_was,
        replaced_reports: &before.moves.replaced_reports,
        replaced_responses: &before.moves.replaced_responses,
        report_cards: &changed_report_cards,
        response_cards: &changed_response_cards,
        finding_rows: finding_rows_changed,
        reports_before: before.reports,
        responses_before: before.responses,
        changed_report_slugs: before.changed_reports,
    };
    let wanted = showing::pages_showing(archive, indexes, &last.indexes, &change);

    Ok(Plan {
        wanted,
        parts: SharedParts {
            report_cards,
            response_cards,
            finding_html,
            items,
        },
    })
}

/// A card of the new build: last build's, or one made again that differs from it.
pub(super) enum Card {
    Kept(Value),
    Changed(Value),
}

/// Moves last build's card at `was` out of `old_cards` (moved, not cloned: most cards are kept,
/// and a clone would touch each one's memory) and, for a `candidate`, makes it again to compare.
fn card_again(
    old_cards: &mut [Value],
    was: usize,
    candidate: bool,
    make: impl FnOnce() -> Value,
) -> Card {
    let old = std::mem::replace(&mut old_cards[was], Value::UNDEFINED);
    if !candidate {
        return Card::Kept(old);
    }
    let card = make();
    match card == old {
        true => Card::Kept(old),
        false => Card::Changed(card),
    }
}
