#!/usr/bin/env bash
# The build benchmark of BENCHMARKS.md, in one command: `bash scripts/bench.sh`.
#
# Builds release binaries (scrutiny, and the corpus tool of crates/corpus), generates (once, cached
# in target/bench/archives/) archives of 1,000 and 10,000 reports with `corpus generate`, and times
# `corpus floor` (read, render Markdown, write: the physical floor of a build) against `scrutiny
# build --no-search` and `scrutiny build` (search index included) on each with hyperfine,
# measures peak memory with /usr/bin/time -v, checks that index building is not quadratic on
# archives with 100 themes and 5 findings a report (25,000 and 50,000 findings), times `scrutiny check` (which CI runs before the build) on each archive, as it is
# and with one broken link in its theme (on every page), and times serve's incremental
# rebuilds. Prints the tables of BENCHMARKS.md.
#
# Settings (environment): BENCH_SIZES="1000 10000", BENCH_RUNS=5 (hyperfine runs per command;
# the largest archive gets at least 3), BENCH_SEED=1, BENCH_OUT (where sites are written;
# default a folder on /dev/shm, a RAM disk, else target/bench/out), BENCH_QUADRATIC=1 (0 skips),
# BENCH_INCREMENTAL=1 (0 skips serve's incremental rebuild benchmark), BENCH_NATIONAL=0 (1 adds
# the national benchmark: a national site over 44 bodies' archive.json, `corpus generate
# --national`, and a single office of 10,000 reports with 100,000 findings; run it alone with
# BENCH_SIZES="" BENCH_QUADRATIC=0 BENCH_INCREMENTAL=0 BENCH_NATIONAL=1).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
sizes=${BENCH_SIZES-"1000 10000"}
runs=${BENCH_RUNS:-5}
seed=${BENCH_SEED:-1}
quadratic=${BENCH_QUADRATIC:-1}
today=2025-01-01
archives=$root/target/bench/archives
results=$root/target/bench/results
if [ -z "${BENCH_OUT:-}" ]; then
    if [ -d /dev/shm ] && [ -w /dev/shm ]; then
        BENCH_OUT=/dev/shm/scrutiny-bench
    else
        BENCH_OUT=$root/target/bench/out
    fi
fi
out=$BENCH_OUT

need() {
    local command=$1 package=$2
    if ! command -v "$command" > /dev/null 2>&1 && [ ! -x "$command" ]; then
        echo "bench: installing $package" >&2
        if [ "$(id -u)" = 0 ]; then
            apt-get install -y "$package" > /dev/null || { apt-get update > /dev/null && apt-get install -y "$package" > /dev/null; }
        else
            sudo apt-get install -y "$package" > /dev/null
        fi
    fi
}
need hyperfine hyperfine
need /usr/bin/time time
need python3 python3

echo "bench: building release binaries" >&2
cargo build --release --quiet -p scrutiny -p scrutiny-corpus
binaries=${CARGO_TARGET_DIR:-$root/target}/release
scrutiny=$binaries/scrutiny
corpus=$binaries/corpus
floor="$corpus floor"

