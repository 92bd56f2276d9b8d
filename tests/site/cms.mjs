// The browser editor (admin/, Decap CMS with the test-repo backend) driven through its forms in
// Chromium, and what it saves checked by scrutiny itself.
//
//   node tests/site/cms.mjs ADMIN_URL SITE_ROOT WORK_DIR
//
// ADMIN_URL: the admin/ page of a site built with `[cms] backend = "test-repo"`, served over
// http on 127.0.0.1. SITE_ROOT: that site's source (config.toml, content/): its reports,
// responses and pages seed Decap's in-memory repository. WORK_DIR: where the copy of the site
// with the saved files is written, checked and built. The scrutiny binary is $SCRUTINY_BIN.
//
// In the browser: every request to a host other than 127.0.0.1 is blocked and fails the test;
// the admin page is served with the Content-Security-Policy below (ADMIN_CSP) and any violation
// fails the test. The editor logs in, creates a new response through the form (the report
// picked in the relation widget, the date typed, the findings it addresses ticked when the form
// offers them, a body), edits a report's summary, and saves a response unchanged. The saved
// files are then written into a copy of the site: `scrutiny check` and `build` must give no
// error, the new response must have its page, and every value the editor did not touch must be
// the same (TOML parsed before and after). axe-core's violations on the editor's own screens are
// printed as a measurement (no pass or fail).
//
// Uses playwright-core and axe-core from SITE_TOOLS_DIR (default target/site-tools) and
// Debian's /usr/bin/chromium. Prints PASS/FAIL lines and "cms: N passed, M failed".
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const toolsDir = path.resolve(process.env.SITE_TOOLS_DIR || path.join(repo, 'target', 'site-tools'));
const requireTool = createRequire(path.join(toolsDir, 'node_modules', 'noop.js'));
const { chromium } = requireTool('playwright-core');
const axeSource = fs.readFileSync(requireTool.resolve('axe-core/axe.min.js'), 'utf8');

const [adminArg, siteRootArg, workArg] = process.argv.slice(2);
const BIN = process.env.SCRUTINY_BIN;
if (!adminArg || !siteRootArg || !workArg || !BIN) {
  console.error('usage: SCRUTINY_BIN=path node cms.mjs ADMIN_URL SITE_ROOT WORK_DIR');
  process.exit(2);
}
const adminUrl = new URL(adminArg.endsWith('/') ? adminArg : adminArg + '/');
const siteRoot = path.resolve(siteRootArg);
const work = path.resolve(workArg);
const TODAY = process.env.CMS_TODAY || '2026-11-22';
const TIMEOUT = 20000;
let page = null;
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

// The policy the admin page is known to work under (see the report in tests/site/README.md):
// Decap compiles its config schema with `new Function` (ajv) and styles itself with inline
// <style> elements (emotion), so it needs 'unsafe-eval' and style-src 'unsafe-inline'; no other
// host, no inline script.
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const KINDS = ['reports', 'responses', 'pages'];

// The new response typed into the form.
const NEW = {
  reportTitle: 'An inspection of how well the police tackle serious youth violence',
  reportSlug: 'serious-youth-violence',
  date: '2024-03-05',
  author: 'Sam Editor',
  addresses: ['R3', 'R4'],
  body: 'We accept both recommendations that apply to Essex Police.',
};
const REPORT_EDITED = 'serious-youth-violence';
const REPORT_EDITED_TITLE = NEW.reportTitle;
const NEW_SUMMARY = 'A summary edited in the browser editor.';
const RESPONSE_UNCHANGED = 'roads-policing-not-optional-response';
// As the responses list shows it (the collection's summary, else its identifier field).
const RESPONSE_UNCHANGED_TITLE = process.env.CMS_RESPONSE_TITLE || /roads-policing-not-optional|Roads policing/;

