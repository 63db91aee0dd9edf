import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ID_ERROR_HINT,
  ID_ERROR_MESSAGE,
  idWellformed,
  bareFlagWarning,
  detectSyntax,
  isHelpFlag,
  parseJsonOpts,
  parseKeyval,
  parseQemuOpts,
  qemuOptsId,
} from '../../../server/src/engine/qemu/optstring';
import type { OptEntry, ParsedOpts } from '../../../server/src/engine/qemu/types';

/** Compact form: [key, value, keyFrom, keyTo, valueFrom, valueTo, flags]. */
type Row = [string, string, number, number, number, number, string?];

function rows(p: ParsedOpts): Row[] {
  return p.entries.map((e) => {
    const flags = [e.implied ? 'implied' : '', e.bare ? `bare:${e.bare}` : '', e.jsonType ? `json:${e.jsonType}` : '']
      .filter(Boolean)
      .join(' ');
    const r: Row = [e.key, e.value, e.keyFrom, e.keyTo, e.valueFrom, e.valueTo];
    if (flags) r.push(flags);
    return r;
  });
}

/** Every entry's ranges select what they claim in the input. */
function checkRanges(s: string, p: ParsedOpts): void {
  for (const e of p.entries) {
    assert.ok(0 <= e.keyFrom && e.keyFrom <= e.keyTo && e.keyTo <= s.length, `key range of ${e.key}`);
    assert.ok(0 <= e.valueFrom && e.valueFrom <= e.valueTo && e.valueTo <= s.length, `value range of ${e.key}`);
    if (!e.implied && !e.bare && p.syntax !== 'json') assert.equal(s.slice(e.keyFrom, e.keyTo), e.key);
    if (!e.bare && p.syntax !== 'json') assert.equal(s.slice(e.valueFrom, e.valueTo).replace(/,,/g, ','), e.value);
  }
  for (const x of p.errors) assert.ok(0 <= x.from && x.from <= x.to && x.to <= s.length, x.message);
}

function qo(s: string, implied: string | null = 'qom-type'): ParsedOpts {
  const p = parseQemuOpts(s, implied);
  checkRanges(s, p);
  return p;
}

function kv(s: string, implied: string | null = 'type'): ParsedOpts {
  const p = parseKeyval(s, implied);
  checkRanges(s, p);
  return p;
}

function js(s: string): ParsedOpts {
  const p = parseJsonOpts(s);
  checkRanges(s, p);
  return p;
}

// ---------------------------------------------------------------------------
// QemuOpts

test('QemuOpts: implied first key and key=value entries with exact offsets', () => {
  const s = 'memory-backend-file,id=mem1,mem-path=/tmp/a.img,size=256M,share=on';
  const p = qo(s);
  assert.equal(p.syntax, 'qemuopts');
  assert.deepEqual(p.errors, []);
  assert.deepEqual(rows(p), [
    ['qom-type', 'memory-backend-file', 0, 0, 0, 19, 'implied'],
    ['id', 'mem1', 20, 22, 23, 27],
    ['mem-path', '/tmp/a.img', 28, 36, 37, 47],
    ['size', '256M', 48, 52, 53, 57],
    ['share', 'on', 58, 63, 64, 66],
  ]);
});

test('QemuOpts: the implied key may be spelled out, anywhere (verified)', () => {
  assert.deepEqual(rows(qo('qom-type=memory-backend-ram,id=m1,size=1M')), [
    ['qom-type', 'memory-backend-ram', 0, 8, 9, 27],
    ['id', 'm1', 28, 30, 31, 33],
    ['size', '1M', 34, 38, 39, 41],
  ]);
  // First element has '=': no implied key at all; later bare words are flags.
  assert.deepEqual(rows(qo('id=m1,qom-type=memory-backend-ram')), [
    ['id', 'm1', 0, 2, 3, 5],
    ['qom-type', 'memory-backend-ram', 6, 14, 15, 33],
  ]);
  // "memory-backend-ram=x,id=m1" → QEMU: "Parameter 'qom-type' is missing" (verified).
  assert.deepEqual(rows(qo('memory-backend-ram=x,id=m1')), [
    ['memory-backend-ram', 'x', 0, 18, 19, 20],
    ['id', 'm1', 21, 23, 24, 26],
  ]);
});

