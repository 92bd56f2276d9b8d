//! Serve: the live preview. Builds the site in memory with its drafts, serves it over HTTP under
//! its base path, rebuilds when `content/`, `themes/` or `config.toml` change and reloads the
//! browser. A build with errors never stops the server: the last good build stays up, with the
//! errors laid over every page. Nothing is written to disk.

pub mod http;
pub mod overlay;
pub mod site;
pub mod watch;

use std::fmt;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, watch as latest};
use tower_livereload::{LiveReloadLayer, Reloader};

use crate::SiteOptions;
pub use site::{BuildErrors, BuildReport, BuiltSite, PreviewSite, Snapshot};
use watch::{Change, SiteWatcher};

/// The port `serve` uses unless told otherwise.
pub const DEFAULT_PORT: u16 = 1111;

/// How long Ctrl+C waits for open connections before the server stops anyway.
const STOP_GRACE: Duration = Duration::from_millis(500);

/// What `serve` needs: the site (built with drafts) and where to listen.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub site: SiteOptions,
    pub bind: IpAddr,
    pub port: u16,
}

/// What the server tells the person running it. The library never prints: the command does.
#[derive(Debug)]
pub enum ServeEvent<'a> {
    /// A build finished, well or badly.
    Built(&'a BuildReport),
    /// The server is listening; `url` is the site's address on it.
    Listening { url: String },
    /// Watching failed for a while (events were lost); the preview may be out of date.
    WatchTrouble(String),
    /// Ctrl+C: the server is shutting down.
    Stopping,
}

/// Why the server could not start or keep running.
#[derive(Debug)]
pub enum ServeError {
    /// Another program is listening on that address.
    PortInUse {
        address: SocketAddr,
    },
    Bind {
        address: SocketAddr,
        error: io::Error,
    },
    Watch {
        root: PathBuf,
        error: notify_debouncer_full::notify::Error,
    },
    Runtime(io::Error),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::PortInUse { address } => write!(
                f,
                "port {} on {} is already in use, perhaps by another `scrutiny serve`; \
                 stop that one, or choose another port with --port {}",
                address.port(),
                address.ip(),
                address.port().saturating_add(1)
            ),
            ServeError::Bind { address, error } => {
                write!(f, "cannot listen on {address}: {error}")
            }
            ServeError::Watch { root, error } => {
                write!(f, "cannot watch {} for changes: {error}", root.display())
            }
            ServeError::Runtime(error) => write!(f, "cannot start the server: {error}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// Something that hears [`ServeEvent`]s, from any thread.
pub type Listener = Arc<dyn Fn(ServeEvent<'_>) + Send + Sync>;

/// Builds the site, serves it and rebuilds on every change until Ctrl+C.
pub fn serve(options: ServeOptions, listener: Listener) -> Result<(), ServeError> {
    let address = SocketAddr::new(options.bind, options.port);
    let socket = TcpListener::bind(address).map_err(|error| match error.kind() {
        io::ErrorKind::AddrInUse => ServeError::PortInUse { address },
        _ => ServeError::Bind { address, error },
    })?;
    socket.set_nonblocking(true).map_err(ServeError::Runtime)?;
    let address = socket.local_addr().map_err(ServeError::Runtime)?;

    let mut site_options = options.site.clone();
    site_options.root = std::path::absolute(&site_options.root).map_err(ServeError::Runtime)?;
    site_options.drafts = true;
    let root = site_options.root.clone();

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    let result = runtime.block_on(async move {
        // Watch before the first build, so nothing saved during it is missed.
        let (changes_in, changes) = mpsc::unbounded_channel();
        let watcher = SiteWatcher::start(&root, changes_in).map_err(|error| ServeError::Watch {
            root: root.clone(),
            error,
        })?;
        let mut site = PreviewSite::new(site_options);
        let (site, first) = tokio::task::spawn_blocking(move || {
            let report = site.rebuild(&[]);
            (site, report)
        })
        .await
        .map_err(|error| ServeError::Runtime(io::Error::other(error)))?;
        listener(ServeEvent::Built(&first));
        let (snapshots_in, snapshots) = latest::channel(site.snapshot());

        let livereload = LiveReloadLayer::new();
        let reloader = livereload.reloader();
        let app = http::router(snapshots).layer(livereload);
        let tcp = tokio::net::TcpListener::from_std(socket).map_err(ServeError::Runtime)?;

        let base_path = site
            .snapshot()
            .site
            .map_or_else(|| "/".to_string(), |built| built.base_path.clone());
        listener(ServeEvent::Listening {
            url: format!("http://{}{base_path}", display_address(address)),
        });
        let rebuilding = tokio::spawn(rebuild_on_change(
            site,
            watcher,
            changes,
            snapshots_in,
            reloader,
            Arc::clone(&listener),
        ));
        let stopped = Arc::new(tokio::sync::Notify::new());
        let shutdown = {
            let stopped = Arc::clone(&stopped);
            let listener = Arc::clone(&listener);
            async move {
                // If Ctrl+C cannot be listened for, serve until the process is killed.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
                listener(ServeEvent::Stopping);
                stopped.notify_one();
            }
        };
        let server = axum::serve(tcp, app).with_graceful_shutdown(shutdown);
        // Open browser tabs hold their reload connection; give them a moment, then stop anyway.
        let served = tokio::select! {
            served = server => served.map_err(ServeError::Runtime),
            () = async {
                stopped.notified().await;
                tokio::time::sleep(STOP_GRACE).await;
            } => Ok(()),
        };
        rebuilding.abort();
        served
    });
    // A rebuild still running on a blocking thread is not waited for.
    runtime.shutdown_timeout(STOP_GRACE);
    result
}

/// `127.0.0.1:1111`, or `[::1]:1111`; "localhost" for the unspecified addresses people cannot open.
fn display_address(address: SocketAddr) -> String {
    if address.ip().is_unspecified() {
        format!("localhost:{}", address.port())
    } else {
        address.to_string()
    }
}

/// Waits for changes, rebuilds, publishes the new snapshot and reloads the browsers.
async fn rebuild_on_change(
    mut site: PreviewSite,
    mut watcher: SiteWatcher,
    mut changes: mpsc::UnboundedReceiver<Change>,
    snapshots: latest::Sender<Snapshot>,
    reloader: Reloader,
    listener: Listener,
) {
    while let Some(first) = changes.recv().await {
        let mut changed = Vec::new();
        let mut next = Some(first);
        // Saves that arrived while the last build ran are built together.
        while let Some(change) = next.take().or_else(|| changes.try_recv().ok()) {
            match change {
                Change::Files(paths) => changed.extend(paths),
                Change::Trouble(message) => listener(ServeEvent::WatchTrouble(message)),
            }
        }
        if changed.is_empty() {
            continue;
        }
        changed.sort();
        changed.dedup();
        if let Err(error) = watcher.refresh() {
            listener(ServeEvent::WatchTrouble(error.to_string()));
        }
        let built = tokio::task::spawn_blocking(move || {
            let report = site.rebuild(&changed);
            (site, report)
        })
        .await;
        let Ok((rebuilt, report)) = built else {
            listener(ServeEvent::WatchTrouble(
                "the rebuild stopped with an internal error; restart `scrutiny serve`".into(),
            ));
            return;
        };
        site = rebuilt;
        snapshots.send_replace(site.snapshot());
        listener(ServeEvent::Built(&report));
        reloader.reload();
    }
}
