/**
 * Helpers shared by the libvirt rules: facts about the domain computed the
 * way libvirt 9.0.0 computes them (sizes in KiB, effective access mode,
 * slots), and text edits for quick fixes that keep the document's layout
 * (new elements on their own line, indented like their siblings).
 */
import { memoize } from '../../memo';
import type { Span } from '../../text';
import type { TextEdit } from '../types';
import { getAttribute } from '../../xml/parse';
import type { LibvirtDomain, MemoryDevice, NumaCell, XmlElement } from '../../xml/types';

// ---------------------------------------------------------------------------
// Domain facts

/** The architecture as written (libvirt's default for the qemu driver here is x86_64). */
export function archOf(domain: LibvirtDomain): string {
  return domain.os?.type?.arch?.text ?? 'x86_64';
}

export function isPpc64(domain: LibvirtDomain): boolean {
  return archOf(domain).startsWith('ppc64');
}

export function isX86(domain: LibvirtDomain): boolean {
  const a = archOf(domain);
  return a === 'x86_64' || a === 'i686';
}

/** The model as written ('' when the attribute is empty, undefined when absent). */
export function modelText(dev: MemoryDevice): string | undefined {
  const a = getAttribute(dev.element, 'model');
  return a?.value?.text;
}

/** libvirt 9.0.0's memory device models (virDomainMemoryModel). */
export const MEMORY_MODELS = ['dimm', 'nvdimm', 'virtio-pmem', 'virtio-mem', 'sgx-epc'] as const;

/** Models that take a dimm slot (pc-dimm and nvdimm). */
export function usesDimmSlot(dev: MemoryDevice): boolean {
  const m = dev.model?.text;
  return m === 'dimm' || m === 'nvdimm';
}

/** Address types libvirt 9.0.0 knows (virDomainDeviceAddressType). */
export const ADDRESS_TYPES = [
  'none', 'pci', 'drive', 'virtio-serial', 'ccid', 'usb', 'spapr-vio', 'virtio-s390',
  'ccw', 'virtio-mmio', 'isa', 'dimm', 'unassigned',
] as const;

export function cellsOf(domain: LibvirtDomain): readonly NumaCell[] {
  return domain.cpu?.numa?.cells ?? [];
}

/** Sum of the memory device sizes in KiB, as libvirt keeps them (unaligned). */
export function devicesKiB(domain: LibvirtDomain): bigint {
  return domain.memoryDevices.reduce((a, d) => a + (d.target?.size?.kib ?? 0n), 0n);
}

/** Sum of the NUMA cell sizes in KiB (0 without cells). */
export function cellsKiB(domain: LibvirtDomain): bigint {
  return cellsOf(domain).reduce((a, c) => a + (c.memory.kib ?? 0n), 0n);
}

/**
 * The total memory libvirt works with after post-parse: with NUMA cells,
 * `virsh define` recomputes it as cells + devices (ABI update); otherwise
 * it is <memory>. Undefined when <memory> is missing or invalid and there
 * are no cells.
 */
export function totalKiB(domain: LibvirtDomain): bigint | undefined {
  const cells = cellsKiB(domain);
  if (cells > 0n) return cells + devicesKiB(domain);
  return domain.memory?.size.kib;
}

/** Initial (boot) memory: total minus the devices. */
export function initialKiB(domain: LibvirtDomain): bigint | undefined {
  const cells = cellsKiB(domain);
  if (cells > 0n) return cells;
  const total = domain.memory?.size.kib;
  if (total === undefined) return undefined;
  const d = devicesKiB(domain);
  return total > d ? total - d : 0n;
}

/** Where a device's effective access mode comes from (qemuBuildMemoryBackendProps). */
export interface EffectiveAccess {
  /** 'shared' | 'private' | something invalid; undefined = nothing set anywhere (QEMU default: share=off). */
  readonly mode?: string;
  readonly from: 'device' | 'numa-cell' | 'memoryBacking' | 'virtio-pmem-default' | 'none';
  /** The attribute value that decides, when there is one. */
  readonly span?: Span;
}

/**
 * The access mode libvirt uses for a device's backend: the device's own
 * `access`, else its NUMA cell's `memAccess`, else
 * `<memoryBacking><access mode>`; virtio-pmem without `access` is forced to
 * shared at post-parse.
 */