test('QemuOpts: short-form booleans (verified: share → on, noshare → off, warnings)', () => {
  const s = 'nvdimm,memdev=m,unarmed,noshare';
  const p = qo(s, 'driver');
  assert.deepEqual(rows(p), [
    ['driver', 'nvdimm', 0, 0, 0, 6, 'implied'],
    ['memdev', 'm', 7, 13, 14, 15],
    ['unarmed', 'on', 16, 23, 23, 23, 'bare:on'],
    ['share', 'off', 24, 31, 31, 31, 'bare:off'],
  ]);
  assert.equal(bareFlagWarning(p.entries[2]), "short-form boolean option 'unarmed' deprecated\nPlease use unarmed=on instead");
  assert.equal(bareFlagWarning(p.entries[3]), "short-form boolean option 'noshare' deprecated\nPlease use share=off instead");
  // "noid" is the flag id=off (verified: accepted, object id "off").
  assert.deepEqual(rows(qo('memory-backend-ram,size=1M,noid')).at(-1), ['id', 'off', 27, 31, 31, 31, 'bare:off']);
  // Any "no" prefix is stripped: "no" alone is the empty key.
  assert.deepEqual(rows(qo('x,no')).at(-1), ['', 'off', 2, 4, 4, 4, 'bare:off']);
  assert.equal(
    bareFlagWarning({ key: 'delay', value: 'off', bare: 'off', keyFrom: 0, keyTo: 7, valueFrom: 7, valueTo: 7, implied: false }),
    "short-form boolean option 'nodelay' deprecated\nPlease use nodelay=on instead",
  );
});

test('QemuOpts: help flags', () => {
  const p = qo('nvdimm,help', 'driver');
  assert.deepEqual(rows(p)[1], ['help', 'on', 7, 11, 11, 11, 'bare:on']);
  assert.equal(isHelpFlag(p.entries[1]), true);
  assert.equal(isHelpFlag(p.entries[0]), false);
  assert.equal(isHelpFlag(qo('x,?').entries[1]), true);
});

test('QemuOpts: ",," is a literal comma in values (verified mem-path=/tmp/qr/a,,b/x.img)', () => {
  const s = 'memory-backend-file,id=m,mem-path=/tmp/qr/a,,b/x.img,size=1M';
  assert.deepEqual(rows(qo(s))[2], ['mem-path', '/tmp/qr/a,b/x.img', 25, 33, 34, 52]);
  // An unescaped comma splits the value; the rest is a flag (verified:
  // warning for 'b/x.img', then "Invalid parameter 'b/x.img'").
  assert.deepEqual(rows(qo('memory-backend-file,mem-path=/tmp/qr/a,b/x.img')).slice(1), [
    ['mem-path', '/tmp/qr/a', 20, 28, 29, 38],
    ['b/x.img', 'on', 39, 46, 46, 46, 'bare:on'],
  ]);
});

