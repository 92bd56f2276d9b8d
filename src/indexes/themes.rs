//! Themes: the reports under each theme of `themes.toml`, including themes with none yet.

use crate::archive::{Archive, ReportId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeEntry {
    /// Index into `archive.themes`.
    pub theme: usize,
    /// Newest first.
    pub reports: Vec<ReportId>,
}

pub fn themes(archive: &Archive) -> Vec<ThemeEntry> {
    let mut entries: Vec<ThemeEntry> = (0..archive.themes.len())
        .map(|theme| ThemeEntry {
            theme,
            reports: Vec::new(),
        })
        .collect();
    let position: rustc_hash::FxHashMap<&str, usize> = archive
        .themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    for (index, report) in archive.report_ids().zip(&archive.reports) {
        for slug in &report.themes {
            if let Some(&theme) = position.get(slug.as_str()) {
                entries[theme].reports.push(index);
            }
        }
    }
    entries
}
