//! The site's settings and lists: `config.toml` (its `base_url` above all),
//! `content/themes.toml` and `content/grade-areas.toml` checked and resolved.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use url::Url;

use super::{Checker, is_slug, slugify, value, word};
use crate::archive::{Config, GradeArea, LanguageConfig, SourceConfig, Theme};
use crate::deadline::DeadlineRule;
use crate::document::{
    ConfigFile, FindingStatusEntry, GradeAreaEntry, LanguageEntry, SourceEntry, ThemeEntry,
};
use crate::national::SourceFormat;
use crate::vocabulary::{StatusWords, placeholders};

impl Checker {
    pub(super) fn config(&mut self, doc: ConfigFile) -> Option<Config> {
        let path = doc.path.clone();
        let mut ok = true;
        let mut base_url = None;
        if let Some(located) = &doc.base_url {
            match parse_base_url(&located.value) {
                Ok(parsed) => {
                    if is_example_address(&parsed.0) {
                        self.push(
                            located
                                .warning(
                                    &path,
                                    format!(
                                        "`base_url` is still the example address \"{}\"",
                                        located.value
                                    ),
                                )
                                .with_help(
                                    "write the address the site will be published at, such as \
                                     \"https://YOUR-ACCOUNT.github.io/YOUR-REPOSITORY/\" on GitHub Pages",
                                ),
                        );
                    }
                    base_url = Some(parsed);
                }
                Err(refused) => {
                    ok = false;
                    let error = located.error(&path, refused.message);
                    self.push(error.with_help(refused.help));
                }
            }
        }
        let help = "write your own office's and force's names";
        self.placeholder_value(&path, "title", doc.title.as_ref(), help);
        self.placeholder_value(&path, "organisation", doc.organisation.as_ref(), help);
        self.placeholder_value(&path, "force", doc.force.as_ref(), help);
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
        if let Some(email) = &doc.accessible_formats_email {
            if let Err(why) = check_email(&email.value) {
                ok = false;
                let message = format!(
                    "`accessible_formats_email` is not an email address: \"{}\" {why}",
                    email.value
                );
                self.push(email.error(&path, message).with_help(
                    "write one address, such as accessible_formats_email = \"pfcc@example.org\"",
                ));
            }
        }
        let statuses = self.finding_statuses(&path, &doc.finding_statuses);
        ok &= statuses.is_some();
        let statuses = statuses.unwrap_or_default();
        let cms = doc.cms.as_ref().map(|cms| self.cms(&path, cms));
        if matches!(cms, Some(None)) {
            ok = false;
        }
        let cms = cms.flatten();
        let sources = self.sources(&path, &doc.sources);
        if sources.is_none() {
            ok = false;
        }
        let language = value(&doc.language).unwrap_or_else(|| "en-GB".into());
        let languages = self.languages(&path, &language, &doc.languages);
        ok &= languages.is_some();
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
            language,
            organisation,
            force: value(&doc.force),
            theme,
            deadline,
            raw_html: word(&doc.raw_html).unwrap_or_default(),
            accessible_formats_email: value(&doc.accessible_formats_email),
            statuses,
            cms,
            sources: sources.unwrap_or_default(),
            languages: languages.unwrap_or_default(),
        })
    }

    /// `[languages.<code>]`: each code a language code that is not the main language and names
    /// no folder of the site (its pages are under `/<code>/`), each with its title and
    /// organisation. `None` when one is wrong (each problem reported).
    fn languages(
        &mut self,
        path: &Path,
        main: &str,
        docs: &[LanguageEntry],
    ) -> Option<Vec<LanguageConfig>> {
        let mut ok = true;
        let mut languages = Vec::with_capacity(docs.len());
        let main_primary = main.split('-').next().unwrap_or(main);
        for doc in docs {
            let code = &doc.code;
            if !is_language_code(&code.value) {
                ok = false;
                let message = format!("`{}` is not a language code", code.value);
                self.push(code.error(path, message).with_help(
                    "write the language's code in lowercase, such as [languages.cy] for Welsh",
                ));
                continue;
            }
            if code.value.eq_ignore_ascii_case(main)
                || code.value.eq_ignore_ascii_case(main_primary)
            {
                ok = false;
                let message = format!(
                    "`{}` is the site's main language (language = \"{main}\"), served at the root",
                    code.value
                );
                self.push(code.error(path, message).with_help(
                    "list here only the other languages, such as [languages.cy] on an English site",
                ));
                continue;
            }
            if RESERVED_FOLDERS.contains(&code.value.as_str()) {
                ok = false;
                let message = format!(
                    "`{}` is a folder of the site, so it cannot be a language's folder",
                    code.value
                );
                self.push(code.error(path, message).with_help(
                    "a language's pages are under /<code>/: use its two- or three-letter code",
                ));
                continue;
            }
            let help = "write your own office's and force's names in this language";
            self.placeholder_value(path, "title", doc.title.as_ref(), help);
            self.placeholder_value(path, "organisation", doc.organisation.as_ref(), help);
            self.placeholder_value(path, "force", doc.force.as_ref(), help);
            match (value(&doc.title), value(&doc.organisation)) {
                (Some(title), Some(organisation)) => languages.push(LanguageConfig {
                    code: code.value.clone(),
                    title,
                    organisation,
                    force: value(&doc.force),
                }),
                _ => ok = false,
            }
        }
        ok.then_some(languages)
    }

    /// `[[finding_statuses]]`: each key a slug, once; each with a label. `None` when one is
    /// wrong (each problem reported); the default words when there is no list.
    fn finding_statuses(
        &mut self,
        path: &Path,
        docs: &[FindingStatusEntry],
    ) -> Option<StatusWords> {
        if docs.is_empty() {
            return Some(StatusWords::default());
        }
        let mut ok = true;
        let mut list: Vec<(String, String, bool)> = Vec::new();
        let mut seen: Vec<(&str, usize)> = Vec::new();
        for doc in docs {
            let (Some(key), Some(label)) = (&doc.key, &doc.label) else {
                ok = false;
                continue;
            };
            if !is_slug(&key.value) {
                ok = false;
                self.push(
                    key.error(
                        path,
                        format!("the status key \"{}\" is not a valid slug", key.value),
                    )
                    .with_help(format!(
                        "use lowercase letters, digits and single hyphens, such as key = \"{}\"",
                        slugify(&key.value)
                    )),
                );
            } else if let Some((_, line)) = seen.iter().find(|(seen, _)| *seen == key.value) {
                ok = false;
                self.push(
                    key.error(
                        path,
                        format!("the status key \"{}\" is listed twice", key.value),
                    )
                    .with_help(format!(
                        "it is first listed on line {line}; give each status its own key"
                    )),
                );
            } else {
                seen.push((&key.value, key.position.line));
            }
            let closed = value(&doc.closed).unwrap_or(false);
            list.push((key.value.clone(), label.value.clone(), closed));
        }
        if ok && list.iter().all(|(_, _, closed)| *closed) {
            ok = false;
            self.push(
                docs[0].at.error(path, "every status in `finding_statuses` is closed: a new finding would have none to start with")
                    .with_help("add a status for work still to do, with closed = false; a finding with no status takes the first of them"),
            );
        }
        ok.then(|| StatusWords::office(list))
    }

    /// `[[sources]]`: each with a slug for a key, unique, a name, and one file. `None` when any
    /// is wrong (each problem reported).
    fn sources(&mut self, path: &Path, docs: &[SourceEntry]) -> Option<Vec<SourceConfig>> {
        let mut ok = true;
        let mut sources = Vec::with_capacity(docs.len());
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for doc in docs {
            if let Some(key) = &doc.key {
                if !is_slug(&key.value) {
                    ok = false;
                    let message = format!("the source key `{}` is not a valid slug", key.value);
                    self.push(key.error(path, message).with_help(format!(
                        "use lowercase letters, digits and single hyphens: key = \"{}\"",
                        slugify(&key.value)
                    )));
                } else if let Some(line) = seen.get(key.value.as_str()) {
                    ok = false;
                    let message = format!(
                        "two sources have the key `{}` (the first on line {line})",
                        key.value
                    );
                    self.push(key.error(path, message).with_help(
                        "give each source its own key: it is the address of its page, /bodies/<key>/",
                    ));
                } else {
                    seen.insert(&key.value, key.position.line);
                }
            }
            let file = match (&doc.archive, &doc.responses_csv) {
                (Some(archive), None) => Some((archive, SourceFormat::Archive)),
                (None, Some(csv)) => Some((csv, SourceFormat::ResponsesCsv)),
                (None, None) => {
                    ok = false;
                    let message = "a source needs `archive` or `responses_csv`";
                    self.push(doc.at.error(path, message).with_help(
                        "add archive = \"sources/KEY.json\" (a scrutiny site's data/archive.json) \
                         or responses_csv = \"sources/KEY.csv\"",
                    ));
                    None
                }
                (Some(_), Some(csv)) => {
                    ok = false;
                    let message = "a source has both `archive` and `responses_csv`";
                    self.push(
                        csv.error(path, message)
                            .with_help("keep one: a source is one file"),
                    );
                    None
                }
            };
            if let (Some(key), Some(name), Some((file, format))) = (&doc.key, &doc.name, file) {
                sources.push(SourceConfig {
                    key: key.value.clone(),
                    name: name.value.clone(),
                    file: PathBuf::from(&file.value),
                    format,
                });
            } else {
                ok = false;
            }
        }
        ok.then_some(sources)
    }

    pub(super) fn themes(&mut self, docs: Vec<ThemeEntry>, languages: &[String]) -> Vec<Theme> {
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
                let file = Path::new(crate::source::THEMES_FILE);
                themes.push(Theme {
                    translations: self.named_words(file, &doc.translations, languages),
                    slug: doc.slug.value,
                    title,
                    description: value(&doc.description),
                });
            }
        }
        themes
    }

    /// The graded areas, in display order: each key a slug, since reports name areas by it.
    pub(super) fn grade_areas(
        &mut self,
        docs: Vec<GradeAreaEntry>,
        languages: &[String],
    ) -> Vec<GradeArea> {
        let mut areas = Vec::new();
        for doc in docs {
            if !is_slug(&doc.key.value) {
                self.push(
                    doc.key
                        .error(
                            Path::new(crate::source::GRADE_AREAS_FILE),
                            format!("the area name `{}` is not a valid slug", doc.key.value),
                        )
                        .with_help(format!(
                            "use lowercase letters, digits and single hyphens: [{}]",
                            slugify(&doc.key.value)
                        )),
                );
            }
            if let Some(title) = value(&doc.title) {
                let file = Path::new(crate::source::GRADE_AREAS_FILE);
                areas.push(GradeArea {
                    translations: self.named_words(file, &doc.translations, languages),
                    key: doc.key.value,
                    title,
                    description: value(&doc.description),
                });
            }
        }
        areas
    }
}