test('QemuOpts: comma edge cases (all verified against 7.2)', () => {
  // Trailing comma: ignored (rc=0).
  assert.deepEqual(rows(qo('memory-backend-ram,id=m1,size=1M,')).at(-1), ['size', '1M', 25, 29, 30, 32]);
  // Trailing ",,": part of the value → "Parameter 'size' expects a size value".
  assert.deepEqual(rows(qo('memory-backend-ram,id=m1,size=1M,,')).at(-1), ['size', '1M,', 25, 29, 30, 34]);
  // ",,," then a key: value "1M," and the next element.
  assert.deepEqual(rows(qo('x,size=1M,,,share=on')).slice(1), [
    ['size', '1M,', 2, 6, 7, 11],
    ['share', 'on', 12, 17, 18, 20],
  ]);
  // ",,,,": "1M,,".
  assert.deepEqual(rows(qo('x,size=1M,,,,')).at(-1), ['size', '1M,,', 2, 6, 7, 13]);
  // ",," in the implied value: qom-type "memory-backend-ram,id=m1"
  // (verified: "Parameter 'qom-type' does not accept value 'memory-backend-ram,id=m1'").
  assert.deepEqual(rows(qo('memory-backend-ram,,id=m1,size=1M')), [
    ['qom-type', 'memory-backend-ram,id=m1', 0, 0, 0, 25, 'implied'],
    ['size', '1M', 26, 30, 31, 33],
  ]);
  // Keys cannot hold ",,": a flag, an empty flag, then b=c (verified).
  assert.deepEqual(rows(qo('x,a,,b=c')).slice(1), [
    ['a', 'on', 2, 3, 3, 3, 'bare:on'],
    ['', 'on', 4, 4, 4, 4, 'bare:on'],
    ['b', 'c', 5, 6, 7, 8],
  ]);
  // Leading comma: the implied value is empty (verified: qom-type '').
  assert.deepEqual(rows(qo(',id=m1')), [
    ['qom-type', '', 0, 0, 0, 0, 'implied'],
    ['id', 'm1', 1, 3, 4, 6],
  ]);
  // Empty key with a value (verified: "Invalid parameter ''").
  assert.deepEqual(rows(qo('x,=on')).at(-1), ['', 'on', 2, 2, 3, 5]);
  // Empty value.
  assert.deepEqual(rows(qo('x,share=')).at(-1), ['share', '', 2, 7, 8, 8]);
  // id with ",," (verified: "Parameter 'id' expects an identifier").
  assert.deepEqual(rows(qo('x,id=m1,,size=1M')).at(-1), ['id', 'm1,size=1M', 2, 4, 5, 16]);
  // Empty string: nothing at all (verified: `-m ''` is accepted, default RAM).
  assert.deepEqual(qo('', 'size').entries, []);
  // '=' inside a value is kept.
  assert.deepEqual(rows(qo('x,append=a=b')).at(-1), ['append', 'a=b', 2, 8, 9, 12]);
});

test('QemuOpts: no implied key', () => {
  assert.deepEqual(rows(qo('nvdimm,id=x', null)), [
    ['nvdimm', 'on', 0, 6, 6, 6, 'bare:on'],
    ['id', 'x', 7, 9, 10, 11],
  ]);
});

test('QemuOpts: duplicates are all recorded; qemuOptsId takes the first id (verified)', () => {
  const s = 'memory-backend-ram,id=m1,id=m2,size=1M,share=on,share=off';
  const p = qo(s);
  assert.deepEqual(
    p.entries.map((e) => `${e.key}=${e.value}`),
    ['qom-type=memory-backend-ram', 'id=m1', 'id=m2', 'size=1M', 'share=on', 'share=off'],
  );
  const id = qemuOptsId(s);
  assert.ok(id);
  assert.deepEqual([id.value, id.valueFrom, id.valueTo], ['m1', 22, 24]);
  assert.equal(qemuOptsId('memory-backend-ram,size=1M'), null);
  assert.equal(qemuOptsId('memory-backend-ram,noid')?.value, 'off');
  // opts_parse_id reads without the implied key: the id of
  // "memory-backend-ram,,id=m1" is "m1" though qom-type swallowed "id=m1".
  assert.equal(qemuOptsId('memory-backend-ram,,id=m1')?.value, 'm1');
});

test('ids: id_wellformed (verified: "1m" rejected with message and hint, "m.1_-x" accepted)', () => {
  for (const ok of ['m', 'mem1', 'm.1_-x', 'A']) assert.equal(idWellformed(ok), true, ok);
  for (const bad of ['', '1m', '-m', '.m', '_m', 'm,1', 'm 1', 'mé']) assert.equal(idWellformed(bad), false, bad);
  assert.equal(ID_ERROR_MESSAGE, "Parameter 'id' expects an identifier");
  assert.equal(ID_ERROR_HINT, "Identifiers consist of letters, digits, '-', '.', '_', starting with a letter.");
});

