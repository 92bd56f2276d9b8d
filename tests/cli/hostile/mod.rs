//! Hostile and careless input: script, quotes and formulas in every front-matter field, symlinks
//! out of content/, bad file names, huge and deeply nested files, and builds killed mid-write.
//! Each must end in a clear message or a correct site, never a crash, a leak or lost work.

mod escaping;
mod inspect;
mod interrupted;
mod paths;
mod sizes;
mod tags;

pub use inspect::{assert_inert, toml_string, well_formed_xml};
