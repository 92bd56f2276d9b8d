//! Placeholders left in: the example names, template values and prompts that `scrutiny init`
//! and `new` write (listed in [`crate::vocabulary::placeholders`]), each a warning at its value
//! or, in a body, at its line and column.

use std::path::Path;

use super::{Checker, Common};
use crate::diagnostic::Diagnostic;
use crate::frontmatter::Located;
use crate::vocabulary::placeholders::{self, Placeholder};

/// What to write instead of an example name, by field.
pub(super) const NAME_HELP: &str =
    "write the real name: your own force, your office or the person who signed";

impl Checker {
    /// Warns when `field` is a template's placeholder or holds an example name; `name_help` says
    /// what belongs in the field.
    pub(super) fn placeholder_value(
        &mut self,
        path: &Path,
        field: &str,
        located: Option<&Located<String>>,
        name_help: &str,
    ) {
        let Some(located) = located else { return };
        self.placeholder_in(path, field, located, &located.value, name_help);
    }

    /// As [`Checker::placeholder_value`], for each item of a list field, pointing at the list.
    pub(super) fn placeholder_list(
        &mut self,
        path: &Path,
        field: &str,
        located: Option<&Located<Vec<String>>>,
        name_help: &str,
    ) {
        let Some(located) = located else { return };
        for item in &located.value {
            self.placeholder_in(path, field, located, item, name_help);
        }
    }

    fn placeholder_in<T>(
        &mut self,
        path: &Path,
        field: &str,
        at: &Located<T>,
        value: &str,
        name_help: &str,
    ) {
        let Some(placeholder) = placeholders::in_value(value) else {
            return;
        };
        let diagnostic = match placeholder {
            Placeholder::Untranslated(marker) => at
                .warning(
                    path,
                    format!("`{field}` is still the original's words, marked \"{marker}\""),
                )
                .with_help(format!(
                    "translate it into this file's language, then delete \"{marker}\" at its start"
                )),
            Placeholder::Value(text, help) => at
                .warning(
                    path,
                    format!("`{field}` is still the template's placeholder \"{text}\""),
                )
                .with_help(help),
            Placeholder::Name(name) | Placeholder::Prompt(name) => at
                .warning(
                    path,
                    format!("`{field}` still has the example name \"{name}\""),
                )
                .with_help(name_help),
        };
        self.push(diagnostic);
    }

    /// Warns of each example name and template prompt left in a document's body.
    pub(super) fn placeholders_in_body(&mut self, common: &Common) {
        self.placeholders_in_text(&common.path, &common.placeholders);
    }

    /// Warns of each example name, template prompt and word left to translate in the body of
    /// the file at `path`.
    pub(super) fn placeholders_in_text(
        &mut self,
        path: &Path,
        found: &[(crate::diagnostic::Position, Placeholder)],
    ) {
        for &(position, placeholder) in found {
            let diagnostic = match placeholder {
                Placeholder::Untranslated(prompt) => Diagnostic::warning(
                    path,
                    format!("the text is still the original's words, under \"{prompt} ...\""),
                )
                .with_help("translate the text into this file's language, then delete that line"),
                Placeholder::Name(name) => Diagnostic::warning(
                    path,
                    format!("the example name \"{name}\" is still in the text"),
                )
                .with_help(NAME_HELP),
                Placeholder::Prompt(prompt) | Placeholder::Value(prompt, _) => Diagnostic::warning(
                    path,
                    format!("the template's prompt \"{prompt}\" is still in the text"),
                )
                .with_help("replace it with your own words, as it asks"),
            };
            self.push(diagnostic.at(position));
        }
    }
}
