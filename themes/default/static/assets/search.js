// Search for scrutiny: queries the index that `scrutiny build` writes under search/index/
// (format: src/render/search/index.rs) in the browser, fetching only meta.json, the word shards
// that the query's words fall in, and the chunks that hold the results shown.
// Progressive enhancement: the form works as a normal GET form (?q=...), and this script
// shows the results for ?q= on load and on every submit. No inline script, no WebAssembly and
// no worker, so the site can run under a strict Content-Security-Policy.
// On an English site the index holds each word's Snowball English stem ("vetting" and "vetted"
// are "vet"); queries are stemmed the same way by the vendored Porter2 stemmer. Words in
// "double quotes" must appear together, in that order: the candidates are checked against the
// text of their own pages, fetched from this site.
import { stem as englishStem } from './porter2.js';

const form = document.querySelector('form[data-bundle]');
const input = document.getElementById('search-query');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const bundle = form.dataset.bundle;
// The status line's words in the page's language: the search page's data-words (made from the
// theme's i18n tables: each message by plural category, with {places} filled in here, and the
// category of each small count, larger ones being "other"). English for a theme's page
// without them.
const ENGLISH = {
  searching: { other: 'Searching…' },
  none: { other: 'No results for “{query}”.' },
  results: { one: '{count} result for “{query}”.', other: '{count} results for “{query}”.' },
  results_first: { one: '{count} result for “{query}”, showing the first {shown}.', other: '{count} results for “{query}”, showing the first {shown}.' },
  at_least: { one: 'At least {count} result for “{query}”, showing the first {shown}.', other: 'At least {count} results for “{query}”, showing the first {shown}.' },
  unavailable: { other: 'Search is not available right now. You can browse by year or by theme instead.' },
  plural: ['other', 'one'],
};
const WORDS = (() => {
  try {
    return { ...ENGLISH, ...JSON.parse(status.dataset.words || '{}') };
  } catch {
    return ENGLISH;
  }
})();
// A status message with its {places} filled in (as text: the status is set as textContent).
function say(name, values = {}) {
  const forms = WORDS[name] || ENGLISH[name];
  const category = ('count' in values && WORDS.plural[values.count]) || 'other';
  const text = forms[category] ?? forms.other ?? '';
  return text.replace(/\{(\w+)\}/g, (place, key) => (key in values ? String(values[key]) : place));
}
const MAX_RESULTS = 30;
// A longer term that starts with a query's term ("inspect" finds "inspector") counts for less
// than the term itself.
const PREFIX_WEIGHT = 0.6;
const MAX_PREFIX_SHARDS = 3;
const MAX_PREFIX_WORDS = 300;
// Pages fetched to check a phrase, at most, and how many at a time.
const MAX_PHRASE_CHECKS = 150;
const PHRASE_BATCH = 8;
// The same words as the index: runs of letters and digits, lower-cased a character at a time.
const WORD = /[\p{Alphabetic}\p{N}]+/gu;

const files = new Map();
function load(file, as) {
  if (!files.has(file)) {
    const promise = fetch(bundle + file, file === 'meta.json' ? { cache: 'no-cache' } : {})
      .then((response) => {
        if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
        return as === 'json' ? response.json() : response.arrayBuffer().then(parseShard);
      });
    promise.catch(() => files.delete(file));
    files.set(file, promise);
  }
  return files.get(file);
}

function words(text, maxWord) {
  const found = [];
  for (const [match] of text.matchAll(WORD)) {
    const chars = Array.from(match);
    if (chars.length <= maxWord) found.push(chars.map((c) => c.toLowerCase()).join(''));
  }
  return found;
}

// Code point order, which is how the index sorts its words (by UTF-8 bytes).
function compare(a, b) {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i);
    const y = b.codePointAt(i);
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

