//! Built-in theme: the default theme compiled into the binary, used when a site has no
//! `themes/default/` folder of its own (and written out by `scrutiny init`).

/// `themes/default/templates/*`, by template name.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "bodies.html",
        include_str!("../../themes/default/templates/bodies.html"),
    ),
    (
        "body.html",
        include_str!("../../themes/default/templates/body.html"),
    ),
    (
        "deadlines.html",
        include_str!("../../themes/default/templates/deadlines.html"),
    ),
    (
        "findings.html",
        include_str!("../../themes/default/templates/findings.html"),
    ),
    (
        "grades.html",
        include_str!("../../themes/default/templates/grades.html"),
    ),
    (
        "home.html",
        include_str!("../../themes/default/templates/home.html"),
    ),
    (
        "items/deadline.html",
        include_str!("../../themes/default/templates/items/deadline.html"),
    ),
    (
        "items/finding.html",
        include_str!("../../themes/default/templates/items/finding.html"),
    ),
    (
        "items/report.html",
        include_str!("../../themes/default/templates/items/report.html"),
    ),
    (
        "items/response.html",
        include_str!("../../themes/default/templates/items/response.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "national-deadlines.html",
        include_str!("../../themes/default/templates/national-deadlines.html"),
    ),
    (
        "national-report.html",
        include_str!("../../themes/default/templates/national-report.html"),
    ),
    (
        "national-reports.html",
        include_str!("../../themes/default/templates/national-reports.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "partials/national-bodies.html",
        include_str!("../../themes/default/templates/partials/national-bodies.html"),
    ),
    (
        "partials/national-timing.html",
        include_str!("../../themes/default/templates/partials/national-timing.html"),
    ),
    (
        "partials/page-numbers.html",
        include_str!("../../themes/default/templates/partials/page-numbers.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../themes/default/templates/partials/pagination.html"),
    ),
    (
        "report.html",
        include_str!("../../themes/default/templates/report.html"),
    ),
    (
        "response.html",
        include_str!("../../themes/default/templates/response.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "theme.html",
        include_str!("../../themes/default/templates/theme.html"),
    ),
    (
        "themes.html",
        include_str!("../../themes/default/templates/themes.html"),
    ),
    (
        "year.html",
        include_str!("../../themes/default/templates/year.html"),
    ),
    (
        "years.html",
        include_str!("../../themes/default/templates/years.html"),
    ),
];

/// `themes/default/i18n/*`: the interface words of each shipped language, by language code.
pub const I18N: &[(&str, &str)] = &[
    ("cy", include_str!("../../themes/default/i18n/cy.toml")),
    ("en", include_str!("../../themes/default/i18n/en.toml")),
];

/// `themes/default/static/*`, by path under the site root.
pub const STATIC_FILES: &[(&str, &[u8])] = &[
    (
        "assets/porter2.js",
        include_bytes!("../../themes/default/static/assets/porter2.js"),
    ),
    (
        "assets/print.css",
        include_bytes!("../../themes/default/static/assets/print.css"),
    ),
    (
        "assets/search.js",
        include_bytes!("../../themes/default/static/assets/search.js"),
    ),
    (
        "assets/site.css",
        include_bytes!("../../themes/default/static/assets/site.css"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn files_under(folder: &str) -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        let mut names: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                e.path()
                    .strip_prefix(&root)
                    .ok()
                    .map(crate::diagnostic::slash_path)
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_file_of_the_default_theme_is_built_in() {
        let templates: Vec<String> = TEMPLATES.iter().map(|(name, _)| name.to_string()).collect();
        assert_eq!(templates, files_under("themes/default/templates"));
        let statics: Vec<String> = STATIC_FILES
            .iter()
            .map(|(name, _)| name.to_string())
            .collect();
        assert_eq!(statics, files_under("themes/default/static"));
        let words: Vec<String> = I18N
            .iter()
            .map(|(code, _)| format!("{code}.toml"))
            .collect();
        assert_eq!(words, files_under("themes/default/i18n"));
    }
}
