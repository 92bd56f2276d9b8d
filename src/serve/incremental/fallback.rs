//! Why a change took serve's full path rather than an incremental rebuild.

use std::path::PathBuf;

/// Why a change took the full path (every file read, checked and rendered again) rather than
/// an incremental rebuild: printed on serve's event line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FullRebuild {
    /// The first build, or nothing the last build kept.
    NothingKept,
    /// The preview leaves drafts out (the incremental path assumes they are in).
    DraftsLeftOut,
    /// A file that is not a document the last build had: config.toml, themes.toml, a
    /// template, or a document added or removed.
    NotAKnownDocument(PathBuf),
    /// A changed document could not be read again.
    Unreadable(PathBuf),
    /// A changed document has errors of its own.
    DocumentErrors(PathBuf),
    /// A changed document now has another slug or kind.
    Renamed(PathBuf),
    /// Checking the changed documents with those they refer to found errors.
    CheckFailed,
    /// A changed document is no longer in the archive (now a draft left out, say).
    LeftOut,
    /// The documents could not be matched with the last build's in the new order.
    OrderUnmatched,
    /// A page is made or gone (a year or theme with no reports left, say).
    PagesMadeOrGone,
    /// A template failed on part of a page.
    TemplateFailed,
    /// A national site: its sources' reports are matched with its own, all at once.
    National,
    /// On a site of several languages, a document's fields changed (not only its text): its
    /// words can show on any page of each language, whose lists are made whole.
    Languages,
    /// A translation (`<slug>.<code>.md`) was added or removed, or its words (not only its
    /// text) changed: they can show on any page of its language.
    Translation(PathBuf),
}

impl std::fmt::Display for FullRebuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = |path: &PathBuf| crate::diagnostic::slash_path(path);
        match self {
            FullRebuild::NothingKept => write!(f, "no earlier build to update"),
            FullRebuild::DraftsLeftOut => write!(f, "drafts are left out"),
            FullRebuild::NotAKnownDocument(file) => {
                write!(f, "{} is not a document the last build had", path(file))
            }
            FullRebuild::Unreadable(file) => write!(f, "{} could not be read", path(file)),
            FullRebuild::DocumentErrors(file) => write!(f, "{} has errors", path(file)),
            FullRebuild::Renamed(file) => {
                write!(f, "{} changed its address or kind", path(file))
            }
            FullRebuild::CheckFailed => write!(f, "the changed documents have errors"),
            FullRebuild::LeftOut => write!(f, "a changed document is left out"),
            FullRebuild::OrderUnmatched => write!(f, "the new order of documents differs"),
            FullRebuild::PagesMadeOrGone => write!(f, "a page is made or gone"),
            FullRebuild::TemplateFailed => write!(f, "a template failed"),
            FullRebuild::National => write!(f, "a national site is matched whole"),
            FullRebuild::Languages => write!(
                f,
                "on a site of several languages, a document's fields changed"
            ),
            FullRebuild::Translation(file) => {
                write!(f, "{} is a translation", path(file))
            }
        }
    }
}
