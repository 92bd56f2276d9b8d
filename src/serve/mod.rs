//! Serve: the live preview. Builds the site in memory with its drafts, serves it over HTTP under
//! its base path, rebuilds when `content/`, `themes/` or `config.toml` change and reloads the
//! browser. A build with errors never stops the server: the last good build stays up, with the
//! errors laid over every page. Nothing is written to disk.

mod catch_up;
pub mod http;
mod incremental;
pub mod overlay;
#[cfg(test)]
mod rebuild_tests;
pub mod site;
pub mod watch;

use std::fmt;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use tokio::sync::watch as latest;
use tower_livereload::{LiveReloadLayer, Reloader};

use crate::SiteOptions;
pub use incremental::FullRebuild;
pub use site::{BuildErrors, BuildReport, BuiltSite, PreviewSite, Snapshot};
use watch::{Change, SiteWatcher};

/// The port `serve` uses unless told otherwise.
pub const DEFAULT_PORT: u16 = 1111;

/// How often the rebuild thread looks for the search index remade in the background.
const CATCH_UP_POLL: Duration = Duration::from_millis(250);

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
    /// The site folder does not exist.
    NoSite {
        root: PathBuf,
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
            ServeError::NoSite { root } => write!(
                f,
                "the site folder {} does not exist; pass the folder that holds config.toml and \
                 content/ with --root",
                root.display()
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
///
/// Builds run on a thread of their own, outside the server's async runtime: the search index
/// starts a runtime of its own, and a slow build never holds up a request.
pub fn serve(options: ServeOptions, listener: Listener) -> Result<(), ServeError> {
    if !options.site.root.is_dir() {
        return Err(ServeError::NoSite {
            root: options.site.root,
        });
    }
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

    // Watch before the first build, so nothing saved during it is missed.
    let (changes_in, changes) = mpsc::channel();
    let watcher =
        SiteWatcher::start(&root, changes_in.clone()).map_err(|error| ServeError::Watch {
            root: root.clone(),
            error,
        })?;
    let mut site = PreviewSite::new(site_options);
    let first = site.rebuild(&[]);
    listener(ServeEvent::Built(&first));
    let base_path = site
        .snapshot()
        .site
        .map_or_else(|| "/".to_string(), |built| built.base_path.clone());
    let (snapshots_in, snapshots) = latest::channel(site.snapshot());
    let livereload = LiveReloadLayer::new();
    let builder = Builder {
        site,
        watcher,
        changes,
        snapshots: snapshots_in,
        reloader: livereload.reloader(),
        listener: Arc::clone(&listener),
    };
    let building = std::thread::Builder::new()
        .name("scrutiny-rebuild".into())
        .spawn(move || builder.run())
        .map_err(ServeError::Runtime)?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    let result = runtime.block_on(async move {
        let app = http::router(snapshots).layer(livereload);
        let tcp = tokio::net::TcpListener::from_std(socket).map_err(ServeError::Runtime)?;
        let interrupt = interrupted().map_err(ServeError::Runtime)?;
        listener(ServeEvent::Listening {
            url: format!("http://{}{base_path}", display_address(address)),
        });
        let stopped = Arc::new(tokio::sync::Notify::new());
        let shutdown = {
            let stopped = Arc::clone(&stopped);
            let listener = Arc::clone(&listener);
            async move {
                interrupt.await;
                listener(ServeEvent::Stopping);
                stopped.notify_one();
            }
        };
        let server = axum::serve(tcp, app).with_graceful_shutdown(shutdown);
        // Open browser tabs hold their reload connection; give them a moment, then stop anyway.
        tokio::select! {
            served = server => served.map_err(ServeError::Runtime),
            () = async {
                stopped.notified().await;
                tokio::time::sleep(STOP_GRACE).await;
            } => Ok(()),
        }
    });
    runtime.shutdown_timeout(STOP_GRACE);
    // The builder finishes the build it is on, if any, then stops watching.
    let _ = changes_in.send(Change::Stop);
    let _ = building.join();
    result
}

/// Resolves on Ctrl+C. Listens from the moment it is called, so a Ctrl+C pressed before the
/// server first waits for it is not lost. Must be called inside the runtime.
fn interrupted() -> io::Result<impl Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            // If Ctrl+C cannot be listened for, serve until the process is killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }
}

/// `127.0.0.1:1111`, or `[::1]:1111`; "localhost" for the unspecified addresses people cannot open.
fn display_address(address: SocketAddr) -> String {
    if address.ip().is_unspecified() {
        format!("localhost:{}", address.port())
    } else {
        address.to_string()
    }
}

/// The rebuild thread: waits for changes, rebuilds, publishes the new snapshot and reloads the
/// browsers.
struct Builder {
    site: PreviewSite,
    watcher: SiteWatcher,
    changes: mpsc::Receiver<Change>,
    snapshots: latest::Sender<Snapshot>,
    reloader: Reloader,
    listener: Listener,
}

impl Builder {
    fn run(mut self) {
        loop {
            // While the search index is remade in the background, look in on it now and then.
            let first = if self.site.catching_up() {
                match self.changes.recv_timeout(CATCH_UP_POLL) {
                    Ok(change) => change,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        if self.site.catch_up(false) {
                            self.snapshots.send_replace(self.site.snapshot());
                            self.reloader.reload();
                        }
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            } else {
                match self.changes.recv() {
                    Ok(change) => change,
                    Err(_) => return,
                }
            };
            let mut changed = Vec::new();
            let mut next = Some(first);
            // Saves that arrived while the last build ran are built together.
            while let Some(change) = next.take().or_else(|| self.changes.try_recv().ok()) {
                match change {
                    Change::Files(paths) => changed.extend(paths),
                    Change::Trouble(message) => (self.listener)(ServeEvent::WatchTrouble(message)),
                    Change::Stop => return,
                }
            }
            if changed.is_empty() {
                continue;
            }
            changed.sort();
            changed.dedup();
            if let Err(error) = self.watcher.refresh() {
                (self.listener)(ServeEvent::WatchTrouble(error.to_string()));
            }
            let report = self.site.rebuild(&changed);
            self.snapshots.send_replace(self.site.snapshot());
            (self.listener)(ServeEvent::Built(&report));
            self.reloader.reload();
        }
    }
}
