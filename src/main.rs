//! The `scrutiny` command: parses the command line, runs one command, prints its diagnostics once.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    return_large_buffers_to_the_system();
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Keeps glibc's allocator from holding on to memory the build has freed. By default glibc
/// raises its threshold for giving a large buffer its own mapping each time such a buffer is
/// freed, up to 32 MiB, so later buffers of megabytes (listing pages, open data, the search
/// index's parts) land in its heaps and stay there when freed. Fixing the threshold at 1 MiB
/// stops the rise: at 10,000 reports the peak went from 231-233 MiB to 194-197 MiB
/// without the search index and from 239-258 MiB to 195-211 MiB with it, at the same speed
/// (BENCHMARKS.md, optimisation 25).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn return_large_buffers_to_the_system() {
    // SAFETY: `mallopt` sets one of glibc's allocator settings and touches no Rust memory. It is
    // called first thing in `main`, before any other thread exists. A refusal (0) only means
    // glibc's default stays.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
}

/// Other allocators return large buffers without being told.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_large_buffers_to_the_system() {}
