//! scrutiny: compiles a PFCC's archive of responses to HMICFRS inspection reports into a static site.

pub mod dates;
pub mod diagnostic;
pub mod document;
pub mod frontmatter;
pub mod source;
pub mod archive;
pub mod deadline;
pub mod indexes;
pub mod markdown;
