/**
 * Completion: a pure function of the analysis and a document offset.
 */
import { DEFAULT_QEMU_VERSION, type DocumentAnalysis } from '../analyze';
import { allDeviceNames, allMachineTypes, allObjectTypes, availableIn, getBackend, getDevice } from '../kb';
import type { PropInfo, TypeInfo } from '../kb/types';
import type { DeviceDef, OptionInstance, VmModel } from '../model/types';
import {
  MEMORY_DEVICE_DRIVERS,
  isMemoryBackend,
  isNumaNode,
  numaNodeCount,
  propString,
} from '../model/query';
import { suggestedMaxmem, suggestedSlots } from '../rules/capacity';
import { typeInfoFor, UNIVERSAL_KEYS } from '../rules/common';
import { formatSize } from '../qemu/size';
import type { Span } from '../text';
import { cursorAt } from './cursor';
import { completeLibvirt } from './libvirt-completion';
import { propertyDoc, typeDoc } from './docs';

export type CompletionKind = 'option' | 'device' | 'object' | 'machine' | 'property' | 'value' | 'reference';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  /** The document span the insert text replaces. */
  readonly replace: Span;
  readonly sortText?: string;
  /** Ask the editor to complete again after inserting (a key= wants its value). */
  readonly retrigger?: boolean;
  readonly deprecated?: boolean;
}

const MAIN_OPTIONS: readonly [string, string][] = [
  ['-machine', 'Machine type and properties (nvdimm=on, nvdimm-persistence=...)'],
  ['-m', 'RAM size, memory slots and maxmem'],
  ['-object', 'Create an object such as a memory backend'],
  ['-device', 'Add a device such as nvdimm or virtio-pmem-pci'],
  ['-numa', 'NUMA node (node,nodeid=N,memdev=...)'],
];

const MEMORY_DEVICES = ['nvdimm', 'virtio-pmem-pci', 'pc-dimm', 'virtio-mem-pci'];
const PMEM_BACKENDS = ['memory-backend-file', 'memory-backend-ram', 'memory-backend-memfd'];

export interface CompleteOptions {
  /**
   * The QEMU release the user targets (`qemuPmem.qemuVersion`; default
   * DEFAULT_QEMU_VERSION, as for the rules): keys and types newer than it are
   * not offered, since that QEMU refuses them (rule unknown-property says so).
   */
  readonly qemuVersion?: string;
}

export function complete(a: DocumentAnalysis, offset: number, options: CompleteOptions = {}): CompletionEntry[] {
  const items = completeAt(a, offset, options.qemuVersion ?? DEFAULT_QEMU_VERSION);
  // LSP wants a replace range on one line that holds the cursor. A shell word
  // can hold a lone CR (an ordinary character to bash, a line break to LSP),
  // and a word can continue over a backslash-newline: keep only the cursor's line.
  const line = a.lines.lineOf(offset);
  const lo = a.lines.lineStart(line);
  const hi = a.lines.lineEnd(line);
  return items.map((e) => {
    const start = Math.min(Math.max(e.replace.start, lo), offset);
    const end = Math.max(Math.min(e.replace.end, hi), offset);
    return start === e.replace.start && end === e.replace.end ? e : { ...e, replace: { start, end } };
  });
}

function completeAt(a: DocumentAnalysis, offset: number, version: string): CompletionEntry[] {
  if (a.kind === 'libvirt') {
    // Inside a <qemu:arg value>: QEMU option completion; elsewhere: libvirt's elements, attributes, values.
    const qemu = completeQemu(a, offset, version);
    return qemu.length ? qemu : completeLibvirt(a, offset);
  }
  return completeQemu(a, offset, version);
}