let passed = 0, failed = 0;
function report(name, problems) {
  if (problems.length === 0) {
    passed++;
    console.log(`PASS ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}`);
    for (const p of problems.slice(0, 30)) console.log(`     ${p}`);
  }
}
async function step(name, fn) {
  try {
    report(name, (await fn()) || []);
    return true;
  } catch (error) {
    const shot = path.join(work, `failed-${passed + failed + 1}.png`);
    await page?.screenshot({ path: shot, fullPage: true }).catch(() => {});
    report(name, [`error: ${String(error && error.message || error).split('\n').slice(0, 3).join(' / ')}`, `screenshot: ${shot}`]);
    return false;
  }
}

// smol-toml from vendor/, as the browser gets it (laid out as an ES module folder).
const tomlDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrutiny-cms-toml-'));
fs.cpSync(path.join(repo, 'vendor/smol-toml'), tomlDir, { recursive: true });
fs.writeFileSync(path.join(tomlDir, 'package.json'), '{"type": "module"}\n');
const { parse, TomlDate } = await import(pathToFileURL(path.join(tomlDir, 'index.js')).href);
process.on('exit', () => fs.rmSync(tomlDir, { recursive: true, force: true }));

function frontMatter(text) {
  const m = /^\+\+\+\r?\n([\s\S]*?)^\+\+\+[ \t]*\r?\n?([\s\S]*)$/m.exec(text);
  if (!m) throw new Error('no +++ front matter');
  return { values: parse(m[1]), body: m[2] };
}
const typeOf = (v) => v instanceof TomlDate ? (v.isDate() ? 'date' : 'datetime')
  : Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
