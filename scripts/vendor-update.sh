#!/usr/bin/env bash
# Brings the vendored browser packages (vendor/PINS: Decap CMS and smol-toml) into vendor/ from
# the npm registry, and regenerates what depends on them:
#   - vendor/<package>/: only the files the admin page loads, and the licence;
#   - vendor/SHA256SUMS: sha256sum of every vendored file (check: cd vendor && sha256sum -c SHA256SUMS);
#   - src/render/editor/vendored.rs: the files `scrutiny build` writes under admin/ (include_bytes!).
# Each tarball is fetched with `npm pack` and must match the integrity value pinned in vendor/PINS
# (checked twice: npm's own report and a sha512 of the tarball computed here). An integrity of "-"
# takes the registry's value and writes it into vendor/PINS.
# Needs node and npm. See vendor/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/vendor"
PINS="$VENDOR/PINS"
RUST_OUT="$ROOT/src/render/editor/vendored.rs"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

die() { echo "vendor-update: $*" >&2; exit 1; }
command -v npm >/dev/null || die "npm is needed"
command -v node >/dev/null || die "node is needed"

# The files of each package that the browser loads, relative to the extracted package folder.
# Decap: the main script, the chunks it loads (named NNN.decap-cms.js, found next to it by
# webpack), the WebAssembly files those chunks name, and the bundled licence notices. The
# package ships the same build twice (cms.js and decap-cms.js): only decap-cms.js is kept.
files_decap_cms() {
  local pkg="$1" wasm
  (cd "$pkg" && ls dist/decap-cms.js dist/[0-9]*.decap-cms.js dist/*decap-cms.js.LICENSE.txt)
  for wasm in $(cd "$pkg" && grep -oh '[A-Za-z0-9_-]*\.wasm' dist/decap-cms.js dist/[0-9]*.decap-cms.js | sort -u); do
    if [ -f "$pkg/dist/$wasm" ]; then echo "dist/$wasm"; fi
  done
}
# smol-toml: its ES modules (dist/*.js; not the CommonJS build nor the type declarations).
files_smol_toml() {
  local pkg="$1"
  (cd "$pkg" && ls dist/*.js LICENSE)
}

# porter2: the Porter2 (Snowball English) stemmer the site's search uses on queries; its
# CommonJS build, wrapped below into the theme's ES module assets/porter2.js.
files_porter2() {
  local pkg="$1"
  (cd "$pkg" && ls dist/index.js LICENSE)
}

sha512_of() { node -e 'const c=require("crypto"),f=require("fs");console.log("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"; }

new_pins="$TMP/PINS"
: > "$new_pins"
while IFS= read -r line; do
  case "$line" in ''|'#'*) echo "$line" >> "$new_pins"; continue ;; esac
  read -r name version integrity <<<"$line"
  [ -n "$name" ] && [ -n "$version" ] && [ -n "$integrity" ] || die "bad line in vendor/PINS: $line"
  if [ "$integrity" = "-" ]; then
    integrity="$(npm view "$name@$version" dist.integrity)"
    [ -n "$integrity" ] || die "npm view $name@$version gave no integrity"
    echo "$name@$version: pinning the registry's integrity $integrity"
  fi
  mkdir -p "$TMP/pack/$name"
  (cd "$TMP/pack/$name" && npm pack "$name@$version" --json --silent > pack.json)
  reported="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1]))[0].integrity' "$TMP/pack/$name/pack.json")"
  tarball="$(ls "$TMP/pack/$name"/*.tgz)"
  computed="$(sha512_of "$tarball")"
  [ "$reported" = "$integrity" ] || die "$name@$version: npm reports integrity $reported, vendor/PINS has $integrity"
  [ "$computed" = "$integrity" ] || die "$name@$version: the tarball's sha512 is $computed, vendor/PINS has $integrity"
  mkdir -p "$TMP/x/$name"
  tar -xzf "$tarball" -C "$TMP/x/$name"
  pkg="$TMP/x/$name/package"
  license="$(node -p 'require(process.argv[1]).license' "$pkg/package.json")"
  echo "$name@$version: integrity checked; licence $license"

  # Staged under $TMP/out first: vendor/ changes only once every package has passed.
  dest="$TMP/out/$name"
  mkdir -p "$dest"
  picker="files_${name//-/_}"
  declare -F "$picker" >/dev/null || die "no file list for $name: add a function $picker to this script"
  "$picker" "$pkg" > "$TMP/files.$name"
  while IFS= read -r f; do
    cp "$pkg/$f" "$dest/$(basename "$f")"
  done < "$TMP/files.$name"
  # Keep a licence file the package does not ship (Decap's LICENSE is only in its repository).
  if [ ! -f "$dest/LICENSE" ] && [ -f "$VENDOR/$name/LICENSE" ]; then
    cp "$VENDOR/$name/LICENSE" "$dest/LICENSE"
  fi
  [ -f "$dest/LICENSE" ] || die "$name has no LICENSE: put the licence text at vendor/$name/LICENSE"
  echo "$name $version $integrity" >> "$new_pins"
  echo "$name@$version: $(ls "$dest" | wc -l) files"
done < "$PINS"
for dest in "$TMP/out"/*; do
  rm -rf "${VENDOR:?}/$(basename "$dest")"
  cp -r "$dest" "$VENDOR/"
done
cp "$new_pins" "$PINS"

# The search's stemmer, as an ES module of the default theme: the licence, then the unchanged
# file inside a module wrapper. (Not an editor file: left out of the list below.)
THEME_STEMMER="$ROOT/themes/default/static/assets/porter2.js"
{
  echo "// porter2 $(awk '$1 == "porter2" {print $2}' "$PINS") (npm), the Porter2 (Snowball English) stemmer, vendored by"
  echo "// scripts/vendor-update.sh: the package's dist/index.js, unchanged, in an ES module wrapper."
  echo "/*"
  sed 's/^/ * /; s/ *$//' "$VENDOR/porter2/LICENSE"
  echo " */"
  echo "const exports = {};"
  cat "$VENDOR/porter2/index.js"
  echo "export const stem = exports.stem;"
} > "$THEME_STEMMER"

# Checksums of every vendored file.
(cd "$VENDOR" && find . -mindepth 2 -type f | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum) > "$VENDOR/SHA256SUMS"

# The Rust list of files written under admin/.
{
  echo "//! The browser editor's vendored files (vendor/), written under admin/: generated by"
  echo "//! scripts/vendor-update.sh from vendor/PINS; do not edit."
  echo
  echo "/// Each vendored file, by its path under \`admin/\`, with its bytes."
  echo "pub const FILES: &[(&str, &[u8])] = &["
  (cd "$VENDOR" && find decap-cms smol-toml -type f | LC_ALL=C sort) | while IFS= read -r f; do
    echo "    ("
    echo "        \"$f\","
    echo "        include_bytes!(\"../../../vendor/$f\"),"
    echo "    ),"
  done
  echo "];"
} > "$RUST_OUT"
# The layout rustfmt gives it, so that `cargo fmt --check` passes.
if command -v rustfmt >/dev/null; then
  rustfmt --edition 2024 "$RUST_OUT"
else
  echo "vendor-update: rustfmt not found: run cargo fmt before committing" >&2
fi
echo "wrote vendor/SHA256SUMS, ${RUST_OUT#$ROOT/} and ${THEME_STEMMER#$ROOT/}"