function completeQemu(a: DocumentAnalysis, offset: number, version: string): CompletionEntry[] {
  const c = cursorAt(a, offset);
  switch (c.kind) {
    case 'none':
      return [];
    case 'flag':
      return MAIN_OPTIONS.filter(([name]) => name.startsWith(c.prefix) || c.prefix === '').map(([name, detail], i) => ({
        label: name,
        kind: 'option',
        detail,
        insertText: name,
        replace: c.replace,
        sortText: String(i),
      }));
    case 'arg-start':
      return firstElement(c.vm, c.option.name, c.replace, '', version);
    case 'key':
      return keys(c.vm, c.inst, c.replace, c.entry?.key, version);
    case 'value': {
      if (c.entry.entry.implied) return firstElement(c.vm, c.inst.option.name, c.replace, c.prefix, version);
      return values(c.vm, c.inst, c.entry.key, c.replace);
    }
  }
}

/** Drivers after -device, qom-types after -object, machine types after -machine (those `version` has). */
function firstElement(vm: VmModel, option: string, replace: Span, prefix: string, version: string): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const add = (label: string, kind: CompletionKind, top: boolean, info?: TypeInfo | string) => {
    if (prefix && !label.startsWith(prefix)) return;
    if (typeof info === 'object' && !availableIn(info, version)) return;
    out.push({
      label,
      kind,
      detail: typeof info === 'string' ? info : info ? firstSentence(info.doc) : undefined,
      documentation: typeof info === 'object' ? typeDoc(info) : undefined,
      insertText: label,
      replace,
      sortText: (top ? '0' : '1') + label,
    });
  };
  switch (option) {
    case 'device':
      for (const name of MEMORY_DEVICES) {
        if (name === 'virtio-pmem-pci' && vm.arch !== 'x86_64' && vm.arch !== 'unknown') continue;
        add(name, 'device', true, getDevice(name));
      }
      for (const d of allDeviceNames()) if (!MEMORY_DEVICES.includes(d.name)) add(d.name, 'device', false, d.category);
      break;
    case 'object':
      for (const name of PMEM_BACKENDS) add(name, 'object', true, getBackend(name));
      for (const t of allObjectTypes()) if (!PMEM_BACKENDS.includes(t.name)) add(t.name, 'object', false);
      break;
    case 'machine':
      for (const m of allMachineTypes(vm.arch === 'unknown' ? 'x86_64' : vm.arch)) {
        add(m.name, 'machine', m.name === 'pc' || m.name === 'q35' || m.name === 'virt' || m.name === 'pseries', m.doc);
      }
      break;
    case 'm':
      for (const s of ['1G', '2G', '4G', '8G', '16G']) add(s, 'value', true, 'initial RAM');
      break;
    case 'numa':
      add('node', 'value', true, 'a NUMA node: node,nodeid=N,memdev=ID');
      for (const t of ['dist', 'cpu', 'hmat-lb', 'hmat-cache']) add(t, 'value', false);
      break;
  }
  return out;
}

function firstSentence(doc: string): string {
  const m = /^(.*?[.!?])(\s|$)/.exec(doc.replace(/\s+/g, ' '));
  return (m ? m[1] : doc).slice(0, 120);
}

/** The keys `inst` can still take in QEMU `version`. */
function keys(vm: VmModel, inst: OptionInstance, replace: Span, current: string | undefined, version: string): CompletionEntry[] {
  const info = typeInfoFor(vm, inst);
  if (!info) return [];
  const present = new Set(inst.entries.map((e) => e.key));
  if (current) present.delete(current);
  const out: CompletionEntry[] = [];
  const universal = UNIVERSAL_KEYS[inst.option.name] ?? new Set<string>();
  if (universal.has('id') && !present.has('id')) {
    out.push({ label: 'id', kind: 'property', detail: 'identifier', insertText: 'id=', replace, sortText: '0id', retrigger: false });
  }
  for (const p of info.properties) {
    if (present.has(p.name) || p.readOnly || universal.has(p.name) || !availableIn(p, version)) continue;
    out.push({
      label: p.name,
      kind: 'property',
      detail: detail(p),
      documentation: propertyDoc(info, p),
      insertText: `${p.name}=`,
      replace,
      sortText: `${p.required ? '0' : p.advanced ? '2' : '1'}${p.name}`,
      retrigger: true,
    });
  }
  return out;
}

