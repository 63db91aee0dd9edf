/**
 * Deterministic corpus of libvirt domain XMLs for the libvirt rules: for
 * every rule a failing case and an accepted neighbour, plus a matrix of
 * valid persistent-memory configurations whose generated QEMU arguments are
 * compared with libvirt's. Shared by the differential suite
 * (test/libvirt/differential.test.ts, against real libvirt 9.0.0) and the
 * rule unit tests (test/unit/rules/libvirt/).
 */

export interface Where {
  /** A unique piece of the XML that contains the expected span. */
  readonly find: string;
  /** The span's text, searched for inside `find` (default: all of it). */
  readonly text?: string;
}

export interface CorpusCase {
  /** Unique; also the domain name. */
  readonly name: string;
  readonly xml: string;
  /** The rule this case is about (undefined for matrix cases). */
  readonly rule?: string;
  /** Whether the rule must report (bad case) or stay silent (neighbour). */
  readonly reports?: boolean;
  /** Where a reporting rule reports. */
  readonly at?: Where;
  /** What we expect `virsh define` to do (checked against the real one). */
  readonly refused: boolean;
  /** false: cannot run here (ppc64 needs qemu-system-ppc64). */
  readonly oracle?: boolean;
}

// ---------------------------------------------------------------------------
// Builders

export interface DomainSpec {
  name: string;
  arch?: string;
  machine?: string;
  /** The whole <maxMemory> line ('' = none). */
  maxMemory?: string;
  /** <memory> line ('' = none). */
  memory?: string;
  vcpu?: number;
  memoryBacking?: string;
  features?: string;
  /** The whole <cpu> block ('' = none); default one cell with 1 GiB. */
  cpu?: string;
  devices?: string;
  extra?: string;
}

export const I = '  ';

export function cells(...lines: string[]): string {
  return [`${I}<cpu>`, `${I}${I}<numa>`, ...lines.map((l) => `${I}${I}${I}${l}`), `${I}${I}</numa>`, `${I}</cpu>`].join('\n');
}

export const CELL0 = "<cell id='0' cpus='0-1' memory='1048576' unit='KiB'/>";

export function domain(s: DomainSpec): string {
  const arch = s.arch ?? 'x86_64';
  const lines = [
    `<domain type='qemu'>`,
    `${I}<name>${s.name}</name>`,
    s.maxMemory ?? `${I}<maxMemory slots='16' unit='KiB'>1099511627776</maxMemory>`,
    s.memory ?? `${I}<memory unit='KiB'>1572864</memory>`,
    s.memoryBacking ?? '',
    `${I}<vcpu placement='static'>${s.vcpu ?? 2}</vcpu>`,
    `${I}<os>`,
    `${I}${I}<type arch='${arch}' machine='${s.machine ?? (arch.startsWith('ppc64') ? 'pseries' : 'pc')}'>hvm</type>`,
    `${I}</os>`,
    s.features ?? `${I}<features>\n${I}${I}<acpi/>\n${I}</features>`,
    s.cpu ?? cells(CELL0),
    `${I}<devices>`,
    `${I}${I}<emulator>/usr/bin/qemu-system-${arch.startsWith('ppc64') ? 'ppc64' : 'x86_64'}</emulator>`,
    s.devices ?? '',
    `${I}</devices>`,
    s.extra ?? '',
    `</domain>`,
  ];
  return lines.filter((l) => l !== '').join('\n') + '\n';
}

export interface DevSpec {
  model?: string;
  /** Extra attributes on <memory>, e.g. " access='shared'". */
  attrs?: string;
  /** Children of <memory> before <source> (e.g. a <uuid>). */
  pre?: string[];
  /** <source> children (undefined: the model's default path; [] = empty source; null = no <source>). */
  source?: string[] | null;
  /** <target> children (undefined: size + node 0 (nvdimm/dimm) or size (virtio-pmem); null = no target). */
  target?: string[] | null;
  /** Extra <target> children after the defaults. */
  targetExtra?: string[];
  size?: string;
  node?: string | null;
  address?: string | null;
}

const D = `${I}${I}`;

/** A PCI address on bus 0 (virtio-pmem); explicit so libvirt's argv is fully determined by the XML. */
export const pci = (slot: number) => `<address type='pci' domain='0x0000' bus='0x00' slot='0x${slot.toString(16).padStart(2, '0')}' function='0x0'/>`;

