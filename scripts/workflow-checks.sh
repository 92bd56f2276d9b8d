#!/usr/bin/env bash
# Validates every CI file against its published schema, offline, with check-jsonschema's
# vendored copies of the schemas:
#   - this repository's .github/workflows/*.yml and .gitlab-ci.yml;
#   - the files `scrutiny init` writes for a new site: .github/workflows/*.yml, the
#     .github/actions/*/action.yml they use, and .gitlab-ci.yml.
# GitHub workflows against vendor.github-workflows and custom.github-workflows-require-timeout
# (every job has timeout-minutes), actions against vendor.github-actions, GitLab pipelines
# against vendor.gitlab-ci. A copy of each kind with one mistake in it must be refused, so a
# validator that accepts everything fails here too.
# Then the new site's download scripts are run against a release packed by release.yml's own
# steps and served from 127.0.0.1: they must install it, and refuse a wrong sum.
# Installs check-jsonschema (pinned) into target/site-tools/workflow-venv. Uses SCRUTINY_BIN
# for `init` when set, else builds scrutiny with cargo.
# Ends with "workflow-checks: N passed, M failed"; exits 1 if any check failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TOOLS="${SITE_TOOLS_DIR:-$ROOT/target/site-tools}"
WORK="$ROOT/target/workflow-checks"
PIP_PACKAGES=(check-jsonschema==0.39.0)
VENV="$TOOLS/workflow-venv"

PASSED=0
FAILED=0
declare -a FAILURES=()
die() {
  echo "workflow-checks: error: $*" >&2
  echo "workflow-checks: $PASSED passed, $((FAILED + 1)) failed"
  exit 1
}
pass() { PASSED=$((PASSED + 1)); echo "PASS $1"; }
fail() { FAILED=$((FAILED + 1)); FAILURES+=("$1"); echo "FAIL $1"; }

# ------------------------------------------------------------------ install
mkdir -p "$TOOLS" "$WORK"
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "installing Debian packages: python3 python3-venv"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install python3 and python3-venv by hand"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >"$WORK/install.log" 2>&1 \
    && $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
      python3 python3-venv >>"$WORK/install.log" 2>&1 \
    || { tail -n 25 "$WORK/install.log" >&2; die "apt-get install python3 python3-venv failed"; }
fi
pip_check="import importlib.metadata as m, sys
want = dict(s.split('==') for s in sys.argv[1:])
sys.exit(0 if all(m.version(k) == v for k, v in want.items()) else 1)"
if ! "$VENV/bin/python" -c "$pip_check" "${PIP_PACKAGES[@]}" >/dev/null 2>&1; then
  echo "installing Python packages: ${PIP_PACKAGES[*]}"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" >"$WORK/install.log" 2>&1 \
    || { cat "$WORK/install.log" >&2; die "python3 -m venv failed"; }
  "$VENV/bin/pip" install -q --disable-pip-version-check "${PIP_PACKAGES[@]}" >"$WORK/install.log" 2>&1 \
    || { tail -n 25 "$WORK/install.log" >&2; die "pip install ${PIP_PACKAGES[*]} failed"; }
fi
VALIDATE="$VENV/bin/check-jsonschema"
[ -x "$VALIDATE" ] || die "check-jsonschema not found at $VALIDATE"

if [ -n "${SCRUTINY_BIN:-}" ]; then
  BIN="$SCRUTINY_BIN"
else
  cargo build --quiet || die "cargo build failed"
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/scrutiny"
fi
[ -x "$BIN" ] || die "no scrutiny at $BIN"

# ------------------------------------------------------------------ the files
SITE="$WORK/new-site"
rm -rf "$SITE"
"$BIN" init "$SITE" >"$WORK/init.log" 2>&1 || { cat "$WORK/init.log" >&2; die "scrutiny init failed"; }

shopt -s nullglob
github_workflows=("$ROOT"/.github/workflows/*.yml "$SITE"/.github/workflows/*.yml)
github_actions=("$SITE"/.github/actions/*/action.yml)
gitlab_pipelines=("$ROOT/.gitlab-ci.yml" "$SITE/.gitlab-ci.yml")
shopt -u nullglob
[ "${#github_workflows[@]}" -ge 3 ] || die "found only ${#github_workflows[@]} GitHub workflows"
[ "${#github_actions[@]}" -ge 1 ] || die "init wrote no action under .github/actions/"

