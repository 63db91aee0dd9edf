import { test } from 'node:test';
import assert from 'node:assert/strict';
import { literal, MappedBuilder } from '../../../server/src/engine/mapped';
import type { ShellWord } from '../../../server/src/engine/shell/types';
import { optionArgSyntax, parseOptionArg, splitOptions } from '../../../server/src/engine/qemu/cmdline';
import { CLI_OPTIONS, canonicalOptionName, cliOption } from '../../../server/src/engine/qemu/cli-options';

/** Words laid out as "w0 w1 w2 ..." in a document, each literal. */
function words(...texts: string[]): ShellWord[] {
  let at = 0;
  return texts.map((t) => {
    const w: ShellWord = { value: literal(t, at), span: { start: at, end: at + t.length } };
    at += t.length + 1;
    return w;
  });
}

type Opt = [string, string | null, boolean];

function summary(args: ShellWord[], target?: 'x86_64' | 'aarch64' | 'ppc64') {
  const r = splitOptions(args, target ? { target } : {});
  return {
    options: r.options.map((o): Opt => [o.name, o.arg ? o.arg.value.text : null, o.known]),
    positional: r.positional.map((w) => w.value.text),
    problems: r.problems.map((p) => [p.message, p.word.value.text]),
  };
}

test('options with and without arguments, aliases canonical', () => {
  const a = words('-M', 'pc,nvdimm=on', '-m', '2G,slots=2,maxmem=4G', '-nodefaults', '-S', '-object', 'memory-backend-file,id=m', '--device', 'nvdimm,memdev=m', '-machine', 'q35');
  const r = splitOptions(a);
  assert.deepEqual(summary(a), {
    options: [
      ['machine', 'pc,nvdimm=on', true],
      ['m', '2G,slots=2,maxmem=4G', true],
      ['nodefaults', null, true],
      ['S', null, true],
      ['object', 'memory-backend-file,id=m', true],
      ['device', 'nvdimm,memdev=m', true],
      ['machine', 'q35', true],
    ],
    positional: [],
    problems: [],
  });
  // The flag and arg words are the very objects passed in.
  assert.equal(r.options[0].flag, a[0]);
  assert.equal(r.options[0].arg, a[1]);
  assert.equal(r.options[5].flag.value.text, '--device');
});

test('an argument is consumed even when it starts with "-" (verified: "-object -S")', () => {
  assert.deepEqual(summary(words('-object', '-S', '-display', 'none')).options, [
    ['object', '-S', true],
    ['display', 'none', true],
  ]);
});

test('missing argument at the end (verified: "-object: requires an argument")', () => {
  const a = words('-S', '-object');
  assert.deepEqual(summary(a), {
    options: [
      ['S', null, true],
      ['object', null, true],
    ],
    positional: [],
    problems: [['requires an argument', '-object']],
  });
  assert.equal(splitOptions(a).problems[0].word, a[1]);
});

test('unknown options: "invalid option", nothing consumed (verified wording)', () => {
  assert.deepEqual(summary(words('-foo', 'bar', '--baz', '-m=256', '-', '--', '---m', '-nodefaults=1')), {
    options: [
      ['foo', null, false],
      ['baz', null, false],
      ['m=256', null, false],
      ['', null, false],
      ['', null, false],
      ['-m', null, false],
      ['nodefaults=1', null, false],
    ],
    positional: ['bar'],
    problems: [
      ['invalid option', '-foo'],
      ['invalid option', '--baz'],
      ['invalid option', '-m=256'],
      ['invalid option', '-'],
      ['invalid option', '--'],
      ['invalid option', '---m'],
      ['invalid option', '-nodefaults=1'],
    ],
  });
});

test('an unknown option holding an unresolved expansion is not reported', () => {
  const b = new MappedBuilder(0);
  b.pushLiteral('-', 0);
  b.pushLiteral('$OPT', 1);
  b.markUnknown(1, 5);
  const w: ShellWord = { value: b.build(), span: { start: 0, end: 5 } };
  const r = splitOptions([w]);
  assert.equal(r.options[0].known, false);
  assert.deepEqual(r.problems, []);
});

test('positional words: anything not starting with "-", the empty word too', () => {
  assert.deepEqual(summary(words('disk.img', '-snapshot', '', '+x')), {
    options: [['snapshot', null, true]],
    positional: ['disk.img', '', '+x'],
    problems: [],
  });
});

test('target-specific options (verified: "-prom-env x: Option not supported for this target")', () => {
  assert.deepEqual(summary(words('-prom-env', 'x', '-old-param'), 'x86_64').problems, [
    ['Option not supported for this target', '-prom-env'],
    ['Option not supported for this target', '-old-param'],
  ]);
  assert.deepEqual(summary(words('-prom-env', 'x'), 'ppc64').problems, []);
  assert.deepEqual(summary(words('-prom-env', 'x')).problems, []);
});