test('QemuOpts: -m, -numa and -device forms', () => {
  assert.deepEqual(rows(qo('2G,slots=4,maxmem=8G', 'size')), [
    ['size', '2G', 0, 0, 0, 2, 'implied'],
    ['slots', '4', 3, 8, 9, 10],
    ['maxmem', '8G', 11, 17, 18, 20],
  ]);
  assert.deepEqual(rows(qo('size=2G', 'size')), [['size', '2G', 0, 4, 5, 7]]);
  assert.deepEqual(rows(qo('node,memdev=m0,nodeid=0', 'type')), [
    ['type', 'node', 0, 0, 0, 4, 'implied'],
    ['memdev', 'm0', 5, 11, 12, 14],
    ['nodeid', '0', 15, 21, 22, 23],
  ]);
  assert.deepEqual(rows(qo('virtio-pmem-pci,memdev=m,id=vp1', 'driver'))[0], ['driver', 'virtio-pmem-pci', 0, 0, 0, 15, 'implied']);
});

test('QemuOpts: never throws, ranges always valid (property)', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z=,\-]{0,20}$/), fc.boolean(), (s, implied) => {
      const p = parseQemuOpts(s, implied ? 'driver' : null);
      checkRanges(s, p);
      // Re-joining never loses text: every non-comma character is covered by a range.
      return p.errors.length === 0;
    }),
    { numRuns: 3000 },
  );
});

// ---------------------------------------------------------------------------
// keyval

test('keyval: implied type and entries with exact offsets', () => {
  const s = 'pc,nvdimm=on,nvdimm-persistence=cpu';
  const p = kv(s);
  assert.equal(p.syntax, 'keyval');
  assert.deepEqual(p.errors, []);
  assert.deepEqual(rows(p), [
    ['type', 'pc', 0, 0, 0, 2, 'implied'],
    ['nvdimm', 'on', 3, 9, 10, 12],
    ['nvdimm-persistence', 'cpu', 13, 31, 32, 35],
  ]);
  assert.deepEqual(rows(kv('type=q35,nvdimm=on')), [
    ['type', 'q35', 0, 4, 5, 8],
    ['nvdimm', 'on', 9, 15, 16, 18],
  ]);
  // -M nvdimm=on alone is fine (verified).
  assert.deepEqual(rows(kv('nvdimm=on')), [['nvdimm', 'on', 0, 6, 7, 9]]);
});

test("keyval: a bare flag is an error (verified: Expected '=' after parameter 'nvdimm')", () => {
  const p = kv('pc,nvdimm');
  assert.deepEqual(p.errors, [{ message: "Expected '=' after parameter 'nvdimm'", from: 3, to: 9 }]);
  assert.deepEqual(rows(p), [['type', 'pc', 0, 0, 0, 2, 'implied']]);
  assert.deepEqual(kv('nvdimm=on,pc').errors, [{ message: "Expected '=' after parameter 'pc'", from: 10, to: 12 }]);
  assert.deepEqual(kv('p,c').errors, [{ message: "Expected '=' after parameter 'c'", from: 2, to: 3 }]);
  // Without an implied key the first bare word fails too.
  assert.deepEqual(kv('pc', null).errors, [{ message: "Expected '=' after parameter 'pc'", from: 0, to: 2 }]);
});