export function dev(s: DevSpec = {}): string {
  const model = s.model ?? 'nvdimm';
  const out = [`${D}<memory${s.model === '' ? '' : ` model='${model}'`}${s.attrs ?? ''}>`];
  for (const p of s.pre ?? []) out.push(`${D}${I}${p}`);
  const source = s.source === undefined ? (model === 'dimm' ? null : [`<path>/tmp/${model.replace('-', '_')}</path>`]) : s.source;
  if (source) {
    out.push(`${D}${I}<source>`);
    for (const c of source) out.push(`${D}${I}${I}${c}`);
    out.push(`${D}${I}</source>`);
  }
  if (s.target !== null) {
    const node = s.node === undefined ? (model === 'virtio-pmem' ? null : '0') : s.node;
    const t = s.target ?? [`<size unit='KiB'>${s.size ?? '524288'}</size>`, ...(node === null ? [] : [`<node>${node}</node>`])];
    out.push(`${D}${I}<target>`);
    for (const c of [...t, ...(s.targetExtra ?? [])]) out.push(`${D}${I}${I}${c}`);
    out.push(`${D}${I}</target>`);
  }
  const address = s.address === undefined ? (model === 'virtio-pmem' ? pci(5) : "<address type='dimm' slot='0'/>") : s.address;
  if (address) out.push(`${D}${I}${address}`);
  out.push(`${D}</memory>`);
  return out.join('\n');
}

/** An nvdimm, shared unless `attrs` says otherwise (so only the persistence rule's cases carry that warning). */
export const nv = (s: DevSpec = {}) => dev({ attrs: SHARED, ...s, model: 'nvdimm' });
export const vp = (s: DevSpec = {}) => dev({ ...s, model: 'virtio-pmem' });
export const dimm = (s: DevSpec = {}) => dev({ ...s, model: 'dimm' });
export const SHARED = " access='shared'";
const LABEL = (n: string, unit = 'KiB') => `<label>\n${D}${I}${I}${I}<size unit='${unit}'>${n}</size>\n${D}${I}${I}</label>`;

// ---------------------------------------------------------------------------
// Rule cases

const cases: CorpusCase[] = [];

function bad(rule: string, name: string, xml: string, at: Where, refused = true, oracle = true): void {
  cases.push({ name: `${rule.replace(/^libvirt-/, '')}-${name}`, xml, rule, reports: true, at, refused, oracle });
}
function good(rule: string, name: string, xml: string, refused = false, oracle = true): void {
  cases.push({ name: `${rule.replace(/^libvirt-/, '')}-${name}`, xml, rule, reports: false, refused, oracle });
}
/** A domain with the given devices; other fields override. */
function d(name: string, devices: string, over: Partial<DomainSpec> = {}): string {
  return domain({ name, devices, ...over });
}
const n = (rule: string, suffix: string) => `${rule.replace(/^libvirt-/, '')}-${suffix}`;