mkdir -p "$archives" "$results" "$out"
rm -rf "${out:?}"/*

# generate NAME ARGS...: an archive, generated once and kept.
generate() {
    local name=$1
    shift
    if [ ! -f "$archives/$name/config.toml" ]; then
        rm -rf "${archives:?}/$name"
        echo "bench: generating $name" >&2
        "$corpus" generate --seed "$seed" --out "$archives/$name" "$@" >&2
    fi
}

# peak_kb COMMAND...: the peak resident memory of one run, in KiB (also of a run that fails).
peak_kb() {
    { /usr/bin/time -v "$@" 2>&1 > /dev/null || true; } |
        awk -F': ' '/Maximum resident set size/ { print $2 }'
}

rows=()
check_rows=()
for reports in $sizes; do
    name="reports-$reports-seed-$seed"
    generate "$name" --reports "$reports"
    site=$archives/$name
    n=$runs
    if [ "$reports" -ge 10000 ] && [ "$n" -gt 3 ]; then n=3; fi
    build="$scrutiny build --root $site --output $out/site/public --today $today --no-search"
    build_search="$scrutiny build --root $site --output $out/site/public --today $today"
    floor_run="$floor $site/content $out/floor"
    # All start from an empty output folder, so all create every file anew.
    hyperfine --style basic --warmup 1 --runs "$n" \
        --prepare "rm -rf $out/floor $out/site" \
        --export-json "$results/$name.json" \
        -n floor "$floor_run" -n "scrutiny build" "$build" \
        -n "scrutiny build with search" "$build_search" >&2
    rm -rf "$out/floor" "$out/site"
    floor_kb=$(peak_kb $floor_run)
    rm -rf "$out/floor" "$out/site"
    build_kb=$(peak_kb $build)
    rm -rf "$out/floor" "$out/site"
    search_kb=$(peak_kb $build_search)
    pages=$($build 2> /dev/null | sed -n "s/^Built \([0-9]*\) pages.*/\1/p")
    rm -rf "$out/floor" "$out/site"
    markdown=$(find "$site/content" -name '*.md' | wc -l)
    bytes=$(find "$site/content" -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { print s }')
    rows+=("$name $reports $markdown $bytes $pages $floor_kb $build_kb $search_kb")

    # `scrutiny check`: as it is, and with a link in the theme that goes to no page, so that
    # every page has a broken link to trace (it exits with an error: -i).
    broken=$out/broken-theme
    rm -rf "$broken"
    cp -r "$site" "$broken"
    mkdir -p "$broken/themes"
    cp -r "$root/themes/default" "$broken/themes/"
    sed -i 's|<main |<a href="/nowhere/">Nowhere</a>\n<main |' "$broken/themes/default/templates/base.html"
    check="$scrutiny check --root $site --today $today"
    check_broken="$scrutiny check --root $broken --today $today"
    hyperfine --style basic --warmup 1 --runs "$n" -i \
        --export-json "$results/$name-check.json" \
        -n "scrutiny check" "$check" -n "scrutiny check, broken theme link" "$check_broken" >&2
    check_kb=$(peak_kb $check)
    check_broken_kb=$(peak_kb $check_broken)
    rm -rf "$broken"
    check_rows+=("$name $reports $check_kb $check_broken_kb")
done

quad_rows=()
if [ "$quadratic" = 1 ]; then
    for reports in 5000 10000; do
        name="quadratic-$reports-seed-$seed"
        generate "$name" --reports "$reports" --themes 100 --findings-per-report 5
        site=$archives/$name
        build="$scrutiny build --root $site --output $out/site/public --today $today --no-search"
        hyperfine --style basic --warmup 1 --runs 3 --prepare "rm -rf $out/site" \
            --export-json "$results/$name.json" -n "scrutiny build" "$build" >&2
        rm -rf "$out/site"
        build_kb=$(peak_kb $build)
        rm -rf "$out/site"
        quad_rows+=("$name $reports $((reports * 5)) $build_kb")
    done
fi

# The national benchmark: the whole country as a national site, and one office with 100,000
# findings; each built with its search index.
national_rows=()
if [ "${BENCH_NATIONAL:-0}" = 1 ]; then
    generate "national-seed-$seed" --national
    generate "findings-10000-seed-$seed" --reports 10000 --findings-per-report 10
    for name in "national-seed-$seed" "findings-10000-seed-$seed"; do
        site=$archives/$name
        build_search="$scrutiny build --root $site --output $out/site/public --today $today"
        hyperfine --style basic --warmup 1 --runs 3 --prepare "rm -rf $out/site" \
            --export-json "$results/$name.json" -n "scrutiny build with search" "$build_search" >&2
        rm -rf "$out/site"
        search_kb=$(peak_kb $build_search)
        pages=$($build_search 2> /dev/null | sed -n "s/^Built \([0-9]*\) pages.*/\1/p")
        rm -rf "$out/site"
        national_rows+=("$name ${pages:-0} $search_kb")
    done
fi
rm -rf "${out:?}"

# Serve's incremental rebuild: one response edited (body; date) in the largest archive.
incremental=${BENCH_INCREMENTAL:-1}
incremental_rows=()
if [ "$incremental" = 1 ]; then
    for reports in $sizes; do
        name="reports-$reports-seed-$seed"
        echo "bench: incremental rebuilds on $name" >&2
        incremental_rows+=("$(cargo bench --quiet --bench incremental -- "$archives/$name" 5 2> /dev/null)")
    done
fi

python3 - "$results" "${rows[@]}" -- "${check_rows[@]}" -- "${quad_rows[@]}" <<'EOF'
import json, sys
results, args = sys.argv[1], sys.argv[2:]
split = args.index("--")
rows, args = args[:split], args[split + 1:]
split = args.index("--")
checks, quad = args[:split], args[split + 1:]

def mean(name, command):
    with open(f"{results}/{name}.json") as f:
        for result in json.load(f)["results"]:
            if result["command"] == command:
                return result["mean"], result["stddev"] or 0.0
    raise SystemExit(f"no result for {command} in {name}")

print()
print("| archive | Markdown files | MB of Markdown | pages built | floor | scrutiny build | build pages/s | ratio to floor | peak RSS floor | peak RSS build |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
searches = []
for row in rows:
    name, reports, markdown, size, pages, floor_kb, build_kb, search_kb = row.split()
    floor, floor_sd = mean(name, "floor")
    build, build_sd = mean(name, "scrutiny build")
    with_search, search_sd = mean(name, "scrutiny build with search")
    searches.append((reports, build, with_search, search_sd, search_kb))
    print(f"| {int(reports):,} reports | {int(markdown):,} | {int(size) / 1e6:.1f} | {int(pages):,} "
          f"| {floor:.2f} s ± {floor_sd:.2f} | {build:.2f} s ± {build_sd:.2f} | {int(pages) / build:,.0f} "
          f"| {build / floor:.2f}× | {int(floor_kb) / 1024:.0f} MiB | {int(build_kb) / 1024:.0f} MiB |")
print()
print("| archive | build with search | the search index adds | peak RSS with search |")
print("|---|---:|---:|---:|")
for reports, build, with_search, search_sd, search_kb in searches:
    print(f"| {int(reports):,} reports | {with_search:.2f} s ± {search_sd:.2f} | {with_search - build:+.2f} s "
          f"| {int(search_kb) / 1024:.0f} MiB |")
print()
print("| archive | scrutiny check | peak RSS | check, one broken link in the theme | peak RSS |")
print("|---|---:|---:|---:|---:|")
for row in checks:
    name, reports, check_kb, broken_kb = row.split()
    check, check_sd = mean(f"{name}-check", "scrutiny check")
    broken, broken_sd = mean(f"{name}-check", "scrutiny check, broken theme link")
    print(f"| {int(reports):,} reports | {check:.2f} s ± {check_sd:.2f} | {int(check_kb) / 1024:.0f} MiB "
          f"| {broken:.2f} s ± {broken_sd:.2f} | {int(broken_kb) / 1024:.0f} MiB |")
if quad:
    print()
    print("| 100 themes, 5 findings a report | findings | scrutiny build | peak RSS |")
    print("|---|---:|---:|---:|")
    times = []
    for row in quad:
        name, reports, findings, build_kb = row.split()
        build, build_sd = mean(name, "scrutiny build")
        times.append((int(findings), build))
        print(f"| {int(reports):,} reports | {int(findings):,} | {build:.2f} s ± {build_sd:.2f} | {int(build_kb) / 1024:.0f} MiB |")
    (small, t_small), (large, t_large) = times[0], times[-1]
    print()
    print(f"Doubling the findings ({small:,} to {large:,}) multiplied the build time by "
          f"{t_large / t_small:.2f} (linear: 2, quadratic: 4).")
EOF

if [ "${#national_rows[@]}" -gt 0 ]; then
    python3 - "$results" "${national_rows[@]}" <<'EOF'
import json, sys
results, rows = sys.argv[1], sys.argv[2:]
print()
print("| national benchmark | pages built | build with search | peak RSS |")
print("|---|---:|---:|---:|")
for row in rows:
    name, pages, search_kb = row.split()
    with open(f"{results}/{name}.json") as f:
        result = json.load(f)["results"][0]
    print(f"| {name} | {int(pages or 0):,} | {result['mean']:.2f} s ± {result['stddev'] or 0:.2f} "
          f"| {int(search_kb) / 1024:.0f} MiB |")
EOF
fi

if [ "${#incremental_rows[@]}" -gt 0 ]; then
    echo
    echo "Incremental rebuilds in serve (cargo bench --bench incremental):"
    printf '%s\n' "${incremental_rows[@]}"
fi
