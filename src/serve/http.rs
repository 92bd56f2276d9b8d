//! The preview's HTTP side: maps a request path to a file of the built site (never to anything
//! else), with its content type, the site's 404 page, and the error overlay on HTML pages.

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::watch;
use tower_http::services::ServeFile;

use super::overlay;
use super::site::{BuiltSite, Snapshot};
use crate::render::Contents;

/// Where a request path leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by its path under the site root (`reports/x/index.html`).
    File(String),
    /// Somewhere else on this server (a folder without its final `/`, the base path).
    Redirect(String),
    NotFound,
    /// A path that tries to leave the site (`..`, an encoded `/` or `\`, a drive letter).
    Refused,
}

/// Resolves the raw (still percent-encoded) request path against a site served under
/// `base_path`. Only names for which `exists` is true are ever returned as files.
pub fn resolve(raw_path: &str, base_path: &str, exists: impl Fn(&str) -> bool) -> Target {
    let Some(path) = decode_path(raw_path) else {
        return Target::Refused;
    };
    let trimmed_base = base_path.trim_end_matches('/');
    if (path == "/" && base_path != "/") || (path == trimmed_base && !trimmed_base.is_empty()) {
        return Target::Redirect(base_path.to_string());
    }
    let Some(rest) = path.strip_prefix(base_path) else {
        // A site address typed without the base path: send it where it would be.
        return match file_for(&path[1..], &exists) {
            Some(_) => Target::Redirect(format!("{trimmed_base}{raw_path}")),
            None => Target::NotFound,
        };
    };
    match file_for(rest, &exists) {
        Some(FileMatch::Exact(file)) => Target::File(file),
        Some(FileMatch::Folder) => Target::Redirect(format!("{raw_path}/")),
        None => Target::NotFound,
    }
}

enum FileMatch {
    Exact(String),
    /// `rest` names a folder with an index page: the address needs its final `/`.
    Folder,
}

fn file_for(rest: &str, exists: &impl Fn(&str) -> bool) -> Option<FileMatch> {
    if rest.is_empty() || rest.ends_with('/') {
        let index = format!("{rest}index.html");
        return exists(&index).then_some(FileMatch::Exact(index));
    }
    if exists(rest) {
        return Some(FileMatch::Exact(rest.to_string()));
    }
    exists(&format!("{rest}/index.html")).then_some(FileMatch::Folder)
}

/// Percent-decodes a request path and refuses any that could name something outside the site:
/// `.` or `..` segments, empty segments (`//etc`), backslashes, NUL and other control
/// characters, drive letters, and bytes that are not UTF-8.
fn decode_path(raw: &str) -> Option<String> {
    if !raw.starts_with('/') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?
        .into_owned();
    let segments: Vec<&str> = decoded[1..].split('/').collect();
    let last = segments.len() - 1;
    for (index, segment) in segments.iter().enumerate() {
        let empty_inside = segment.is_empty() && index != last;
        let unsafe_segment = matches!(*segment, "." | "..")
            || segment.contains(['\\', ':'])
            || segment.chars().any(char::is_control);
        if empty_inside || unsafe_segment {
            return None;
        }
    }
    Some(decoded)
}

/// The `Content-Type` of a file of the site, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .filter(|(_, ext)| !ext.contains('/'))
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" | "xsl" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// The router: every path goes to `serve_request`.
pub fn router(snapshots: watch::Receiver<Snapshot>) -> Router {
    Router::new().fallback(serve_request).with_state(snapshots)
}

async fn serve_request(
    State(snapshots): State<watch::Receiver<Snapshot>>,
    request: Request,
) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let mut response = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "The preview only answers GET and HEAD requests.",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let snapshot = snapshots.borrow().clone();
    let Some(site) = snapshot.site.as_deref() else {
        return match snapshot.errors.as_deref() {
            Some(errors) => html(
                StatusCode::INTERNAL_SERVER_ERROR,
                overlay::errors_page(errors).into_bytes(),
            ),
            None => plain(StatusCode::SERVICE_UNAVAILABLE, "The site is being built."),
        };
    };
    match resolve(request.uri().path(), &site.base_path, |p| site.contains(p)) {
        Target::File(path) => file_response(site, &snapshot, &path, request).await,
        Target::Redirect(location) => redirect(&location),
        Target::NotFound => not_found(site, &snapshot),
        Target::Refused => plain(
            StatusCode::FORBIDDEN,
            "This address is outside the site, so the preview does not serve it.",
        ),
    }
}