impl Checker {
    /// The `[<key>.<code>]` sub-tables of a theme or graded area: each a language of the site.
    fn named_words(
        &mut self,
        file: &Path,
        docs: &[crate::document::WordsEntry],
        languages: &[String],
    ) -> Vec<crate::archive::NamedWords> {
        let mut words = Vec::new();
        for doc in docs {
            if !languages.contains(&doc.code.value) {
                let message = format!(
                    "`{}` is not a language of the site, so this table is not a translation",
                    doc.code.value
                );
                let help = match languages.first() {
                    Some(code) => format!("a translation's table is named after a language of config.toml, such as [<key>.{code}]"),
                    None => "add the language to config.toml as [languages.<code>], or remove this table".to_string(),
                };
                self.push(doc.code.error(file, message).with_help(help));
                continue;
            }
            if let Some(title) = value(&doc.title) {
                words.push(crate::archive::NamedWords {
                    language: doc.code.value.clone(),
                    title,
                    description: value(&doc.description),
                });
            }
        }
        words
    }
}

/// The folders of the site a language's folder would clash with.
const RESERVED_FOLDERS: &[&str] = &[
    "reports",
    "responses",
    "years",
    "themes",
    "grades",
    "findings",
    "deadlines",
    "search",
    "data",
    "files",
    "assets",
    "bodies",
    "admin",
];

