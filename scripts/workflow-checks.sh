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

# ------------------------------------------------------------------ summary
if [ "$FAILED" -gt 0 ]; then
  echo "failed checks:"
  for f in "${FAILURES[@]}"; do echo "  - $f"; done
fi
echo "workflow-checks: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
