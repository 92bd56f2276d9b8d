//! scrutiny: compiles a PFCC's archive of responses to HMICFRS inspection reports into a static site.
//!
//! The modules, from the bottom (the domain's words) up through the stages of the pipeline in
//! the order the data flows (ARCHITECTURE.md draws it), to the programs that run it. Each is
//! on its own line so that rustfmt keeps this order.

// The bottom: used by every stage, using nothing of the crate.

/// Report types, sectors, finding kinds and statuses, response statuses.
pub mod vocabulary;

/// The content model as data: every front-matter field and setting, for the editor's form and
/// the JSON Schema.
pub mod model;

/// Calendar dates: parsing, arithmetic and the ways pages write them.
pub mod dates;

/// Every page and file of the site, and the one place that turns one into an address.
pub mod routes;

/// The grain of parallel jobs, and freeing large values in the background.
pub mod parallel;

/// Errors and warnings as values, at file:line:col, and how they are printed.
pub mod diagnostic;

// The stages, in the order the data flows.

/// 1. The only reader of `content/` and `config.toml`: files listed and read as text.
pub mod source;

/// 2a. The `+++` block split off and its TOML read with positions in the original file.
pub mod frontmatter;

/// 2b. Source files read into typed front matter and Markdown bodies.
pub mod document;

/// 2c. A national site's sources: other offices' open data, read as untrusted input.
pub mod national;

/// 3. The 56-day rule: when the duty applies, the deadline and a report's response status.
pub mod deadline;

/// 3. Documents checked against each other into the archive.
pub mod archive;

/// 4. What the pages list, derived from the archive: years, themes, deadlines, findings.
pub mod indexes;

/// 5. Markdown to HTML, as every page and finding renders it.
pub mod markdown;

/// 5. Pages, feeds, open data and the search index, rendered in memory.
pub mod render;

/// 5b. Every link of the rendered site checked (`scrutiny check`).
pub mod links;

/// 6. The only writer of `public/`: staged, then swapped in whole.
pub mod output;

/// The stages assembled once, for build, check, serve and the tests.
pub mod pipeline;

// The programs besides build and check.

/// `scrutiny init`, `new report` and `new response`: files for editors to fill in.
pub mod scaffold;

/// `scrutiny schema`: the front-matter contract as JSON Schema, from `model`.
pub mod schema;

/// `scrutiny serve`: the preview, rebuilt incrementally on every save.
pub mod serve;

pub use pipeline::{
    Bodies, BuildOutcome, Loaded, SearchIndex, SiteOptions, build, build_with, check_links,
    check_statement, load, render_site,
};
