//! Catch-up: owns bringing serve's search index up to date after an incremental rebuild. A
//! rebuild renders every page and file an edit can show on, so that it shows at once; but the
//! search index reads every body, which is slow at scale, so it is remade on a background thread
//! (one core, its own rayon pool) from the files on disk, and swapped in when it is ready: until
//! then the preview serves the last index, which may miss the latest edits. A newer edit while it
//! runs makes it start again when it ends, so it always catches up with the last state built.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::indexes::Indexes;
use crate::pipeline::{self, Bodies, SiteOptions};
use crate::render::OutputFile;

/// What the background thread makes from the files on disk.
pub struct CaughtUp {
    /// The search index.
    pub search: Vec<OutputFile>,
}

/// What was made for the state numbered `generation`, or `None` when it could not be made (the
/// files had errors by then: a later rebuild asks again).
type Made = (u64, Option<CaughtUp>);

pub struct CatchUp {
    options: SiteOptions,
    /// Bumped by every build.
    generation: u64,
    /// The build the served search index belongs to.
    caught_up: u64,
    running: Option<Receiver<Made>>,
}

impl CatchUp {
    pub fn new(options: SiteOptions) -> CatchUp {
        CatchUp {
            options,
            generation: 0,
            caught_up: 0,
            running: None,
        }
    }

    /// A build made everything it serves (a full build): nothing to catch up.
    pub fn made_with_build(&mut self) {
        self.generation += 1;
        self.caught_up = self.generation;
    }

    /// A build left the search index as it was, though what it should find may have changed.
    pub fn stale(&mut self) {
        self.generation += 1;
        if self.running.is_none() {
            self.start();
        }
    }

    /// Whether the served search index is behind the last build.
    pub fn is_behind(&self) -> bool {
        self.caught_up != self.generation
    }

    fn start(&mut self) {
        let (sender, receiver) = mpsc::channel();
        let options = self.options.clone();
        let generation = self.generation;
        let spawned = std::thread::Builder::new()
            .name("scrutiny-catch-up".into())
            .spawn(move || {
                let made = catch_up(&options);
                let _ = sender.send((generation, made));
            });
        // A thread that cannot start leaves them behind until the next full build.
        self.running = spawned.ok().map(|_| receiver);
    }

    /// What was made when it is ready for the last build (`wait`: blocks until then). A result
    /// for an older build is dropped and the work started again.
    pub fn poll(&mut self, wait: bool) -> Option<CaughtUp> {
        loop {
            let receiver = self.running.as_ref()?;
            let made = if wait {
                receiver.recv().ok()
            } else {
                match receiver.try_recv() {
                    Ok(made) => Some(made),
                    Err(TryRecvError::Empty) => return None,
                    Err(TryRecvError::Disconnected) => None,
                }
            };
            self.running = None;
            match made {
                Some((generation, files)) if generation == self.generation => {
                    if files.is_some() {
                        self.caught_up = generation;
                    }
                    return files;
                }
                // Made for an older build: start again for the latest, unless a full build
                // has made everything since.
                Some(_) if self.is_behind() => self.start(),
                Some(_) => return None,
                // The thread died: leave them behind until the next rebuild asks.
                None => return None,
            }
            if !wait {
                return None;
            }
        }
    }
}

/// Reads the site from disk and makes its search index, as a full build would, on one thread of
/// its own.
fn catch_up(options: &SiteOptions) -> Option<CaughtUp> {
    let make = || {
        // Bodies stay in their files, as in `build`: this is a second archive beside serve's.
        let loaded = pipeline::load(options, Bodies::InFiles);
        if loaded.diagnostics.has_errors() {
            return None;
        }
        let archive = loaded.archive?;
        let indexes = Indexes::build(&archive, options.today);
        let words = crate::render::theme_words(&options.root, &archive.config.theme);
        let search = pipeline::search_index(&archive, &indexes, &words).ok()?;
        Some(CaughtUp { search })
    };
    match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(pool) => pool.install(make),
        Err(_) => make(),
    }
}
