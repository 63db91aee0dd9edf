/**
 * Checks the knowledge base against the installed `qemu-system-x86_64`.
 * Skipped when QEMU is not on PATH, unless QEMU_PMEM_REQUIRE_QEMU=1 (then
 * they fail). The parsers are also tested on fixed text so those tests run
 * everywhere.
 */

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';

import type { PropInfo, TypeInfo } from '../../../server/src/engine/kb/types';
import {
  allDeviceNames,
  allMachineTypes,
  allObjectTypes,
  availableIn,
  getBackend,
  getDevice,
  machineProperties,
  resolveMachineType,
} from '../../../server/src/engine/kb/index';
import { DEVICE_GENERIC_PROPERTIES } from '../../../server/src/engine/kb/devices';
import { OBJECT_BASE_PROPERTIES } from '../../../server/src/engine/kb/backends';
import { MACHINE_LEGACY_KEYS } from '../../../server/src/engine/kb/machines';
import {
  parseDeviceHelp,
  parseMachineHelp,
  parseObjectHelp,
  parsePropertyHelp,
  qemuRequired,
  qemuUnavailable,
  qemuVersion,
  qmp,
  runQemu,
  startAndQuit,
} from './qemu-help';

const unavailable = qemuUnavailable();

/** Returns true when the test should go on; skips (or fails, if required) otherwise. */
function needQemu(t: TestContext): boolean {
  if (unavailable === undefined) return true;
  if (qemuRequired()) assert.fail(`QEMU_PMEM_REQUIRE_QEMU=1 but ${unavailable}`);
  t.skip(`${unavailable}; set QEMU_PMEM_REQUIRE_QEMU=1 to make this a failure`);
  return false;
}

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** Our names that QEMU should list: minus keys QEMU's help omits, minus properties newer than the binary. */
function ourNames(t: TypeInfo, omit: readonly PropInfo[], version: string): string[] {
  const skip = new Set(omit.map((p) => p.name));
  return sorted(t.properties.filter((p) => !skip.has(p.name) && availableIn(p, version)).map((p) => p.name));
}

// --- parsers on fixed text ---------------------------------------------------

test('parsePropertyHelp reads names, nested types and defaults', () => {
  const text = [
    'nvdimm options:',
    '  addr=<uint64>          -  (default: 0)',
    '  memdev=<link<memory-backend>>',
    '  disable-legacy=<OnOffAuto> - on/off/auto (default: "auto")',
    '  prealloc-context=<link<thread-context>> - Context to use (for threads)',
    'garbage line',
  ].join('\n');
  assert.deepEqual(parsePropertyHelp(text), [
    { name: 'addr', type: 'uint64', default: '0' },
    { name: 'memdev', type: 'link<memory-backend>' },
    { name: 'disable-legacy', type: 'OnOffAuto', default: 'auto' },
    { name: 'prealloc-context', type: 'link<thread-context>' },
  ]);
});

test('parseDeviceHelp, parseObjectHelp and parseMachineHelp', () => {
  assert.deepEqual(
    parseDeviceHelp('Storage devices:\nname "nvdimm", desc "DIMM memory module"\nname "virtio-blk-pci", bus PCI, alias "virtio-blk"\n\nMisc devices:\nname "loader", desc "Generic, Loader"\n'),
    [
      { name: 'nvdimm', category: 'Storage' },
      { name: 'virtio-blk-pci', category: 'Storage', bus: 'PCI', alias: 'virtio-blk' },
      { name: 'loader', category: 'Misc' },
    ],
  );
  assert.deepEqual(parseObjectHelp('List of user creatable objects:\n  iothread\n  memory-backend-file\n'), ['iothread', 'memory-backend-file']);
  assert.deepEqual(
    parseMachineHelp('Supported machines are:\npc                   Standard PC (i440FX + PIIX, 1996) (alias of pc-i440fx-7.2)\npc-i440fx-7.2        Standard PC (i440FX + PIIX, 1996) (default)\n'),
    [{ name: 'pc', aliasOf: 'pc-i440fx-7.2' }, { name: 'pc-i440fx-7.2' }],
  );
});

