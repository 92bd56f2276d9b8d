// Browser checks of a generated site, served over http under its base path.
//
//   node tests/site/browser.mjs http://127.0.0.1:8801/pfcc/hmicfrs/ SCREENSHOT_DIR
//
// Uses Debian's Chromium (/usr/bin/chromium) through playwright-core, and axe-core,
// both installed by scripts/site-checks.sh into target/site-tools (override with
// SITE_TOOLS_DIR). Prints one line per test: "PASS <name>", "FAIL <name>" (followed by
// indented details) or "SKIP <name>", then a summary. Exits 1 if any test failed.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const toolsDir = path.resolve(process.env.SITE_TOOLS_DIR || path.join(here, '..', '..', 'target', 'site-tools'));
const requireTool = createRequire(path.join(toolsDir, 'node_modules', 'noop.js'));
const { chromium } = requireTool('playwright-core');
const axeSource = fs.readFileSync(requireTool.resolve('axe-core/axe.min.js'), 'utf8');

const [baseArg, shotDir] = process.argv.slice(2);
// The interface words the tests look for, in the language of the pages under test (English by
// default; the Welsh run of site-checks.sh sets them).
const WORDS = {
  skipLink: process.env.WORDS_SKIP_LINK || 'Skip to main content',
  searchLabel: new RegExp(process.env.WORDS_SEARCH_LABEL || 'search reports', 'i'),
  searchButton: process.env.WORDS_SEARCH_BUTTON || 'Search',
  noScript: new RegExp(process.env.WORDS_NO_SCRIPT || 'needs JavaScript'),
  // The search status line: results found, none found, still searching.
  results: new RegExp(process.env.WORDS_RESULTS || 'results? for'),
  noResults: new RegExp(process.env.WORDS_NO_RESULTS || '^No results'),
  searching: new RegExp(process.env.WORDS_SEARCHING || 'Searching'),
};
if (!baseArg || !shotDir) {
  console.error('usage: node browser.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
const base = new URL(baseArg.endsWith('/') ? baseArg : baseArg + '/');
fs.mkdirSync(shotDir, { recursive: true });

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [320, 1280];
const NAV_TIMEOUT = 15000;

let passed = 0, failed = 0, skipped = 0;
const failures = [];
function report(name, problems, { skip = false } = {}) {
  if (skip) {
    skipped++;
    console.log(`SKIP ${name}${problems.length ? ': ' + problems.join('; ') : ''}`);
  } else if (problems.length === 0) {
    passed++;
    console.log(`PASS ${name}`);
  } else {
    failed++;
    failures.push(name);
    console.log(`FAIL ${name}`);
    for (const p of problems) console.log(`     ${p}`);
  }
}
async function test(name, fn) {
  try {
    const problems = (await fn()) || [];
    report(name, problems);
  } catch (error) {
    report(name, [`error: ${String(error && error.message || error).split('\n')[0]}`]);
  }
}

// ---------------------------------------------------------------- discovery
// Breadth-first crawl of same-origin links under the base path, starting from the home page.
function inScope(url) {
  return url.origin === base.origin && url.pathname.startsWith(base.pathname);
}
function looksLikePage(url) {
  const p = url.pathname;
  return p.endsWith('/') || p.endsWith('.html');
}
async function crawl(limit = 400) {
  const seen = new Set([base.href]);
  const queue = [base.href];
  const order = [];
  const broken = [];
  while (queue.length && order.length < limit) {
    const href = queue.shift();
    let res;
    try {
      res = await fetch(href, { redirect: 'follow' });
    } catch (error) {
      broken.push(`${href}: ${error.message}`);
      continue;
    }
    if (!res.ok) { broken.push(`${href}: HTTP ${res.status}`); continue; }
    if (!(res.headers.get('content-type') || '').includes('text/html')) continue;
    order.push(href);
    const html = await res.text();
    for (const m of html.matchAll(/<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
      let url;
      try { url = new URL((m[1] ?? m[2]).replace(/&amp;/g, '&'), href); } catch { continue; }
      url.hash = '';
      url.search = '';
      if (!inScope(url) || !looksLikePage(url) || seen.has(url.href)) continue;
      seen.add(url.href);
      queue.push(url.href);
    }
  }
  return { order, broken };
}

// Page types, by the path under the base path.
const TYPES = [
  ['home', (p) => p === ''],
  ['report', (p) => /^reports\/[a-z0-9-]+\/$/.test(p)],
  ['response', (p) => /^responses\/[a-z0-9-]+\/$/.test(p)],
  ['years', (p) => p === 'years/'],
  ['year', (p) => /^years\/\d{4}\/$/.test(p)],
  ['themes', (p) => p === 'themes/'],
  ['theme', (p) => /^themes\/[a-z0-9-]+\/$/.test(p)],
  ['findings', (p) => p === 'findings/'],
  ['deadlines', (p) => p === 'deadlines/'],
  ['page', (p) => p === 'about/'],
  ['grades', (p) => p === 'grades/'],
  ['findings-page', (p) => /^findings\/\d+\/$/.test(p)],
  ['bodies', (p) => p === 'bodies/'],
  ['body', (p) => /^bodies\/[a-z0-9-]+\/$/.test(p)],
  ['national-reports', (p) => p === 'reports/'],
  ['national-reports-order', (p) => /^reports\/by\/[a-z-]+\/$/.test(p)],
];
// Page types a site may lack: the grades page exists only when a report has grades, a second
// page of the findings tracker only past 1,000 findings, bodies only on a national site.
const OPTIONAL_TYPES = new Set(['grades', 'findings-page', 'bodies', 'body', 'national-reports', 'national-reports-order']);
const rel = (href) => decodeURI(new URL(href).pathname.slice(base.pathname.length));

const { order, broken } = await crawl();
const pages = new Map(); // type -> absolute URL
for (const [type, match] of TYPES) {
  const found = order.find((href) => match(rel(href)));
  if (found) pages.set(type, found);
}
if (!pages.has('page')) {
  // Fall back to any other top-level page (a content page such as accessibility/).
  const known = new Set(['years/', 'themes/', 'grades/', 'findings/', 'deadlines/', 'search/', 'reports/', 'responses/']);
  const other = order.find((href) => /^[a-z0-9-]+\/$/.test(rel(href)) && !known.has(rel(href)));
  if (other) pages.set('page', other);
}
pages.set('404', new URL('404.html', base).href);
// A report with grades: the newest one the grades page links to (a column of its table).
if (pages.has('grades')) {
  const html = await (await fetch(pages.get('grades'))).text();
  const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'));
  const match = table.match(/href="([^"]*reports\/[a-z0-9-]+\/)"/);
  if (match) pages.set('graded-report', new URL(match[1], base).href);
}

// A national site (one with /bodies/): its own content may hold no response, year, theme or
// page, and a report page that lists every body expected to respond is a type of its own.
const national = pages.has('bodies');
if (national) {
  for (const type of ['response', 'year', 'theme', 'page']) OPTIONAL_TYPES.add(type);
  for (const href of order.filter((h) => /^reports\/[a-z0-9-]+\/$/.test(rel(h)))) {
    const html = await (await fetch(href)).text();
    if (html.includes('id="bodies-heading"')) { pages.set('national-report', href); break; }
  }
}

console.log(`# ${base.href}: crawled ${order.length} pages`);
for (const [type, href] of pages) console.log(`#   ${type.padEnd(9)} ${href}`);
report('discover every page type by following links from the home page', [
  ...TYPES.filter(([type]) => !pages.has(type) && !OPTIONAL_TYPES.has(type)).map(([type]) => `no ${type} page linked from the site`),
  ...(pages.has('grades') && !pages.has('graded-report') ? ['the grades page links to no report'] : []),
  ...(national && !pages.has('body') ? ['the national site links to no body page'] : []),
  ...(national && !pages.has('national-report') ? ['the national site has no report page listing who responded'] : []),
  ...(national && !pages.has('national-reports') ? ['the national site links to no list of every report (/reports/)'] : []),
  ...(national && !pages.has('national-reports-order') ? ['the list of reports links to no other order (/reports/by/...)'] : []),
  ...broken.map((b) => `broken internal link target: ${b}`),
]);

// ---------------------------------------------------------------- browser
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
});