# validate SCHEMA FILE: passes when FILE is valid against SCHEMA.
validate() {
  local schema="$1" file="$2" log
  log="$WORK/$(echo "${file#$WORK/}" | tr '/' '_').$schema.log"
  local rc=0
  "$VALIDATE" --builtin-schema "$schema" "$file" >"$log" 2>&1 || rc=$?
  if [ "$rc" -eq 0 ]; then
    pass "$schema: ${file#$ROOT/}"
  else
    fail "$schema: ${file#$ROOT/} (exit $rc)"
    sed -n '1,60p' "$log" | sed 's/^/     /'
  fi
}

for file in "${github_workflows[@]}"; do
  validate vendor.github-workflows "$file"
  validate custom.github-workflows-require-timeout "$file"
done
for file in "${github_actions[@]}"; do
  validate vendor.github-actions "$file"
done
for file in "${gitlab_pipelines[@]}"; do
  [ -f "$file" ] || { fail "${file#$ROOT/} is missing"; continue; }
  validate vendor.gitlab-ci "$file"
done

# ------------------------------------------------------------------ a mistake is caught
# refused SCHEMA FILE SED-EXPRESSION WHAT: one mistake made in a copy of FILE must be refused.
refused() {
  local schema="$1" file="$2" edit="$3" what="$4" broken
  broken="$WORK/broken-$(basename "$(dirname "$file")")-$(basename "$file")"
  sed "$edit" "$file" >"$broken"
  if cmp -s "$file" "$broken"; then
    fail "$schema: the mistake ($what) could not be made in ${file#$ROOT/}"
  elif "$VALIDATE" --builtin-schema "$schema" "$broken" >"$broken.log" 2>&1; then
    fail "$schema: accepted ${file#$ROOT/} with a mistake ($what)"
  else
    pass "$schema: refuses ${file#$ROOT/} with a mistake ($what)"
  fi
}
refused vendor.github-workflows "$SITE/.github/workflows/publish.yml" '0,/runs-on:/s//runs_on:/' \
  "runs_on for runs-on"
refused custom.github-workflows-require-timeout "$SITE/.github/workflows/check.yml" \
  '/timeout-minutes:/d' "a job without timeout-minutes"
refused vendor.github-actions "${github_actions[0]}" 's/using: composite/using: compost/' \
  "using: compost"
refused vendor.gitlab-ci "$SITE/.gitlab-ci.yml" 's/^  script:/  scripts:/' "scripts for script"

# ------------------------------------------------------------------ the install step works
# A release made by this repository's release workflow (its own "Pack" and "Write SHA256SUMS"
# scripts, run here for every Linux and macOS target of its matrix, with this scrutiny as the
# program of this machine's target and a stub for the others) is served from 127.0.0.1. The
# new site's download scripts (the same files, only github.com replaced) must install it, and
# refuse a wrong pinned sum and an archive that does not match SHA256SUMS.
REPOSITORY="$("$VENV/bin/python" - "$SITE/.gitlab-ci.yml" <<'PY'
import sys
from ruamel.yaml import YAML
print(YAML(typ="safe").load(open(sys.argv[1]))["variables"]["SCRUTINY_REPOSITORY"])
PY
)"
VERSION="$("$BIN" --version | cut -d ' ' -f 2)"
NATIVE="$(uname -m)-unknown-linux-gnu"
FAKE="$WORK/fake-github"
RELEASE="$FAKE/$REPOSITORY/releases/download/v$VERSION"
ARCHIVE="scrutiny-v$VERSION-$NATIVE"
BUILT="$WORK/release-build"
rm -rf "$FAKE" "$BUILT"
mkdir -p "$RELEASE" "$BUILT"
TARGETS="$("$VENV/bin/python" - "$ROOT/.github/workflows/release.yml" "$WORK" <<'PY'
import sys
from ruamel.yaml import YAML
workflow, work = sys.argv[1:]
jobs = YAML(typ="safe").load(open(workflow))["jobs"]
step = lambda job, start: next(s["run"] for s in jobs[job]["steps"] if s.get("name", "").startswith(start))
for name, script in [("pack", step("build", "Pack ")), ("sums", step("publish", "Write SHA256SUMS"))]:
    with open(f"{work}/release-{name}.sh", "w") as out:
        out.write(script)
print(" ".join(t["target"] for t in jobs["build"]["strategy"]["matrix"]["include"] if "windows" not in t["target"]))
PY
)"
cp "$ROOT/README.md" "$BUILT/"
for target in $TARGETS; do
  mkdir -p "$BUILT/target/$target/release"
  if [ "$target" = "$NATIVE" ]; then
    cp "$BIN" "$BUILT/target/$target/release/scrutiny"
  else
    printf '#!/bin/sh\necho "a stub for %s"\n' "$target" >"$BUILT/target/$target/release/scrutiny"
  fi
  (cd "$BUILT" && env TAG="v$VERSION" TARGET="$target" RUNNER_OS=Linux \
    bash --noprofile --norc -eo pipefail "$WORK/release-pack.sh") >"$WORK/release-pack.log" 2>&1 \
    || { cat "$WORK/release-pack.log" >&2; die "release.yml's Pack step failed for $target"; }
