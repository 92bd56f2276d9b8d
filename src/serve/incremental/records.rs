//! The open data records and sitemap dates of the last build that still hold after a change.

use std::collections::HashSet;

use super::LastBuild;
use super::plan::Changed;
use crate::diagnostic::Diagnostic;
use crate::indexes::Indexes;
use crate::render::Records;
use crate::render::opendata::OpenData;
use crate::render::pages::PageList;

/// Which records of last build still hold after a front-matter change. A report's open data
/// record shows the report, its timeliness and the slugs of the responses answering it; a
/// response's shows only the response. A page's date in the sitemap can change only if the
/// page is rendered again.
pub(super) struct KeptRecords<'a> {
    pub(super) last: &'a LastBuild,
    pub(super) indexes: &'a Indexes,
    pub(super) changed: &'a Changed<'a>,
}

impl KeptRecords<'_> {
    pub(super) fn records(
        &self,
        records: Records,
        list: &PageList,
        rendered: &HashSet<String>,
    ) -> Result<Records, Diagnostic> {
        let (archive, indexes) = (&self.last.archive, self.indexes);
        let paths = rendered.iter().map(String::as_str);
        Ok(Records {
            open_data: self.open_data(records.open_data)?,
            lastmods: records.lastmods.updated(archive, indexes, list, paths),
        })
    }

    fn open_data(&self, records: OpenData) -> Result<OpenData, Diagnostic> {
        let (last, archive, indexes) = (self.last, &self.last.archive, self.indexes);
        let changed = self.changed;
        let kept_report = |index: usize| {
            let was = changed.report_was.of(index);
            let kept = !changed.answered[index]
                && last.indexes.timeliness[was] == indexes.timeliness[index];
            kept.then_some(was)
        };
        let kept_response =
            |index: usize| (!changed.responses[index]).then_some(changed.response_was.of(index));
        records.updated(archive, indexes, kept_report, kept_response)
    }
}
