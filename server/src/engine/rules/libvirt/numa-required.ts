import type { LibvirtRule } from './types';
import type { TextEdit } from '../types';
import type { LibvirtDomain } from '../../xml/types';
import { firstChild } from '../../xml/parse';
import { cellsOf, indentUnit, initialKiB, insertAfter, insertBefore, insertChild, isPpc64 } from './common';

/** The edit adding one NUMA cell holding all vCPUs and the boot memory. */
export function addCellEdit(domain: LibvirtDomain, text: string): TextEdit | undefined {
  const kib = initialKiB(domain);
  if (!kib) return undefined;
  const vcpus = Number(domain.vcpu?.count?.number ?? 1n);
  const cpus = vcpus > 1 ? `0-${vcpus - 1}` : '0';
  const cell = `<cell id='0' cpus='${cpus}' memory='${kib}' unit='KiB'/>`;
  const unit = indentUnit(text, domain);
  const cpu = domain.cpu;
  if (cpu?.numa) return insertChild(text, cpu.numa.element, [cell], unit);
  if (cpu) return insertChild(text, cpu.element, ['<numa>', unit + cell, '</numa>'], unit);
  const lines = ['<cpu>', `${unit}<numa>`, `${unit}${unit}${cell}`, `${unit}</numa>`, '</cpu>'];
  const after = firstChild(domain.element, 'features') ?? firstChild(domain.element, 'os');
  if (after) return insertAfter(text, after, lines);
  const before = firstChild(domain.element, 'devices');
  if (before) return insertBefore(text, before, lines);
  return insertChild(text, domain.element, lines, unit);
}

/**
 * Q2: on non-ppc64 guests, memory hotplug (<maxMemory>) needs at least one
 * guest NUMA cell, with or without memory devices. A <numa> without any
 * <cell> is refused by the parser.
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-numa-required',
    severity: 'error',
    category: 'libvirt',
    title: '<maxMemory> without a guest NUMA cell (x86 and others)',
    upstreamMessage: 'unsupported configuration: At least one numa node has to be configured when enabling memory hotplug',
  },
  check(ctx) {
    const { domain, text } = ctx;
    const numa = domain.cpu?.numa;
    if (numa && !numa.cells.length) {
      const edit = addCellEdit(domain, text);
      ctx.report({
        span: numa.element.nameSpan,
        message: `libvirt refuses the domain: <numa> has no <cell> ("XML error: NUMA topology defined without NUMA cells"). Add <cell id='0' cpus='0-N' memory='...' unit='KiB'/>.`,
        fixes: edit ? [{ title: 'Add a NUMA cell', edits: [edit], safe: true }] : [],
      });
      return;
    }
    const max = domain.maxMemory;
    if (!max || isPpc64(domain) || cellsOf(domain).length) return;
    // Only when memory hotplug is on (a size and slots; otherwise maxmemory-slots-pair).
    if (!max.size.kib || !max.slots?.number) return;
    const edit = addCellEdit(domain, text);
    ctx.report({
      span: max.element.nameSpan,
      message: `libvirt refuses the domain: <maxMemory> enables memory hotplug, which needs at least one guest NUMA node ("unsupported configuration: At least one numa node has to be configured when enabling memory hotplug"). Add <cpu><numa><cell id='0' cpus='...' memory='...' unit='KiB'/></numa></cpu> holding the boot memory (<memory> minus the devices).`,
      fixes: edit ? [{ title: 'Add a NUMA cell with the boot memory', edits: [edit], safe: true }] : [],
    });
  },
};