function detail(p: PropInfo): string {
  const parts = [p.type === 'enum' && p.values ? p.values.join('|') : p.type];
  if (p.default !== undefined) parts.push(`default ${p.default}`);
  if (p.required) parts.push('required');
  return parts.join(', ');
}

function values(vm: VmModel, inst: OptionInstance, key: string, replace: Span): CompletionEntry[] {
  const info = typeInfoFor(vm, inst);
  const prop = info?.properties.find((p) => p.name === key);
  const mk = (label: string, kind: CompletionKind, i: number, d?: string, doc?: string): CompletionEntry => ({
    label,
    kind,
    detail: d,
    documentation: doc,
    insertText: label,
    replace,
    sortText: String(i).padStart(3, '0'),
  });
  if (key === 'memdev') return memdevs(vm, inst, replace);
  if (key === 'node' || key === 'nodeid') {
    const n = key === 'nodeid' ? vm.numa.filter(isNumaNode).length : numaNodeCount(vm);
    return Array.from({ length: Math.max(1, n) }, (_, i) => mk(String(i), 'value', i, `NUMA node ${i}`));
  }
  if (inst.option.name === 'm' && key === 'maxmem') {
    const s = suggestedMaxmem(vm);
    const list = s !== undefined ? [formatSize(s)] : [];
    for (const v of ['8G', '16G', '32G', '64G']) if (!list.includes(v)) list.push(v);
    return list.map((v, i) => mk(v, 'value', i, i === 0 && s !== undefined ? 'RAM + memory devices' : undefined));
  }
  if (inst.option.name === 'm' && key === 'slots') {
    return [String(suggestedSlots(vm)), '4', '8', '16', '32']
      .filter((v, i, arr) => arr.indexOf(v) === i)
      .map((v, i) => mk(v, 'value', i));
  }
  if (!prop) return [];
  if (prop.type === 'bool') return [mk('on', 'value', 0), mk('off', 'value', 1)];
  if (prop.type === 'enum' && prop.values) return prop.values.map((v, i) => mk(v, 'value', i));
  if (prop.suggestions) return prop.suggestions.map((v, i) => mk(v, 'value', i));
  if (prop.type === 'size') return ['128K', '256M', '1G', '4G', '16G'].map((v, i) => mk(v, 'value', i));
  return [];
}

/** Memory backends for memdev=, those not yet used by another device or NUMA node first. */
function memdevs(vm: VmModel, inst: OptionInstance, replace: Span): CompletionEntry[] {
  const used = new Map<string, string>();
  for (const o of vm.numa) {
    const id = propString(o.props.get('memdev'));
    if (id) used.set(id, '-numa node');
  }
  for (const d of vm.devices as DeviceDef[]) {
    if (d === inst || !d.driver || !MEMORY_DEVICE_DRIVERS.has(d.driver)) continue;
    const id = propString(d.props.get('memdev'));
    if (id) used.set(id, d.driver + (d.id ? ` '${d.id}'` : ''));
  }
  const out: CompletionEntry[] = [];
  for (const o of vm.objects) {
    if (!o.id || !isMemoryBackend(o)) continue;
    const by = used.get(o.id);
    const size = propString(o.props.get('size'));
    const path = propString(o.props.get('mem-path'));
    out.push({
      label: o.id,
      kind: 'reference',
      detail: `${o.qomType}${size ? `, ${size}` : ''}${by ? ` (used by ${by})` : ''}`,
      documentation: path ? `mem-path: \`${path}\`` : undefined,
      insertText: o.id,
      replace,
      sortText: (by ? '1' : '0') + o.id,
      deprecated: by !== undefined,
    });
  }
  return out;
}