async fn file_response(
    site: &BuiltSite,
    snapshot: &Snapshot,
    path: &str,
    request: Request,
) -> Response {
    let content_type = content_type(path);
    match site.file(path) {
        Some(Contents::Bytes(bytes)) => {
            let body = if content_type.starts_with("text/html") {
                with_overlay(bytes, snapshot)
            } else {
                bytes.clone()
            };
            with_headers(
                Response::new(Body::from(body)),
                StatusCode::OK,
                content_type,
            )
        }
        Some(Contents::Static(bytes)) => with_headers(
            Response::new(Body::from(*bytes)),
            StatusCode::OK,
            content_type,
        ),
        Some(Contents::Parts(parts)) => with_headers(
            Response::new(Body::from(parts.concat())),
            StatusCode::OK,
            content_type,
        ),
        Some(Contents::Copy(disk_path)) => {
            // Streamed from disk, with range requests (PDF viewers use them).
            match ServeFile::new(disk_path).try_call(request).await {
                Ok(response) if response.status() == StatusCode::NOT_FOUND => {
                    not_found(site, snapshot)
                }
                Ok(response) => {
                    let status = response.status();
                    with_headers(response.map(Body::new), status, content_type)
                }
                Err(error) => plain(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &format!("Could not read {}: {error}", disk_path.display()),
                ),
            }
        }
        None => not_found(site, snapshot),
    }
}

fn with_overlay(page: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    match snapshot.errors.as_deref() {
        Some(errors) => overlay::inject(page, &overlay::overlay_html(errors)),
        None => page.to_vec(),
    }
}

fn not_found(site: &BuiltSite, snapshot: &Snapshot) -> Response {
    match site.file("404.html") {
        Some(Contents::Bytes(page)) => html(StatusCode::NOT_FOUND, with_overlay(page, snapshot)),
        _ => plain(StatusCode::NOT_FOUND, "There is no page at this address."),
    }
}

fn redirect(location: &str) -> Response {
    let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn html(status: StatusCode, body: Vec<u8>) -> Response {
    with_headers(
        Response::new(Body::from(body)),
        status,
        "text/html; charset=utf-8",
    )
}

fn plain(status: StatusCode, text: &str) -> Response {
    with_headers(
        Response::new(Body::from(format!("{text}\n"))),
        status,
        "text/plain; charset=utf-8",
    )
}

/// Every answer is fresh: a reload after a rebuild must never show a cached page or stylesheet.
fn with_headers(
    mut response: Response,
    status: StatusCode,
    content_type: &'static str,
) -> Response {
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILES: &[&str] = &[
        "index.html",
        "reports/x/index.html",
        "assets/site.css",
        "404.html",
    ];

    fn at(path: &str, base: &str) -> Target {
        resolve(path, base, |p| FILES.contains(&p))
    }

    #[test]
    fn folders_and_files_under_the_base_path() {
        let base = "/hmicfrs/";
        assert_eq!(at("/hmicfrs/", base), Target::File("index.html".into()));
        assert_eq!(
            at("/hmicfrs/reports/x/", base),
            Target::File("reports/x/index.html".into())
        );
        assert_eq!(
            at("/hmicfrs/assets/site.css", base),
            Target::File("assets/site.css".into())
        );
        assert_eq!(
            at("/hmicfrs/reports/x", base),
            Target::Redirect("/hmicfrs/reports/x/".into())
        );
        assert_eq!(at("/hmicfrs/reports/y/", base), Target::NotFound);
        assert_eq!(
            at("/hmicfrs/reports/%78/", base),
            Target::File("reports/x/index.html".into())
        );
    }

    #[test]
    fn the_root_and_addresses_without_the_base_path_are_redirected() {
        let base = "/hmicfrs/";
        assert_eq!(at("/", base), Target::Redirect("/hmicfrs/".into()));
        assert_eq!(at("/hmicfrs", base), Target::Redirect("/hmicfrs/".into()));
        assert_eq!(
            at("/reports/x/", base),
            Target::Redirect("/hmicfrs/reports/x/".into())
        );
        assert_eq!(at("/nothing/", base), Target::NotFound);
        assert_eq!(at("/", "/"), Target::File("index.html".into()));
    }

    #[test]
    fn paths_out_of_the_site_are_refused() {
        for path in [
            "/../config.toml",
            "/hmicfrs/../../config.toml",
            "/hmicfrs/%2e%2e/%2e%2e/config.toml",
            "/hmicfrs/%2E%2E%2Fconfig.toml",
            "/hmicfrs/..%5cconfig.toml",
            "//etc/passwd",
            "/%2Fetc%2Fpasswd",
            "/hmicfrs/C:/Windows/win.ini",
            "/hmicfrs/./index.html",
            "/hmicfrs/a%00b",
            "/hmicfrs/%ff",
            "relative",
        ] {
            assert_eq!(at(path, "/hmicfrs/"), Target::Refused, "{path}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/site.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("files/letter.PDF"), "application/pdf");
        assert_eq!(content_type("data/archive.json"), "application/json");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("admin/config.yml"), "text/yaml; charset=utf-8");
        assert_eq!(content_type("README"), "application/octet-stream");
        assert_eq!(content_type("a.b/README"), "application/octet-stream");
    }
}
