// The browser editor's file format: reads and writes scrutiny's Markdown files with `+++` TOML
// front matter for Decap CMS, so that what the form saves passes `scrutiny check`.
//
// Served as admin/scrutiny-cms.js, an ES module loaded after decap-cms.js. It reads the settings
// that `scrutiny build` writes into admin/index.html (<script type="application/json"
// id="scrutiny-cms-settings">), registers one custom format per collection, the preview
// stylesheet, and starts Decap. No inline script, no eval: it runs under a strict CSP.
//
// Settings: {"preview_style": "/base/style.css",
//            "formats": {"<format name>": {"dates": [["published"], ["findings", "due"], ...],
//                                           "flags": [["statutory"]],
//                                           "order": {"": ["title", ...], "findings": [...]}}}}
// A path walks through tables and arrays of tables alike. "flags" are yes-or-no fields that may
// also be left out, which the form offers as a choice of "true" and "false": read as those
// strings, written back as booleans. "order" (optional) lists the keys of each table (named by
// its dotted path, "" for the top level) in the content model's order.
//
// The format functions are exported so that node can test them (tests/site/cms-format.mjs);
// Decap is only touched when the page has it.
import { parse, stringify, TomlDate } from './smol-toml/index.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Splits a file into its TOML front matter and its Markdown body. */
export function splitFrontMatter(text) {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const opening = /^\+\+\+[ \t]*\r?\n/.exec(source);
  if (!opening) return { toml: null, body: source };
  const closing = /^\+\+\+[ \t]*(\r?\n|$)/m;
  const rest = source.slice(opening[0].length);
  const end = closing.exec(rest);
  if (!end) throw new Error('the front matter opened with +++ is never closed by a +++ line');
  return { toml: rest.slice(0, end.index), body: rest.slice(end.index + end[0].length) };
}

/** TOML local dates become "YYYY-MM-DD" strings, which Decap's date widget edits. */
function datesToStrings(value) {
  if (value instanceof TomlDate) return value.isDate() ? value.toISOString() : value;
  if (Array.isArray(value)) return value.map(datesToStrings);
  if (isTable(value)) {
    const out = {};
    for (const [key, item] of Object.entries(value)) out[key] = datesToStrings(item);
    return out;
  }
  return value;
}

/** Reads a file: its front-matter fields, and the Markdown body as `body`. */
export function fromFile(text, spec = {}) {
  const { toml, body } = splitFrontMatter(text);
  const fields = toml === null ? {} : datesToStrings(parse(toml));
  for (const path of spec.flags || []) mapAt(fields, path, (value) => (typeof value === 'boolean' ? String(value) : value));
  return { ...fields, body };
}

/** Replaces the value at `path` (through tables and arrays of tables) by `change(value)`, in place. */
function mapAt(node, path, change, at = 0) {
  if (Array.isArray(node)) {
    for (const item of node) mapAt(item, path, change, at);
    return;
  }
  if (!isTable(node) || at >= path.length || !(path[at] in node)) return;
  if (at === path.length - 1) node[path[at]] = change(node[path[at]]);
  else mapAt(node[path[at]], path, change, at + 1);
}

