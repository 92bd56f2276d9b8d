// The browser editor's TOML format (src/render/editor/scrutiny-cms.js) in node, without a browser:
// every report, response and page of an archive read by fromFile and written back by toFile must
// keep every value with its type (compared by parsing both with smol-toml), plus the cases the
// form creates (blank optional fields, typed dates, due as a month or a period).
//
//   node tests/site/cms-format.mjs [SITE_ROOT ...] [--settings admin/index.html]
//
// SITE_ROOT defaults to the repository root. The date paths come from the settings JSON of a
// built admin/index.html when --settings is given, else from the copy below. Prints PASS/FAIL
// lines and ends with "cms-format: N passed, M failed"; exits 1 if any failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

// The module is served as admin/scrutiny-cms.js beside admin/smol-toml/: lay it out that way.
const admin = fs.mkdtempSync(path.join(os.tmpdir(), 'scrutiny-cms-format-'));
fs.copyFileSync(path.join(repo, 'src/render/editor/scrutiny-cms.js'), path.join(admin, 'scrutiny-cms.js'));
fs.cpSync(path.join(repo, 'vendor/smol-toml'), path.join(admin, 'smol-toml'), { recursive: true });
const cms = await import(pathToFileURL(path.join(admin, 'scrutiny-cms.js')).href);
const { parse, TomlDate } = await import(pathToFileURL(path.join(admin, 'smol-toml/index.js')).href);
process.on('exit', () => fs.rmSync(admin, { recursive: true, force: true }));

const args = process.argv.slice(2);
let settingsFile = null;
const roots = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--settings') settingsFile = args[++i];
  else roots.push(path.resolve(args[i]));
}
if (roots.length === 0) roots.push(repo);

const DEFAULT_SETTINGS = {
  formats: {
    'scrutiny-reports': { dates: [['published'], ['findings', 'due'], ['findings', 'updates', 'date']] },
    'scrutiny-responses': { dates: [['date'], ['published']] },
    'scrutiny-pages': { dates: [['updated'], ['reviewed']] },
  },
};
function readSettings(file) {
  const html = fs.readFileSync(file, 'utf8');
  const m = /<script type="application\/json" id="scrutiny-cms-settings">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error(`${file}: no <script type="application/json" id="scrutiny-cms-settings">`);
  return JSON.parse(m[1]);
}
const settings = settingsFile ? readSettings(settingsFile) : DEFAULT_SETTINGS;
const COLLECTIONS = [
  ['reports', 'scrutiny-reports'],
  ['responses', 'scrutiny-responses'],
  ['pages', 'scrutiny-pages'],
];

let passed = 0, failed = 0;
function report(name, problems) {
  if (problems.length === 0) {
    passed++;
    console.log(`PASS ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}`);
    for (const p of problems.slice(0, 20)) console.log(`     ${p}`);
  }
}

