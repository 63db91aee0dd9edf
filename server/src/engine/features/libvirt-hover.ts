/**
 * Hover in libvirt domain XML for the persistent-memory parts: what an
 * element, attribute or value means to libvirt and what QEMU gets from it;
 * sizes in bytes (and after libvirt's alignment for device sizes); where a
 * device's effective access mode comes from. The generated arguments of a
 * whole <memory> device are shown by features/hover.ts over its start tag.
 */
import type { DocumentAnalysis } from '../analyze';
import type { Span } from '../text';
import type { LibvirtDomain, MemoryDevice, ScaledValue, XmlElement } from '../xml/types';
import { effectiveAccess, fmtKiB, isPpc64 } from '../rules/libvirt/common';
import { alignedKiB } from '../rules/libvirt/size-rounded';
import { attributeDocs, childDocs, valueDocs } from './libvirt-completion';
import type { HoverResult } from './hover';

function within(s: Span, o: number): boolean {
  return o >= s.start && o <= s.end;
}

/** The chain of elements from the root down to the innermost one holding `offset`. */
function chainAt(root: XmlElement | undefined, offset: number): XmlElement[] {
  const chain: XmlElement[] = [];
  let el = root && within(root.span, offset) ? root : undefined;
  while (el) {
    chain.push(el);
    el = el.children.find((c) => within(c.span, offset));
  }
  return chain;
}

function same(a: Span | undefined, b: Span): boolean {
  return !!a && a.start === b.start && a.end === b.end;
}

function bytesLine(v: ScaledValue): string | undefined {
  if (v.error) return `libvirt cannot read this size: ${v.error.message}`;
  if (v.bytes === undefined || v.kib === undefined) return undefined;
  const exact = v.bytes === v.kib * 1024n ? '' : ` (libvirt rounds up to ${v.kib} KiB)`;
  return `= ${v.bytes} bytes, ${fmtKiB(v.kib)}${exact}`;
}

function accessChain(domain: LibvirtDomain, dev: MemoryDevice): string {
  const eff = effectiveAccess(domain, dev);
  const from = {
    device: "the device's `access`",
    'numa-cell': "its NUMA cell's `memAccess`",
    memoryBacking: '`<memoryBacking><access mode>`',
    'virtio-pmem-default': 'the virtio-pmem default (libvirt forces shared)',
    none: 'nothing: no `access`, no cell `memAccess`, no `<memoryBacking><access>`',
  }[eff.from];
  const share = eff.mode === 'shared' ? '`share=true`' : eff.mode === 'private' ? '`share=false` (guest writes are lost)' : 'no `share` (QEMU default off: guest writes are lost)';
  return `Effective access: **${eff.mode ?? 'unset'}**, from ${from} → QEMU backend gets ${share}.`;
}

function deviceOf(domain: LibvirtDomain, chain: readonly XmlElement[]): MemoryDevice | undefined {
  return domain.memoryDevices.find((d) => chain.includes(d.element));
}

/** Scaled values by the element that holds them. */
function scaledFor(domain: LibvirtDomain, el: XmlElement): { v: ScaledValue; dev?: MemoryDevice; what: string } | undefined {
  if (domain.memory?.element === el) return { v: domain.memory.size, what: 'total memory (boot RAM + devices)' };
  if (domain.maxMemory?.element === el) return { v: domain.maxMemory.size, what: 'maximum memory (-m maxmem)' };
  if (domain.currentMemory?.element === el) return { v: domain.currentMemory.size, what: 'current memory' };
  for (const dev of domain.memoryDevices) {
    const t = dev.target;
    if (same(t?.size?.span, el.span) && t?.size) return { v: t.size, dev, what: 'device size' };
    if (same(t?.label?.size?.span, el.span) && t?.label?.size) return { v: t.label.size, dev, what: 'label size' };
    if (same(dev.source?.alignsize?.span, el.span) && dev.source?.alignsize) return { v: dev.source.alignsize, dev, what: 'backend alignment' };
  }
  return undefined;
}

