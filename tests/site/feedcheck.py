"""Atom feed checks (from shared ORACLES.md d): feedparser bozo, atom10, RFC 4287 required
elements and RFC 3339 dates. Usage: python feedcheck.py FEED.xml...; exits 1 on any problem."""
import re, sys, feedparser
from xml.etree import ElementTree as ET
A = '{http://www.w3.org/2005/Atom}'
RFC3339 = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$')
bad = 0
for path in sys.argv[1:]:
    errs, d = [], feedparser.parse(path)
    if d.bozo: errs.append(f'bozo: {d.bozo_exception!r}')
    if d.get('version') != 'atom10': errs.append(f'version={d.get("version")!r}')
    try:
        root = ET.parse(path).getroot()
        for el in [root] + root.findall(A + 'entry'):
            where = 'feed' if el is root else 'entry ' + (el.findtext(A + 'id') or '?')
            errs += [f'{where}: missing {r}' for r in ('id', 'title', 'updated') if el.find(A + r) is None]
            errs += [f'{where}: {t.tag} {t.text!r} not RFC 3339' for tag in ('updated', 'published')
                     for t in el.findall(A + tag) if not RFC3339.match((t.text or '').strip())]
        if root.find(A + 'author') is None and any(e.find(A + 'author') is None for e in root.findall(A + 'entry')):
            errs.append('no atom:author on feed or some entry')
    except ET.ParseError as e: errs.append(f'not well-formed: {e}')
    for e in errs: print(f'{path}: {e}')
    bad += bool(errs)
sys.exit(1 if bad else 0)