// --- against the binary ------------------------------------------------------

function binaryVersion(): string {
  const v = qemuVersion();
  assert.ok(v, 'cannot read QEMU version');
  return v;
}

for (const driver of ['nvdimm', 'pc-dimm', 'virtio-pmem-pci', 'virtio-pmem', 'virtio-mem-pci', 'virtio-mem']) {
  test(`-device ${driver},help lists exactly our properties and defaults`, (t) => {
    if (!needQemu(t)) return;
    const ours = getDevice(driver);
    assert.ok(ours);
    const help = parsePropertyHelp(runQemu(['-device', `${driver},help`]).out);
    assert.ok(help.length > 0, 'no properties parsed');
    assert.deepEqual(sorted(help.map((p) => p.name)), ourNames(ours, DEVICE_GENERIC_PROPERTIES, binaryVersion()));
    // Defaults QEMU prints for booleans, enums and integers match ours ("-1 (auto)" compares as "-1").
    for (const h of help) {
      const p: PropInfo | undefined = ours.properties.find((x) => x.name === h.name);
      if (!p || h.default === undefined || p.default === undefined) continue;
      if (!['bool', 'enum', 'int', 'uint'].includes(p.type)) continue;
      const qemuDefault = h.default === 'true' ? 'on' : h.default === 'false' ? 'off' : h.default;
      assert.equal(p.default.split(' ')[0], qemuDefault, `${driver}.${h.name} default`);
    }
  });
}

for (const qomType of ['memory-backend-file', 'memory-backend-ram', 'memory-backend-memfd']) {
  test(`-object ${qomType},help lists exactly our properties (minus newer ones)`, (t) => {
    if (!needQemu(t)) return;
    const ours = getBackend(qomType);
    assert.ok(ours);
    const help = sorted(parsePropertyHelp(runQemu(['-object', `${qomType},help`]).out).map((p) => p.name));
    assert.ok(help.length > 0, 'no properties parsed');
    // Build-dependent properties (those with a `note`, i.e. `pmem`) may be absent from a build.
    const expected = ourNames(ours, OBJECT_BASE_PROPERTIES, binaryVersion()).filter(
      (n) => help.includes(n) || ours.properties.find((p) => p.name === n)?.note === undefined,
    );
    assert.deepEqual(help, expected);
  });
}

/** Property names of a machine type through QMP (includes per-instance ones), settable kinds only. */
function qomMachineProperties(machineType: string): string[] {
  const props = qmp('qom-list-properties', { typename: `${machineType}-machine` }) as { name: string; type: string }[];
  return sorted(props.filter((p) => !p.type.startsWith('child<')).map((p) => p.name));
}

/**
 * Our `-M` keys that are QOM properties: minus dotted sub-keys and the keys
 * vl.c consumes itself (except `type`, which is also the read-only QOM `type`).
 */
function ourMachineQomNames(t: TypeInfo): string[] {
  const legacy = new Set(MACHINE_LEGACY_KEYS.map((p) => p.name).filter((n) => n !== 'type'));
  return sorted(t.properties.filter((p) => !legacy.has(p.name) && !p.name.includes('.')).map((p) => p.name));
}

for (const machine of ['pc', 'q35', 'isapc']) {
  test(`machine ${machine}: QOM properties equal ours, and -machine ${machine},help is covered`, (t) => {
    if (!needQemu(t)) return;
    const ours = machineProperties(machine);
    assert.ok(ours);
    const typeName = resolveMachineType(machine)?.name;
    assert.ok(typeName);
    assert.deepEqual(qomMachineProperties(typeName), ourMachineQomNames(ours));
    const help = parsePropertyHelp(runQemu(['-machine', `${machine},help`]).out).map((p) => p.name);
    assert.ok(help.length > 0, 'no properties parsed');
    const ourSet = new Set(ours.properties.map((p) => p.name));
    assert.deepEqual(help.filter((n) => !ourSet.has(n)), []);
  });
}

