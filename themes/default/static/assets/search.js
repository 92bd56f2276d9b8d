// Search for scrutiny: runs the Pagefind index built by `scrutiny build` in the browser.
// Progressive enhancement: the form works as a normal GET form (?q=...), and this script
// shows the results for ?q= on load and on every submit. No inline script, so the site can
// run under a strict Content-Security-Policy (Pagefind itself needs 'wasm-unsafe-eval').
const form = document.querySelector('form[data-bundle]');
const input = document.getElementById('search-query');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const MAX_RESULTS = 30;

let pagefind;
async function engine() {
  if (!pagefind) {
    pagefind = await import(form.dataset.bundle + 'pagefind.js');
    await pagefind.init();
  }
  return pagefind;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function showResult(data) {
  const item = element('li', 'document-list__item search-result');
  const heading = element('h2', 'document-list__title');
  const link = element('a', null, data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  const details = [data.meta.kind, data.meta.date].filter(Boolean).join(' · ');
  item.append(heading, element('p', 'document-list__meta', details));
  if (data.meta.status) {
    const status = element('p', 'document-list__status');
    status.append(element('strong', `tag tag--${data.meta.status_code || 'neutral'}`, data.meta.status));
    item.append(status);
  }
  // Pagefind's excerpt is plain text with <mark> around matches; rebuild it without innerHTML.
  const excerpt = element('p', 'search-result__excerpt');
  for (const [index, part] of data.excerpt.split(/<\/?mark>/).entries()) {
    excerpt.append(index % 2 ? element('mark', null, part) : document.createTextNode(part.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')));
  }
  item.append(excerpt);
  return item;
}

async function run(query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = '';
    return;
  }
  status.textContent = 'Searching…';
  try {
    const search = await (await engine()).search(query);
    const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    const count = search.results.length;
    status.textContent = count === 0
      ? `No results for “${query}”.`
      : `${count} ${count === 1 ? 'result' : 'results'} for “${query}”${count > MAX_RESULTS ? `, showing the first ${MAX_RESULTS}` : ''}.`;
    list.append(...results.map(showResult));
  } catch (error) {
    status.textContent = 'Search is not available right now. You can browse by year or by theme instead.';
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
