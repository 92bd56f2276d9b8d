//! Search refresh: owns bringing serve's search index up to date after an incremental rebuild.
//! The index is slow to make, so it is remade on a background thread (one core, its own rayon
//! pool) from the files on disk, and swapped in when it is ready: until then the preview serves
//! the last index, which may miss the latest edits. A newer edit while it runs makes it start
//! again when it ends, so the index always catches up with the last state built.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::SiteOptions;
use crate::indexes::Indexes;
use crate::render::OutputFile;

/// The search index of the state numbered `generation`, or `None` when it could not be made
/// (the files had errors by then: a later rebuild asks again).
type Made = (u64, Option<Vec<OutputFile>>);

pub struct SearchRefresh {
    options: SiteOptions,
    /// Bumped by every build.
    generation: u64,
    /// The build the served index belongs to.
    indexed: u64,
    running: Option<Receiver<Made>>,
}

impl SearchRefresh {
    pub fn new(options: SiteOptions) -> SearchRefresh {
        SearchRefresh {
            options,
            generation: 0,
            indexed: 0,
            running: None,
        }
    }

    /// A build made the index it serves (a full build): nothing to catch up.
    pub fn made_with_build(&mut self) {
        self.generation += 1;
        self.indexed = self.generation;
    }

    /// A build left the index as it was, though what it shows may have changed.
    pub fn stale(&mut self) {
        self.generation += 1;
        if self.running.is_none() {
            self.start();
        }
    }

    /// Whether the served index is behind the last build.
    pub fn is_behind(&self) -> bool {
        self.indexed != self.generation
    }

    fn start(&mut self) {
        let (sender, receiver) = mpsc::channel();
        let options = self.options.clone();
        let generation = self.generation;
        let spawned = std::thread::Builder::new()
            .name("scrutiny-search".into())
            .spawn(move || {
                let made = search_index(&options);
                let _ = sender.send((generation, made));
            });
        // A thread that cannot start leaves the index behind until the next full build.
        self.running = spawned.ok().map(|_| receiver);
    }

    /// The new index when one for the last build is ready (`wait`: blocks until then). A result
    /// for an older build is dropped and the index started again.
    pub fn poll(&mut self, wait: bool) -> Option<Vec<OutputFile>> {
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
                        self.indexed = generation;
                    }
                    return files;
                }
                // Made for an older build: start again for the latest.
                Some(_) => self.start(),
                // The thread died: leave the index behind until the next rebuild asks.
                None => return None,
            }
            if !wait {
                return None;
            }
        }
    }
}

/// Reads the site from disk and makes its search index, on one thread of its own.
fn search_index(options: &SiteOptions) -> Option<Vec<OutputFile>> {
    let make = || {
        let loaded = crate::load(options);
        let archive = loaded.archive?;
        let indexes = Indexes::build(&archive, options.today);
        crate::render::render_search(&archive, &indexes).ok()
    };
    match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(pool) => pool.install(make),
        Err(_) => make(),
    }
}