/** A flag's choice as the boolean it stands for; anything else as it is. */
function asFlag(value) {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

function isTable(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function isRealDay(text) {
  const m = DAY.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

/** A value at a date path: a full day becomes a bare TOML date; anything else stays as it is. */
function asDate(value) {
  if (typeof value === 'string' && isRealDay(value.trim())) return new TomlDate(value.trim());
  if (value instanceof Date && !(value instanceof TomlDate) && !Number.isNaN(value.getTime())) {
    return new TomlDate(`${pad(value.getFullYear(), 4)}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`);
  }
  return value;
}

/** Turns the days at each date path into TOML dates, in place. */
function stringsToDates(node, path, at = 0) {
  if (Array.isArray(node)) {
    for (const item of node) stringsToDates(item, path, at);
    return;
  }
  if (!isTable(node) || at >= path.length) return;
  const key = path[at];
  if (!(key in node)) return;
  if (at === path.length - 1) {
    if (Array.isArray(node[key])) node[key] = node[key].map(asDate);
    else node[key] = asDate(node[key]);
  } else {
    stringsToDates(node[key], path, at + 1);
  }
}

/** What Decap leaves for an optional field the editor did not fill in. */
function isBlank(value) {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** A deep copy without blank fields (an array keeps its items, dropping only blank ones). */
function withoutBlanks(value) {
  if (Array.isArray(value)) return value.filter((item) => !isBlank(item)).map(withoutBlanks);
  if (isTable(value) && !(value instanceof Date)) {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      if (!isBlank(item)) out[key] = withoutBlanks(item);
    }
    return out;
  }
  return value;
}

function formatKey(key) {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** A text of several lines as a multi-line literal string, when it can be one, so it reads as typed. */
function multiLine(text) {
  const literal = text.includes('\n') && !text.includes("'''") && !text.endsWith("'")
    && !/[\u0000-\u0008\u000B-\u001F\u007F]/.test(text);
  return literal ? `'''\n${text}'''` : null;
}

/** One value written inline, by smol-toml (arrays of plain values as ["a", "b"]). */
function formatValue(value) {
  if (typeof value === 'string') {
    const block = multiLine(value);
    if (block) return block;
  }
  if (Array.isArray(value) && value.every((item) => !Array.isArray(item) && !isTable(item))) {
    return `[${value.map(formatValue).join(', ')}]`;
  }
  const line = stringify({ v: value }).trim();
  return line.slice(line.indexOf('=') + 1).trim();
}

function isArrayOfTables(value) {
  return Array.isArray(value) && value.length > 0 && value.every(isTable);
}

/** The keys of a table: those the order names first, in that order, then the rest as given. */
function orderedKeys(table, order) {
  const keys = Object.keys(table);
  if (!order) return keys;
  const named = order.filter((key) => keys.includes(key));
  return [...named, ...keys.filter((key) => !named.includes(key))];
}

/** Writes a table's lines: its plain values, then its sub-tables and arrays of tables. */
function writeTable(table, path, orders, lines) {
  const keys = orderedKeys(table, orders[path.join('.')]);
  const nested = [];
  for (const key of keys) {
    const value = table[key];
    if (isTable(value) || isArrayOfTables(value)) nested.push(key);
    else lines.push(`${formatKey(key)} = ${formatValue(value)}`);
  }
  for (const key of nested) {
    const value = table[key];
    const inner = [...path, key];
    const name = inner.map(formatKey).join('.');
    for (const item of isTable(value) ? [value] : value) {
      if (lines.length > 0) lines.push('');
      lines.push(isTable(value) ? `[${name}]` : `[[${name}]]`);
      writeTable(item, inner, orders, lines);
    }
  }
}

/**
 * Writes a file from the form's data: `+++`, the TOML front matter, `+++`, the body.
 * `spec` is the format's settings ({dates, order}); `sortedKeys` is Decap's field order.
 */
export function toFile(data, spec = {}, sortedKeys = []) {
  const { body = '', ...fields } = data || {};
  const front = withoutBlanks(fields);
  for (const path of spec.dates || []) stringsToDates(front, path);
  for (const path of spec.flags || []) mapAt(front, path, asFlag);
  const orders = { ...(spec.order || {}) };
  if (!orders[''] && sortedKeys.length > 0) orders[''] = sortedKeys.filter((key) => key !== 'body');
  const lines = [];
  writeTable(front, [], orders, lines);
  const toml = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  // Check what was written: a value smol-toml cannot read back must never reach the repository.
  parse(toml);
  return `+++\n${toml}+++\n${typeof body === 'string' ? body : String(body)}`;
}

/** The {fromFile, toFile} pair Decap's registerCustomFormat takes, for one format's settings. */
export function makeFormat(spec = {}) {
  return {
    fromFile: (text) => fromFile(text, spec),
    toFile: (data, sortedKeys = []) => toFile(data, spec, sortedKeys),
  };
}

/** Reads the settings, registers the formats and the preview style, and starts Decap. */
export function start(CMS, document) {
  const element = document.getElementById('scrutiny-cms-settings');
  if (!element) throw new Error('scrutiny-cms: no #scrutiny-cms-settings element on the page');
  const settings = JSON.parse(element.textContent);
  for (const [name, spec] of Object.entries(settings.formats || {})) {
    CMS.registerCustomFormat(name, 'md', makeFormat(spec));
  }
  if (settings.preview_style) CMS.registerPreviewStyle(settings.preview_style);
  CMS.init();
}

if (typeof window !== 'undefined' && window.CMS) start(window.CMS, window.document);