done
# The workflow's SHA256SUMS step expects all five archives: the Windows one is a stub here.
: >"$BUILT/dist/scrutiny-v$VERSION-x86_64-pc-windows-msvc.zip"
(cd "$BUILT/dist" && bash --noprofile --norc -eo pipefail "$WORK/release-sums.sh") >"$WORK/release-sums.log" 2>&1 \
  || { cat "$WORK/release-sums.log" >&2; die "release.yml's SHA256SUMS step failed"; }
mv "$BUILT"/dist/* "$RELEASE/"
[ -f "$RELEASE/$ARCHIVE.tar.gz" ] || die "release.yml packed no $ARCHIVE.tar.gz (targets: $TARGETS)"
GOOD_SUM="$(awk -v file="$ARCHIVE.tar.gz" '$2 == file { print $1 }' "$RELEASE/SHA256SUMS")"
pass "release.yml: its Pack and SHA256SUMS steps make $ARCHIVE.tar.gz and its sum"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$PORT" --bind 127.0.0.1 -d "$FAKE" >"$WORK/http.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.1
done

# The install scripts, as shell files: the action's download step, and GitLab's before_script
# followed by `scrutiny --version` (the two run in one shell there).
"$VENV/bin/python" - "$SITE" "http://127.0.0.1:$PORT/" "$WORK" <<'PY'
import sys
from ruamel.yaml import YAML
site, fake, work = sys.argv[1:]
load = lambda path: YAML(typ="safe").load(open(f"{site}/{path}"))
action = load(".github/actions/install-scrutiny/action.yml")
download = next(s["run"] for s in action["runs"]["steps"] if "sha256sum" in s.get("run", ""))
gitlab = "\n".join(load(".gitlab-ci.yml")[".scrutiny"]["before_script"])
for name, script in [("github", download), ("gitlab", gitlab)]:
    assert "https://github.com/" in script, name
    with open(f"{work}/install-{name}.sh", "w") as out:
        out.write("set -eo pipefail\n" + script.replace("https://github.com/", fake) + "\n")
PY

# install_with PLATFORM SHA256: runs PLATFORM's install script in a fresh home; passes when it
# installed a scrutiny that runs.
install_with() {
  local platform="$1" sum="$2" home="$WORK/home-$1"
  rm -rf "$home"
  mkdir -p "$home"
  env HOME="$home" CI_PROJECT_DIR="$home" SCRUTINY_VERSION="$VERSION" SCRUTINY_SHA256="$sum" \
    SCRUTINY_REPOSITORY="$REPOSITORY" bash "$WORK/install-$platform.sh" >"$WORK/install-$platform.log" 2>&1 || return 1
  local installed="$home/.local/share/scrutiny/$VERSION/scrutiny"
  [ "$platform" = github ] || installed="$home/.scrutiny/$VERSION/scrutiny"
  [ "$("$installed" --version)" = "scrutiny $VERSION" ]
}
for platform in github gitlab; do
  if install_with "$platform" ""; then pass "$platform install: verifies against SHA256SUMS and installs"
  else fail "$platform install with SHA256SUMS"; sed 's/^/     /' "$WORK/install-$platform.log"; fi
  if install_with "$platform" "$GOOD_SUM"; then pass "$platform install: accepts the pinned sum"
  else fail "$platform install with the pinned sum"; sed 's/^/     /' "$WORK/install-$platform.log"; fi
  if install_with "$platform" "$(printf '0%.0s' $(seq 64))"; then fail "$platform install accepted a wrong pinned sum"
  elif grep -q "refusing to use it" "$WORK/install-$platform.log"; then pass "$platform install: refuses a wrong pinned sum"
  else fail "$platform install failed, but not on the wrong sum"; sed 's/^/     /' "$WORK/install-$platform.log"; fi
done
echo "tampered" >>"$RELEASE/$ARCHIVE.tar.gz"
for platform in github gitlab; do
  if install_with "$platform" ""; then fail "$platform install accepted an archive that SHA256SUMS does not match"
  elif grep -q "refusing to use it" "$WORK/install-$platform.log"; then pass "$platform install: refuses an archive that SHA256SUMS does not match"
  else fail "$platform install failed, but not on the sum"; sed 's/^/     /' "$WORK/install-$platform.log"; fi
done
kill "$SERVER" 2>/dev/null || true

# ------------------------------------------------------------------ summary
if [ "$FAILED" -gt 0 ]; then
  echo "failed checks:"
  for f in "${FAILURES[@]}"; do echo "  - $f"; done
fi
echo "workflow-checks: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
