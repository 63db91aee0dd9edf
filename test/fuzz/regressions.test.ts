/**
 * Regression tests for the bugs the fuzzer found. Each text is the shrunk
 * counterexample (or a hand-reduced one); each test fails on the old code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/engine/features/code-actions';
import { complete } from '../../server/src/engine/features/completion';
import { checkDocument } from './harness';
import { MAX_FINDINGS_PER_RULE } from '../../server/src/engine/rules/run';

const sh = (text: string) => analyze(text, { fileName: 'x.sh' });
const xml = (text: string) => analyze(text, { fileName: 'domain.xml' });

function only(text: string, code: string, fileName = 'x.sh') {
  const a = analyze(text, { fileName });
  const f = a.findings.filter((x) => x.code === code);
  assert.equal(f.length, 1, `${code} in ${a.findings.map((x) => x.code).join(', ')}`);
  return f[0];
}

/** Applies the first fix of `code` and returns the fixed text; the finding must be gone. */
function fixRemoves(text: string, code: string, fileName = 'x.sh'): string {
  const f = only(text, code, fileName);
  assert.ok(f.fixes?.length, `${code} has a fix`);
  const fixed = applyEdits(text, f.fixes[0].edits);
  const after = analyze(fixed, { fileName }).findings.filter((x) => x.code === code);
  assert.deepEqual(after.map((x) => x.message), [], `after the fix: ${fixed}`);
  return fixed;
}

const NV = 'qemu-system-x86_64 -machine pc,nvdimm=on -m 1G,slots=2,maxmem=4G ';

test('a finding on an astral character covers the whole surrogate pair', () => {
  // JSON error on "\u{92be1}" (two UTF-16 units): the range used to cover only the first.
  const text = `${NV}-object '{"qom-type":"memory-backend-file","id":"m"\u{92be1}}'\n`;
  const f = only(text, 'option-syntax');
  const at = text.indexOf('\u{92be1}');
  assert.deepEqual(f.span, { start: at, end: at + 2 });
  assert.deepEqual(checkDocument({ text, fileName: 'x.sh', cursors: [at] }), []);
});

test('completion replace ranges stay on the cursor line when a word holds a lone CR', () => {
  const text = 'qemu-system-x86_64 -device nvdimm,memdev=mem1\r-x -object memory-backend-file,id=mem1\n';
  const a = sh(text);
  const at = text.indexOf('mem1\r') + 2;
  const items = complete(a, at);
  assert.ok(items.length > 0);
  for (const i of items) {
    assert.equal(a.lines.lineOf(i.replace.start), a.lines.lineOf(i.replace.end), i.label);
    assert.ok(i.replace.start <= at && at <= i.replace.end);
  }
});

test('JSON fixes replace the whole string token, quotes included', () => {
  const dev = `-object memory-backend-file,id=m,mem-path=/tmp/a.img,size=1G,share=on -device '{"driver":"nvdimm","memdev":"m","label-size":"128K"}'\n`;
  assert.match(fixRemoves(NV + dev, 'invalid-size'), /"label-size":131072\}/);
  const obj = `-object '{"qom-type":"memory-backend-file","id":"m","mem-path":"/tmp/a.img","size":1073741824,"share":"on"}' -device nvdimm,memdev=m\n`;
  assert.match(fixRemoves(NV + obj, 'invalid-boolean'), /"share":true\}/);
  const drv = `-object memory-backend-file,id=m,mem-path=/tmp/a.img,size=1G,share=on -device '{"driver":"nvdim","memdev":"m"}'\n`;
  assert.match(fixRemoves(NV + drv, 'unknown-device'), /"driver":"nvdimm"/);
  const dup = `-object '{"qom-type":"memory-backend-ram","id":"m","size":1024}' -object '{"qom-type":"memory-backend-ram","id":"m","size":1024}'\n`;
  assert.match(fixRemoves(NV + dup, 'duplicate-id'), /"id":"m2"/);
});

test('no JSON key is appended to malformed JSON (it would duplicate a key the parser never reached)', () => {
  const text = `${NV}-object '{"qom-type":"memory-backend-file","id":"m","x","mem-path":"/tmp/a.img","size":1073741824,"share":true}' -device nvdimm,memdev=m\n`;
  for (const f of sh(text).findings) for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.doesNotMatch(e.newText, /"share"/, f.code);
});

