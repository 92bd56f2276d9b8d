//! `scrutiny serve`: the binary started on a free port, fetched over HTTP with a tiny HTTP/1.1
//! client (raw request lines, so `..` reaches the server untouched), edited while it runs.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::{TestSite, scrutiny};

/// How long a page may take to show an edit.
const REBUILD_TIMEOUT: Duration = Duration::from_secs(10);
const BASE: &str = "/pfcc/hmicfrs/";

/// A running `scrutiny serve`, killed when dropped (also when a test fails).
struct Server {
    child: Child,
    port: u16,
    log: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody is listening on: bind port 0, read what was given, let it go.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

impl Server {
    fn start(site: &TestSite) -> Server {
        let port = free_port();
        let log = tempfile::tempdir().expect("a folder for the server's output");
        let child = scrutiny()
            .arg("serve")
            .arg("--root")
            .arg(site.root())
            .args(["--port", &port.to_string(), "--today", "2024-11-01"])
            .stdout(Stdio::from(
                File::create(log.path().join("stdout")).expect("a log file"),
            ))
            .stderr(Stdio::from(
                File::create(log.path().join("stderr")).expect("a log file"),
            ))
            .spawn()
            .expect("start scrutiny serve");
        let mut server = Server { child, port, log };
        let started = Instant::now();
        loop {
            if let Some(status) = server.child.try_wait().expect("the server's status") {
                panic!("scrutiny serve stopped ({status}):\n{}", server.output());
            }
            // Listening, with Ctrl+C handled, once it says where.
            if server.output().contains("Serving the site") {
                return server;
            }
            assert!(
                started.elapsed() < REBUILD_TIMEOUT,
                "the server did not start:\n{}",
                server.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// What the server printed so far.
    fn output(&self) -> String {
        let read =
            |name: &str| std::fs::read_to_string(self.log.path().join(name)).unwrap_or_default();
        format!("stdout:\n{}\nstderr:\n{}", read("stdout"), read("stderr"))
    }

    fn get(&self, target: &str) -> Reply {
        get(self.port, target)
    }

    /// Fetches `target` until `wanted` holds, or fails after [`REBUILD_TIMEOUT`].
    fn wait_for(&self, target: &str, what: &str, wanted: impl Fn(&Reply) -> bool) -> Reply {
        let started = Instant::now();
        loop {
            let reply = self.get(target);
            if wanted(&reply) {
                return reply;
            }
            assert!(
                started.elapsed() < REBUILD_TIMEOUT,
                "{target} never showed {what}; last reply:\n{}\n{}",
                reply.text(),
                self.output()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One GET over a fresh connection; `target` is sent exactly as given.
fn get(port: u16, target: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the server");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("a read timeout");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("send the request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the reply");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete header");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .expect("a chunk size");
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}

#[test]
fn serves_the_site_under_its_base_path_with_content_types() {
    let site = TestSite::copy_of("minimal");
    let server = Server::start(&site);

    let home = server.get(BASE);
    assert_eq!(home.status, 200, "{}", home.text());
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.text().contains("Inspections and responses"),
        "{}",
        home.text()
    );
    assert!(
        home.text().contains("data-event-stream"),
        "no live reload script"
    );

    let root = server.get("/");
    assert_eq!(root.status, 307);
    assert_eq!(root.header("location"), Some(BASE));
    let without_base = server.get("/reports/roads-2020/");
    assert_eq!(
        without_base.header("location"),
        Some("/pfcc/hmicfrs/reports/roads-2020/")
    );
    let no_slash = server.get("/pfcc/hmicfrs/reports/roads-2020");
    assert_eq!(
        no_slash.header("location"),
        Some("/pfcc/hmicfrs/reports/roads-2020/")
    );

    let css = server.get("/pfcc/hmicfrs/assets/site.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));

    let pdf = server.get("/pfcc/hmicfrs/files/custody-letter.pdf");
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF-"));

    let json = server.get("/pfcc/hmicfrs/data/archive.json");
    assert_eq!(json.header("content-type"), Some("application/json"));

    let search = server.get("/pfcc/hmicfrs/search/index/meta.json");
    assert_eq!(search.status, 200, "the search index is missing");
    assert_eq!(search.header("content-type"), Some("application/json"));
    let meta: serde_json::Value = serde_json::from_slice(&search.body).expect("meta.json is JSON");
    let shard = meta["shards"][0][1].as_str().expect("a word shard");
    let shard = server.get(&format!("/pfcc/hmicfrs/search/index/{shard}"));
    assert_eq!(shard.status, 200, "a word shard is missing");

    // Drafts are previewed, marked as drafts.
    let draft = server.get("/pfcc/hmicfrs/reports/draft-report/");
    assert_eq!(draft.status, 200);
    assert!(
        draft.text().contains("this page is a draft"),
        "{}",
        draft.text()
    );
}

#[test]
fn unknown_paths_get_the_sites_404_page() {
    let site = TestSite::copy_of("minimal");
    let server = Server::start(&site);
    for target in [
        "/pfcc/hmicfrs/reports/nope/",
        "/pfcc/hmicfrs/config.toml",
        "/elsewhere",
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 404, "{target}");
        assert_eq!(
            reply.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert!(
            reply.text().contains("Page not found"),
            "{target}: {}",
            reply.text()
        );
    }
}

#[test]
fn nothing_outside_the_built_site_is_served() {
    let site = TestSite::copy_of("minimal");
    let server = Server::start(&site);
    let port = server.port;
    let absolute_form = format!("http://127.0.0.1:{port}/pfcc/hmicfrs/../../config.toml");
    for target in [
        "/../config.toml",
        "/pfcc/hmicfrs/../../config.toml",
        "/pfcc/hmicfrs/%2e%2e/%2e%2e/config.toml",
        "/pfcc/hmicfrs/%2E%2E%2F%2E%2E%2Fconfig.toml",
        "/pfcc/hmicfrs/..%5c..%5cconfig.toml",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/pfcc/hmicfrs/C:/Windows/win.ini",
        absolute_form.as_str(),
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 403, "{target}: {}", reply.text());
        let text = reply.text();
        assert!(
            !text.contains("base_url") && !text.contains("root:"),
            "{target}: {text}"
        );
    }
}

#[test]
fn edits_rebuild_and_errors_show_over_the_last_good_page() {
    let site = TestSite::copy_of("minimal");
    let server = Server::start(&site);
    let page = "/pfcc/hmicfrs/reports/roads-2020/";
    let report = "content/reports/roads-2020.md";
    let original = site.read(report);
    assert!(
        server
            .get(page)
            .text()
            .contains("A national thematic inspection.")
    );

    site.write(
        report,
        original.replace("A national thematic inspection.", "Edited while serving."),
    );
    server.wait_for(page, "the edit", |reply| {
        reply.text().contains("Edited while serving.")
    });

    let broken = original
        .replace("title = \"Roads policing: not optional\"", "title = 42")
        .replace("A national thematic inspection.", "This version is broken.");
    site.write(report, broken);
    let overlaid = server.wait_for(page, "the error overlay", |reply| {
        reply.text().contains("id=\"scrutiny-errors\"")
    });
    let text = overlaid.text();
    assert_eq!(overlaid.status, 200);
    assert!(
        text.contains("Edited while serving."),
        "the last good page is gone:\n{text}"
    );
    assert!(!text.contains("This version is broken."), "{text}");
    assert!(text.contains("content/reports/roads-2020.md:2:9"), "{text}");
    assert!(text.contains("`title` must be text in quotes"), "{text}");
    // Other pages carry it too, and the 404 page.
    assert!(server.get(BASE).text().contains("id=\"scrutiny-errors\""));
    assert!(
        server
            .get("/pfcc/hmicfrs/nope/")
            .text()
            .contains("id=\"scrutiny-errors\"")
    );

    site.write(
        report,
        original.replace("A national thematic inspection.", "Fixed again."),
    );
    let fixed = server.wait_for(page, "the fix", |reply| {
        reply.text().contains("Fixed again.")
    });
    assert!(
        !fixed.text().contains("scrutiny-errors"),
        "{}",
        fixed.text()
    );

    let output = server.output();
    assert!(
        output.contains("--> content/reports/roads-2020.md:2:9"),
        "{output}"
    );
    assert!(
        output.contains("Build failed with 1 error after content/reports/roads-2020.md changed"),
        "{output}"
    );
    // The preview writes nothing into the site.
    assert!(!site.path("public").exists());
}

#[test]
fn a_site_that_never_built_shows_its_errors_until_fixed() {
    let site = TestSite::copy_of("minimal");
    let config = site.read("config.toml");
    site.write("config.toml", config.replace("title = ", "titel = "));
    let server = Server::start(&site);
    let reply = server.get(BASE);
    assert_eq!(reply.status, 500);
    assert!(
        reply.text().contains("unknown field `titel`"),
        "{}",
        reply.text()
    );
    site.write("config.toml", config);
    server.wait_for(BASE, "the site", |reply| reply.status == 200);
}

#[test]
fn a_port_in_use_is_reported_clearly() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("a port to occupy");
    let port = taken.local_addr().expect("its address").port();
    let site = TestSite::copy_of("minimal");
    let mut child = scrutiny()
        .arg("serve")
        .arg("--root")
        .arg(site.root())
        .args(["--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start scrutiny serve");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("a status") {
            break status;
        }
        if started.elapsed() > REBUILD_TIMEOUT {
            let _ = child.kill();
            panic!("serve kept running on a port in use");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr).expect("read stderr");
    }
    assert_eq!(status.code(), Some(2));
    assert!(
        stderr.contains(&format!(
            "error: port {port} on 127.0.0.1 is already in use"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("--port"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server() {
    let site = TestSite::copy_of("minimal");
    let mut server = Server::start(&site);
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(interrupted.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("a status") {
            break status;
        }
        assert!(started.elapsed() < REBUILD_TIMEOUT, "serve ignored Ctrl+C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}\n{}", server.output());
    assert!(server.output().contains("Stopping"), "{}", server.output());
}

#[test]
fn a_site_of_two_languages_serves_both_and_rebuilds_a_translation() {
    let site = TestSite::copy_of("welsh");
    let server = Server::start(&site);
    let page = "/pfcc/hmicfrs/cy/reports/custody-2023/";
    let reply = server.get(page);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.text().contains("<html lang=\"cy\">"));
    assert!(server.get("/pfcc/hmicfrs/cy/feed.xml").status == 200);
    let translation = "content/reports/custody-2023.cy.md";
    let text = site.read(translation);
    site.write(
        translation,
        text.replace("thair ystafell ddalfa", "pedair ystafell ddalfa"),
    );
    server.wait_for(page, "the edited translation", |reply| {
        reply.text().contains("pedair ystafell ddalfa")
    });
}
