/**
 * The direct XML reader (parseXmlFast) against the @xml-tools/parser path
 * (parseXmlDocumentCst): on every document the direct reader accepts, the
 * tree and the errors must be the same (names, spans, namespaces, decoded
 * values with every character's source span, error messages and order).
 * Inputs: hand-written edge cases, the libvirt corpus, the argv fixtures,
 * and seeded random mutations of them (most mutations make the reader give
 * up; the rest must still agree).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseXmlDocumentCst, parseXmlFast, parseXmlDocument } from '../../../server/src/engine/xml/parse';
import { isUnknown, mapSpan, type MappedString } from '../../../server/src/engine/mapped';
import type { XmlDocument, XmlElement } from '../../../server/src/engine/xml/types';
import { CORPUS } from '../../libvirt/corpus';
import { CASES } from './fixtures';
import { repoRoot } from '../../lsp/client';

/** A MappedString as plain data: text, each character's span, where an empty value sits. */
function mapped(m: MappedString | undefined): unknown {
  if (!m) return m;
  const n = m.text.length;
  const spans: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const s = mapSpan(m, i, i + 1);
    spans.push([s.start, s.end]);
  }
  return { text: m.text, spans, whole: mapSpan(m, 0, n), empty: mapSpan(m, 0, 0), unknown: isUnknown(m, 0, n) };
}

function element(e: XmlElement): unknown {
  return {
    ...e,
    attributes: e.attributes.map((a) => ({ ...a, value: mapped(a.value) })),
    children: e.children.map(element),
    text: mapped(e.text),
  };
}

function plain(d: XmlDocument): unknown {
  return { root: d.root && element(d.root), errors: d.errors };
}

const EDGE: readonly string[] = [
  `<a/>`,
  `<a></a>`,
  `<a x='1' y="2"/>`,
  `<a x='1'y="2"/>`,
  `< a >t</ a >`,
  `<a\n\tx\r\n=\n'v'\r>t</a\n>`,
  `<?xml version="1.0" encoding="UTF-8"?>\n<domain/>\n`,
  `<?xml version='1.0'?><domain/>`,
  `<?xml version="1.0"?>\r\n<!-- c -->\r\n<domain>\r\n  <name>x</name>\r\n</domain>\r\n<!-- after -->\n`,
  ` <?xml version="1.0"?><a/>`,
  `<?xml-stylesheet href="x"?><a/>`,
  `<a><?pi x?></a>`,
  `<!DOCTYPE domain><domain/>`,
  `<a>1&amp;2&lt;&gt;&quot;&apos;&#44;&#x2C;z</a>`,
  `<a x='1&amp;2&lt;&gt;&quot;&apos;&#44;&#x2C;z'/>`,
  `<a>&#x41;&#65;&#0;&#x0;&foo;&bar.baz-1:q;</a>`,
  `<a x='&foo; & &#0; &#xZ; &#12a; &;'/>`,
  `<a>& </a>`,
  `<a>&#x;</a>`,
  `<a>&#12a;</a>`,
  `<a>&amp</a>`,
  `<a>x<![CDATA[<&>\r\n]]>y</a>`,
  `<a>x<!-- <b/> -->y<!---->z</a>`,
  `<a>x<!-- \r -->y</a>`,
  `<a>x<!-- \u2028 -->y</a>`,
  `<a>line\r\nbreak\rcr</a>`,
  `<a x='a\r\nb\tc\nd\re'/>`,
  `<a x='a<b'/>`,
  `<a x='a>b'/>`,
  `<a><b></a></b>`,
  `<a><b></c></a>`,
  `<a b='1' b='2'/>`,
  `<q:a xmlns:q='urn:q'><q:b/><b xmlns='urn:d'><c/></b><qq:d/></q:a>`,
  `<a xml:lang='en'><xml:b/></a>`,
  `<a xmlns:q='urn:&amp;'><q:b/></a>`,
  `<domain>\n  <name>é</name>\n  <é/>\n</domain>`,
  `<a é='1'/>`,
  `<aé/>`,
  `<a·b/>`,
  `<a>text</a>trailing`,
  `<a/><b/>`,
  `<a/>\r`,
  `<a>`,
  `<a></a`,
  `<a x='1></a>`,
  `<a x=1></a>`,
  `<a x></a>`,
  `<a / >`,
  `<a/ >`,
  `<1a/>`,
  `<-a/>`,
  `<a:b:c/>`,
  `<_a.b-c:d/>`,
  `\uFEFF<a/>`,
  ``,
  `   `,
  `<!-- only a comment -->`,
  `<a>]]></a>`,
  `<a>></a>`,
  `<a>\u0000\uD800</a>`,
  `<a x="'" y='"'/>`,
  '<a>' + '<b>'.repeat(300) + '</b>'.repeat(300) + '</a>',
  '<a>' + '<b>'.repeat(100) + '</b>'.repeat(100) + '</a>',
];

function seeds(): string[] {
  return [...EDGE, ...CORPUS.map((c) => c.xml), ...CASES.map((c) => (c as { xml: string }).xml)].filter((x) => typeof x === 'string');
}

/** The benchmark's seeded PRNG (bench/workloads.mjs), one copy for both. */
async function prng(seed: number): Promise<() => number> {
  const workloads = (await import(pathToFileURL(join(repoRoot(), 'bench', 'workloads.mjs')).href)) as { prng: (seed: number) => () => number };
  return workloads.prng(seed);
}

const PIECES = ['<', '>', '/', '&', ';', '"', "'", '=', '!', '?', '-', '[', ']', ' ', '\r', '\n', '\t', '&amp;', '&#x4', '<!--', '-->', '<![CDATA[', ']]>', '</a>', '<a>', 'x', ':', 'é', 'xmlns:q="u"', 'q:'];

function mutate(s: string, rnd: () => number): string {
  const edits = 1 + Math.floor(rnd() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const r = rnd();
    if (r < 0.4) s = s.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)] + s.slice(at);
    else if (r < 0.8) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 3));
    else s = s.slice(0, at);
  }
  return s;
}

function check(text: string): boolean {
  const fast = parseXmlFast(text);
  const slow = parseXmlDocumentCst(text);
  if (fast) assert.deepStrictEqual(plain(fast), plain(slow), `input: ${JSON.stringify(text.slice(0, 300))}`);
  assert.deepStrictEqual(plain(parseXmlDocument(text)), plain(slow));
  return fast !== undefined;
}

test('direct reader: same tree and errors as the CST path on hand-written edge cases', () => {
  let accepted = 0;
  for (const t of EDGE) if (check(t)) accepted++;
  assert.ok(accepted > 30, `accepted ${accepted}`);
});

test('direct reader: accepts the corpus and agrees with the CST path on it', () => {
  for (const t of seeds()) {
    const accepted = check(t);
    if (t.startsWith('<domain') && parseXmlDocumentCst(t).errors.length === 0) assert.ok(accepted, t.slice(0, 200));
  }
});

test('direct reader: agrees with the CST path on random mutations', async () => {
  const rnd = await prng(20261122);
  const all = seeds();
  let accepted = 0;
  let total = 0;
  for (let round = 0; round < 1500; round++) {
    const base = all[Math.floor(rnd() * all.length)];
    if (check(mutate(base, rnd))) accepted++;
    total++;
  }
  assert.ok(accepted > total / 10, `accepted ${accepted} of ${total}`);
});