test('keyval: commas (verified)', () => {
  // ",," in a value is a comma: nvdimm "on," → "expects 'on' or 'off'".
  assert.deepEqual(rows(kv('pc,nvdimm=on,,')).at(-1), ['nvdimm', 'on,', 3, 9, 10, 14]);
  assert.deepEqual(rows(kv('pc,nvdimm=o,,n')).at(-1), ['nvdimm', 'o,n', 3, 9, 10, 14]);
  assert.deepEqual(rows(kv('pc,nvdimm=on,,x=1')).at(-1), ['nvdimm', 'on,x=1', 3, 9, 10, 17]);
  // Trailing comma: fine.
  assert.deepEqual(kv('pc,nvdimm=on,').errors, []);
  // No ",," escape in the implied value: "pc" then an empty key.
  const p = kv('pc,,x');
  assert.deepEqual(rows(p), [['type', 'pc', 0, 0, 0, 2, 'implied']]);
  assert.deepEqual(p.errors, [{ message: "Invalid parameter ''", from: 3, to: 3 }]);
  assert.deepEqual(kv('pc,,').errors, [{ message: "Invalid parameter ''", from: 3, to: 3 }]);
  assert.deepEqual(kv(',nvdimm=on').errors, [{ message: "Invalid parameter ''", from: 0, to: 0 }]);
  assert.deepEqual(kv('pc,=1').errors, [{ message: "Invalid parameter ''", from: 3, to: 3 }]);
});

test('keyval: key syntax (verified)', () => {
  assert.deepEqual(kv('pc,1x=2').errors, [{ message: "Invalid parameter '1x'", from: 3, to: 5 }]);
  assert.deepEqual(kv('pc,x y=2').errors, [{ message: "Invalid parameter 'x y'", from: 3, to: 6 }]);
  assert.deepEqual(kv('pc,_x=1').errors, [{ message: "Invalid parameter '_x'", from: 3, to: 5 }]);
  assert.deepEqual(kv('pc,__com.redhat_x=1').errors, []);
  // Dotted keys are kept as written; index fragments after the first.
  assert.deepEqual(rows(kv('pc,a.b=1,x.0=2')).slice(1), [
    ['a.b', '1', 3, 6, 7, 8],
    ['x.0', '2', 9, 12, 13, 14],
  ]);
  assert.deepEqual(kv('pc,a..b=1').errors, [{ message: "Invalid parameter 'a..b'", from: 3, to: 7 }]);
  assert.deepEqual(kv('pc,0=1').errors, [{ message: "Invalid parameter '0'", from: 3, to: 4 }]);
  const long = 'a'.repeat(130);
  assert.deepEqual(kv(`pc,${long}=1`).errors, [{ message: `Parameter '${long}' is too long`, from: 3, to: 133 }]);
  assert.deepEqual(kv(`pc,x.${long}=1`).errors, [{ message: `Parameter fragment '${long}' is too long`, from: 5, to: 135 }]);
  assert.deepEqual(kv(`pc,${'a'.repeat(127)}=1`).errors, []);
});

test('keyval: scalar/prefix clashes (verified) and duplicates (last wins, recorded)', () => {
  assert.deepEqual(kv('pc,nvdimm=on,nvdimm.x=1').errors, [
    { message: "Parameters 'nvdimm.*' used inconsistently", from: 13, to: 21 },
  ]);
  assert.deepEqual(kv('pc,a.b=1,a=2').errors, [{ message: "Parameters 'a.*' used inconsistently", from: 9, to: 10 }]);
  assert.deepEqual(kv('pc,a.b.c=1,a.b=2').errors, [{ message: "Parameters 'a.b.*' used inconsistently", from: 11, to: 14 }]);
  assert.deepEqual(kv('pc,a.b=1,a.c=2').errors, []);
  const d = kv('pc,nvdimm=on,nvdimm=off');
  assert.deepEqual(d.errors, []);
  assert.deepEqual(d.entries.map((e) => e.value), ['pc', 'on', 'off']);
  assert.deepEqual(kv('pc,type=q35').errors, []);
});

test('keyval: help', () => {
  const p = kv('pc,help');
  assert.deepEqual(p.errors, []);
  assert.deepEqual(rows(p)[1], ['help', 'on', 3, 7, 7, 7, 'bare:on']);
  assert.deepEqual(rows(kv('help'))[0], ['help', 'on', 0, 4, 4, 4, 'bare:on']);
});

test('keyval: never throws (property)', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z0-9=,._ ]{0,20}$/), (s) => {
      checkRanges(s, parseKeyval(s, 'type'));
      return true;
    }),
    { numRuns: 3000 },
  );
});

// ---------------------------------------------------------------------------
// JSON

