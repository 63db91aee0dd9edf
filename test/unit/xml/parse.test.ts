import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXmlDocument, getAttribute, decodeXml } from '../../../server/src/engine/xml/parse';
import { mapSpan } from '../../../server/src/engine/mapped';
import type { XmlElement } from '../../../server/src/engine/xml/types';

const at = (t: string, s: string, from = 0) => t.indexOf(s, from);

test('attribute values decode every entity form, each character mapped to its reference', () => {
  const t = `<a x='1&amp;2&lt;&gt;&quot;&apos;&#44;&#x2C;z'/>`;
  const d = parseXmlDocument(t);
  assert.deepEqual(d.errors, []);
  const x = getAttribute(d.root!, 'x')!;
  assert.equal(x.value!.text, `1&2<>"',,z`);
  const vs = at(t, '1&amp;');
  assert.deepEqual(x.valueSpan, { start: vs, end: at(t, `'/>`) });
  assert.deepEqual(x.nameSpan, { start: 3, end: 4 });
  assert.deepEqual(x.span, { start: 3, end: at(t, `'/>`) + 1 });
  const refs = ['1', '&amp;', '2', '&lt;', '&gt;', '&quot;', '&apos;', '&#44;', '&#x2C;', 'z'];
  let pos = vs;
  refs.forEach((r, i) => {
    assert.deepEqual(mapSpan(x.value!, i, i + 1), { start: pos, end: pos + r.length }, `char ${i} (${r})`);
    pos += r.length;
  });
});

test('text content decodes references, keeps CDATA literal, and maps through both', () => {
  const t = `<a>1&amp;2<![CDATA[<&>]]>&#x2C;z</a>`;
  const d = parseXmlDocument(t);
  assert.deepEqual(d.errors, []);
  const txt = d.root!.text;
  assert.equal(txt.text, '1&2<&>,z');
  assert.deepEqual(mapSpan(txt, 1, 2), { start: 4, end: 9 }); // &amp;
  assert.deepEqual(mapSpan(txt, 3, 4), { start: at(t, '<&>'), end: at(t, '<&>') + 1 });
  assert.deepEqual(mapSpan(txt, 6, 7), { start: at(t, '&#x2C;'), end: at(t, '&#x2C;') + 6 });
  assert.deepEqual(mapSpan(txt, 0, 8), { start: 3, end: at(t, '</a>') });
});

test('attribute-value normalisation turns line ends and tabs into spaces; text keeps \\n', () => {
  const a = decodeXml('a\r\nb\tc', 10, true);
  assert.equal(a.text, 'a b c');
  assert.deepEqual(mapSpan(a, 1, 2), { start: 11, end: 13 });
  assert.equal(decodeXml('a\r\nb\rc', 0, false).text, 'a\nb\nc');
});

test('malformed references are kept literally and reported', () => {
  const errors: { message: string; span: { start: number; end: number } }[] = [];
  const m = decodeXml('a&foo;b&c&#0;', 100, false, errors);
  assert.equal(m.text, 'a&foo;b&c&#0;');
  assert.deepEqual(errors, [
    { message: "unknown entity '&foo;'", span: { start: 101, end: 106 } },
    { message: "'&' must start an entity or character reference (write '&amp;')", span: { start: 107, end: 108 } },
    { message: "invalid character reference '&#0;'", span: { start: 109, end: 113 } },
  ]);
});

test('element spans: name, start tag, whole element, end tag, children in order', () => {
  const t = `<domain type='kvm'>\n  <name>x</name>\n  <os><type arch='x86_64'>hvm</type></os>\n</domain>`;
  const d = parseXmlDocument(t);
  assert.deepEqual(d.errors, []);
  const r = d.root!;
  assert.equal(r.name, 'domain');
  assert.deepEqual(r.nameSpan, { start: 1, end: 7 });
  assert.deepEqual(r.startTagSpan, { start: 0, end: 19 });
  assert.deepEqual(r.span, { start: 0, end: t.length });
  assert.deepEqual(r.endTagSpan, { start: at(t, '</domain>'), end: t.length });
  assert.deepEqual(r.children.map((c) => c.name), ['name', 'os']);
  const type = r.children[1].children[0];
  assert.equal(type.text.text, 'hvm');
  assert.deepEqual(type.span, { start: at(t, '<type'), end: at(t, '</os>') });
  assert.equal(r.children[1].children[0].selfClosing, false);
});