test('the option table', () => {
  assert.equal(CLI_OPTIONS.length, 122);
  const names = new Set(CLI_OPTIONS.map((o) => o.name));
  assert.equal(names.size, CLI_OPTIONS.length, 'no duplicates');
  for (const [n, arg] of [
    ['machine', true],
    ['M', true],
    ['m', true],
    ['object', true],
    ['device', true],
    ['numa', true],
    ['no-acpi', false],
    ['bios', true],
    ['cpu', true],
    ['smp', true],
    ['accel', true],
    ['enable-kvm', false],
    ['nodefaults', false],
    ['S', false],
    ['display', true],
    ['kernel', true],
    ['initrd', true],
    ['append', true],
    ['drive', true],
    ['qmp', true],
    ['serial', true],
    ['nographic', false],
    ['mem-path', true],
    ['mem-prealloc', false],
    ['snapshot', false],
    ['daemonize', false],
    ['usb', false],
    ['preconfig', false],
    ['async-teardown', false],
    ['h', false],
    ['help', false],
    ['version', false],
  ] as const) {
    assert.equal(cliOption(n)?.hasArg, arg, n);
  }
  for (const n of ['memory', 'sdl', 'curses', 'soundhw', 'watchdog', 'enable-fips', 'no-quit', 'tb-size']) {
    assert.equal(cliOption(n), undefined, n);
  }
  assert.equal(canonicalOptionName('M'), 'machine');
  assert.equal(canonicalOptionName('h'), 'help');
  assert.equal(canonicalOptionName('object'), 'object');
  for (const n of ['machine', 'M', 'm', 'object', 'device', 'numa', 'no-acpi', 'bios', 'cpu', 'smp', 'accel', 'enable-kvm', 'nodefaults', 'S', 'display', 'kernel', 'initrd', 'append', 'drive', 'qmp', 'serial', 'nographic']) {
    assert.ok(cliOption(n)?.doc, `doc for ${n}`);
  }
});

test('optionArgSyntax / parseOptionArg dispatch', () => {
  assert.deepEqual(optionArgSyntax('object', 'memory-backend-ram,id=m'), { syntax: 'qemuopts', impliedKey: 'qom-type' });
  assert.deepEqual(optionArgSyntax('object', '{"qom-type":"x"}'), { syntax: 'json', impliedKey: null });
  assert.deepEqual(optionArgSyntax('object', ' {"qom-type":"x"}'), { syntax: 'qemuopts', impliedKey: 'qom-type' });
  assert.deepEqual(optionArgSyntax('device', 'nvdimm'), { syntax: 'qemuopts', impliedKey: 'driver' });
  assert.deepEqual(optionArgSyntax('device', '{"driver":"nvdimm"}'), { syntax: 'json', impliedKey: null });
  assert.deepEqual(optionArgSyntax('machine', 'pc'), { syntax: 'keyval', impliedKey: 'type' });
  assert.deepEqual(optionArgSyntax('M', 'pc'), { syntax: 'keyval', impliedKey: 'type' });
  assert.deepEqual(optionArgSyntax('m', '2G'), { syntax: 'qemuopts', impliedKey: 'size' });
  assert.deepEqual(optionArgSyntax('numa', 'node'), { syntax: 'qemuopts', impliedKey: 'type' });
  assert.deepEqual(optionArgSyntax('smp', '2'), { syntax: 'qemuopts', impliedKey: 'cpus' });
  assert.deepEqual(optionArgSyntax('accel', 'tcg'), { syntax: 'qemuopts', impliedKey: 'accel' });
  assert.equal(optionArgSyntax('kernel', 'bzImage'), null);
  assert.equal(parseOptionArg('kernel', 'bzImage'), null);

  const m = parseOptionArg('M', 'pc,nvdimm');
  assert.equal(m?.syntax, 'keyval');
  assert.equal(m?.errors[0].message, "Expected '=' after parameter 'nvdimm'");
  const o = parseOptionArg('object', '{"qom-type":"memory-backend-ram","id":"m","size":1}');
  assert.equal(o?.syntax, 'json');
  assert.deepEqual(o?.entries.map((e) => e.key), ['qom-type', 'id', 'size']);
  const d = parseOptionArg('device', 'nvdimm,memdev=m,unarmed');
  assert.equal(d?.syntax, 'qemuopts');
  assert.deepEqual(d?.entries.map((e) => [e.key, e.value]), [
    ['driver', 'nvdimm'],
    ['memdev', 'm'],
    ['unarmed', 'on'],
  ]);
  assert.deepEqual(parseOptionArg('m', '512')?.entries[0].key, 'size');
});
