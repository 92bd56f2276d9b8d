//! The browser editor: with `[cms]` in `config.toml`, the files of `/admin/` (its page, its
//! `config.yml` made from the content model of `model`, its scripts and the vendored Decap CMS),
//! written like any other file of the site.

mod form;
mod vendored;

use serde_json::{Value, json};

use super::{Contents, OutputFile};
use crate::archive::{Archive, Cms};
use crate::markdown::escape_html;
use crate::routes::Route;
use crate::vocabulary::CmsBackend;

/// Our own scripts, beside the vendored ones: the first sets Decap to wait for them, the second
/// registers the TOML front-matter formats and starts the editor.
const OWN_FILES: &[(&str, &[u8])] = &[
    ("scrutiny-cms-first.js", include_bytes!("first.js")),
    ("scrutiny-cms.js", include_bytes!("scrutiny-cms.js")),
];

/// Every file of `/admin/`, or none when the site has no `[cms]`.
pub fn editor_files(archive: &Archive) -> Vec<OutputFile> {
    let Some(cms) = &archive.config.cms else {
        return Vec::new();
    };
    let mut files = vec![
        OutputFile {
            path: Route::Editor.output_path(),
            contents: Contents::Bytes(editor_page(archive).into_bytes()),
        },
        OutputFile {
            path: Route::EditorFile("config.yml").output_path(),
            contents: Contents::Bytes(config_yml(archive, cms).into_bytes()),
        },
    ];
    files.extend(
        OWN_FILES
            .iter()
            .chain(vendored::FILES)
            .map(|(path, bytes)| OutputFile {
                path: Route::EditorFile(path).output_path(),
                contents: Contents::Static(bytes),
            }),
    );
    files
}

/// `/admin/index.html`: Decap's page, with the settings our script needs.
fn editor_page(archive: &Archive) -> String {
    let config = &archive.config;
    let settings = json!({
        "preview_style": config.address().link_to("assets/site.css"),
        "formats": form::formats(),
    });
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>Editor: {title}</title>\n\
         <script type=\"application/json\" id=\"scrutiny-cms-settings\">{settings}</script>\n\
         <script src=\"scrutiny-cms-first.js\"></script>\n\
         <script src=\"decap-cms/decap-cms.js\"></script>\n\
         <script type=\"module\" src=\"scrutiny-cms.js\"></script>\n</head>\n<body>\n\
         <noscript><p>The editor needs JavaScript. Without it, edit the files in content/ \
         as docs/editing.md describes.</p></noscript>\n</body>\n</html>\n",
        lang = escape_html(&config.language),
        title = escape_html(&config.title),
        settings = script_json(&settings),
    )
}

/// `/admin/config.yml`: Decap's settings, as JSON (which YAML reads as it is), so that every
/// string is escaped by a JSON writer rather than by hand.
fn config_yml(archive: &Archive, cms: &Cms) -> String {
    let config = &archive.config;
    let mut settings = json!({
        "backend": backend(cms),
        "site_url": config.base_url,
        "display_url": config.base_url,
        "locale": "en",
        "media_folder": "content/files",
        "public_folder": "files",
        "slug": {"encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-"},
        "collections": form::collections(archive),
    });
    if cms.editorial_workflow {
        settings["publish_mode"] = json!("editorial_workflow");
    }
    let text = serde_json::to_string_pretty(&settings).unwrap_or_default();
    format!(
        "# The browser editor's settings, written by scrutiny from config.toml's [cms] and the\n\
         # content model. Do not edit: change config.toml, content/themes.toml or\n\
         # content/grade-areas.toml instead.\n{text}\n"
    )
}

fn backend(cms: &Cms) -> Value {
    let mut backend = match cms.backend {
        CmsBackend::TestRepo => return json!({"name": "test-repo"}),
        CmsBackend::GitHub => json!({"name": "github"}),
        CmsBackend::GitLab => json!({"name": "gitlab", "auth_type": "pkce"}),
    };
    backend["repo"] = json!(cms.repo);
    backend["branch"] = json!(cms.branch);
    if let Some(auth_url) = &cms.auth_url {
        backend["base_url"] = json!(auth_url);
    }
    if let Some(app_id) = &cms.app_id {
        backend["app_id"] = json!(app_id);
    }
    if let Some(api_root) = &cms.api_root {
        backend["api_root"] = json!(api_root);
    }
    backend
}

/// JSON that can sit inside a `<script>` element: no `<` at all, so never `</script>`.
fn script_json(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_in_a_script_element_cannot_end_it() {
        let value = json!({"title": "</script><script>alert(1)</script>"});
        let text = script_json(&value);
        assert!(!text.contains('<'), "{text}");
        let back: Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, value);
    }
}