/** Differences between two parsed TOML values, with their types (a date is not a string). */
function differences(a, b, where = '', out = []) {
  const kind = (v) => v instanceof TomlDate ? (v.isDate() ? 'date' : 'datetime')
    : Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
  if (kind(a) !== kind(b)) {
    out.push(`${where || '(top)'}: ${kind(a)} ${JSON.stringify(a)} became ${kind(b)} ${JSON.stringify(b)}`);
  } else if (a instanceof TomlDate) {
    if (a.toISOString() !== b.toISOString()) out.push(`${where}: ${a.toISOString()} became ${b.toISOString()}`);
  } else if (Array.isArray(a)) {
    if (a.length !== b.length) out.push(`${where}: ${a.length} items became ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) differences(a[i], b[i], `${where}[${i}]`, out);
  } else if (kind(a) === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const at = where ? `${where}.${key}` : key;
      if (!(key in b)) out.push(`${at}: lost`);
      else if (!(key in a)) out.push(`${at}: added`);
      else differences(a[key], b[key], at, out);
    }
  } else if (a !== b) {
    out.push(`${where}: ${JSON.stringify(a)} became ${JSON.stringify(b)}`);
  }
  return out;
}

/** A file's front matter and body, parsed. */
function read(text) {
  const { toml, body } = cms.splitFrontMatter(text);
  return { values: parse(toml ?? ''), body };
}

/** What Decap does between reading and writing: keeps the data as plain JSON values. */
function throughDecap(fields) {
  return JSON.parse(JSON.stringify(fields));
}

// ---------------------------------------------------------------- the archive, unchanged
for (const root of roots) {
  let identical = 0, total = 0;
  for (const [folder, format] of COLLECTIONS) {
    const dir = path.join(root, 'content', folder);
    if (!fs.existsSync(dir)) continue;
    const spec = settings.formats[format] || {};
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
      const file = path.join(dir, name);
      const original = fs.readFileSync(file, 'utf8');
      const problems = [];
      try {
        const saved = cms.toFile(throughDecap(cms.fromFile(original, spec)), spec);
        const before = read(original), after = read(saved);
        differences(before.values, after.values, '', problems);
        if (before.body !== after.body) problems.push('the body changed');
        total++;
        if (saved === original) identical++;
      } catch (error) {
        problems.push(`error: ${error.message}`);
      }
      report(`round trip keeps every value: ${path.relative(repo, file) || file}`, problems);
    }
  }
  console.log(`     ${identical} of ${total} files of ${path.relative(repo, root) || '.'} were written back byte for byte`);
}

// ---------------------------------------------------------------- what the form produces
const REPORTS = settings.formats['scrutiny-reports'] || {};
const RESPONSES = settings.formats['scrutiny-responses'] || {};

{
  // A new response as Decap hands it over: typed dates as strings, blank optional fields.
  const saved = cms.toFile({
    report: 'serious-youth-violence', date: '2024-03-05', published: '', title: '', author: 'A Person',
    cc: [], our_ref: null, addresses: ['R3'], attachments: [], body: 'The letter.\n',
  }, RESPONSES, ['report', 'date', 'published', 'title', 'author', 'cc', 'our_ref', 'addresses', 'attachments', 'body']);
  const { values, body } = read(saved);
  const problems = [];
  if (!(values.date instanceof TomlDate) || values.date.toISOString() !== '2024-03-05') {
    problems.push(`date is ${JSON.stringify(values.date)}, not the bare date 2024-03-05`);
  }
  for (const key of ['published', 'title', 'cc', 'our_ref', 'attachments']) {
    if (key in values) problems.push(`blank ${key} was written`);
  }
  if (!/^date = 2024-03-05$/m.test(saved)) problems.push(`no line "date = 2024-03-05" in:\n${saved}`);
  if (body !== 'The letter.\n') problems.push(`body is ${JSON.stringify(body)}`);
  if (Object.keys(values).join(',') !== 'report,date,author,addresses') problems.push(`key order ${Object.keys(values)}`);
  report('a new response: the typed date is a bare TOML date, blank optional fields are left out, fields in form order', problems);
}

{
  // A report edited in the form: due as a day, a month and a period; an update's date.
  const saved = cms.toFile({
    title: 'T', published: '2023-03-08', statutory: 'false', unknown_key: 7,
    findings: [
      { id: 'R1', due: '2024-03-31', applies: true, updates: [{ date: '2023-05-02', status: 'open', note: '' }] },
      { id: 'R2', due: '2024-03' },
      { id: 'R3', due: '6 months', owner: '' },
    ],
    body: '',
  }, REPORTS);
  const { values } = read(saved);
  const problems = [];
  const [r1, r2, r3] = values.findings || [];
  if (!(values.published instanceof TomlDate)) problems.push('published is not a date');
  if (!(r1?.due instanceof TomlDate)) problems.push('due 2024-03-31 is not a date');
  if (!(r1?.updates?.[0]?.date instanceof TomlDate)) problems.push('the update date is not a date');
  if (r1?.updates?.[0] && 'note' in r1.updates[0]) problems.push('a blank note was written');
  if (r2?.due !== '2024-03') problems.push(`due "2024-03" became ${JSON.stringify(r2?.due)}`);
  if (r3?.due !== '6 months') problems.push(`due "6 months" became ${JSON.stringify(r3?.due)}`);
  if (r3 && 'owner' in r3) problems.push('a blank owner was written');
  if (values.statutory !== false) problems.push(`the choice "false" for statutory became ${JSON.stringify(values.statutory)}, not the boolean false`);
  const reread = cms.fromFile(saved, REPORTS);
  if (reread.statutory !== 'false') problems.push(`statutory = false reads into the form as ${JSON.stringify(reread.statutory)}, not the choice "false"`);
  if (values.unknown_key !== 7) problems.push('a key the form does not know was lost, or changed type');
  if (r1?.applies !== true) problems.push('a boolean was lost');
  report('a report: days at date paths become dates, a month or period stays a string, a yes-or-no choice a boolean, other types kept', problems);
}

{
  // Not a day: a typo stays a string (and check rejects it), rather than turning into another day.
  const saved = cms.toFile({ date: '2024-02-30', body: '' }, RESPONSES);
  const problems = [];
  if (read(saved).values.date !== '2024-02-30') problems.push(`2024-02-30 became ${read(saved).values.date}`);
  report('a date that does not exist stays as typed, for check to report', problems);
}

{
  // TOML comments: the form works on values, so a save drops them. Shown here, on purpose.
  const original = '+++\n# the letter as sent\nreport = "x" # answers x\ndate = 2024-01-02\n+++\nBody\n';
  const saved = cms.toFile(throughDecap(cms.fromFile(original)), RESPONSES);
  const problems = differences(read(original).values, read(saved).values);
  if (saved.includes('#')) problems.push('a comment survived (update the guide: it says comments are lost)');
  report('TOML comments are dropped by a save, values kept (the guide says so)', problems);
  console.log(`     before: ${JSON.stringify(original)}\n     after:  ${JSON.stringify(saved)}`);
}

{
  // Text of several lines is written as a multi-line string where it can be; every one reads back.
  const texts = ['one\ntwo', '\nleading newline', "ends with a quote'\nx'", "has ''' inside\n", 'crlf\r\nline',
    'tab\there\nand "quotes" \\ backslash', 'control \u0001 char\n', 'it’s unicode ✓\n', ''];
  const problems = [];
  for (const text of texts) {
    const saved = cms.toFile({ note: text, body: '' }, {});
    const back = read(saved).values.note;
    if (text === '' ? back !== undefined : back !== text) problems.push(`${JSON.stringify(text)} read back as ${JSON.stringify(back)}`);
  }
  report('strings of several lines, quotes, backslashes and control characters read back the same', problems);
}

{
  const problems = [];
  try {
    cms.fromFile('+++\ntitle = "x"\nno end');
    problems.push('an unclosed front matter was accepted');
  } catch (error) {
    if (!/never closed/.test(error.message)) problems.push(`unexpected error: ${error.message}`);
  }
  const plain = cms.fromFile('Just Markdown\n');
  if (plain.body !== 'Just Markdown\n') problems.push('a file without front matter lost its body');
  report('front matter: an unclosed +++ is an error; a file without one is all body', problems);
}

console.log(`cms-format: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
