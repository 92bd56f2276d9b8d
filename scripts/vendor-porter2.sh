#!/usr/bin/env bash
# Vendors npm `porter2` (the Porter2 / Snowball English stemmer, MIT) for the site's search:
# fetches the pinned version with `npm pack`, checks npm's integrity value, keeps its
# dist/index.js and LICENSE in vendor/porter2/, and writes the theme's ES module
# themes/default/static/assets/porter2.js (the licence, then the unchanged file inside a module
# wrapper). Run it to update: change VERSION and INTEGRITY, run, commit; vendor/SHA256SUMS
# records both files. The search index uses rust-stemmers' Snowball English; the two must agree
# on tests/site/stems.txt (checked by `cargo test` and by scripts/site-checks.sh).
set -euo pipefail
VERSION=1.1.0
PINNED_INTEGRITY="sha512-Io2cLEdZn0O1dH60pRsjmr/cH/qJJ/j6Cjubz8wQWi0b6vPdQIUxSBQKyx9d+8CN7fSnY+5uOU3rErMFjNqcLw=="
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack "porter2@$VERSION" --silent >/dev/null
# npm's integrity value is the base64 SHA-512 of the package file itself.
INTEGRITY="sha512-$(openssl dgst -sha512 -binary "porter2-$VERSION.tgz" | base64 -w0)"
if [[ "$INTEGRITY" != "$PINNED_INTEGRITY" ]]; then
  echo "vendor-porter2: npm's integrity for porter2@$VERSION is $INTEGRITY, not $PINNED_INTEGRITY" >&2
  exit 1
fi
tar xzf "porter2-$VERSION.tgz"
mkdir -p "$ROOT/vendor/porter2"
cp package/dist/index.js "$ROOT/vendor/porter2/index.js"
cp package/LICENSE "$ROOT/vendor/porter2/LICENSE"
{
  echo "// porter2 $VERSION (npm), the Porter2 (Snowball English) stemmer, vendored by"
  echo "// scripts/vendor-porter2.sh: the package's dist/index.js, unchanged, in an ES module wrapper."
  echo "/*"
  sed 's/^/ * /; s/ *$//' package/LICENSE
  echo " */"
  echo "const exports = {};"
  cat package/dist/index.js
  echo "export const stem = exports.stem;"
} > "$ROOT/themes/default/static/assets/porter2.js"
echo "vendored porter2@$VERSION (integrity $INTEGRITY)"
