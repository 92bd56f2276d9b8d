//! What a full build renders and keeps for the incremental rebuilds after it.

use std::sync::Mutex;

use crate::archive::Archive;
use crate::diagnostic::Diagnostic;
use crate::indexes::Indexes;
use crate::render::pages::{PageList, Pages, SharedParts, TrackerRows, Wanted};
use crate::render::views::PageLanguage;
use crate::render::{
    GivenRecords, OutputFile, Records, StreamError, TemplateSet, markdown_for, other_files,
    render_language,
};

/// Everything rendered, with what produced it, from one build.
pub struct Rendered {
    /// Every page, then the files besides pages (feeds, sitemap, open data, theme assets and
    /// attachments).
    pub files: Vec<OutputFile>,
    /// The paths of the files besides pages.
    pub other_paths: Vec<String>,
    pub parts: SharedParts,
    pub list: PageList,
    /// Each document's open data record.
    /// Each document's part of the files besides pages.
    pub records: Records,
}

/// Renders the `wanted` pages in parallel, into memory. Problems come back in page order.
pub(super) fn render_pages(
    pages: &Pages<'_>,
    theme: &TemplateSet,
    wanted: Wanted<'_>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = Mutex::new(Vec::new());
    let (problems, _) = pages.render_each(theme, wanted, &|file| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok::<(), std::convert::Infallible>(())
    });
    match problems.is_empty() {
        true => Ok(files.into_inner().unwrap_or_else(|e| e.into_inner())),
        false => Err(problems),
    }
}

/// Renders the whole site (but the search index) in parallel, keeping the cards for later.
pub fn render_all(
    archive: &Archive,
    indexes: &Indexes,
    theme: &TemplateSet,
) -> Result<Rendered, Vec<Diagnostic>> {
    let markdown = markdown_for(archive);
    let pages = Pages::new(archive, indexes, &markdown, theme, TrackerRows::Kept)?;
    let (rendered, others) = rayon::join(
        || render_pages(&pages, theme, Wanted::Every),
        || {
            let records = Records::new(archive, indexes, pages.list())?;
            let others = other_files(
                archive,
                indexes,
                theme,
                pages.list(),
                GivenRecords::Kept(&records),
            )?;
            Ok::<_, Diagnostic>((others, records))
        },
    );
    let mut files = rendered?;
    let (others, records) = others.map_err(|problem| vec![problem])?;
    // Each other language's pages and feeds (a site of several languages is always built
    // whole: see `FullRebuild::Languages`).
    let more = Mutex::new(Vec::new());
    for language in PageLanguage::every(&archive.config).into_iter().skip(1) {
        let collect = |file| {
            more.lock().unwrap_or_else(|e| e.into_inner()).push(file);
            Ok::<(), std::convert::Infallible>(())
        };
        match render_language(archive, indexes, theme, &markdown, language, &collect) {
            Ok(_) => {}
            Err(StreamError::Invalid(problems)) => return Err(problems),
            Err(StreamError::Sink(never)) => match never {},
        }
    }
    files.extend(more.into_inner().unwrap_or_else(|e| e.into_inner()));
    let other_paths = others.iter().map(|f| f.path.clone()).collect();
    files.extend(others);
    let (parts, list) = pages.into_parts();
    Ok(Rendered {
        files,
        other_paths,
        parts,
        list,
        records,
    })
}