const decoder = new TextDecoder();
function parseShard(buffer) {
  const bytes = new Uint8Array(buffer);
  let at = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    let byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  };
  const entries = [];
  let previous = new Uint8Array(0);
  while (at < bytes.length) {
    const shared = varint();
    const length = varint();
    const word = new Uint8Array(shared + length);
    word.set(previous.subarray(0, shared));
    word.set(bytes.subarray(at, at + length), shared);
    at += length;
    varint(); // how many documents
    const size = varint();
    entries.push({ word: decoder.decode(word), start: at, end: at + size });
    at += size;
    previous = word;
  }
  return { bytes, entries };
}

// Adds `weight` times each document's impact for an entry to `scores`, keeping the best.
function addPostings(shard, entry, weight, scores) {
  const { bytes } = shard;
  let at = entry.start;
  let doc = 0;
  while (at < entry.end) {
    let delta = 0;
    let scale = 1;
    let byte;
    do {
      byte = bytes[at++];
      delta += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    doc += delta;
    const score = bytes[at++] * weight;
    if (!(scores.get(doc) >= score)) scores.set(doc, score);
  }
}

// The shards that may hold `word` (and, with `prefix`, the words that start with it).
function shardsFor(meta, word, prefix) {
  const { shards } = meta;
  if (shards.length === 0) return [];
  let low = 0;
  let high = shards.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (compare(shards[middle][0], word) <= 0) low = middle;
    else high = middle - 1;
  }
  const found = [shards[low][1]];
  for (let next = low + 1; prefix && next < shards.length && found.length < MAX_PREFIX_SHARDS
    && shards[next][0].startsWith(word); next++) {
    found.push(shards[next][1]);
  }
  return found;
}

// The index term of a word: its stem, when the index was built with one.
function termOf(meta, word) {
  return meta.stemmer === 'english' ? englishStem(word) : word;
}

// Documents that have the term of `word`, or a longer term starting with it, with scores.
async function lookup(meta, word) {
  const scores = new Map();
  const term = termOf(meta, word);
  const prefix = term.length >= 3;
  const shards = await Promise.all(shardsFor(meta, term, prefix).map((file) => load(file)));
  let expanded = 0;
  for (const shard of shards) {
    const { entries } = shard;
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(entries[middle].word, term) < 0) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < entries.length && entries[i].word.startsWith(term); i++) {
      const exact = entries[i].word === term;
      if (!exact && (!prefix || ++expanded > MAX_PREFIX_WORDS)) continue;
      addPostings(shard, entries[i], exact ? 1 : PREFIX_WEIGHT, scores);
    }
  }
  return scores;
}

// The query's free words and its "quoted phrases" (each a list of words).
function parseQuery(query, maxWord) {
  const phrases = [];
  const free = query.replace(/["“”]([^"“”]*)["“”]?/g, (_, inside) => {
    const phrase = words(inside, maxWord);
    if (phrase.length > 1) phrases.push(phrase);
    return ` ${inside} `;
  });
  return { words: words(free, maxWord), phrases };
}

function containsPhrase(textWords, phrase) {
  for (let i = 0; i + phrase.length <= textWords.length; i++) {
    if (phrase.every((word, j) => textWords[i + j] === word)) return true;
  }
  return false;
}

// Whether the page a result links to (the finding's own element, for a finding) has every phrase.
async function hasPhrases(meta, doc, phrases) {
  const data = await documentData(meta, doc);
  if (!data) return false;
  const response = await fetch(data.url);
  if (!response.ok) return false;
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const hash = new URL(data.url, window.location.href).hash.slice(1);
  const part = (hash && page.getElementById(decodeURIComponent(hash))) || page.querySelector('main') || page.body;
  const textWords = words(part.textContent || '', meta.max_word);
  return phrases.every((phrase) => containsPhrase(textWords, phrase));
}

// The ranked documents that have every phrase, checked in rank order until `wanted` are found;
// `complete` says whether every candidate was checked.
async function withPhrases(meta, ranked, phrases, wanted) {
  const found = [];
  let checked = 0;
  while (checked < ranked.length && checked < MAX_PHRASE_CHECKS && found.length < wanted) {
    const batch = ranked.slice(checked, checked + PHRASE_BATCH);
    const verdicts = await Promise.all(batch.map((doc) => hasPhrases(meta, doc, phrases)));
    batch.forEach((doc, i) => verdicts[i] && found.push(doc));
    checked += batch.length;
  }
  return { docs: found, complete: checked >= ranked.length };
}