async function withPage(options, fn) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT);
  try {
    return await fn(page);
  } finally {
    await context.close();
  }
}
async function open(page, href) {
  const res = await page.goto(href, { waitUntil: 'load', timeout: NAV_TIMEOUT });
  if (!res) throw new Error(`no response for ${href}`);
  // 404.html is loaded directly, so it is served with 200; anything else is a failure.
  if (res.status() >= 400) throw new Error(`HTTP ${res.status()} for ${href}`);
  return res;
}

try {
  // ------------------------------------------------------------ axe-core
  const axeOn = async (page, href) => {
    await open(page, href);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate((tags) => window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    }), AXE_TAGS);
    return result.violations.map((v) =>
      `[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'}) ` +
      `first: ${v.nodes[0].target.join(' ')}` +
      (v.nodes[0].failureSummary ? ` -- ${v.nodes[0].failureSummary.replace(/\s+/g, ' ').trim()}` : ''));
  };
  const axeViolations = (href) => withPage({}, (page) => axeOn(page, href));
  for (const [type, href] of pages) {
    await test(`axe WCAG 2.2 AA: ${type} (${rel(href)})`, () => axeViolations(href));
  }
  // Every other crawled page too (other reports may hold tables, code or footnotes), as one test.
  const typed = new Set(pages.values());
  const rest = order.filter((href) => !typed.has(href));
  if (rest.length) {
    await test(`axe WCAG 2.2 AA: the ${rest.length} other crawled pages`, () => withPage({}, async (page) => {
      const problems = [];
      for (const href of rest) {
        try {
          for (const v of await axeOn(page, href)) problems.push(`${rel(href) || '/'}: ${v}`);
        } catch (error) {
          problems.push(`${rel(href) || '/'}: error: ${String(error.message).split('\n')[0]}`);
        }
      }
      return problems;
    }));
  }

  // ------------------------------------------------------------ keyboard
  await withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
    const focusStyle = () => page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      return {
        outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
        outlineVisible: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
        boxShadow: cs.boxShadow,
        background: cs.backgroundColor,
        color: cs.color,
        textDecoration: cs.textDecorationLine + ' ' + cs.textDecorationThickness,
      };
    });
    // Compares the focused element's style with its style once blurred, then focuses it again.
    const indicatorProblems = async (what) => {
      const focused = await focusStyle();
      if (!focused) return [`${what}: nothing is focused`];
      const unfocused = await page.evaluate(() => {
        const el = document.activeElement;
        el.blur();
        const cs = getComputedStyle(el);
        const style = {
          outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
          boxShadow: cs.boxShadow,
        };
        window.__refocus = el;
        return style;
      });
      await page.evaluate(() => window.__refocus.focus());
      const hasIndicator = focused.outlineVisible || (focused.boxShadow && focused.boxShadow !== 'none');
      const differs = focused.outline !== unfocused.outline || focused.boxShadow !== unfocused.boxShadow;
      if (hasIndicator && differs) return [];
      return [`${what}: no visible focus indicator (focused outline "${focused.outline}", box-shadow "${focused.boxShadow}"; ` +
              `unfocused outline "${unfocused.outline}", box-shadow "${unfocused.boxShadow}")`];
    };

    let ready = true;
    await test('keyboard: first Tab on the home page focuses a visible "Skip to main content" link', async () => {
      await open(page, pages.get('home'));
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return { tag: el.tagName, text: (el.textContent || '').trim(), href: el.getAttribute('href'),
                 box: { x: r.x, y: r.y, w: r.width, h: r.height }, vw: innerWidth, vh: innerHeight };
      });
      const problems = [];
      if (info.tag !== 'A' || !info.text.includes(WORDS.skipLink))
        problems.push(`focused <${info.tag.toLowerCase()}> "${info.text.slice(0, 60)}" instead of the skip link`);
      const b = info.box;
      if (!(b.w > 1 && b.h > 1)) problems.push(`skip link is not visible when focused (size ${b.w}x${b.h})`);
      else if (b.x + b.w <= 0 || b.y + b.h <= 0 || b.x >= info.vw || b.y >= info.vh)
        problems.push(`skip link is outside the viewport when focused (at ${b.x},${b.y})`);
      if (problems.length) ready = false;
      return problems;
    });
    await test('keyboard: the skip link has a visible focus indicator', () => indicatorProblems('skip link'));
    await test('keyboard: activating the skip link moves focus to #main-content', async () => {
      if (!ready) return ['skip link was not focused'];
      await page.keyboard.press('Enter');
      await page.waitForTimeout(100);
      const state = await page.evaluate(() => {
        const main = document.getElementById('main-content');
        const el = document.activeElement;
        return { exists: !!main, inMain: !!main && (el === main || main.contains(el)),
                 active: el ? `<${el.tagName.toLowerCase()}${el.id ? ' id=' + el.id : ''}>` : 'none', hash: location.hash };
      });
      if (!state.exists) return ['the page has no element with id="main-content"'];
      if (!state.inMain) return [`focus is on ${state.active} (location hash "${state.hash}"), not #main-content; ` +
                                 'give <main id="main-content"> tabindex="-1"'];
      return [];
    });
    await test('keyboard: Tab reaches a report link, which has a focus indicator, and Enter opens the report', async () => {
      const problems = [];
      let found = null;
      for (let i = 0; i < 60 && !found; i++) {
        await page.keyboard.press('Tab');
        const href = await page.evaluate(() => {
          const el = document.activeElement;
          return el && el.tagName === 'A' ? el.href : null;
        });
        if (href) {
          const url = new URL(href);
          if (inScope(url) && /^reports\/[a-z0-9-]+\/$/.test(rel(url.href))) found = { href, presses: i + 1 };
        }
      }
      if (!found) return ['no link to a /reports/<slug>/ page was focused within 60 Tab presses after the skip link'];
      problems.push(...await indicatorProblems(`report link ${rel(found.href)}`));
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      const now = page.url();
      if (!/^reports\/[a-z0-9-]+\/$/.test(rel(now)) || !inScope(new URL(now)))
        problems.push(`Enter on ${found.href} led to ${now}, not a report page`);
      const h1 = (await page.locator('h1').first().textContent({ timeout: 2000 }).catch(() => '')) || '';
      if (!h1.trim()) problems.push(`the report page ${now} has no non-empty h1`);
      return problems;
    });
    // The grades tables: Tab reaches each one's scrolling region and the links in it, with a
    // visible focus indicator, on the grades page and a report with grades.
    for (const type of ['grades', 'graded-report']) {
      if (!pages.has(type)) continue;
      await test(`keyboard: Tab reaches the grades table of the ${type} page, with visible focus`, async () => {
        await open(page, pages.get(type));
        const problems = [];
        let region = false, link = false;
        for (let i = 0; i < 80 && !(region && (link || type === 'graded-report')); i++) {
          await page.keyboard.press('Tab');
          const at = await page.evaluate(() => {
            const el = document.activeElement;
            return { region: el.getAttribute('role') === 'region' && el.getAttribute('aria-labelledby') === 'grades-caption',
                     inTable: !!el.closest('[aria-labelledby="grades-caption"]') && el.tagName === 'A',
                     href: el.getAttribute('href') };
          });
          if (at.region && !region) {
            region = true;
            problems.push(...await indicatorProblems('the grades table region'));
          } else if (at.inTable && !link) {
            link = true;
            problems.push(...await indicatorProblems(`the link ${at.href} in the grades table`));
          }
        }
        if (!region) problems.push('Tab never reached the grades table region');
        if (type === 'grades' && !link) problems.push('Tab never reached a report link in the grades table');
        return problems;
      });
    }
    // A national site's list of reports: Tab reaches a link to another order, the table's
    // scrolling region and a report link in it, each with a visible focus indicator.
    if (pages.has('national-reports')) {
      await test('keyboard: Tab reaches the sort links and the table of the list of reports, with visible focus', async () => {
        await open(page, pages.get('national-reports'));
        const problems = [];
        let sort = false, region = false, link = false;
        for (let i = 0; i < 80 && !(sort && region && link); i++) {
          await page.keyboard.press('Tab');
          const at = await page.evaluate(() => {
            const el = document.activeElement;
            return { sort: el.tagName === 'A' && /\/reports\/by\//.test(el.getAttribute('href') || '') && !el.closest('table'),
                     region: el.getAttribute('role') === 'region' && el.getAttribute('aria-labelledby') === 'reports-caption',
                     inTable: !!el.closest('[aria-labelledby="reports-caption"]') && el.tagName === 'A',
                     href: el.getAttribute('href') };
          });
          if (at.sort && !sort) {
            sort = true;
            problems.push(...await indicatorProblems(`the sort link ${at.href}`));
          } else if (at.region && !region) {
            region = true;
            problems.push(...await indicatorProblems('the table region of the list of reports'));
          } else if (at.inTable && !link) {
            link = true;
            problems.push(...await indicatorProblems(`the link ${at.href} in the list of reports`));
          }
        }
        if (!sort) problems.push('Tab never reached a link to another order of the list');
        if (!region) problems.push('Tab never reached the table region of the list of reports');
        if (!link) problems.push('Tab never reached a report link in the list of reports');
        return problems;
      });
    }
  });

  // ------------------------------------------------------------ responsive
  for (const width of WIDTHS) {
    await withPage({ viewport: { width, height: 900 } }, async (page) => {
      for (const [type, href] of pages) {
        await test(`responsive: ${type} at ${width}px has no horizontal scrolling`, async () => {
          await open(page, href);
          const m = await page.evaluate(() => {
            const widest = [...document.querySelectorAll('body *')]
              .map((el) => ({ el, right: el.getBoundingClientRect().right }))
              .filter((x) => x.right > window.innerWidth + 0.5)
              .sort((a, b) => b.right - a.right)[0];
            const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
              (el.classList.length ? '.' + [...el.classList].join('.') : '');
            return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
                     widest: widest ? `${describe(widest.el)} (right edge ${Math.round(widest.right)}px)` : null };
          });
          await page.screenshot({ path: path.join(shotDir, `${type}-${width}.png`), fullPage: true });
          if (m.scrollWidth > m.innerWidth)
            return [`scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth}` + (m.widest ? `; widest element ${m.widest}` : '')];
          return [];
        });
      }
    });
  }

  // ------------------------------------------------------------ language switcher
  // A site of several languages: GOV.UK's language select at the right of the header, a rule
  // between the languages, the page's own in bold with aria-current and not a link, the others
  // links; in the width of the page at every width.
  for (const width of WIDTHS) {
    await test(`language switcher: styled as GOV.UK's language select at ${width}px`, () => withPage({ viewport: { width, height: 900 } }, async (page) => {
      await open(page, pages.get('report') || base.href);
      if (await page.locator('.language-select').count() === 0) return [];
      const m = await page.evaluate(() => {
        const nav = document.querySelector('.language-select');
        const list = nav.querySelector('ul');
        const items = [...list.querySelectorAll(':scope > li')];
        const inner = nav.parentElement.getBoundingClientRect();
        const padding = parseFloat(getComputedStyle(nav.parentElement).paddingRight) || 0;
        const current = nav.querySelector('[aria-current]');
        const right = Math.max(...items.map((li) => li.getBoundingClientRect().right));
        return {
          bullets: getComputedStyle(list).listStyleType,
          gap: Math.round(inner.right - padding - right),
          viewport: window.innerWidth,
          navRight: nav.getBoundingClientRect().right,
          rules: items.slice(1).map((li) => [getComputedStyle(li).borderLeftStyle, parseFloat(getComputedStyle(li).borderLeftWidth)]),
          current: current ? { tag: current.tagName, weight: Number(getComputedStyle(current).fontWeight), link: !!current.closest('a') } : null,
          links: items.filter((li) => li.querySelector('a[hreflang][lang]')).length,
          items: items.length,
          inline: [...nav.querySelectorAll('[style]')].length,
        };
      });
      const problems = [];
      if (m.bullets !== 'none') problems.push(`the list shows bullets (${m.bullets})`);
      if (Math.abs(m.gap) > 2) problems.push(`not at the right of the header: ${m.gap}px short of its right edge`);
      if (m.navRight > m.viewport + 0.5) problems.push(`overflows the ${m.viewport}px page (right edge ${m.navRight}px)`);
      if (m.rules.some(([style, w]) => style === 'none' || w < 1)) problems.push(`no rule between the languages: ${JSON.stringify(m.rules)}`);
      if (!m.current) problems.push('no language marked aria-current');
      else if (m.current.link || m.current.tag === 'A') problems.push('the current language is a link');
      else if (m.current.weight < 700) problems.push(`the current language is not bold (${m.current.weight})`);
      if (m.links !== m.items - 1) problems.push(`${m.links} of ${m.items} languages are links with hreflang and lang; expected all but the current one`);
      if (m.inline) problems.push(`${m.inline} elements with inline style`);
      await page.locator('.site-header').screenshot({ path: path.join(shotDir, `language-select-${width}.png`) });
      return problems;
    }));
  }

  // ------------------------------------------------------------ no JavaScript
  await withPage({ javaScriptEnabled: false }, async (page) => {
    for (const [type, href] of pages) {
      await test(`no JavaScript: ${type} has an h1 and a main landmark${type === 'findings' ? ' and lists findings' : type === 'deadlines' ? ' and shows the chart or table' : ''}`, async () => {
        await open(page, href);
        const problems = [];
        const h1s = await page.locator('h1').allTextContents();
        if (!h1s.some((t) => t.trim())) problems.push('no non-empty h1');
        if (await page.locator('main, [role="main"]').count() === 0) problems.push('no <main> landmark');
        if (type === 'findings') {
          const rows = await page.locator('table tbody tr').count();
          // A national site's own content may hold no findings (the sources' are not listed).
          if (rows === 0 && !national) problems.push('no table rows (table tbody tr) of findings');
        }
        if (type === 'deadlines') {
          const svg = await page.locator('main svg').count();
          const rows = await page.locator('main table tbody tr').count();
          if (svg === 0 && rows === 0) problems.push('neither an SVG chart nor table rows in <main>');
        }
        return problems;
      });
    }
  });

  // ------------------------------------------------------------ search
  // SEARCH_QUERY is a phrase from a report's body; SEARCH_EXPECT is that report's title,
  // which must be the first result.
  const searchUrl = new URL('search/', base).href;
  // A site with no content of its own to search (a national site) sets no queries: the tests
  // of what search finds are skipped, the page without JavaScript is still checked.
  const searchable = Boolean(process.env.SEARCH_QUERY);
  if (!searchable) {
    for (const name of ['a phrase from a report body', 'words of a finding', 'other forms of the words', 'a quoted phrase']) {
      report(`search: ${name} (no SEARCH_QUERY for this site)`, [], { skip: true });
    }
  }
  if (searchable) await test('search: a phrase from a report body finds that report first', () => withPage({}, async (page) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
    await open(page, searchUrl);
    const problems = [];
    if (!(await page.locator('h1').allTextContents()).some((t) => t.trim())) problems.push('no non-empty h1');
    const query = process.env.SEARCH_QUERY;
    const expected = process.env.SEARCH_EXPECT;
    if (!query || !expected) return [...problems, 'SEARCH_QUERY and SEARCH_EXPECT must be set'];
    await page.getByLabel(WORDS.searchLabel).fill(query);
    await page.getByRole('button', { name: WORDS.searchButton }).click();
    try {
      await page.waitForSelector('#search-results li', { timeout: 15000 });
    } catch {
      return [...problems, ...errors, `no results for "${query}"; status: ${await page.locator('#search-status').textContent()}`];
    }
    const first = (await page.locator('#search-results li h2').first().textContent() || '').trim();
    if (first !== expected) problems.push(`first result was "${first}", expected "${expected}"`);
    const status = (await page.locator('#search-status').textContent() || '').trim();
    if (!WORDS.results.test(status)) problems.push(`the live status says "${status}", expected ${WORDS.results}`);
    if (!new URL(page.url()).searchParams.get('q')) problems.push('the query is not kept in the address (?q=)');
    return [...problems, ...errors];
  }));
  // SEARCH_FINDING_QUERY is words of a finding; its first result must link to the finding's
  // anchor on its report page (SEARCH_FINDING_LINK ends that link), and the anchor must exist.
  // Typed and submitted from the keyboard alone.
  if (searchable) await test('search: words of a finding find it, linked to its place on the report page', () => withPage({}, async (page) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
    await open(page, searchUrl);
    const query = process.env.SEARCH_FINDING_QUERY;
    const expected = process.env.SEARCH_FINDING_LINK;
    if (!query || !expected) return ['SEARCH_FINDING_QUERY and SEARCH_FINDING_LINK must be set'];
    await page.getByLabel(WORDS.searchLabel).focus();
    await page.keyboard.type(query);
    await page.keyboard.press('Enter');
    try {
      await page.waitForSelector('#search-results li', { timeout: 15000 });
    } catch {
      return [...errors, `no results for "${query}"; status: ${await page.locator('#search-status').textContent()}`];
    }
    const problems = [];
    const first = page.locator('#search-results li').first();
    const href = await first.locator('h2 a').getAttribute('href') || '';
    if (!href.endsWith(expected)) problems.push(`first result links to "${href}", expected a link ending "${expected}"`);
    const kind = (await first.locator('.document-list__meta').textContent() || '').trim();
    if (!kind) problems.push('the first result does not say what kind of thing it is');
    if (await first.locator('mark').count() === 0) problems.push('no query word is marked in the excerpt');
    if (problems.length === 0) {
      await first.locator('h2 a').click();
      await page.waitForLoadState('domcontentloaded');
      const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
      if (!id || await page.locator(`[id="${id}"]`).count() === 0) problems.push(`no element with id "${id}" on ${page.url()}`);
    }
    return [...problems, ...errors];
  }));
  // The same search by the results it gives, typed into the form and waited for.
  const searchFor = async (page, query) => {
    await open(page, `${searchUrl}?q=${encodeURIComponent(query)}`);
    await page.waitForFunction((words) => {
      const text = document.getElementById('search-status')?.textContent || '';
      const [results, none, searching] = words.map((w) => new RegExp(w));
      return (results.test(text) || none.test(text)) && !searching.test(text);
    }, [WORDS.results.source, WORDS.noResults.source, WORDS.searching.source], { timeout: 20000 }).catch(() => {});
    return {
      status: ((await page.locator('#search-status').textContent()) || '').trim(),
      links: await page.locator('#search-results li h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    };
  };
  // SEARCH_STEM_QUERY is the finding's words in other forms ("procured deploying ..."): an
  // English site matches words by stem, so it must find the same finding first.
  if (searchable) await test('search: other forms of the words find the same finding (stemming)', () => withPage({}, async (page) => {
    const query = process.env.SEARCH_STEM_QUERY;
    const expected = process.env.SEARCH_FINDING_LINK;
    if (!query || !expected) return ['SEARCH_STEM_QUERY and SEARCH_FINDING_LINK must be set'];
    const { status, links } = await searchFor(page, query);
    if (!links[0] || !links[0].endsWith(expected)) return [`"${query}" gave first ${links[0]} (${status}), expected a link ending ${expected}`];
    return [];
  }));
  // A phrase in double quotes: the report's phrase still finds it first; the same words in the
  // reverse order, quoted, are nowhere together, so nothing is found, though unquoted they are.
  if (searchable) await test('search: a quoted phrase must appear as written', () => withPage({}, async (page) => {
    const phrase = process.env.SEARCH_QUERY;
    const expected = process.env.SEARCH_EXPECT;
    const problems = [];
    const quoted = await searchFor(page, `"${phrase}"`);
    const first = quoted.links[0] ? (await page.locator('#search-results li h2').first().textContent() || '').trim() : '';
    if (first !== expected) problems.push(`"${phrase}" in quotes gave first "${first}" (${quoted.status}), expected "${expected}"`);
    const reversed = phrase.split(/\s+/).reverse().join(' ');
    const loose = await searchFor(page, reversed);
    if (loose.links.length === 0) problems.push(`${reversed} unquoted found nothing (${loose.status})`);
    const strict = await searchFor(page, `"${reversed}"`);
    if (strict.links.length !== 0 || !WORDS.noResults.test(strict.status)) problems.push(`"${reversed}" in quotes found ${strict.links.length} (${strict.status})`);
    return problems;
  }));
  // The status line is in the page's language (the search page's data-words): a count of
  // results in its words, with its query, and on a page not in English no English status.
  if (searchable) await test('search: the status line speaks the page\'s language', () => withPage({}, async (page) => {
    const query = process.env.SEARCH_QUERY;
    const { status, links } = await searchFor(page, query);
    const lang = await page.evaluate(() => document.documentElement.lang);
    const problems = [];
    if (!WORDS.results.test(status)) problems.push(`status "${status}" does not match ${WORDS.results}`);
    if (!status.includes(links.length > 0 ? String(links.length) : '')) problems.push(`status "${status}" does not give the count ${links.length}`);
    if (!status.includes(`“${query}”`)) problems.push(`status "${status}" does not quote the query`);
    if (!lang.startsWith('en') && /\b(results?|Searching|No results)\b/.test(status)) problems.push(`status "${status}" is English on a page in ${lang}`);
    return problems;
  }));
  await test('search: without JavaScript the page explains and links to the indexes', () => withPage({ javaScriptEnabled: false }, async (page) => {
    await open(page, searchUrl);
    const text = await page.locator('main').innerText();
    const problems = [];
    if (!WORDS.noScript.test(text)) problems.push('no explanation that search needs JavaScript');
    for (const link of ['years/', 'themes/']) {
      if (await page.locator(`main a[href$="${link}"]`).count() === 0) problems.push(`no link to ${link}`);
    }
    return problems;
  }));
} finally {
  await browser.close();
}

console.log(`# ${base.href}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
for (const f of failures) console.log(`#   failed: ${f}`);
process.exit(failed ? 1 : 0);
