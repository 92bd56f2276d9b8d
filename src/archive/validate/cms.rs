//! The browser editor's settings: `[cms]` of `config.toml` checked, so that the editor is never
//! published pointing at a repository or sign-in it cannot use.

use std::path::Path;

use url::Url;

use super::{Checker, value, word};
use crate::archive::Cms;
use crate::document::CmsFile;
use crate::frontmatter::Located;
use crate::vocabulary::{CmsBackend, placeholders};

const SETUP: &str = "docs/publishing.md, \"Editing in the browser\", says how to set it up";

impl Checker {
    /// `None` when `[cms]` has an error (each one reported).
    pub(super) fn cms(&mut self, path: &Path, doc: &CmsFile) -> Option<Cms> {
        let mut ok = true;
        for (key, setting) in [
            ("repo", &doc.repo),
            ("auth_url", &doc.auth_url),
            ("app_id", &doc.app_id),
            ("api_root", &doc.api_root),
        ] {
            if let Some(setting) = setting
                && setting.value.contains(placeholders::SETTING_MARKER)
            {
                let message = format!("`{key}` is still the placeholder \"{}\"", setting.value);
                self.push(setting.warning(path, message).with_help(format!(
                    "write your own value in place of the {}... words: {SETUP}",
                    placeholders::SETTING_MARKER
                )));
            }
        }
        if let Some(repo) = &doc.repo
            && !is_repository(&repo.value)
        {
            ok = false;
            self.push(
                repo.error(
                    path,
                    format!(
                        "`repo` must be a repository as owner/name, found \"{}\"",
                        repo.value
                    ),
                )
                .with_help("such as repo = \"essex-pfcc/hmicfrs\""),
            );
        }
        if let Some(branch) = &doc.branch
            && !is_branch(&branch.value)
        {
            ok = false;
            self.push(
                branch
                    .error(
                        path,
                        format!("`branch` is not a branch name: \"{}\"", branch.value),
                    )
                    .with_help("the branch the site is published from, such as branch = \"main\""),
            );
        }
        for (key, address) in [("auth_url", &doc.auth_url), ("api_root", &doc.api_root)] {
            if let Some(address) = address
                && !is_web_address(&address.value)
            {
                ok = false;
                self.push(
                    address
                        .error(
                            path,
                            format!("`{key}` is not a web address: \"{}\"", address.value),
                        )
                        .with_help("write the full address, starting with https://"),
                );
            }
        }
        // The value's own error says what is wrong with an unknown backend.
        let backend = word(&doc.backend)?;
        let mut needs =
            |checker: &mut Checker, key: &str, field: &Option<Located<String>>, help: &str| {
                if field.is_none() {
                    ok = false;
                    checker.push(
                        doc.at
                            .error(
                                path,
                                format!(
                                    "`[cms]` with backend = \"{}\" needs `{key}`",
                                    backend_word(backend)
                                ),
                            )
                            .with_help(help.to_string()),
                    );
                }
            };
        match backend {
            CmsBackend::GitHub => {
                needs(
                    self,
                    "repo",
                    &doc.repo,
                    "add the site's repository: repo = \"owner/name\"",
                );
                needs(
                    self,
                    "auth_url",
                    &doc.auth_url,
                    &format!(
                        "add the address of the service that signs editors in to GitHub: {SETUP}"
                    ),
                );
            }
            CmsBackend::GitLab => {
                needs(
                    self,
                    "repo",
                    &doc.repo,
                    "add the site's repository: repo = \"group/name\"",
                );
                needs(
                    self,
                    "app_id",
                    &doc.app_id,
                    &format!("add the application id of the GitLab sign-in (PKCE): {SETUP}"),
                );
            }
            CmsBackend::TestRepo => {}
        }
        ok.then(|| Cms {
            backend,
            repo: value(&doc.repo),
            branch: value(&doc.branch).unwrap_or_else(|| "main".into()),
            editorial_workflow: value(&doc.editorial_workflow).unwrap_or(false),
            auth_url: value(&doc.auth_url),
            app_id: value(&doc.app_id),
            api_root: value(&doc.api_root),
        })
    }
}

fn backend_word(backend: CmsBackend) -> &'static str {
    use crate::vocabulary::Vocabulary as _;
    backend.word()
}

/// `owner/name` (a GitLab group may have subgroups: `group/sub/name`).
fn is_repository(repo: &str) -> bool {
    let parts: Vec<&str> = repo.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

/// A git branch name without the characters git refuses or that would need escaping.
fn is_branch(branch: &str) -> bool {
    !branch.is_empty()
        && !branch.starts_with(['-', '/'])
        && !branch.ends_with(['/', '.'])
        && !branch.contains("..")
        && branch
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

fn is_web_address(address: &str) -> bool {
    Url::parse(address)
        .is_ok_and(|url| matches!(url.scheme(), "https" | "http") && url.host().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repositories_and_branches() {
        assert!(is_repository("essex-pfcc/hmicfrs"));
        assert!(is_repository("group/sub/site.name"));
        assert!(!is_repository("hmicfrs"));
        assert!(!is_repository("owner//name"));
        assert!(!is_repository("owner/na me"));
        assert!(is_branch("main"));
        assert!(is_branch("release/2024"));
        assert!(!is_branch("a..b"));
        assert!(!is_branch("-x"));
        assert!(!is_branch("main\""));
        assert!(is_web_address("https://auth.example.org/"));
        assert!(!is_web_address("javascript:alert(1)"));
    }
}
