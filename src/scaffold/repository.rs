//! The repository around a new site: the GitHub and GitLab pipelines that check and publish it
//! with a released scrutiny, `.gitignore` and the office's README, and which release they install.

/// The files `init` writes besides the site itself. Kept here under names without a leading dot,
/// so that they do not act on this repository.
pub(super) const FILES: &[(&str, &str)] = &[
    (
        ".github/workflows/check.yml",
        include_str!("site/github/workflows/check.yml"),
    ),
    (
        ".github/workflows/publish.yml",
        include_str!("site/github/workflows/publish.yml"),
    ),
    (
        ".github/actions/install-scrutiny/action.yml",
        include_str!("site/github/actions/install-scrutiny/action.yml"),
    ),
    (".gitlab-ci.yml", include_str!("site/gitlab-ci.yml")),
    (".gitignore", include_str!("site/gitignore")),
    ("README.md", include_str!("site/README.md")),
];

/// The scrutiny release a new site's pipelines install: the version of the scrutiny that wrote
/// them. `.github/workflows/release.yml` refuses a tag that is not this version.
pub const RELEASE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The GitHub repository whose releases a new site's pipelines download scrutiny from, when
/// Cargo.toml gives no GitHub `repository`.
const RELEASES_PLACEHOLDER: &str = "scrutiny-project/scrutiny";

/// The GitHub repository (`owner/name`) that publishes scrutiny's releases: Cargo.toml's
/// `repository` when it is a GitHub address, else [`RELEASES_PLACEHOLDER`].
pub fn releases_repository() -> &'static str {
    github_repository(env!("CARGO_PKG_REPOSITORY")).unwrap_or(RELEASES_PLACEHOLDER)
}

/// `owner/name` of a GitHub repository address such as `https://github.com/owner/name.git`.
fn github_repository(address: &str) -> Option<&str> {
    let path = address
        .strip_prefix("https://github.com/")?
        .trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let mut parts = path.split('/');
    let well_formed = matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(owner), Some(name), None) if !owner.is_empty() && !name.is_empty()
    );
    well_formed.then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_releases_repository_is_read_from_a_github_address() {
        for address in [
            "https://github.com/owner/name",
            "https://github.com/owner/name/",
            "https://github.com/owner/name.git",
        ] {
            assert_eq!(github_repository(address), Some("owner/name"), "{address}");
        }
        for address in [
            "",
            "https://gitlab.com/owner/name",
            "https://github.com/owner",
            "https://github.com/owner/name/tree/main",
            "https://github.com//name",
        ] {
            assert_eq!(github_repository(address), None, "{address}");
        }
        let (owner, name) = releases_repository().split_once('/').unwrap_or_default();
        assert!(!owner.is_empty() && !name.is_empty() && !name.contains('/'));
    }
}
