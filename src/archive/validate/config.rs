//! The site's settings and themes: `config.toml` (its `base_url` above all) and
//! `content/themes.toml` checked and resolved.

use std::path::Path;

use super::{Checker, is_slug, slugify, value, word};
use crate::archive::{Config, Theme};
use crate::deadline::DeadlineRule;
use crate::document::{ConfigFile, ThemeEntry};

impl Checker {
    pub(super) fn config(&mut self, doc: ConfigFile) -> Option<Config> {
        let path = doc.path.clone();
        let mut ok = true;
        let base_url = doc.base_url.as_ref().and_then(|located| {
            let parsed = parse_base_url(&located.value);
            if parsed.is_none() {
                ok = false;
                self.push(
                    located
                        .error(&path, format!("`base_url` is not an absolute web address: \"{}\"", located.value))
                        .with_help("write the full address the site is published at, such as \"https://www.example.org/hmicfrs/\""),
                );
            }
            parsed
        });
        let mut deadline = DeadlineRule::default();
        if let Some(days) = &doc.deadline_days {
            if days.value < 1 || days.value > 3650 {
                ok = false;
                self.push(
                    days.error(&path, "`days` must be a number of days between 1 and 3650")
                        .with_help("the statutory window is 56 days: days = 56"),
                );
            } else {
                deadline.days = days.value;
            }
        }
        if let Some(from) = &doc.deadline_from {
            deadline.from = from.value;
        }
        let theme = value(&doc.theme).unwrap_or_else(|| "default".into());
        if !is_slug(&theme) {
            ok = false;
            if let Some(located) = &doc.theme {
                self.push(
                    located
                        .error(&path, "`theme` must be the name of a folder under themes/")
                        .with_help("theme = \"default\""),
                );
            }
        }
        let (Some(title), Some((base_url, base_path)), Some(organisation)) =
            (value(&doc.title), base_url, value(&doc.organisation))
        else {
            return None;
        };
        ok.then(|| Config {
            title,
            base_url,
            base_path,
            language: value(&doc.language).unwrap_or_else(|| "en-GB".into()),
            organisation,
            force: value(&doc.force),
            theme,
            deadline,
            raw_html: word(&doc.raw_html).unwrap_or_default(),
        })
    }

    pub(super) fn themes(&mut self, docs: Vec<ThemeEntry>) -> Vec<Theme> {
        let mut themes = Vec::new();
        for doc in docs {
            if !is_slug(&doc.slug.value) {
                self.push(
                    doc.slug
                        .error(
                            Path::new(crate::source::THEMES_FILE),
                            format!("the theme name `{}` is not a valid slug", doc.slug.value),
                        )
                        .with_help(format!(
                            "use lowercase letters, digits and single hyphens: [{}]",
                            slugify(&doc.slug.value)
                        )),
                );
            }
            if let Some(title) = value(&doc.title) {
                themes.push(Theme {
                    slug: doc.slug.value,
                    title,
                    description: value(&doc.description),
                });
            }
        }
        themes
    }
}