{
  const r = 'libvirt-memory-attribute-invalid';
  bad(r, 'model-pmem', d(n(r, 'model-pmem'), dev({ model: 'pmem', attrs: SHARED })), { find: "model='pmem'", text: 'pmem' });
  bad(r, 'model-missing', d(n(r, 'model-missing'), dev({ model: '' })), { find: '<memory>\n', text: 'memory' });
  bad(r, 'access-bogus', d(n(r, 'access-bogus'), nv({ attrs: " access='bogus'" })), { find: "access='bogus'", text: 'bogus' });
  bad(r, 'discard-maybe', d(n(r, 'discard-maybe'), nv({ attrs: " discard='maybe'" })), { find: "discard='maybe'", text: 'maybe' });
  good(r, 'ok', d(n(r, 'ok'), nv({ attrs: " access='shared' discard='no'" })));
}
{
  const r = 'libvirt-memory-target-missing';
  bad(r, 'no-target', d(n(r, 'no-target'), nv({ target: null })), { find: "<memory model='nvdimm'", text: 'memory' });
  bad(r, 'no-size', d(n(r, 'no-size'), nv({ target: ['<node>0</node>'] })), { find: '<target>', text: 'target' });
  bad(r, 'empty-size', d(n(r, 'empty-size'), nv({ target: ["<size unit='KiB'></size>", '<node>0</node>'] })), { find: '<target>', text: 'target' });
  good(r, 'ok', d(n(r, 'ok'), nv({ attrs: SHARED })));
}
{
  const r = 'libvirt-memory-size-invalid';
  bad(r, 'number', d(n(r, 'number'), nv({ size: 'abc' })), { find: '>abc<', text: 'abc' });
  bad(r, 'unit', d(n(r, 'unit'), nv({ target: ["<size unit='foo'>512</size>", '<node>0</node>'] })), { find: "'foo'", text: 'foo' });
  good(r, 'mib', d(n(r, 'mib'), nv({ attrs: SHARED, target: ["<size unit='MiB'>512</size>", '<node>0</node>'] })));
  good(r, 'virtio-pmem-alignsize-ignored', d(n(r, 'virtio-pmem-alignsize-ignored'), vp({ source: ['<path>/tmp/vp</path>', "<alignsize unit='KiB'>x</alignsize>"] })));
}
{
  const r = 'libvirt-memory-node-invalid';
  bad(r, 'abc', d(n(r, 'abc'), nv({ node: 'abc' })), { find: '<node>abc', text: 'abc' });
  bad(r, 'negative', d(n(r, 'negative'), nv({ node: '-1' })), { find: '<node>-1', text: '-1' });
  good(r, 'spaced', d(n(r, 'spaced'), nv({ attrs: SHARED, node: ' 0' })));
}
{
  const r = 'libvirt-label-too-small';
  bad(r, '64k', d(n(r, '64k'), nv({ targetExtra: [LABEL('64')] })), { find: "'KiB'>64<", text: '64' });
  bad(r, 'bytes', d(n(r, 'bytes'), nv({ targetExtra: [LABEL('130048', 'b')] })), { find: '>130048<', text: '130048' });
  good(r, '128k', d(n(r, '128k'), nv({ attrs: SHARED, targetExtra: [LABEL('128')] })));
  good(r, 'bytes-rounded-up', d(n(r, 'bytes-rounded-up'), nv({ attrs: SHARED, targetExtra: [LABEL('131071', 'b')] })));
}
{
  const r = 'libvirt-label-too-large';
  bad(r, 'equal', d(n(r, 'equal'), nv({ targetExtra: [LABEL('524288')] })), { find: "'KiB'>524288</size>\n        </label>", text: '524288' });
  bad(r, 'size-zero', d(n(r, 'size-zero'), nv({ size: '0' })), { find: "'KiB'>0<", text: '0' });
  good(r, 'smaller', d(n(r, 'smaller'), nv({ attrs: SHARED, targetExtra: [LABEL('256')] })));
}
{
  const r = 'libvirt-memory-address-invalid';
  bad(r, 'no-slot', d(n(r, 'no-slot'), nv({ address: "<address type='dimm'/>" })), { find: "<address type='dimm'/>", text: 'address' });
  bad(r, 'slot-abc', d(n(r, 'slot-abc'), nv({ address: "<address type='dimm' slot='abc'/>" })), { find: "slot='abc'", text: 'abc' });
  bad(r, 'slot-empty', d(n(r, 'slot-empty'), nv({ address: "<address type='dimm' slot=''/>" })), { find: "slot=''", text: "slot=''" });
  bad(r, 'base-zz', d(n(r, 'base-zz'), nv({ address: "<address type='dimm' slot='0' base='zz'/>" })), { find: "base='zz'", text: 'zz' });
  bad(r, 'no-type', d(n(r, 'no-type'), nv({ address: '<address/>' })), { find: '<address/>', text: 'address' });
  bad(r, 'type-bogus', d(n(r, 'type-bogus'), nv({ address: "<address type='bogus'/>" })), { find: "'bogus'", text: 'bogus' });
  good(r, 'slot-3', d(n(r, 'slot-3'), nv({ attrs: SHARED, address: "<address type='dimm' slot='3'/>" })));
  good(r, 'base', d(n(r, 'base'), nv({ attrs: SHARED, address: "<address type='dimm' slot='1' base='0x140000000'/>" })));
}
{
  const r = 'libvirt-nodemask-invalid';
  bad(r, 'empty-set', d(n(r, 'empty-set'), dimm({ source: ['<nodemask>^0</nodemask>'] })), { find: '>^0<', text: '^0' });
  bad(r, 'syntax', d(n(r, 'syntax'), dimm({ source: ['<nodemask>abc</nodemask>'] })), { find: '>abc<', text: 'abc' });
  good(r, 'node0', d(n(r, 'node0'), dimm({ source: ['<nodemask>0</nodemask>'] })));
}
{
  const r = 'libvirt-nvdimm-uuid-malformed';
  bad(r, 'zz', d(n(r, 'zz'), nv({ pre: ['<uuid>zz</uuid>'] })), { find: '<uuid>zz', text: 'zz' });
  bad(r, 'too-long', d(n(r, 'too-long'), nv({ pre: ['<uuid>49545eb375e12d0aacddf0294406c99eff</uuid>'] })), { find: '49545eb375e12d0aacddf0294406c99eff' });
  good(r, 'empty', d(n(r, 'empty'), nv({ attrs: SHARED, pre: ['<uuid></uuid>'] })));
}
{
  const r = 'libvirt-slots-invalid';
  bad(r, 'abc', d(n(r, 'abc'), nv(), { maxMemory: `${I}<maxMemory slots='abc' unit='KiB'>1099511627776</maxMemory>` }), { find: "'abc'", text: 'abc' });
  bad(r, 'negative', d(n(r, 'negative'), nv(), { maxMemory: `${I}<maxMemory slots='-1' unit='KiB'>1099511627776</maxMemory>` }), { find: "'-1'", text: '-1' });
  good(r, 'ok', d(n(r, 'ok'), nv({ attrs: SHARED }), { maxMemory: `${I}<maxMemory slots='4' unit='GiB'>16</maxMemory>` }));
}
{
  const r = 'libvirt-devices-exceed-memory';
  bad(r, 'no-numa', d(n(r, 'no-numa'), nv({ node: null }), { cpu: '', memory: `${I}<memory unit='KiB'>262144</memory>` }), { find: '>262144<', text: '262144' });
  good(r, 'numa-recomputed', d(n(r, 'numa-recomputed'), nv({ attrs: SHARED }), { memory: `${I}<memory unit='KiB'>262144</memory>` }));
}
{
  const r = 'libvirt-memory-size-missing';
  bad(r, 'all-devices', d(n(r, 'all-devices'), nv({ node: null }), { cpu: '', memory: `${I}<memory unit='KiB'>524288</memory>` }), { find: '>524288</memory>', text: '524288' });
  good(r, 'numa', d(n(r, 'numa'), nv({ attrs: SHARED }), { memory: `${I}<memory unit='KiB'>524288</memory>` }));
}
{
  const r = 'libvirt-maxmemory-slots-pair';
  bad(r, 'no-slots', d(n(r, 'no-slots'), nv(), { maxMemory: `${I}<maxMemory unit='GiB'>16</maxMemory>` }), { find: '<maxMemory unit', text: 'maxMemory' });
  bad(r, 'slots-zero', d(n(r, 'slots-zero'), nv(), { maxMemory: `${I}<maxMemory slots='0' unit='GiB'>16</maxMemory>` }), { find: "slots='0'", text: '0' });
  good(r, 'both', d(n(r, 'both'), nv({ attrs: SHARED }), { maxMemory: `${I}<maxMemory slots='2' unit='GiB'>16</maxMemory>` }));
}
{
  const r = 'libvirt-maxmemory-too-small';
  bad(r, 'below-total', d(n(r, 'below-total'), nv(), { maxMemory: `${I}<maxMemory slots='16' unit='KiB'>1048576</maxMemory>` }), { find: "'KiB'>1048576</maxMemory>", text: '1048576' });
  good(r, 'equal-total', d(n(r, 'equal-total'), nv({ attrs: SHARED }), { maxMemory: `${I}<maxMemory slots='16' unit='KiB'>1572864</maxMemory>` }));
}
{
  const r = 'libvirt-memory-node-out-of-range';
  bad(r, 'node1', d(n(r, 'node1'), nv({ node: '1' })), { find: '<node>1', text: '1' });
  good(r, 'two-cells', d(n(r, 'two-cells'), nv({ attrs: SHARED, node: '1' }), {
    cpu: cells("<cell id='0' cpus='0' memory='524288' unit='KiB'/>", "<cell id='1' cpus='1' memory='524288' unit='KiB'/>"),
  }));
}
{
  const r = 'libvirt-memory-path-required';
  bad(r, 'nvdimm', d(n(r, 'nvdimm'), nv({ source: [] })), { find: '<source>', text: 'source' });
  bad(r, 'nvdimm-empty', d(n(r, 'nvdimm-empty'), nv({ source: ['<path></path>'] })), { find: '<path></path>' });
  bad(r, 'virtio-pmem', d(n(r, 'virtio-pmem'), vp({ source: null })), { find: "<memory model='virtio-pmem'>", text: 'memory' });
  good(r, 'both', d(n(r, 'both'), nv({ attrs: SHARED }) + '\n' + vp()));
}
{
  const r = 'libvirt-memory-discard-unsupported';
  bad(r, 'nvdimm', d(n(r, 'nvdimm'), nv({ attrs: " discard='yes'" })), { find: "discard='yes'", text: 'yes' });
  bad(r, 'virtio-pmem', d(n(r, 'virtio-pmem'), vp({ attrs: " discard='yes'" })), { find: "discard='yes'", text: 'yes' });
  good(r, 'no', d(n(r, 'no'), nv({ attrs: " access='shared' discard='no'" }) + '\n' + vp({ attrs: " discard='no'" })));
}
{
  const r = 'libvirt-nvdimm-label-required';
  const ppc = { arch: 'ppc64', cpu: '', features: '' };
  bad(r, 'ppc64', d(n(r, 'ppc64'), nv({ attrs: SHARED, size: '786432', node: null }), ppc), { find: '<target>', text: 'target' }, true, false);
  good(r, 'ppc64-label', d(n(r, 'ppc64-label'), nv({ attrs: SHARED, size: '786432', node: null, targetExtra: [LABEL('128')] }), ppc), false, false);
  good(r, 'x86', d(n(r, 'x86'), nv({ attrs: SHARED })));
}
{
  const r = 'libvirt-nvdimm-uuid-unsupported';
  const uuid = '<uuid>49545eb3-75e1-2d0a-acdd-f0294406c99e</uuid>';
  bad(r, 'x86', d(n(r, 'x86'), nv({ pre: [uuid] })), { find: '49545eb3-75e1-2d0a-acdd-f0294406c99e' });
  good(r, 'ppc64', d(n(r, 'ppc64'), nv({ attrs: SHARED, pre: [uuid], size: '786432', node: null, targetExtra: [LABEL('128')] }), { arch: 'ppc64', cpu: '', features: '' }), false, false);
  good(r, 'x86-none', d(n(r, 'x86-none'), nv({ attrs: SHARED })));
}
{
  const r = 'libvirt-virtio-pmem-access-private';
  bad(r, 'private', d(n(r, 'private'), vp({ attrs: " access='private'" })), { find: "access='private'", text: 'private' });
  good(r, 'default', d(n(r, 'default'), vp()));
}
{
  const r = 'libvirt-virtio-pmem-node';
  bad(r, 'node0', d(n(r, 'node0'), vp({ node: '0' })), { find: '<node>0', text: '0' });
  good(r, 'none', d(n(r, 'none'), vp({ attrs: SHARED })));
}
{
  const r = 'libvirt-maxmemory-required';
  bad(r, 'nvdimm', d(n(r, 'nvdimm'), nv({ attrs: SHARED }), { maxMemory: '' }), { find: "<memory model='nvdimm'", text: 'memory' });
  bad(r, 'virtio-pmem', d(n(r, 'virtio-pmem'), vp(), { maxMemory: '' }), { find: "<memory model='virtio-pmem'", text: 'memory' });
  good(r, 'with-max', d(n(r, 'with-max'), vp()));
  good(r, 'nvdimm-with-max', d(n(r, 'nvdimm-with-max'), nv({ attrs: SHARED })));
}
{
  const r = 'libvirt-numa-required';
  bad(r, 'no-cpu', d(n(r, 'no-cpu'), '', { cpu: '' }), { find: '<maxMemory', text: 'maxMemory' });
  bad(r, 'no-cells', d(n(r, 'no-cells'), vp(), { cpu: `${I}<cpu>\n${I}${I}<numa>\n${I}${I}</numa>\n${I}</cpu>` }), { find: '<numa>', text: 'numa' });
  good(r, 'ppc64', d(n(r, 'ppc64'), '', { cpu: '', arch: 'ppc64', features: '' }), false, false);
  good(r, 'no-hotplug', d(n(r, 'no-hotplug'), '', { cpu: '', maxMemory: '' }));
  good(r, 'cell', d(n(r, 'cell'), ''));
}
{
  const r = 'libvirt-memory-node-required';
  bad(r, 'nvdimm', d(n(r, 'nvdimm'), nv({ node: null })), { find: '<target>', text: 'target' });
  bad(r, 'dimm', d(n(r, 'dimm'), dimm({ node: null })), { find: '<target>', text: 'target' });
  bad(r, 'empty', d(n(r, 'empty'), nv({ node: '' })), { find: '<target>', text: 'target' });
  good(r, 'node0', d(n(r, 'node0'), dimm()));
}
{
  const r = 'libvirt-memory-slots-exceeded';
  const one = { maxMemory: `${I}<maxMemory slots='1' unit='KiB'>1099511627776</maxMemory>` };
  bad(r, 'mixed', d(n(r, 'mixed'), nv({ attrs: SHARED }) + '\n' + vp(), one), { find: "slots='1'", text: '1' });
  bad(r, 'auto-slot', d(n(r, 'auto-slot'), nv({ attrs: SHARED }) + '\n' + nv({ attrs: SHARED, address: null }), one), { find: "slots='1'", text: '1' });
  good(r, 'two', d(n(r, 'two'), nv({ attrs: SHARED }) + '\n' + vp(), { maxMemory: `${I}<maxMemory slots='2' unit='KiB'>1099511627776</maxMemory>` }));
}
{
  const r = 'libvirt-dimm-slot-out-of-range';
  bad(r, 'slot16', d(n(r, 'slot16'), nv({ address: "<address type='dimm' slot='16'/>" })), { find: "slot='16'/>", text: '16' });
  good(r, 'slot15', d(n(r, 'slot15'), nv({ attrs: SHARED, address: "<address type='dimm' slot='15'/>" })));
}
{
  const r = 'libvirt-dimm-slot-duplicate';
  bad(r, 'slot0', d(n(r, 'slot0'), nv({ attrs: SHARED }) + '\n' + dimm()), { find: "<address type='dimm' slot='0'/>\n    </memory>\n  </devices>", text: '0' });
  good(r, 'slot01', d(n(r, 'slot01'), nv({ attrs: SHARED }) + '\n' + dimm({ address: "<address type='dimm' slot='1'/>" })));
}
{
  const r = 'libvirt-dimm-base-duplicate';
  bad(r, 'same', d(n(r, 'same'), dimm({ address: "<address type='dimm' slot='0' base='0x100000000'/>" }) + '\n' + dimm({ address: "<address type='dimm' slot='1' base='0x100000000'/>" })), { find: "slot='1' base='0x100000000'", text: '0x100000000' });
  good(r, 'different', d(n(r, 'different'), dimm({ address: "<address type='dimm' slot='0' base='0x100000000'/>" }) + '\n' + dimm({ address: "<address type='dimm' slot='1' base='0x140000000'/>" })));
}
{
  const r = 'libvirt-virtio-pmem-address-type';
  bad(r, 'dimm', d(n(r, 'dimm'), vp({ address: "<address type='dimm' slot='1'/>" })), { find: "type='dimm'", text: 'dimm' });
  bad(r, 'isa', d(n(r, 'isa'), vp({ address: "<address type='isa' iobase='0x1'/>" })), { find: "type='isa'", text: 'isa' });
  good(r, 'pci', d(n(r, 'pci'), vp({ address: "<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>" })));
}
{
  const r = 'libvirt-nvdimm-too-small-ppc64';
  const ppc = { arch: 'ppc64', cpu: '', features: '' };
  bad(r, '200m', d(n(r, '200m'), nv({ attrs: SHARED, size: '204800', node: null, targetExtra: [LABEL('128')] }), ppc), { find: '>204800<', text: '204800' }, true, false);
  good(r, '256m-plus-label', d(n(r, '256m-plus-label'), nv({ attrs: SHARED, size: '262272', node: null, targetExtra: [LABEL('128')] }), ppc), false, false);
}
// Accepted by libvirt, reported as warnings.
{
  const r = 'libvirt-nvdimm-pci-address';
  bad(r, 'pci', d(n(r, 'pci'), nv({ attrs: SHARED, address: "<address type='pci' domain='0x0000' bus='0x00' slot='0x06' function='0x0'/>" })), { find: "type='pci'", text: 'pci' }, false);
  bad(r, 'isa', d(n(r, 'isa'), nv({ attrs: SHARED, address: "<address type='isa' iobase='0x1'/>" })), { find: "type='isa'", text: 'isa' }, false);
  good(r, 'dimm', d(n(r, 'dimm'), nv({ attrs: SHARED })));
}
{
  const r = 'libvirt-ignored-element';
  bad(r, 'vp-label', d(n(r, 'vp-label'), vp({ targetExtra: [LABEL('128')] })), { find: '<label>', text: 'label' }, false);
  bad(r, 'vp-readonly', d(n(r, 'vp-readonly'), vp({ targetExtra: ['<readonly/>'] })), { find: '<readonly/>', text: 'readonly' }, false);
  bad(r, 'vp-alignsize', d(n(r, 'vp-alignsize'), vp({ source: ['<path>/tmp/vp</path>', "<alignsize unit='KiB'>2048</alignsize>"] })), { find: '<alignsize', text: 'alignsize' }, false);
  bad(r, 'vp-pmem', d(n(r, 'vp-pmem'), vp({ source: ['<path>/tmp/vp</path>', '<pmem/>'] })), { find: '<pmem/>', text: 'pmem' }, false);
  bad(r, 'vp-uuid', d(n(r, 'vp-uuid'), vp({ pre: ['<uuid>49545eb3-75e1-2d0a-acdd-f0294406c99e</uuid>'] })), { find: '<uuid>', text: 'uuid' }, false);
  bad(r, 'nv-pagesize', d(n(r, 'nv-pagesize'), nv({ attrs: SHARED, source: ['<path>/tmp/nv</path>', "<pagesize unit='KiB'>4</pagesize>"] })), { find: '<pagesize', text: 'pagesize' }, false);
  bad(r, 'nv-nodemask', d(n(r, 'nv-nodemask'), nv({ attrs: SHARED, source: ['<path>/tmp/nv</path>', '<nodemask>0</nodemask>'] })), { find: '<nodemask>', text: 'nodemask' }, false);
  good(r, 'nv-all', d(n(r, 'nv-all'), nv({ attrs: SHARED, source: ['<path>/tmp/nv</path>', "<alignsize unit='KiB'>2048</alignsize>", '<pmem/>'], targetExtra: [LABEL('128'), '<readonly/>'] })));
}
{
  const r = 'libvirt-size-rounded';
  bad(r, '511m', d(n(r, '511m'), nv({ attrs: SHARED, size: '523264' })), { find: '>523264<', text: '523264' }, false);
  bad(r, 'vp-odd', d(n(r, 'vp-odd'), vp({ size: '524289' })), { find: '>524289<', text: '524289' }, false);
  good(r, '512m', d(n(r, '512m'), nv({ attrs: SHARED, size: '524288' })));
}
{
  const r = 'libvirt-relative-path';
  bad(r, 'nvdimm', d(n(r, 'nvdimm'), nv({ attrs: SHARED, source: ['<path>nv.img</path>'] })), { find: 'nv.img' }, false);
  bad(r, 'virtio-pmem', d(n(r, 'virtio-pmem'), vp({ source: ['<path>pmem/vp.img</path>'] })), { find: 'pmem/vp.img' }, false);
  good(r, 'absolute', d(n(r, 'absolute'), nv({ attrs: SHARED, source: ['<path>/var/lib/nv.img</path>'] })));
}
{
  const r = 'libvirt-nvdimm-no-acpi';
  bad(r, 'no-features', d(n(r, 'no-features'), nv({ attrs: SHARED }), { features: '' }), { find: "model='nvdimm'", text: 'nvdimm' }, false);
  bad(r, 'features-no-acpi', d(n(r, 'features-no-acpi'), nv({ attrs: SHARED }), { features: `${I}<features>\n${I}${I}<pae/>\n${I}</features>` }), { find: "model='nvdimm'", text: 'nvdimm' }, false);
  good(r, 'acpi', d(n(r, 'acpi'), nv({ attrs: SHARED })));
  good(r, 'virtio-pmem', d(n(r, 'virtio-pmem'), vp(), { features: '' }));
}
{
  const r = 'libvirt-pmem-not-shared';
  bad(r, 'none', d(n(r, 'none'), nv({ attrs: '' })), { find: "model='nvdimm'", text: 'nvdimm' }, false);
  bad(r, 'private', d(n(r, 'private'), nv({ attrs: " access='private'" })), { find: "'private'", text: 'private' }, false);
  bad(r, 'cell-private', d(n(r, 'cell-private'), nv({ attrs: '' }), { cpu: cells("<cell id='0' cpus='0-1' memory='1048576' unit='KiB' memAccess='private'/>") }), { find: "model='nvdimm'", text: 'nvdimm' }, false);
  bad(r, 'backing-private', d(n(r, 'backing-private'), nv({ attrs: '' }), { memoryBacking: `${I}<memoryBacking>\n${I}${I}<access mode='private'/>\n${I}</memoryBacking>` }), { find: "model='nvdimm'", text: 'nvdimm' }, false);
  bad(r, 'cell-private-over-backing', d(n(r, 'cell-private-over-backing'), nv({ attrs: '' }), {
    memoryBacking: `${I}<memoryBacking>\n${I}${I}<access mode='shared'/>\n${I}</memoryBacking>`,
    cpu: cells("<cell id='0' cpus='0-1' memory='1048576' unit='KiB' memAccess='private'/>"),
  }), { find: "model='nvdimm'", text: 'nvdimm' }, false);
  good(r, 'device-shared', d(n(r, 'device-shared'), nv({ attrs: SHARED })));
  good(r, 'cell-shared', d(n(r, 'cell-shared'), nv({ attrs: '' }), { cpu: cells("<cell id='0' cpus='0-1' memory='1048576' unit='KiB' memAccess='shared'/>") }));
  good(r, 'backing-shared', d(n(r, 'backing-shared'), nv({ attrs: '' }), { memoryBacking: `${I}<memoryBacking>\n${I}${I}<access mode='shared'/>\n${I}</memoryBacking>` }));
  good(r, 'device-over-cell', d(n(r, 'device-over-cell'), nv({ attrs: SHARED }), { cpu: cells("<cell id='0' cpus='0-1' memory='1048576' unit='KiB' memAccess='private'/>") }));
}

