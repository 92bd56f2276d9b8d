// The search's two stemmers agree: the vendored Porter2 (themes/default/static/assets/porter2.js,
// used by search.js on queries) gives every word of tests/site/stems.txt the stem that
// rust-stemmers' Snowball English (used by the index) gives it, as `cargo test` checks.
// Usage: node tests/site/stems.mjs; prints "stems: N words agree" or each disagreement, exit 1.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stem } from '../../themes/default/static/assets/porter2.js';

const file = fileURLToPath(new URL('./stems.txt', import.meta.url));
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const wrong = [];
for (const line of lines) {
  const [word, expected] = line.split(' ');
  const made = stem(word);
  if (made !== expected) wrong.push(`${word}: index ${expected}, search.js ${made}`);
}
if (wrong.length > 0 || lines.length < 500) {
  console.log(wrong.join('\n'));
  console.log(`stems: ${wrong.length} of ${lines.length} words disagree`);
  process.exit(1);
}
console.log(`stems: ${lines.length} words agree`);