/// Splits `https://host/path/` into the URL (ending `/`) and its path (`/path/`).
fn parse_base_url(raw: &str) -> Option<(String, String)> {
    let raw = raw.trim();
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    // Nothing that would need escaping where the address is written into pages and feeds.
    let unsafe_char = |c: char| c.is_whitespace() || c.is_control() || "?#\"'<>\\`{}|^".contains(c);
    if host.is_empty() || raw.contains(unsafe_char) {
        return None;
    }
    let path = path.trim_matches('/');
    let base_path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    let scheme = if raw.starts_with("https://") {
        "https"
    } else {
        "http"
    };
    Some((format!("{scheme}://{host}{base_path}"), base_path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::validate::ValidateOptions;
    use crate::diagnostic::{Diagnostics, Position};
    use crate::document::read_config;
    use crate::source::TextFile;

    #[test]
    fn base_urls_keep_their_sub_path() {
        assert_eq!(
            parse_base_url("https://example.org/pfcc/hmicfrs"),
            Some((
                "https://example.org/pfcc/hmicfrs/".into(),
                "/pfcc/hmicfrs/".into()
            ))
        );
        assert_eq!(
            parse_base_url("https://example.org"),
            Some(("https://example.org/".into(), "/".into()))
        );
        assert_eq!(parse_base_url("example.org/x"), None);
        assert_eq!(parse_base_url("javascript:alert(1)"), None);
    }

    /// An address is kept as it was written (host case, port, path), less the spaces around it
    /// and the slashes around its path: nothing is normalised, so what is published is what the
    /// editor wrote.
    #[test]
    fn base_urls_are_kept_as_written() {
        let kept = [
            // (written, base_url, base_path)
            (
                "https://example.org/hmicfrs/",
                "https://example.org/hmicfrs/",
                "/hmicfrs/",
            ),
            (
                "http://example.org/hmicfrs",
                "http://example.org/hmicfrs/",
                "/hmicfrs/",
            ),
            ("https://example.org/", "https://example.org/", "/"),
            ("  https://example.org/x  ", "https://example.org/x/", "/x/"),
            (
                "https://example.org//a//b//",
                "https://example.org/a//b/",
                "/a//b/",
            ),
            (
                "https://example.org/a/../b",
                "https://example.org/a/../b/",
                "/a/../b/",
            ),
            (
                "https://example.org/a%20b",
                "https://example.org/a%20b/",
                "/a%20b/",
            ),
            (
                "https://example.org/café",
                "https://example.org/café/",
                "/café/",
            ),
            (
                "https://Example.ORG/Path",
                "https://Example.ORG/Path/",
                "/Path/",
            ),
            ("https://exämple.org/", "https://exämple.org/", "/"),
            ("https://192.168.1.10/x", "https://192.168.1.10/x/", "/x/"),
            ("https://[::1]:8080/x", "https://[::1]:8080/x/", "/x/"),
            (
                "https://example.org:8443/x",
                "https://example.org:8443/x/",
                "/x/",
            ),
            ("https://example.org:443/", "https://example.org:443/", "/"),
            ("http://example.org:80", "http://example.org:80/", "/"),
            // The host and port are not checked: a WHATWG parser (the url crate) refuses these three.
            (
                "https://example.org:port/",
                "https://example.org:port/",
                "/",
            ),
            (
                "https://example.org:99999/",
                "https://example.org:99999/",
                "/",
            ),
            ("https://999.1.1.1/", "https://999.1.1.1/", "/"),
            (
                "https://user:pw@example.org/",
                "https://user:pw@example.org/",
                "/",
            ),
        ];
        for (written, base_url, base_path) in kept {
            assert_eq!(
                parse_base_url(written),
                Some((base_url.to_string(), base_path.to_string())),
                "{written}"
            );
        }
    }

    #[test]
    fn base_urls_that_are_not_plain_web_addresses_are_refused() {
        let refused = [
            "",
            "example.org/x",
            "//example.org/",
            "javascript:alert(1)",
            "ftp://example.org/",
            "mailto:pfcc@example.org",
            "HTTPS://example.org/",
            "Http://example.org/",
            "https:example.org",
            "https:/example.org",
            "https://",
            "https:///x",
            "https://example.org/?page=1",
            "https://example.org/x?",
            "https://example.org/x#top",
            "https://example.org/a b",
            "https://exa mple.org/",
            "https://example.org/\tx",
            "https://example.org\\x",
            "https://example.org/\"x",
            "https://example.org/'x",
            "https://example.org/<x>",
            "https://example.org/{x}",
            "https://example.org/a|b",
            "https://example.org/a^b",
            "https://example.org/`x`",
        ];
        for written in refused {
            assert_eq!(parse_base_url(written), None, "{written:?}");
        }
    }

    #[test]
    fn a_bad_base_url_is_reported_where_it_is_written() {
        let file = TextFile {
            path: "config.toml".into(),
            text: "title = \"T\"\norganisation = \"O\"\nbase_url = \"example.org\"\n".into(),
        };
        let (config, problems) = read_config(&file);
        assert!(problems.is_empty(), "{problems:?}");
        let mut checker = Checker {
            diagnostics: Diagnostics::default(),
            options: ValidateOptions::default(),
        };
        assert_eq!(checker.config(config), None);
        let reported: Vec<_> = checker
            .diagnostics
            .into_iter()
            .map(|d| (d.message, d.position, d.width, d.help))
            .collect();
        assert_eq!(
            reported,
            vec![(
                "`base_url` is not an absolute web address: \"example.org\"".to_string(),
                Some(Position {
                    line: 3,
                    column: 12
                }),
                13,
                Some(
                    "write the full address the site is published at, such as \"https://www.example.org/hmicfrs/\""
                        .to_string()
                )
            )]
        );
    }
}