test('namespaces: any prefix bound to a URI resolves; unbound prefixes are reported', () => {
  const t = `<domain xmlns:zz='urn:x'><zz:a/><qq:b/></domain>`;
  const d = parseXmlDocument(t);
  assert.equal(d.root!.children[0].namespace, 'urn:x');
  assert.equal(d.root!.children[0].prefix, 'zz');
  assert.equal(d.root!.children[0].local, 'a');
  assert.equal(d.root!.children[1].namespace, undefined);
  assert.deepEqual(d.errors, [{ message: "namespace prefix 'qq' is not declared", span: { start: at(t, 'qq:b'), end: at(t, 'qq:b') + 2 } }]);
});

function find(el: XmlElement, name: string): XmlElement | undefined {
  if (el.name === name) return el;
  for (const c of el.children) {
    const f = find(c, name);
    if (f) return f;
  }
  return undefined;
}

test('half-typed XML: unclosed elements keep their content and are reported', () => {
  const t = `<domain><devices><memory model='nvdimm'><target><size unit='KiB'>52`;
  const d = parseXmlDocument(t);
  const size = find(d.root!, 'size')!;
  assert.equal(size.text.text, '52');
  assert.equal(getAttribute(size, 'unit')!.value!.text, 'KiB');
  assert.deepEqual(size.span, { start: at(t, '<size'), end: t.length });
  assert.deepEqual(
    d.errors.map((e) => e.message),
    [
      'element <domain> is not closed (expected </domain>)',
      'element <devices> is not closed (expected </devices>)',
      'element <memory> is not closed (expected </memory>)',
      'element <target> is not closed (expected </target>)',
      'element <size> is not closed (expected </size>)',
      'XML syntax error: expected an end tag but found the end of the document',
    ],
  );
  assert.deepEqual(d.errors[4].span, { start: at(t, 'size'), end: at(t, 'size') + 4 });
});

test('half-typed XML: an unterminated attribute value is recovered up to the line end', () => {
  const t = `<domain><devices><memory model='nv\n<target/>`;
  const d = parseXmlDocument(t);
  const mem = find(d.root!, 'memory')!;
  assert.deepEqual(mem.attributes.map((a) => a.name), ['model']);
  const model = mem.attributes[0];
  assert.equal(model.value!.text, 'nv');
  assert.deepEqual(model.valueSpan, { start: at(t, 'nv'), end: at(t, 'nv') + 2 });
  assert.ok(find(d.root!, 'target'), 'the next element is still found');
  assert.deepEqual(
    d.errors.find((e) => e.message.startsWith('value of')),
    { message: "value of attribute 'model' is not closed (missing ')", span: { start: at(t, "'nv"), end: at(t, 'nv') + 2 } },
  );
});

test('half-typed XML: attribute without value, duplicate attribute, unclosed start tag, wrong end tag', () => {
  let d = parseXmlDocument(`<a b='1' b='2' c=></a>`);
  assert.deepEqual(d.errors, [
    { message: "duplicate attribute 'b'", span: { start: 9, end: 10 } },
    { message: "attribute 'c' needs a quoted value", span: { start: 15, end: 17 } },
  ]);
  assert.equal(getAttribute(d.root!, 'c')!.value, undefined);
  d = parseXmlDocument(`<domain`);
  assert.equal(d.root!.name, 'domain');
  assert.deepEqual(d.errors, [{ message: "start tag <domain> is not closed (expected '>' or '/>')", span: { start: 0, end: 7 } }]);
  d = parseXmlDocument(`<a><b></a>`);
  assert.deepEqual(d.errors.map((e) => [e.message, e.span.start, e.span.end]), [
    ['element <a> is not closed (expected </a>)', 1, 2],
    ['end tag </a> does not match start tag <b>', 8, 9],
  ]);
});

test('empty and garbage input never throw', () => {
  for (const t of ['', '<', '</', '<<<', '&', "<a x='", '<a><![CDATA[', '<!-- x', '<?xml', '\u0000']) {
    const d = parseXmlDocument(t);
    assert.ok(Array.isArray(d.errors));
  }
  assert.equal(parseXmlDocument('').root, undefined);
});
