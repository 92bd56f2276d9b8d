//! Front matter: splits the `+++` block from the body, parses its TOML, and reads typed fields with
//! positions in the original file, collecting every problem rather than stopping at the first.
//!
//! [`split()`] finds the block, [`TomlSource`] parses it and maps spans to line:col, [`Fields`]
//! reads a table's fields one by one, and [`FromToml`] is how each type of value is read.

mod fields;
mod source;
mod split;
mod values;

use std::path::Path;

use crate::diagnostic::{Diagnostic, Position};

pub use fields::Fields;
pub use source::TomlSource;
pub use split::{Split, split};
pub use values::{FromToml, OneOrMany, ValueReader, Word};

/// A value read from a file, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub position: Position,
    pub width: usize,
}

impl<T> Located<T> {
    /// A diagnostic pointing at this value.
    pub fn error(&self, file: &Path, message: impl Into<String>) -> Diagnostic {
        self.point(Diagnostic::error(file, message))
    }

    pub fn warning(&self, file: &Path, message: impl Into<String>) -> Diagnostic {
        self.point(Diagnostic::warning(file, message))
    }

    fn point(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        diagnostic.position = Some(self.position);
        diagnostic.width = self.width;
        diagnostic
    }
}

#[cfg(test)]
mod tests;