// Document numbers that have every word of the query, best first.
async function search(meta, queryWords) {
  if (queryWords.length === 0) return [];
  const perWord = await Promise.all(queryWords.map((word) => lookup(meta, word)));
  perWord.sort((a, b) => a.size - b.size);
  const [first, ...rest] = perWord;
  const ranked = [];
  for (const [doc, score] of first) {
    let total = score;
    for (const scores of rest) {
      const more = scores.get(doc);
      if (more === undefined) {
        total = -1;
        break;
      }
      total += more;
    }
    if (total >= 0) ranked.push([doc, total]);
  }
  ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return ranked.map(([doc]) => doc);
}

async function documentData(meta, doc) {
  const chunk = await load(meta.chunks[Math.floor(doc / meta.docs_per_chunk)], 'json');
  return chunk[doc % meta.docs_per_chunk];
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// The excerpt as text, with the words that match the query marked.
function excerptNodes(meta, text, queryWords) {
  const terms = queryWords.map((word) => termOf(meta, word));
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(WORD)) {
    const word = Array.from(match[0], (c) => c.toLowerCase()).join('');
    const term = termOf(meta, word);
    if (terms.some((t) => term === t || (t.length >= 3 && term.startsWith(t)))) {
      if (match.index > at) nodes.push(document.createTextNode(text.slice(at, match.index)));
      nodes.push(element('mark', null, match[0]));
      at = match.index + match[0].length;
    }
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

function showResult(meta, data, queryWords) {
  const item = element('li', 'document-list__item search-result');
  const heading = element('h2', 'document-list__title');
  const link = element('a', null, data.title || data.url);
  link.href = data.url;
  heading.append(link);
  const details = [data.kind, data.date].filter(Boolean).join(' · ');
  item.append(heading, element('p', 'document-list__meta', details));
  if (data.status) {
    const tag = element('p', 'document-list__status');
    tag.append(element('strong', `tag tag--${data.status_code || 'neutral'}`, data.status));
    item.append(tag);
  }
  if (data.excerpt) {
    const excerpt = element('p', 'search-result__excerpt');
    excerpt.append(...excerptNodes(meta, data.excerpt, queryWords));
    item.append(excerpt);
  }
  return item;
}

let latest = 0;
async function run(query) {
  const thisRun = ++latest;
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = '';
    return;
  }
  status.textContent = say('searching');
  try {
    const meta = await load('meta.json', 'json');
    const parsed = parseQuery(query, meta.max_word);
    const queryWords = [...new Set(parsed.words)];
    let docs = await search(meta, queryWords);
    let complete = true;
    if (parsed.phrases.length > 0) {
      ({ docs, complete } = await withPhrases(meta, docs, parsed.phrases, MAX_RESULTS + 1));
    }
    const results = await Promise.all(docs.slice(0, MAX_RESULTS).map((doc) => documentData(meta, doc)));
    if (thisRun !== latest) return;
    const count = docs.length;
    const shown = Math.min(count, MAX_RESULTS);
    const values = { query, count, shown };
    if (count === 0) status.textContent = say('none', values);
    else if (!complete) status.textContent = say('at_least', values);
    else if (count > MAX_RESULTS) status.textContent = say('results_first', values);
    else status.textContent = say('results', values);
    list.append(...results.filter(Boolean).map((data) => showResult(meta, data, queryWords)));
  } catch (error) {
    if (thisRun !== latest) return;
    status.textContent = say('unavailable');
    console.error(error);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const url = new URL(window.location.href);
  url.searchParams.set('q', input.value);
  history.replaceState(null, '', url);
  run(input.value);
});

const initial = new URL(window.location.href).searchParams.get('q');
if (initial) {
  input.value = initial;
  run(initial);
}