/// A BCP 47 code as a folder can hold it: a lowercase language (`cy`, `gd`), then optional
/// parts of letters and digits (`cy-gb`), in lowercase as addresses are.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|part| {
            (1..=8).contains(&part.len())
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether a checked `base_url` is on the example host `init` writes.
fn is_example_address(address: &str) -> bool {
    Url::parse(address)
        .ok()
        .and_then(|url| url.host_str().map(placeholders::is_example_host))
        .unwrap_or(false)
}

/// Why an `accessible_formats_email` is not an address a `mailto:` link can carry: it needs one
/// `@` with something either side, and no spaces.
fn check_email(email: &str) -> Result<(), &'static str> {
    if email.chars().any(char::is_whitespace) {
        return Err("(it has a space in it)");
    }
    match email.split_once('@') {
        None => Err("(it has no `@`)"),
        Some((_, domain)) if domain.contains('@') => Err("(it has more than one `@`)"),
        Some((local, domain)) if local.is_empty() || domain.is_empty() => {
            Err("(it needs a name before the `@` and a domain after it)")
        }
        Some(_) => Ok(()),
    }
}

/// Characters that would need escaping where the address is written into pages and feeds. The
/// parser percent-encodes most of them in a path, but leaves `'` and `|` there, and all of them in
/// a host name.
const NEEDS_ESCAPING: &[char] = &['"', '\'', '<', '>', '\\', '`', '{', '}', '|', '^'];