test('detectSyntax: only a leading "{" means JSON (verified: " {" is QemuOpts)', () => {
  assert.equal(detectSyntax('{"qom-type":"x"}'), 'json');
  assert.equal(detectSyntax('{'), 'json');
  assert.equal(detectSyntax(' {"qom-type":"x"}'), 'kv');
  assert.equal(detectSyntax('memory-backend-ram,id=m'), 'kv');
  assert.equal(detectSyntax(''), 'kv');
  assert.equal(detectSyntax('[1]'), 'kv');
});

test('JSON: entries with exact offsets and types', () => {
  const s = '{"qom-type":"memory-backend-file","id":"mem1","size":268435456,"share":true,"host-nodes":[0,1],"policy":null,"x":{"a":1.5}}';
  const p = js(s);
  assert.equal(p.syntax, 'json');
  assert.deepEqual(p.errors, []);
  assert.deepEqual(rows(p), [
    ['qom-type', 'memory-backend-file', 2, 10, 13, 32, 'json:string'],
    ['id', 'mem1', 35, 37, 40, 44, 'json:string'],
    ['size', '268435456', 47, 51, 53, 62, 'json:number'],
    ['share', 'true', 64, 69, 71, 75, 'json:boolean'],
    ['host-nodes', '[0,1]', 77, 87, 89, 94, 'json:array'],
    ['policy', 'null', 96, 102, 104, 108, 'json:null'],
    ['x', '{"a":1.5}', 110, 111, 113, 122, 'json:object'],
  ]);
  assert.equal(s.slice(2, 10), 'qom-type');
  assert.equal(s.slice(53, 62), '268435456');
  const v = p.entries.map((e) => e.jsonValue);
  assert.deepEqual(v, ['memory-backend-file', 'mem1', 268435456, true, [0, 1], null, { a: 1.5 }]);
});

test('JSON: whitespace, single quotes and escapes', () => {
  const s = "{ 'id' : 'a\\'b' ,\n\t\"p\": \"x\\u00e9\\/\\n\" }";
  const p = js(s);
  assert.deepEqual(p.errors, []);
  assert.deepEqual(rows(p), [
    ['id', "a'b", 3, 5, 10, 14, 'json:string'],
    ['p', 'xé/\n', 20, 21, 25, 36, 'json:string'],
  ]);
  // Surrogate pairs and \u0000 are fine (verified).
  assert.equal(js('{"a":"\\uD800\\uDC00"}').entries[0].value, '\u{10000}');
  assert.equal(js('{"a":"\\u0000"}').entries[0].value, '\u0000');
  // Big integers keep their text.
  assert.equal(js('{"size":18446744073709551615}').entries[0].value, '18446744073709551615');
  assert.equal(js('{"size":-1}').entries[0].value, '-1');
  assert.equal(js('{"size":1.5e+3}').entries[0].jsonValue, 1500);
  assert.deepEqual(js('{}'), { syntax: 'json', entries: [], errors: [] });
  // "__proto__" is an ordinary key.
  assert.deepEqual(js('{"a":{"__proto__":1}}').entries[0].jsonValue, JSON.parse('{"__proto__":1}'));
});

/** The single error of a JSON string. */
function jerr(s: string): [string, number, number] {
  const p = js(s);
  assert.equal(p.errors.length, 1, `${s}: ${JSON.stringify(p.errors)}`);
  const e = p.errors[0];
  return [e.message, e.from, e.to];
}

