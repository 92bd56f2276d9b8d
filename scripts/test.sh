#!/usr/bin/env bash
# Runs every test of scrutiny: unit and integration tests (cargo), then every CI file (this
# repository's and those `scrutiny init` writes) against the GitHub workflow and GitLab CI
# schemas, then the built site through a real browser (axe WCAG 2.2 AA, keyboard, 320 px, no
# JavaScript), the W3C HTML checker, lychee and the feed and sitemap checks, then a bounded
# fuzzing run. Installs what those need (Debian chromium, npm and pip packages, cargo-fuzz) when
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test"
cargo test --workspace --all-targets

# Reuse the binary cargo test just built rather than compiling a release build too.
cargo build --quiet
SCRUTINY_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/scrutiny"

echo "== workflow files"
SCRUTINY_BIN="$SCRUTINY_BIN" bash scripts/workflow-checks.sh

echo "== site checks"
SCRUTINY_BIN="$SCRUTINY_BIN" bash scripts/site-checks.sh

echo "== fuzzing"
# Front matter, documents and whole sites, for a bounded time; a crash fails and leaves the input
# in fuzz/artifacts/. Build output and corpus are kept in ~/.cache/scrutiny between runs.
FUZZ_SECONDS="${FUZZ_SECONDS:-20}" bash scripts/fuzz.sh