export function effectiveAccess(domain: LibvirtDomain, dev: MemoryDevice): EffectiveAccess {
  if (dev.access) return { mode: dev.access.text, from: 'device', span: dev.access.span };
  if (dev.model?.text === 'virtio-pmem') return { mode: 'shared', from: 'virtio-pmem-default' };
  const node = dev.target?.node?.number;
  const cells = cellsOf(domain);
  const cell = node !== undefined && node < BigInt(cells.length) ? cells[Number(node)] : undefined;
  if (cell?.memAccess) return { mode: cell.memAccess.text, from: 'numa-cell', span: cell.memAccess.span };
  const mb = domain.memoryBacking?.access?.mode;
  if (mb) return { mode: mb.text, from: 'memoryBacking', span: mb.span };
  return { from: 'none' };
}

/** Human size: "512 MiB" when exact, else KiB. */
export function fmtKiB(kib: bigint): string {
  if (kib !== 0n && kib % 1048576n === 0n) return `${kib / 1048576n} GiB`;
  if (kib !== 0n && kib % 1024n === 0n) return `${kib / 1024n} MiB`;
  return `${kib} KiB`;
}

/** "<memory model='nvdimm'>" (or "#2") for messages. */
export function devName(dev: MemoryDevice): string {
  return `<memory model='${dev.model?.text ?? '?'}'>`;
}

/**
 * The dimm slot libvirt would use for a device with a dimm address (or a
 * non-dimm address it rewrites to dimm: the pci `domain` becomes the slot).
 */
export function dimmSlotOf(dev: MemoryDevice): bigint | undefined {
  const a = dev.address;
  if (!a || !usesDimmSlot(dev)) return undefined;
  if (a.type?.text === 'dimm') return a.slot?.number;
  if (a.type?.text === 'pci') return a.domain?.number ?? 0n;
  return undefined;
}

/** Per domain: how many devices hold each dimm slot, and the lowest slot none holds. */
interface SlotUse {
  readonly count: ReadonlyMap<bigint, number>;
  readonly lowestFree: bigint;
}
const slotUseOf = memoize((domain: LibvirtDomain): SlotUse => {
  const count = new Map<bigint, number>();
  for (const d of domain.memoryDevices) {
    const s = dimmSlotOf(d);
    if (s !== undefined) count.set(s, (count.get(s) ?? 0) + 1);
  }
  let lowestFree = 0n;
  while (count.has(lowestFree)) lowestFree++;
  return { count, lowestFree };
});

/**
 * The lowest dimm slot no other device uses. Rules ask per device: the slot
 * counts are computed once per domain (the domain model is never changed).
 */
export function freeDimmSlot(domain: LibvirtDomain, except?: MemoryDevice): number {
  const { count, lowestFree } = slotUseOf(domain);
  // Without `except`, its slot frees up only if no other device holds it.
  const own = except ? dimmSlotOf(except) : undefined;
  if (own !== undefined && own < lowestFree && count.get(own) === 1) return Number(own);
  return Number(lowestFree);
}

// ---------------------------------------------------------------------------
// Layout-keeping edits