// ---------------------------------------------------------------------------
// Matrix: valid configurations, for the argv comparison.

const SIZES = ["<size unit='KiB'>524288</size>", "<size unit='MiB'>1024</size>", "<size unit='GiB'>1</size>", "<size unit='b'>536870912</size>", "<size unit='KiB'>526336</size>"];
const ACCESS = ['', SHARED, " access='private'"];
const EXTRAS: { source: string[]; target: string[] }[] = [
  { source: [], target: [] },
  { source: [], target: [LABEL('128')] },
  { source: ["<alignsize unit='KiB'>2048</alignsize>"], target: [] },
  { source: ['<pmem/>'], target: [] },
  { source: [], target: ['<readonly/>'] },
  { source: ['<pmem/>', "<alignsize unit='MiB'>2</alignsize>"], target: [LABEL('256')] },
];
for (let i = 0; i < 30; i++) {
  const size = SIZES[i % SIZES.length];
  const access = ACCESS[i % ACCESS.length];
  const ex = EXTRAS[i % EXTRAS.length];
  const name = `matrix-nvdimm-${i}`;
  const machine = i % 4 === 3 ? 'q35' : 'pc';
  const slot = i % 7;
  cases.push({
    name,
    refused: false,
    xml: domain({
      name,
      machine,
      devices: nv({
        attrs: access,
        source: [`<path>/tmp/nvdimm${i}</path>`, ...ex.source],
        target: [size, '<node>0</node>', ...ex.target],
        address: i % 5 === 4 ? null : `<address type='dimm' slot='${slot}'/>`,
      }),
    }),
  });
}
for (let i = 0; i < 12; i++) {
  const name = `matrix-virtio-pmem-${i}`;
  const machine = i % 3 === 2 ? 'q35' : 'pc';
  const addr = pci(5 + (i % 4));
  cases.push({
    name,
    refused: false,
    xml: domain({
      name,
      machine,
      devices: vp({ attrs: i % 4 === 1 ? SHARED : '', size: ['524288', '1048576', '2097152'][i % 3], address: addr, source: [`<path>/tmp/vp${i}</path>`] }),
    }),
  });
}
{
  // Several devices, NUMA nodes, access inheritance.
  const two = cells(
    "<cell id='0' cpus='0' memory='524288' unit='KiB' memAccess='shared'/>",
    "<cell id='1' cpus='1' memory='524288' unit='KiB'/>",
  );
  const multi: [string, Partial<DomainSpec>, string][] = [
    ['matrix-two-nvdimm', {}, nv({ attrs: SHARED }) + '\n' + nv({ attrs: SHARED, address: "<address type='dimm' slot='1'/>", source: ['<path>/tmp/nv2</path>'] })],
    ['matrix-nvdimm-vp', {}, nv({ attrs: SHARED }) + '\n' + vp()],
    ['matrix-two-nodes', { cpu: two }, nv({ attrs: '' }) + '\n' + nv({ attrs: '', node: '1', address: "<address type='dimm' slot='1'/>", source: ['<path>/tmp/nv2</path>'] })],
    ['matrix-backing-shared', { memoryBacking: `${I}<memoryBacking>\n${I}${I}<access mode='shared'/>\n${I}</memoryBacking>` }, nv({ attrs: '' }) + '\n' + vp()],
    ['matrix-dimm-nvdimm', {}, dimm({ address: "<address type='dimm' slot='2'/>" }) + '\n' + nv({ attrs: SHARED, address: null })],
    ['matrix-maxmem-gib', { maxMemory: `${I}<maxMemory slots='8' unit='GiB'>32</maxMemory>`, memory: `${I}<memory unit='GiB'>2</memory>` }, nv({ attrs: SHARED })],
    ['matrix-vcpu4', { vcpu: 4, cpu: cells("<cell id='0' cpus='0-3' memory='2' unit='GiB'/>") }, vp() + '\n' + vp({ source: ['<path>/tmp/vp2</path>'], address: pci(6) })],
    ['matrix-no-devices', {}, ''],
    // libvirt keeps label and alignment in KiB (rounded up): QEMU gets whole KiB.
    ['matrix-alignsize-bytes', {}, nv({ attrs: SHARED, source: ['<path>/tmp/nv</path>', "<alignsize unit='b'>2097151</alignsize>"] })],
  ];
  for (const [name, over, devices] of multi) cases.push({ name, refused: false, xml: domain({ name, devices, ...over }) });
}

export const CORPUS: readonly CorpusCase[] = cases;

/** The span a case expects, located in its XML. */
export function expectedSpan(c: CorpusCase): { start: number; end: number } | undefined {
  if (!c.at) return undefined;
  const at = c.xml.indexOf(c.at.find);
  if (at < 0) throw new Error(`${c.name}: '${c.at.find}' is not in the XML`);
  if (c.xml.indexOf(c.at.find, at + 1) >= 0) throw new Error(`${c.name}: '${c.at.find}' is not unique in the XML`);
  const t = c.at.text ?? c.at.find;
  const k = c.at.find.indexOf(t);
  if (k < 0) throw new Error(`${c.name}: '${t}' is not in '${c.at.find}'`);
  return { start: at + k, end: at + k + t.length };
}