export function hoverLibvirt(a: DocumentAnalysis, offset: number): HoverResult | undefined {
  const lv = a.libvirt;
  const domain = lv?.domain;
  if (!lv || !domain) return undefined;
  const chain = chainAt(lv.doc.root, offset);
  const el = chain[chain.length - 1];
  if (!el) return undefined;
  const parent = chain[chain.length - 2]?.local;
  const grand = chain[chain.length - 3]?.local;
  const dev = deviceOf(domain, chain);

  // Element name (start or end tag). A device's own <memory> tag is hover.ts's.
  if (within(el.nameSpan, offset) || (el.endTagSpan && within(el.endTagSpan, offset))) {
    if (dev && dev.element === el) return undefined;
    const doc = childDocs(grand, parent ?? '').find((d) => d.name === el.local);
    if (!doc) return undefined;
    return { markdown: doc.doc, span: within(el.nameSpan, offset) ? el.nameSpan : el.endTagSpan! };
  }

  // Attributes.
  for (const at of el.attributes) {
    if (!within(at.span, offset)) continue;
    if (at.valueSpan && within(at.valueSpan, offset) && at.value) {
      const v = at.value.text;
      const lines: string[] = [];
      const doc = valueDocs(parent, el.local, at.local).find((d) => d.name === v);
      if (doc) lines.push(doc.doc);
      if (dev && dev.element === el && at.local === 'access') lines.push(accessChain(domain, dev));
      const cell = domain.cpu?.numa?.cells.find((c) => c.element === el);
      if (cell && at.local === 'memory') {
        const b = bytesLine(cell.memory);
        if (b) lines.push(`Cell memory ${b}.`);
      }
      if (!lines.length) return undefined;
      return { markdown: lines.join('\n\n'), span: at.valueSpan };
    }
    const doc = attributeDocs(parent, el.local).find((d) => d.name === at.local);
    if (!doc) return undefined;
    const extra = dev && dev.element === el && at.local === 'access' ? `\n\n${accessChain(domain, dev)}` : '';
    return { markdown: doc.doc + extra, span: at.nameSpan };
  }

  // Text content: sizes, node, path.
  if (offset >= el.startTagSpan.end && (!el.endTagSpan || offset <= el.endTagSpan.start)) {
    const s = scaledFor(domain, el);
    if (s?.v.number) {
      const lines = [`**${s.what}** ${bytesLine(s.v) ?? ''}`.trim()];
      const m = s.dev?.model?.text;
      if (s.what === 'device size' && s.dev && m && s.v.kib !== undefined) {
        const label = m === 'nvdimm' ? s.dev.target?.label?.size?.kib ?? 0n : 0n;
        const al = label < s.v.kib ? alignedKiB(isPpc64(domain), m, s.v.kib, label) : undefined;
        if (al !== undefined) lines.push(`QEMU gets \`size=${al * 1024n}\` (${fmtKiB(al)})${al !== s.v.kib ? ', after libvirt\'s alignment' : ''}.`);
        if (m === 'nvdimm' && label > 0n && al !== undefined) lines.push(`The guest sees ${fmtKiB(al - label)} of persistent memory (size minus the ${fmtKiB(label)} label).`);
      }
      return { markdown: lines.join('\n\n'), span: s.v.number.span };
    }
    const t = dev?.target;
    if (dev && t?.node && el.local === 'node' && within(t.node.span, offset)) {
      const n = t.node.number;
      const cells = domain.cpu?.numa?.cells ?? [];
      const cell = n !== undefined && n < BigInt(cells.length) ? cells[Number(n)] : undefined;
      const text = cell
        ? `Guest NUMA node ${n}: cell with cpus '${cell.cpus?.text ?? ''}' and ${cell.memory.kib !== undefined ? fmtKiB(cell.memory.kib) : '?'} of boot memory. QEMU gets \`"node":${n}\`.`
        : `Guest NUMA node ${t.node.text}: the guest has ${cells.length} NUMA cell(s).`;
      return { markdown: text, span: t.node.span };
    }
    const p = dev?.source?.path;
    if (dev && p && el.local === 'path' && within(p.span, offset)) {
      return {
        markdown: `Backing file → \`"mem-path":${JSON.stringify(p.text)}\` of a \`memory-backend-file\`.\n\n${accessChain(domain, dev)}`,
        span: p.span,
      };
    }
  }
  return undefined;
}