test('JSON: errors with QEMU 7.2 wording (every message verified with -object)', () => {
  const B = '{"qom-type":"x","id":"m1"';
  // The range of a duplicate key is its token, quotes included.
  assert.deepEqual(jerr(`${B},"id":"m2"}`), ['JSON parse error, duplicate key', 26, 30]);
  assert.deepEqual(jerr('{"a":{"b":1,"b":2}}'), ['JSON parse error, duplicate key', 12, 15]);
  assert.deepEqual(jerr(`${B},"size":}`), ['JSON parse error, expecting value', 33, 34]);
  assert.deepEqual(jerr(`${B},}`), ['JSON parse error, expecting value', 26, 27]);
  assert.deepEqual(jerr('{"a":[0,]}'), ['JSON parse error, expecting value', 8, 9]);
  assert.deepEqual(jerr(`${B}`), ['JSON parse error, premature EOI', 25, 25]);
  assert.deepEqual(jerr('{'), ['JSON parse error, premature EOI', 1, 1]);
  assert.deepEqual(jerr('{"a":1,'), ['JSON parse error, premature EOI', 7, 7]);
  assert.deepEqual(jerr('{"a":['), ['JSON parse error, premature EOI', 6, 6]);
  assert.deepEqual(jerr('{"a":{'), ['JSON parse error, premature EOI', 6, 6]);
  assert.deepEqual(jerr('{"size" 1}'), ['JSON parse error, missing : in object pair', 8, 9]);
  assert.deepEqual(jerr('{"a"}'), ['JSON parse error, missing : in object pair', 4, 5]);
  assert.deepEqual(jerr('{"a":1 "b":2}'), ['JSON parse error, expected separator in dict', 7, 10]);
  assert.deepEqual(jerr('{"a":1 2}'), ['JSON parse error, expected separator in dict', 7, 8]);
  assert.deepEqual(jerr('{"a":true1}'), ['JSON parse error, expected separator in dict', 9, 10]);
  assert.deepEqual(jerr('{"a":1x}'), ['JSON parse error, expected separator in dict', 6, 7]);
  assert.deepEqual(jerr('{"a":[1 2]}'), ['JSON parse error, expected separator in list', 8, 9]);
  assert.deepEqual(jerr('{"size":[1}'), ['JSON parse error, expected separator in list', 10, 11]);
  assert.deepEqual(jerr('{size:1}'), ["JSON parse error, invalid keyword 'size'", 1, 5]);
  assert.deepEqual(jerr('{"a":tru}'), ["JSON parse error, invalid keyword 'tru'", 5, 8]);
  assert.deepEqual(jerr('{"a":tr'), ["JSON parse error, invalid keyword 'tr'", 5, 7]);
  assert.deepEqual(jerr('{1:2}'), ['JSON parse error, key is not a string in object', 1, 2]);
  assert.deepEqual(jerr('{"a":"\\x"}'), ['JSON parse error, invalid escape sequence in string', 6, 8]);
  assert.deepEqual(jerr('{"a":"\\u12"}'), ['JSON parse error, \\u12" is not a valid Unicode character', 6, 10]);
  assert.deepEqual(jerr('{"a":"\\uzzzz"}'), ['JSON parse error, \\uzzzz is not a valid Unicode character', 6, 12]);
  assert.deepEqual(jerr('{"a":"\\uD800"}'), ['JSON parse error, \\uD800 is not a valid Unicode character', 6, 12]);
  assert.deepEqual(jerr('{"a":"\\uFFFE"}'), ['JSON parse error, \\uFFFE is not a valid Unicode character', 6, 12]);
});