/** Start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The whitespace before `offset` on its line, when only whitespace precedes it. */
export function indentAt(text: string, offset: number): string | undefined {
  const s = lineStart(text, offset);
  const before = text.slice(s, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** The line break the document uses. */
export function eol(text: string): string {
  // Fixes ask once per finding; the answer for the last document is kept.
  if (text !== eolText) {
    eolText = text;
    eolValue = text.includes('\r\n') ? '\r\n' : '\n';
  }
  return eolValue;
}
let eolText: string | undefined;
let eolValue = '\n';

/** The indentation step of the document (what <domain>'s children are indented by). */
export function indentUnit(text: string, domain: LibvirtDomain): string {
  const first = domain.element.children[0];
  const parent = indentAt(text, domain.element.span.start) ?? '';
  const child = first ? indentAt(text, first.span.start) : undefined;
  if (child !== undefined && child.length > parent.length && child.startsWith(parent)) return child.slice(parent.length);
  return '  ';
}

/** Indentation of an element (its line's leading white space; '' when something precedes it). */
export function elementIndent(text: string, el: XmlElement): string {
  return indentAt(text, el.span.start) ?? '';
}

/** Indentation for a new child of `parent`: like its existing children, else one step deeper. */
export function childIndent(text: string, parent: XmlElement, unit: string): string {
  for (const c of parent.children) {
    const i = indentAt(text, c.span.start);
    if (i !== undefined) return i;
  }
  return elementIndent(text, parent) + unit;
}

/** Indents a multi-line fragment: each line gets `indent` in front (lines are given relative). */
function block(lines: readonly string[], indent: string, nl: string): string {
  return lines.map((l) => indent + l).join(nl);
}

/** Inserts `lines` (relative indentation) as a new sibling line right before `el`. */
export function insertBefore(text: string, el: XmlElement, lines: readonly string[]): TextEdit {
  const nl = eol(text);
  const indent = indentAt(text, el.span.start);
  if (indent === undefined) return { span: { start: el.span.start, end: el.span.start }, newText: lines.join('') };
  const at = el.span.start - indent.length;
  return { span: { start: at, end: at }, newText: block(lines, indent, nl) + nl };
}

/** Inserts `lines` as a new sibling line right after `el`. */
export function insertAfter(text: string, el: XmlElement, lines: readonly string[]): TextEdit {
  const nl = eol(text);
  const indent = indentAt(text, el.span.start);
  if (indent === undefined) return { span: { start: el.span.end, end: el.span.end }, newText: lines.join('') };
  return { span: { start: el.span.end, end: el.span.end }, newText: nl + block(lines, indent, nl) };
}

/**
 * Inserts `lines` as the last child of `parent` (or the first, with
 * `first`), on their own lines, indented like the other children.
 */
export function insertChild(text: string, parent: XmlElement, lines: readonly string[], unit: string, first = false): TextEdit {
  const nl = eol(text);
  const ci = childIndent(text, parent, unit);
  if (first && parent.children.length) return insertBefore(text, parent.children[0], lines);
  if (!first && parent.children.length) return insertAfter(text, parent.children[parent.children.length - 1], lines);
  const pi = elementIndent(text, parent);
  if (parent.selfClosing) {
    // <features/> → <features>\n  <acpi/>\n</features>
    const tag = text.slice(parent.startTagSpan.start, parent.startTagSpan.end).replace(/\s*\/>$/, '>');
    return { span: parent.span, newText: `${tag}${nl}${block(lines, ci, nl)}${nl}${pi}</${parent.name}>` };
  }
  const end = parent.endTagSpan;
  if (!end) return { span: { start: parent.startTagSpan.end, end: parent.startTagSpan.end }, newText: lines.join('') };
  const endIndent = indentAt(text, end.start);
  if (endIndent !== undefined) {
    // The end tag is on its own line: new lines go just before that line.
    const at = end.start - endIndent.length;
    return { span: { start: at, end: at }, newText: block(lines, ci, nl) + nl };
  }
  // <numa></numa> on one line: open it up.
  return { span: { start: parent.startTagSpan.end, end: end.start }, newText: nl + block(lines, ci, nl) + nl + pi };
}

/**
 * Removes an element; when it is alone on its line(s), the whole line goes
 * (indentation and line break included).
 */
export function removeElement(text: string, el: XmlElement): TextEdit {
  const indent = indentAt(text, el.span.start);
  let end = el.span.end;
  let j = end;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  if (indent !== undefined && (j === text.length || text[j] === '\n' || text[j] === '\r')) {
    if (text[j] === '\r' && text[j + 1] === '\n') j += 2;
    else if (j < text.length) j++;
    end = j;
    return { span: { start: el.span.start - indent.length, end }, newText: '' };
  }
  return { span: el.span, newText: '' };
}

/** Removes an attribute together with the white space before it. */
export function removeAttribute(text: string, el: XmlElement, name: string): TextEdit | undefined {
  const a = getAttribute(el, name);
  if (!a) return undefined;
  let s = a.span.start;
  while (s > 0 && /\s/.test(text[s - 1])) s--;
  return { span: { start: s, end: a.span.end }, newText: '' };
}

/** Sets an attribute: replaces its value, or adds `name='value'` after the last attribute / the name. */
export function setAttribute(text: string, el: XmlElement, name: string, value: string): TextEdit {
  const a = getAttribute(el, name);
  if (a?.valueSpan) return { span: a.valueSpan, newText: value };
  if (a) return { span: a.span, newText: `${name}='${value}'` };
  const last = el.attributes[el.attributes.length - 1];
  const at = last ? last.span.end : el.nameSpan.end;
  // Quote like the element's other attributes.
  const q = last && text[last.span.end - 1] === '"' ? '"' : "'";
  return { span: { start: at, end: at }, newText: ` ${name}=${q}${value}${q}` };
}

// ---------------------------------------------------------------------------
// Suggestions

/** A <maxMemory> size covering `kib`, in whole GiB. */
export function suggestedMaxGiB(kib: bigint): bigint {
  const g = (kib + 1048575n) / 1048576n;
  return g > 0n ? g : 1n;
}

/** Slots for the devices present (16, libvirt's usual value, or more). */
export function suggestedSlots(domain: LibvirtDomain): number {
  return Math.max(16, domain.memoryDevices.length);
}
