//! Invariants every fuzz target checks on the diagnostics it gets back.

use std::path::Path;

use scrutiny::diagnostic::Diagnostic;

/// Every diagnostic names `path` (one of the files given) and, when it has a position, a line and
/// column inside that file's text.
pub fn assert_located(diagnostics: &[Diagnostic], files: &[(&Path, &str)]) {
    for diagnostic in diagnostics {
        let text = files
            .iter()
            .find(|(path, _)| *path == diagnostic.file)
            .map(|(_, text)| *text);
        let Some(text) = text else {
            panic!(
                "a diagnostic names {} which is none of the files read: {diagnostic:?}",
                diagnostic.file.display()
            );
        };
        assert!(
            !diagnostic.message.is_empty(),
            "a diagnostic without a message"
        );
        if let Some(position) = diagnostic.position {
            let lines: Vec<&str> = text.split('\n').collect();
            assert!(
                position.line >= 1 && position.line <= lines.len(),
                "line {} outside a file of {} lines: {diagnostic:?}",
                position.line,
                lines.len()
            );
            let columns = lines[position.line - 1].chars().count() + 1;
            assert!(
                position.column >= 1 && position.column <= columns,
                "column {} outside a line of {} characters: {diagnostic:?}",
                position.column,
                columns - 1
            );
        }
    }
}