for (const machine of ['microvm', 'none', 'x-remote']) {
  // qom-list-properties on microvm-machine crashes QEMU 7.2 (acpi-microvm assertion), so use -machine help here.
  test(`machine ${machine}: -machine ${machine},help equals ours (plus instance properties)`, (t) => {
    if (!needQemu(t)) return;
    const ours = machineProperties(machine);
    assert.ok(ours);
    const help = parsePropertyHelp(runQemu(['-machine', `${machine},help`]).out).map((p) => p.name);
    assert.ok(help.length > 0, 'no properties parsed');
    // `,help` never shows the QOM `type`; `hmat` is added per instance on machines with NUMA support.
    const instanceOnly = machine === 'microvm' ? ['type', 'hmat'] : ['type'];
    assert.deepEqual(sorted([...help, ...instanceOnly]), ourMachineQomNames(ours));
  });
}

test('machine: -M keys outside QOM (nvdimm per machine, vl.c legacy keys) behave as recorded', (t) => {
  if (!needQemu(t)) return;
  for (const m of ['pc', 'q35', 'isapc', 'microvm', 'none']) {
    const ours = machineProperties(m);
    assert.ok(ours);
    const r = startAndQuit(['-M', `${m},nvdimm=on,nvdimm-persistence=cpu`]);
    if (ours.properties.some((p) => p.name === 'nvdimm')) assert.equal(r.status, 0, `${m}: ${r.stderr}`);
    else assert.match(r.stderr, new RegExp(`Property '${m}-machine\\.nvdimm' not found`), m);
  }
  for (const key of ['type=pc', 'accel=tcg', 'kvm-shadow-mem=1M', 'kernel-irqchip=on', 'igd-passthru=off']) {
    const r = startAndQuit(['-M', `pc,${key}`]);
    assert.equal(r.status, 0, `${key}: ${r.stderr}`);
  }
  for (const key of ['memory.size=512M', 'smp.cpus=1', 'boot.order=c']) {
    const r = startAndQuit(['-M', `q35,${key}`]);
    assert.equal(r.status, 0, `${key}: ${r.stderr}`);
  }
  const bad = startAndQuit(['-M', 'pc,memory.maxmem=2G']);
  assert.match(bad.stderr, /Parameter 'memory\.maxmem' is unexpected/);
});

test('-device help lists exactly our device names', (t) => {
  if (!needQemu(t)) return;
  const help = parseDeviceHelp(runQemu(['-device', 'help']).out);
  assert.ok(help.length > 100, 'too few devices parsed');
  assert.deepEqual(
    help.map((d) => ({ ...d })).sort((a, b) => a.name.localeCompare(b.name)),
    allDeviceNames()
      .map(({ memoryDevice: _m, ...d }) => d)
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
});

test('-object help lists exactly our object types', (t) => {
  if (!needQemu(t)) return;
  const help = parseObjectHelp(runQemu(['-object', 'help']).out);
  assert.ok(help.length > 10, 'too few object types parsed');
  assert.deepEqual(sorted(help), sorted(allObjectTypes().map((o) => o.name)));
});

test('-machine help lists exactly our x86_64 machine types and aliases', (t) => {
  if (!needQemu(t)) return;
  const help = parseMachineHelp(runQemu(['-machine', 'help']).out);
  assert.ok(help.length > 10, 'too few machines parsed');
  const ours = allMachineTypes('x86_64').map((m) => (m.aliasOf !== undefined ? { name: m.name, aliasOf: m.aliasOf } : { name: m.name }));
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
  assert.deepEqual([...help].sort(byName), [...ours].sort(byName));
});