/// The help for an address that is not one at all.
const FULL_ADDRESS: &str =
    "write the full address the site is published at, such as \"https://www.example.org/hmicfrs/\"";

/// Why a `base_url` is refused, and what to write instead.
#[derive(Debug, PartialEq)]
struct Refused {
    message: String,
    help: String,
}

/// Reads `base_url` with the WHATWG URL parser (the one browsers use) into the address, ending
/// `/`, and its path (`/hmicfrs/`). The address must be written as the parser writes it back, less
/// at most the trailing `/`: an address that the parser would normalise (a host in capitals, a
/// default port, a `..`, a space) is refused with the address to write instead, so what is
/// published is always what the editor wrote.
fn parse_base_url(raw: &str) -> Result<(String, String), Refused> {
    let not_absolute = |why: &str| Refused {
        message: format!("`base_url` is not an absolute web address: \"{raw}\"{why}"),
        help: FULL_ADDRESS.to_string(),
    };
    let url = match Url::parse(raw) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => return Err(not_absolute("")),
        Err(error) => return Err(not_absolute(&format!(": {error}"))),
    };
    if !matches!(url.scheme(), "https" | "http") {
        return Err(not_absolute(": it must start with https:// or http://"));
    }
    let Some(host) = url.host_str() else {
        return Err(not_absolute(": it has no host name"));
    };
    if host.contains(NEEDS_ESCAPING) {
        return Err(not_absolute(&format!(
            ": its host name `{host}` has characters that would need escaping in pages"
        )));
    }

    // The address as it is published: no user name, password, query or fragment, no empty folder
    // in the path, nothing in it that would need escaping, and a `/` at the end.
    let mut published = url.clone();
    // Neither can fail: the address has a host.
    let _ = published.set_username("");
    let _ = published.set_password(None);
    published.set_query(None);
    published.set_fragment(None);
    let mut path = String::from("/");
    for segment in url.path().split('/').filter(|segment| !segment.is_empty()) {
        for c in segment.chars() {
            if NEEDS_ESCAPING.contains(&c) {
                path.push_str(&format!("%{:02X}", u32::from(c)));
            } else {
                path.push(c);
            }
        }
        path.push('/');
    }
    published.set_path(&path);
    let written = published.as_str();
    if raw == written || written.strip_suffix('/') == Some(raw) {
        return Ok((written.to_string(), published.path().to_string()));
    }

    let what = if !url.username().is_empty() || url.password().is_some() {
        "may not have a user name or password, which would be published on every page"
    } else if url.query().is_some() {
        "may not have a query (`?`)"
    } else if url.fragment().is_some() {
        "may not have a fragment (`#`)"
    } else if url.path().contains(NEEDS_ESCAPING) {
        "has characters that would need escaping in pages"
    } else if url.path().contains("//") {
        "has an empty folder (`//`) in its path"
    } else {
        "is not an absolute web address as browsers write it"
    };
    Err(Refused {
        message: format!("`base_url` {what}: \"{raw}\""),
        help: format!("write it as \"{written}\""),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::archive::validate::ValidateOptions;
    use crate::diagnostic::{Diagnostics, Position};
    use crate::document::read_config;
    use crate::source::TextFile;

    /// What becomes of a `base_url`: `accepted BASE_URL BASE_PATH`, or `refused MESSAGE | HELP`.
    fn outcome(written: &str) -> String {
        match parse_base_url(written) {
            Ok((base_url, base_path)) => format!("accepted {base_url} {base_path}"),
            Err(refused) => format!("refused {} | {}", refused.message, refused.help),
        }
    }

    const SUCH_AS: &str = "write the full address the site is published at, such as \"https://www.example.org/hmicfrs/\"";

    /// Every address pinned before the url crate read them, one line each, grouped by what changed.
    #[test]
    #[rustfmt::skip]
    fn every_pinned_base_url_and_what_becomes_of_it() {
        let accepted_as_before = [
            ("https://example.org/hmicfrs/", "accepted https://example.org/hmicfrs/ /hmicfrs/"),
            ("http://example.org/hmicfrs", "accepted http://example.org/hmicfrs/ /hmicfrs/"),
            ("https://example.org/pfcc/hmicfrs", "accepted https://example.org/pfcc/hmicfrs/ /pfcc/hmicfrs/"),
            ("https://example.org", "accepted https://example.org/ /"),
            ("https://example.org/", "accepted https://example.org/ /"),
            ("https://example.org/a%20b", "accepted https://example.org/a%20b/ /a%20b/"),
            ("https://192.168.1.10/x", "accepted https://192.168.1.10/x/ /x/"),
            ("https://[::1]:8080/x", "accepted https://[::1]:8080/x/ /x/"),
            ("https://example.org:8443/x", "accepted https://example.org:8443/x/ /x/"),
        ];
        // Accepted before, and published in another form than the one written: now refused, with
        // the form to write.
        let now_written_as_browsers_write_them = [
            ("  https://example.org/x  ", "refused `base_url` is not an absolute web address as browsers write it: \"  https://example.org/x  \" | write it as \"https://example.org/x/\""),
            ("https://example.org//a//b//", "refused `base_url` has an empty folder (`//`) in its path: \"https://example.org//a//b//\" | write it as \"https://example.org/a/b/\""),
            ("https://example.org/a/../b", "refused `base_url` is not an absolute web address as browsers write it: \"https://example.org/a/../b\" | write it as \"https://example.org/b/\""),
            ("https://example.org/café", "refused `base_url` is not an absolute web address as browsers write it: \"https://example.org/café\" | write it as \"https://example.org/caf%C3%A9/\""),
            ("https://Example.ORG/Path", "refused `base_url` is not an absolute web address as browsers write it: \"https://Example.ORG/Path\" | write it as \"https://example.org/Path/\""),
            ("https://exämple.org/", "refused `base_url` is not an absolute web address as browsers write it: \"https://exämple.org/\" | write it as \"https://xn--exmple-cua.org/\""),
            ("https://example.org:443/", "refused `base_url` is not an absolute web address as browsers write it: \"https://example.org:443/\" | write it as \"https://example.org/\""),
            ("http://example.org:80", "refused `base_url` is not an absolute web address as browsers write it: \"http://example.org:80\" | write it as \"http://example.org/\""),
            ("https://user:pw@example.org/", "refused `base_url` may not have a user name or password, which would be published on every page: \"https://user:pw@example.org/\" | write it as \"https://example.org/\""),
        ];
        // Accepted before; the parser refuses them.
        let now_not_addresses = [
            ("https://example.org:port/", "refused `base_url` is not an absolute web address: \"https://example.org:port/\": invalid port number | {SUCH_AS}"),
            ("https://example.org:99999/", "refused `base_url` is not an absolute web address: \"https://example.org:99999/\": invalid port number | {SUCH_AS}"),
            ("https://999.1.1.1/", "refused `base_url` is not an absolute web address: \"https://999.1.1.1/\": invalid IPv4 address | {SUCH_AS}"),
        ];
        // Refused before and now; now with the reason, or with the form to write.
        let refused_as_before = [
            ("", "refused `base_url` is not an absolute web address: \"\" | {SUCH_AS}"),
            ("example.org/x", "refused `base_url` is not an absolute web address: \"example.org/x\" | {SUCH_AS}"),
            ("//example.org/", "refused `base_url` is not an absolute web address: \"//example.org/\" | {SUCH_AS}"),
            ("javascript:alert(1)", "refused `base_url` is not an absolute web address: \"javascript:alert(1)\": it must start with https:// or http:// | {SUCH_AS}"),
            ("ftp://example.org/", "refused `base_url` is not an absolute web address: \"ftp://example.org/\": it must start with https:// or http:// | {SUCH_AS}"),
            ("mailto:pfcc@example.org", "refused `base_url` is not an absolute web address: \"mailto:pfcc@example.org\": it must start with https:// or http:// | {SUCH_AS}"),
            ("HTTPS://example.org/", "refused `base_url` is not an absolute web address as browsers write it: \"HTTPS://example.org/\" | write it as \"https://example.org/\""),
            ("Http://example.org/", "refused `base_url` is not an absolute web address as browsers write it: \"Http://example.org/\" | write it as \"http://example.org/\""),
            ("https:example.org", "refused `base_url` is not an absolute web address as browsers write it: \"https:example.org\" | write it as \"https://example.org/\""),
            ("https:/example.org", "refused `base_url` is not an absolute web address as browsers write it: \"https:/example.org\" | write it as \"https://example.org/\""),
            ("https://", "refused `base_url` is not an absolute web address: \"https://\": empty host | {SUCH_AS}"),
            ("https:///x", "refused `base_url` is not an absolute web address as browsers write it: \"https:///x\" | write it as \"https://x/\""),
            ("https://example.org/?page=1", "refused `base_url` may not have a query (`?`): \"https://example.org/?page=1\" | write it as \"https://example.org/\""),
            ("https://example.org/x?", "refused `base_url` may not have a query (`?`): \"https://example.org/x?\" | write it as \"https://example.org/x/\""),
            ("https://example.org/x#top", "refused `base_url` may not have a fragment (`#`): \"https://example.org/x#top\" | write it as \"https://example.org/x/\""),
            ("https://example.org/a b", "refused `base_url` is not an absolute web address as browsers write it: \"https://example.org/a b\" | write it as \"https://example.org/a%20b/\""),
            ("https://exa mple.org/", "refused `base_url` is not an absolute web address: \"https://exa mple.org/\": invalid international domain name | {SUCH_AS}"),
            ("https://example.org/\tx", "refused `base_url` is not an absolute web address as browsers write it: \"https://example.org/\tx\" | write it as \"https://example.org/x/\""),
            ("https://example.org\\x", "refused `base_url` is not an absolute web address as browsers write it: \"https://example.org\\x\" | write it as \"https://example.org/x/\""),
            ("https://example.org/\"x", "refused `base_url` is not an absolute web address as browsers write it: \"https://example.org/\"x\" | write it as \"https://example.org/%22x/\""),
            ("https://example.org/'x", "refused `base_url` has characters that would need escaping in pages: \"https://example.org/'x\" | write it as \"https://example.org/%27x/\""),
            ("https://example.org/<x>", "refused `base_url` is not an absolute web address as browsers write it: \"https://example.org/<x>\" | write it as \"https://example.org/%3Cx%3E/\""),
            ("https://example.org/{x}", "refused `base_url` is not an absolute web address as browsers write it: \"https://example.org/{x}\" | write it as \"https://example.org/%7Bx%7D/\""),
            ("https://example.org/a|b", "refused `base_url` has characters that would need escaping in pages: \"https://example.org/a|b\" | write it as \"https://example.org/a%7Cb/\""),
            ("https://example.org/a^b", "refused `base_url` is not an absolute web address as browsers write it: \"https://example.org/a^b\" | write it as \"https://example.org/a%5Eb/\""),
            ("https://example.org/`x`", "refused `base_url` is not an absolute web address as browsers write it: \"https://example.org/`x`\" | write it as \"https://example.org/%60x%60/\""),
        ];
        for (written, expected) in accepted_as_before
            .into_iter()
            .chain(now_written_as_browsers_write_them)
            .chain(now_not_addresses)
            .chain(refused_as_before)
        {
            assert_eq!(
                outcome(written),
                expected.replace("{SUCH_AS}", SUCH_AS),
                "{written:?}"
            );
        }
    }

    /// Today's stored strings for the addresses accepted before that were already written as
    /// browsers write them, byte for byte: the url crate changes nothing a site publishes.
    #[test]
    fn what_was_accepted_as_browsers_write_it_is_stored_as_before() {
        let before = [
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
            (
                "https://example.org/pfcc/hmicfrs",
                "https://example.org/pfcc/hmicfrs/",
                "/pfcc/hmicfrs/",
            ),
            ("https://example.org", "https://example.org/", "/"),
            ("https://example.org/", "https://example.org/", "/"),
            (
                "https://example.org/a%20b",
                "https://example.org/a%20b/",
                "/a%20b/",
            ),
            ("https://192.168.1.10/x", "https://192.168.1.10/x/", "/x/"),
            ("https://[::1]:8080/x", "https://[::1]:8080/x/", "/x/"),
            (
                "https://example.org:8443/x",
                "https://example.org:8443/x/",
                "/x/",
            ),
        ];
        for (written, base_url, base_path) in before {
            assert_eq!(
                parse_base_url(written),
                Ok((base_url.to_string(), base_path.to_string())),
                "{written}"
            );
        }
    }

    /// An address the parser would publish in another form is refused, and the help gives that
    /// form, which is then accepted as written.
    #[test]
    fn the_help_says_what_to_write() {
        let cases = [
            (
                "https://WWW.Example.org/hmicfrs/",
                "https://www.example.org/hmicfrs/",
            ),
            (
                "https://www.example.org:443/hmicfrs/",
                "https://www.example.org/hmicfrs/",
            ),
            (
                "http://www.example.org:80/hmicfrs",
                "http://www.example.org/hmicfrs/",
            ),
            (
                "https://www.example.org/pfcc archive/",
                "https://www.example.org/pfcc%20archive/",
            ),
            (
                "https://www.example.org/pfcc/../hmicfrs/",
                "https://www.example.org/hmicfrs/",
            ),
            (
                "https://www.example.org/./hmicfrs",
                "https://www.example.org/hmicfrs/",
            ),
        ];
        for (written, fixed) in cases {
            let refused = parse_base_url(written).expect_err(written);
            assert_eq!(
                refused.help,
                format!("write it as \"{fixed}\""),
                "{written}"
            );
            assert_eq!(
                parse_base_url(fixed).map(|(base_url, _)| base_url),
                Ok(fixed.to_string())
            );
        }
    }

    fn reported(text: &str) -> Vec<(String, Option<Position>, usize, Option<String>)> {
        let file = TextFile {
            path: "config.toml".into(),
            text: text.into(),
        };
        let (config, problems) = read_config(&file);
        assert!(problems.is_empty(), "{problems:?}");
        let mut checker = Checker {
            diagnostics: Diagnostics::default(),
            options: ValidateOptions::default(),
        };
        assert_eq!(checker.config(config), None);
        checker
            .diagnostics
            .into_iter()
            .map(|d| (d.message, d.position, d.width, d.help))
            .collect()
    }

    #[test]
    fn a_bad_base_url_is_reported_where_it_is_written() {
        assert_eq!(
            reported("title = \"T\"\norganisation = \"O\"\nbase_url = \"example.org\"\n"),
            vec![(
                "`base_url` is not an absolute web address: \"example.org\"".to_string(),
                Some(Position {
                    line: 3,
                    column: 12
                }),
                13,
                Some(SUCH_AS.to_string())
            )]
        );
    }

    #[test]
    fn a_base_url_to_write_otherwise_is_reported_where_it_is_written() {
        assert_eq!(
            reported("title = \"T\"\norganisation = \"O\"\nbase_url = \"https://Example.org:443/hmicfrs\"\n"),
            vec![(
                "`base_url` is not an absolute web address as browsers write it: \"https://Example.org:443/hmicfrs\"".to_string(),
                Some(Position { line: 3, column: 12 }),
                33,
                Some("write it as \"https://example.org/hmicfrs/\"".to_string())
            )]
        );
    }

    proptest! {
        /// Whatever is written: an accepted address is stored as written (but for a missing
        /// trailing `/`) and holds nothing that needs escaping, and a "write it as" help gives an
        /// address that is accepted as written.
        #[test]
        fn accepted_addresses_are_stored_as_written(
            written in "(https?|HTTPS|ftp)(://|:/|:)[a-zA-Zé0-9.:@\\[\\]%-]{0,12}\
                        (/[a-zA-Z0-9 .%'|^\"<>?#\\\\]{0,8}){0,3}/?"
        ) {
            match parse_base_url(&written) {
                Ok((base_url, base_path)) => {
                    let as_written = base_url == written || base_url == written.clone() + "/";
                    prop_assert!(as_written, "{} stored as {}", written, base_url);
                    prop_assert!(base_path.starts_with('/') && base_path.ends_with('/'));
                    prop_assert!(base_url.ends_with(&base_path));
                    prop_assert!(!base_url.contains(NEEDS_ESCAPING));
                    prop_assert!(!base_url.contains(char::is_whitespace));
                    prop_assert!(!base_path.contains("//"));
                }
                Err(refused) => {
                    let fixed = refused.help.strip_prefix("write it as \"");
                    if let Some(fixed) = fixed.and_then(|rest| rest.strip_suffix('"')) {
                        let accepted = parse_base_url(fixed).map(|(base_url, _)| base_url);
                        prop_assert_eq!(accepted, Ok(fixed.to_string()));
                    }
                }
            }
        }
    }

    #[test]
    fn an_accessible_formats_email_needs_one_at_and_no_spaces() {
        assert_eq!(check_email("pfcc@example.org"), Ok(()));
        assert_eq!(check_email("pfcc.example.org"), Err("(it has no `@`)"));
        assert_eq!(
            check_email("pfcc@@example.org"),
            Err("(it has more than one `@`)")
        );
        assert_eq!(
            check_email("pfcc @example.org"),
            Err("(it has a space in it)")
        );
        assert!(check_email("@example.org").is_err());
        assert!(check_email("pfcc@").is_err());
    }
}
