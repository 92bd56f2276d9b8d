//! A response's attachments: each path kept inside `content/` and found among its files.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use super::{Checker, value};
use crate::archive::Attachment;
use crate::diagnostic::did_you_mean;
use crate::document::ResponseFrontMatter;
use crate::source::AttachmentFile;

impl Checker {
    pub(super) fn attachments(
        &mut self,
        path: &Path,
        doc: &ResponseFrontMatter,
        inventory: &BTreeMap<String, AttachmentFile>,
    ) -> Option<Vec<Attachment>> {
        let mut files = Vec::new();
        let mut ok = true;
        for attachment in &doc.attachments {
            let Some(file) = &attachment.file else {
                ok = false;
                continue;
            };
            let Some(key) = normalise_attachment_path(&file.value) else {
                ok = false;
                self.push(
                    file.error(
                        path,
                        format!("the attachment \"{}\" is outside content/", file.value),
                    )
                    .with_help("put the file in content/files/ and write file = \"files/<name>\""),
                );
                continue;
            };
            match inventory.get(&key) {
                Some(found) if found.escapes_content => {
                    ok = false;
                    self.push(
                        file.error(
                            path,
                            format!(
                                "the attachment \"{}\" is a link to a file outside content/",
                                file.value
                            ),
                        )
                        .with_help(
                            "copy the file itself into content/files/ instead of linking to it",
                        ),
                    );
                }
                Some(found) => files.push(Attachment {
                    title: value(&attachment.title).unwrap_or_else(|| file_name(&key)),
                    file: key,
                    size: found.size,
                    disk_path: found.disk_path.clone(),
                }),
                None => {
                    ok = false;
                    let near = did_you_mean(&key, inventory.keys().map(String::as_str));
                    let diagnostic = file.error(
                        path,
                        format!("the attachment \"{}\" does not exist", file.value),
                    );
                    self.push(match near {
                        Some(near) => diagnostic.with_help(format!("did you mean \"{near}\"?")),
                        None => diagnostic.with_help("paths are relative to content/, for example file = \"files/letter.pdf\""),
                    });
                }
            }
        }
        ok.then_some(files)
    }
}

fn file_name(key: &str) -> String {
    key.rsplit('/').next().unwrap_or(key).to_string()
}

/// `files/x.pdf` from an editor's path, or `None` when it would leave `content/`.
pub fn normalise_attachment_path(raw: &str) -> Option<String> {
    let raw = raw.trim().replace('\\', "/");
    let raw = raw.strip_prefix("content/").unwrap_or(&raw);
    let mut parts: Vec<String> = Vec::new();
    for component in Path::new(raw).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_paths_stay_inside_content() {
        assert_eq!(
            normalise_attachment_path("files/a.pdf"),
            Some("files/a.pdf".into())
        );
        assert_eq!(
            normalise_attachment_path("content/files/a.pdf"),
            Some("files/a.pdf".into())
        );
        assert_eq!(
            normalise_attachment_path("./files/../files/a.pdf"),
            Some("files/a.pdf".into())
        );
        assert_eq!(normalise_attachment_path("../config.toml"), None);
        assert_eq!(normalise_attachment_path("/etc/passwd"), None);
    }
}
