//! The browser editor's vendored files (placeholder until the vendoring lands).

/// Each vendored file, by its path under `admin/`, with its bytes.
pub const FILES: &[(&str, &[u8])] = &[];