test('JSON: lexer errors are "stray" tokens (verified)', () => {
  assert.deepEqual(jerr('{"a":01}'), ["JSON parse error, stray '01'", 5, 7]);
  assert.deepEqual(jerr('{"a":-01}'), ["JSON parse error, stray '-01'", 5, 8]);
  assert.deepEqual(jerr('{"a":+1}'), ["JSON parse error, stray '+'", 5, 6]);
  assert.deepEqual(jerr('{"a":%d}'), ["JSON parse error, stray '%'", 5, 6]);
  assert.deepEqual(jerr('{"a":1.}'), ["JSON parse error, stray '1.}'", 5, 8]);
  assert.deepEqual(jerr('{"a":0.}'), ["JSON parse error, stray '0.}'", 5, 8]);
  assert.deepEqual(jerr('{"a":-}'), ["JSON parse error, stray '-}'", 5, 7]);
  assert.deepEqual(jerr('{"a":1e}'), ["JSON parse error, stray '1e}'", 5, 8]);
  assert.deepEqual(jerr('{"a":.5}'), ["JSON parse error, stray '.'", 5, 6]);
  assert.deepEqual(jerr('{"a":TRUE}'), ["JSON parse error, stray 'T'", 5, 6]);
  assert.deepEqual(jerr('{"a":@}'), ["JSON parse error, stray '@'", 5, 6]);
  assert.deepEqual(jerr('{"a'), ["JSON parse error, stray '\"a'", 1, 3]);
  assert.deepEqual(jerr('{"a":"b'), ["JSON parse error, stray '\"b'", 5, 7]);
  assert.deepEqual(jerr('{"a":"\\'), ["JSON parse error, stray '\"\\'", 5, 7]);
  assert.deepEqual(jerr('{"a":"x\ty"}'), ["JSON parse error, stray '\"x\t'", 5, 8]);
  assert.deepEqual(jerr('{"a":"x\ny"}'), ["JSON parse error, stray '\"x\n'", 5, 8]);
  assert.deepEqual(jerr('{"a":\f1}'), ["JSON parse error, stray '\f'", 5, 6]);
  // A lexer error wins over a parse error later in the same value.
  assert.deepEqual(jerr('{"a" 1 @}'), ["JSON parse error, stray '@'", 7, 8]);
});

test('JSON: at most one value (verified)', () => {
  assert.deepEqual(jerr('{"a":1}x'), ['Expecting at most one JSON value', 7, 8]);
  assert.deepEqual(jerr('{"a":1}{}'), ['Expecting at most one JSON value', 7, 9]);
  assert.deepEqual(jerr('{"a":1}}'), ['Expecting at most one JSON value', 7, 8]);
  assert.deepEqual(jerr('{"a":1}]'), ['Expecting at most one JSON value', 7, 8]);
  assert.deepEqual(jerr('{"a":1} ,'), ['Expecting at most one JSON value', 8, 9]);
  assert.deepEqual(jerr('{"a":1}@'), ['Expecting at most one JSON value', 7, 8]);
  assert.deepEqual(jerr('{"a":1} [1 @'), ['Expecting at most one JSON value', 8, 12]);
  // Trailing whitespace is fine (verified).
  assert.deepEqual(js('{"a":1} \t\n').errors, []);
  // The entries of the good first value are kept.
  assert.deepEqual(rows(js('{"a":1}x')), [['a', '1', 2, 3, 5, 6, 'json:number']]);
});

test('JSON: nesting limit of 1024 (verified)', () => {
  const ok = '{"a":' + '['.repeat(1023) + ']'.repeat(1023) + '}';
  assert.deepEqual(js(ok).errors, []);
  const deep = '{"a":' + '['.repeat(1024) + ']'.repeat(1024) + '}';
  assert.deepEqual(jerr(deep), ['JSON nesting depth limit exceeded', 1028, 1029]);
  // Deeper than the stack would allow without the limit: still no throw.
  const huge = '{"a":' + '['.repeat(200000);
  assert.equal(js(huge).errors[0].message, 'JSON nesting depth limit exceeded');
});

test('JSON: members before an error are kept', () => {
  const p = js('{"qom-type":"memory-backend-ram","id":"m1","size":}');
  assert.deepEqual(
    p.entries.map((e) => e.key),
    ['qom-type', 'id'],
  );
  assert.equal(p.errors[0].message, 'JSON parse error, expecting value');
});

test('JSON: never throws (property)', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^\{[{}[\]",:a-z0-9 .\-\\']{0,24}$/), (s) => {
      checkRanges(s, parseJsonOpts(s));
      return true;
    }),
    { numRuns: 5000 },
  );
  fc.assert(
    fc.property(fc.json(), (j) => {
      const s = `{"v":${j}}`;
      const p = parseJsonOpts(s);
      if (p.errors.length) return false;
      const e: OptEntry = p.entries[0];
      return JSON.stringify(e.jsonValue) === JSON.stringify(JSON.parse(j));
    }),
    { numRuns: 1000 },
  );
});