/** Differences of values and types between two parsed documents, leaving out `except` keys. */
function differences(a, b, except = [], where = '', out = []) {
  if (typeOf(a) !== typeOf(b)) {
    out.push(`${where}: ${typeOf(a)} ${JSON.stringify(a)} became ${typeOf(b)} ${JSON.stringify(b)}`);
  } else if (a instanceof TomlDate) {
    if (a.toISOString() !== b.toISOString()) out.push(`${where}: ${a.toISOString()} became ${b.toISOString()}`);
  } else if (Array.isArray(a)) {
    if (a.length !== b.length) out.push(`${where}: ${a.length} items became ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) differences(a[i], b[i], [], `${where}[${i}]`, out);
  } else if (typeOf(a) === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!where && except.includes(key)) continue;
      const at = where ? `${where}.${key}` : key;
      if (!(key in b)) out.push(`${at}: lost (was ${JSON.stringify(a[key])})`);
      else if (!(key in a)) out.push(`${at}: added (${JSON.stringify(b[key])})`);
      else differences(a[key], b[key], [], at, out);
    }
  } else if (a !== b) {
    out.push(`${where}: ${JSON.stringify(a)} became ${JSON.stringify(b)}`);
  }
  return out;
}

// ---------------------------------------------------------------- the seed
/** content/<kind>/<name>.md of the site, by repository path. */
function readArchive(root) {
  const files = new Map();
  for (const kind of KINDS) {
    const dir = path.join(root, 'content', kind);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
      files.set(`content/${kind}/${name}`, fs.readFileSync(path.join(dir, name), 'utf8'));
    }
  }
  return files;
}
/**
 * Decap's test-repo backend reads window.repoFiles: it lists a folder collection from the key
 * that is the whole folder path ("content/reports"), and reads and writes an entry by walking
 * the path's segments (content → reports → name.md). Both point at the same leaves.
 */
function repoFiles(archive) {
  const tree = {};
  for (const [file, content] of archive) {
    const leaf = { content, path: file };
    const folder = path.posix.dirname(file), name = path.posix.basename(file);
    (tree[folder] ??= {})[name] = leaf;
    let node = tree;
    for (const part of folder.split('/')) node = (node[part] ??= {});
    node[name] = leaf;
  }
  return tree;
}
/** Every Markdown file in the in-memory repository after the saves (published or for review). */
async function savedFiles(page) {
  return page.evaluate(() => {
    const out = {};
    const walk = (node, prefix) => {
      for (const [key, value] of Object.entries(node || {})) {
        if (key.includes('/')) continue; // the listing keys: same leaves
        const at = prefix ? `${prefix}/${key}` : key;
        if (value && typeof value.content === 'string' && key.includes('.')) out[at] = value.content;
        else if (value && typeof value === 'object') walk(value, at);
      }
    };
    walk(window.repoFiles, '');
    for (const entry of Object.values(window.repoFilesUnpublished || {})) {
      for (const diff of entry.diffs || []) {
        if (typeof diff.content === 'string') out[diff.path] = diff.content;
      }
    }
    return out;
  });
}

// ---------------------------------------------------------------- the browser
const archive = readArchive(siteRoot);
if (!archive.has(`content/reports/${REPORT_EDITED}.md`) || !archive.has(`content/responses/${RESPONSE_UNCHANGED}.md`)) {
  console.error(`${siteRoot}: needs content/reports/${REPORT_EDITED}.md and content/responses/${RESPONSE_UNCHANGED}.md`);
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
// A time zone behind UTC: a date widget that turns "2024-03-05" into midnight UTC and back
// into local time would save the day before.
const context = await browser.newContext({
  viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'America/Los_Angeles',
});
const outside = [];
const requested = new Set();
await context.route('**/*', async (route) => {
  const url = new URL(route.request().url());
  requested.add(url.pathname);
  if (url.hostname !== '127.0.0.1') {
    outside.push(url.href);
    return route.abort('blockedbyclient');
  }
  if (url.pathname === adminUrl.pathname || url.pathname === `${adminUrl.pathname}index.html`) {
    const response = await route.fetch();
    return route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': ADMIN_CSP } });
  }
  return route.continue();
});
await context.addInitScript((files) => {
  window.repoFiles = files;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
  });
}, repoFiles(archive));
page = await context.newPage();
page.setDefaultTimeout(TIMEOUT);
const pageErrors = [];
page.on('pageerror', (error) => pageErrors.push(error.message.split('\n')[0]));
page.on('console', (message) => {
  if (message.type() === 'error') pageErrors.push(`console: ${message.text().split('\n')[0].slice(0, 300)}`);
});

const axeResults = [];
async function measureAxe(screen) {
  await page.evaluate(axeSource);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  const nodes = result.violations.reduce((n, v) => n + v.nodes.length, 0);
  axeResults.push({ screen, rules: result.violations.length, nodes });
  console.log(`AXE  ${screen}: ${result.violations.length} rules violated on ${nodes} elements`);
  for (const v of result.violations) console.log(`     ${v.id} (${v.impact}, ${v.nodes.length}): ${v.help}`);
}
const hash = (fragment) => new URL(`#${fragment}`, adminUrl).href;

/** Saves the open entry: "Save" under the editorial workflow, else "Publish" → "Publish now". */
async function save() {
  const saveButton = page.getByRole('button', { name: 'Save', exact: true });
  if (await saveButton.count() > 0) {
    await saveButton.click();
  } else {
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Publish now' }).or(page.getByText('Publish now', { exact: true })).first().click();
  }
  // The toast says the save is done; then Decap reloads the entry into the form.
  // (After a new entry is saved, Decap sometimes shows its reloaded form as "unsaved changes":
  // the toast, not the header, is the sign that the file was written.)
  const toast = page.getByText(/^(Entry saved|Entry published)/).first();
  await toast.waitFor();
  await toast.waitFor({ state: 'hidden', timeout: 10000 }).catch(() => {});
}

/**
 * Opens a collection from the editor's own navigation, as an editor would (a jump by URL
 * between two entries leaves Decap showing the previous entry's state).
 */
async function openCollection(label) {
  const back = page.getByRole('link', { name: /^← / });
  if (await back.count() > 0) await back.first().click();
  await page.getByRole('link', { name: 'Contents', exact: true }).first().click();
  await page.getByRole('link', { name: label, exact: true }).first().click();
  await page.getByRole('heading', { name: label, level: 1 }).waitFor();
}
async function openEntry(collection, title) {
  await openCollection(collection);
  await page.getByRole('link', { name: title }).first().click();
}

/**
 * The labels of the form's fields, from admin/config.yml (scrutiny writes it as JSON, which YAML
 * reads as it is), so that a reworded label does not break the test.
 */
const formLabels = await (async () => {
  const labels = new Map();
  try {
    const text = await (await fetch(new URL('config.yml', adminUrl))).text();
    const config = JSON.parse(text.replace(/^#.*$/gm, ''));
    for (const collection of config.collections || []) {
      for (const f of collection.fields || []) labels.set(`${collection.name}.${f.name}`, f.label || f.name);
    }
  } catch (error) {
    console.log(`     (config.yml is not JSON: ${error.message}; using the field names as labels)`);
  }
  return labels;
})();
const labelOf = (collection, name) => formLabels.get(`${collection}.${name}`) || name.replace(/^./, (c) => c.toUpperCase());
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds a form control by its field's label (exact, or with Decap's " (optional)" suffix). */
function field(role, collection, name) {
  const label = escapeRegExp(labelOf(collection, name));
  return page.getByRole(role, { name: new RegExp(`^${label}( \\(optional\\))?$`) }).first();
}

await step('log in to the editor with the test-repo backend; the collections are listed', async () => {
  await page.goto(adminUrl.href);
  await page.getByRole('button', { name: /log ?in/i }).waitFor();
  await measureAxe('login');
  await page.getByRole('button', { name: /log ?in/i }).click();
  for (const name of ['Reports', 'Responses', 'Pages']) {
    await page.getByRole('link', { name, exact: true }).first().waitFor();
  }
  return [];
});

await step('the reports of the archive are listed in the Reports collection', async () => {
  await openCollection('Reports');
  await page.getByRole('link', { name: NEW.reportTitle }).first().waitFor();
  await measureAxe('collection list (reports)');
  return [];
});

let newFormScreen = false;
await step('a new response through the form: report picked, date typed, findings ticked, body written, saved', async () => {
  const problems = [];
  await openCollection('Responses');
  await page.getByRole('link', { name: /^Create entry of type/ }).click();
  const reportBox = field('combobox', 'responses', 'report');
  await reportBox.click();
  await reportBox.pressSequentially('serious youth');
  await page.getByRole('option', { name: NEW.reportTitle }).click();

  const date = field('textbox', 'responses', 'date');
  await date.fill(NEW.date);
  const typed = await date.inputValue();
  if (typed !== NEW.date) problems.push(`the date field holds ${JSON.stringify(typed)} after typing ${NEW.date}`);

  await field('textbox', 'responses', 'author').fill(NEW.author);
  // The findings it addresses: ticked when the form offers checkboxes or options, else typed.
  const ticked = await tickFindings(NEW.addresses);
  if (!ticked) problems.push('the form offers no way to say which findings the response addresses');

  const editor = page.locator('[data-slate-editor="true"]').first();
  if (await editor.count() > 0) {
    await editor.click();
    await page.keyboard.type(NEW.body);
  } else {
    await field('textbox', 'responses', 'body').fill(NEW.body);
  }
  await measureAxe('entry form (new response)');
  newFormScreen = true;
  await save();
  return problems;
});

/** Marks each finding id as addressed, in whichever widget the form has; false if none. */
async function tickFindings(ids) {
  const label = new RegExp(`^${escapeRegExp(labelOf('responses', 'addresses'))}`, 'i');
  const group = page.getByRole('group', { name: label });
  const checkboxes = page.getByRole('checkbox', { name: new RegExp(`^(${ids.join('|')})\\b`) });
  if (await checkboxes.count() > 0) {
    for (const id of ids) await page.getByRole('checkbox', { name: new RegExp(`^${id}\\b`) }).first().check();
    return true;
  }
  const combo = page.getByRole('combobox', { name: label });
  if (await combo.count() > 0) {
    for (const id of ids) {
      await combo.first().click();
      await combo.first().pressSequentially(id);
      await page.getByRole('option', { name: new RegExp(`^${id}\\b`) }).first().click();
    }
    return true;
  }
  const text = page.getByRole('textbox', { name: label });
  if (await text.count() > 0) {
    await text.first().fill(ids.join(', '));
    return true;
  }
  return (await group.count()) > 0;
}

await step(`an existing report's summary edited and saved (${REPORT_EDITED})`, async () => {
  await openEntry('Reports', REPORT_EDITED_TITLE);
  const summary = field('textbox', 'reports', 'summary');
  await summary.waitFor();
  await summary.fill(NEW_SUMMARY);
  await measureAxe('entry form (existing report, with findings)');
  await save();
  return [];
});

await step(`an existing response opened and saved unchanged (${RESPONSE_UNCHANGED})`, async () => {
  await openEntry('Responses', RESPONSE_UNCHANGED_TITLE);
  // Decap saves only an entry whose values differ from the saved ones: fill an empty optional
  // field, save, empty it again and save. The second save must give back the values read.
  const spare = field('textbox', 'responses', 'title');
  await spare.waitFor();
  if (await spare.inputValue() !== '') return ['the optional Title field is not empty in this response'];
  await spare.fill('Temporary title');
  await save();
  // (fill('') leaves Decap's text field as it was: clear it as a person does.)
  await spare.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await save();
  return [];
});

if (!newFormScreen) {
  // The form did not get as far as axe: measure it anyway, on an empty new entry.
  try {
    await page.goto(hash('/collections/responses/new'));
    await field('combobox', 'responses', 'report').waitFor();
    await measureAxe('entry form (new response)');
  } catch { /* reported by the step above */ }
}

const saved = await savedFiles(page);
const violations = await page.evaluate(() => window.__cspViolations || []);
await browser.close();

report('no request to any host but 127.0.0.1', outside.map((url) => `requested ${url}`));
await step('the preview pane loads the site\'s own stylesheet (preview_style of the settings)', async () => {
  const html = await (await fetch(adminUrl.href)).text();
  const m = /<script type="application\/json" id="scrutiny-cms-settings">([\s\S]*?)<\/script>/.exec(html);
  if (!m) return ['admin/index.html has no scrutiny-cms-settings'];
  const style = JSON.parse(m[1]).preview_style;
  if (!style) return ['the settings name no preview_style'];
  return requested.has(new URL(style, adminUrl).pathname) ? [] : [`${style} was never requested`];
});
report(`no Content-Security-Policy violation under: ${ADMIN_CSP}`, [...new Set(violations)]);
report('no script error in the editor', [...new Set(pageErrors)]);

// ---------------------------------------------------------------- the saved files, checked
const changed = Object.entries(saved).filter(([file, content]) => KINDS.some((k) => file.startsWith(`content/${k}/`))
  && archive.get(file) !== content);
console.log(`     saved: ${changed.map(([file]) => file).join(', ') || '(nothing)'}`);
const newFiles = changed.filter(([file]) => !archive.has(file) && file.startsWith('content/responses/'));

await step('the new response is saved with the report, a bare TOML date, the author, the findings and the body', async () => {
  if (newFiles.length !== 1) return [`${newFiles.length} new response files saved (want 1)`];
  const [file, text] = newFiles[0];
  console.log(`     ${file}:\n${text.split('\n').map((l) => `       | ${l}`).join('\n')}`);
  const { values, body } = frontMatter(text);
  const problems = [];
  const reports = Array.isArray(values.report) ? values.report : [values.report];
  if (!reports.includes(NEW.reportSlug)) problems.push(`report = ${JSON.stringify(values.report)}`);
  if (!(values.date instanceof TomlDate) || values.date.toISOString() !== NEW.date) {
    problems.push(`date = ${JSON.stringify(values.date)} (${typeOf(values.date)}), want the bare date ${NEW.date}`);
  }
  if (values.author !== NEW.author) problems.push(`author = ${JSON.stringify(values.author)}`);
  if (JSON.stringify(values.addresses) !== JSON.stringify(NEW.addresses)) problems.push(`addresses = ${JSON.stringify(values.addresses)}`);
  if (!body.includes(NEW.body)) problems.push(`the body ${JSON.stringify(body)} lacks the typed text`);
  for (const [key, value] of Object.entries(values)) {
    if (value === '' || (Array.isArray(value) && value.length === 0)) problems.push(`blank field written: ${key}`);
  }
  return problems;
});

await step(`the edited report keeps every other value and type (${REPORT_EDITED})`, async () => {
  const file = `content/reports/${REPORT_EDITED}.md`;
  if (!(file in saved) || saved[file] === archive.get(file)) return ['not saved'];
  const before = frontMatter(archive.get(file)), after = frontMatter(saved[file]);
  const problems = differences(before.values, after.values, ['summary']);
  if (after.values.summary !== NEW_SUMMARY) problems.push(`summary = ${JSON.stringify(after.values.summary)}`);
  if (before.body.trim() !== after.body.trim()) problems.push('the body changed');
  // Not a check (the values are): how much of the file a reviewer sees changed.
  const expected = archive.get(file).replace(/^summary = .*$/m, () => `summary = ${JSON.stringify(NEW_SUMMARY)}`).split('\n');
  const got = saved[file].split('\n');
  const differing = expected.filter((line, i) => got[i] !== line).length + Math.max(0, got.length - expected.length);
  console.log(differing === 0 ? '     (only the summary line changed in the file)'
    : `     (${differing} lines besides the summary differ in place: keys written in another order)`);
  return problems;
});

await step(`the response saved unchanged keeps every value and type (${RESPONSE_UNCHANGED})`, async () => {
  const file = `content/responses/${RESPONSE_UNCHANGED}.md`;
  if (!(file in saved)) return ['not in the repository'];
  const before = frontMatter(archive.get(file)), after = frontMatter(saved[file]);
  const problems = differences(before.values, after.values);
  if (before.body.trim() !== after.body.trim()) problems.push('the body changed');
  if (saved[file] === archive.get(file)) console.log('     (written back byte for byte)');
  else console.log(`     (bytes differ:\n${saved[file].split('\n').slice(0, 14).map((l) => `       | ${l}`).join('\n')})`);
  return problems;
});

// A copy of the site with the saved files, checked and built by scrutiny.
const copy = path.join(work, 'site');
fs.mkdirSync(copy, { recursive: true });
for (const entry of fs.readdirSync(siteRoot)) {
  if (['config.toml', 'content', 'themes'].includes(entry)) {
    fs.cpSync(path.join(siteRoot, entry), path.join(copy, entry), { recursive: true });
  }
}
for (const [file, content] of changed) fs.writeFileSync(path.join(copy, file), content);

function run(args) {
  const result = spawnSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: result.status === 0, out: `${result.stdout || ''}${result.stderr || ''}${result.error ? result.error.message : ''}` };
}
await step('scrutiny check of the site with the saved files: no error', async () => {
  const { ok, out } = run(['check', '--root', copy, '--today', TODAY]);
  const problems = [];
  if (!ok) problems.push('check exited with an error');
  if (!/\b0 errors\b/.test(out)) problems.push(...out.trim().split('\n').slice(-30));
  return problems;
});
await step('scrutiny build of the site with the saved files: no error, the new response has its page', async () => {
  const output = path.join(work, 'public');
  const { ok, out } = run(['build', '--root', copy, '--output', output, '--today', TODAY]);
  const problems = [];
  if (!ok || !/\b0 errors\b/.test(out)) problems.push('build reported errors', ...out.trim().split('\n').slice(-30));
  for (const [file] of newFiles) {
    const slug = path.posix.basename(file, '.md');
    const page = path.join(output, 'responses', slug, 'index.html');
    if (!fs.existsSync(page)) problems.push(`no page ${path.relative(work, page)}`);
    else if (!fs.readFileSync(page, 'utf8').includes(NEW.body)) problems.push(`${path.relative(work, page)} lacks the body`);
  }
  return problems;
});

console.log(`axe on the editor's screens (a measurement, not a check): ${axeResults.map((r) => `${r.screen}: ${r.rules} rules, ${r.nodes} elements`).join('; ') || 'not measured'}`);
console.log(`cms: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