test('a key appended after a trailing comma gets no second comma (",," would escape it)', () => {
  const fixed = fixRemoves('qemu-system-x86_64 -machine pc -m 128M,slots=2,\n', 'slots-without-maxmem');
  assert.match(fixed, /-m 128M,slots=2,maxmem=1G\n$/);
});

test('nvdimm-not-enabled stays quiet while -machine itself is unreadable', () => {
  const a = sh('qemu-system-x86_64 -machine pc\u0000nvdimm=on -m 1G,slots=2,maxmem=4G -device nvdimm,memdev=m\n');
  assert.deepEqual(a.findings.filter((f) => f.code === 'nvdimm-not-enabled'), []);
  assert.equal(a.findings.filter((f) => f.code === 'option-syntax').length, 1);
});

test('memdev-unknown offers a new backend only for an id QEMU accepts', () => {
  const bad = only(`${NV}-device nvdimm,memdev="m'x y"\n`, 'memdev-unknown');
  assert.deepEqual(bad.fixes, []);
  fixRemoves(`${NV}-device nvdimm,memdev=m1\n`, 'memdev-unknown');
});

test('no "escape the comma" fix for an empty key or after a bare flag', () => {
  for (const text of [
    'qemu-system-x86_64 -m 128M,slots=2,maxme,,\u{17b55}=1G\n',
    'qemu-system-x86_64 -object memory-backend-file,ickend-file,imem1,mem-pathfuzz/a.img,size=1G\n',
  ]) {
    assert.deepEqual(checkDocument({ text, fileName: 'x.sh', cursors: [0] }), [], text);
  }
  // The real case still gets it.
  fixRemoves('qemu-system-x86_64 -object memory-backend-file,id=m,mem-path=/tmp/a,b/x.img,size=1G\n', 'unknown-property');
});

test('no fix edits text after an unclosed quote', () => {
  const text = `${NV}-object memory-backend-file,id=mem1,mem-path=/tmp/a.img,size=1G,share=on -device nv'dimm,memdev=mem2\n`;
  const a = sh(text);
  assert.ok(a.shell!.problems.length > 0);
  const from = a.shell!.problems[0].span.start;
  for (const f of a.findings) for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(e.span.end < from, `${f.code}: ${fix.title}`);
});

test('libvirt: fixes wait for well-formed XML; <qemu:arg> fixes never add arguments', () => {
  const broken = `<domain type='qemu'><name>x</name><maxMemory slots='16' unit='KiB'>16777216</maxMemory><memory unit='KiB'>1048576</memory><os><type arch='x86_64' machine='pc'>hvm</type></os><cpu><numa\n</cpu><devices><memory model='nvdimm'><source><path>/tmp/n</path></source><target><size unit='KiB'>524288</size></target></memory></devices></domain>`;
  const a = xml(broken);
  assert.ok(a.libvirt!.doc.errors.length > 0);
  assert.ok(a.findings.length > 0);
  for (const f of a.findings) assert.deepEqual(f.fixes ?? [], [], f.code);
  const pass = `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><name>x</name><memory unit='GiB'>1</memory><os><type arch='x86_64' machine='pc'>hvm</type></os><qemu:commandline><qemu:arg value='-device'/><qemu:arg value='nvdimm,id=extra,memdev=nope'/></qemu:commandline></domain>`;
  const f = only(pass, 'memdev-unknown', 'domain.xml');
  assert.deepEqual(f.fixes, []);
});

test('many duplicate ids and slot-less NVDIMMs stay linear', () => {
  const n = 20000;
  const text = `qemu-system-x86_64 -machine pc,nvdimm=on -m 1G ${'-object memory-backend-ram,id=m,size=1G -device nvdimm,memdev=m '.repeat(n)}\n`;
  const t = process.hrtime.bigint();
  const a = sh(text);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  // Capped: the first MAX_FINDINGS_PER_RULE of them.
  assert.equal(a.findings.filter((f) => f.code === 'duplicate-id').length, MAX_FINDINGS_PER_RULE);
  // Quadratic code took minutes here; a generous bound keeps the test stable on a slow CI machine.
  assert.ok(ms < 20000, `${ms} ms`);
});
