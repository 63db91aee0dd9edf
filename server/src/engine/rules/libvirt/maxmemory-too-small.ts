import type { LibvirtRule } from './types';
import { cellsKiB, fmtKiB, suggestedMaxGiB, totalKiB } from './common';

/**
 * PP4: <maxMemory> must cover the total memory: with NUMA cells, libvirt
 * recomputes the total as cells + devices; without, it is <memory>.
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-maxmemory-too-small',
    severity: 'error',
    category: 'libvirt',
    title: '<maxMemory> smaller than boot memory plus devices',
    upstreamMessage: 'XML error: maximum memory size must be equal or greater than the actual memory size',
  },
  check(ctx) {
    const { domain } = ctx;
    const max = domain.maxMemory;
    const maxKiB = max?.size.kib;
    if (!max || !maxKiB) return;
    const total = totalKiB(domain);
    if (total === undefined || maxKiB >= total) return;
    const g = suggestedMaxGiB(total);
    const num = max.size.number;
    ctx.report({
      span: num?.span ?? max.element.nameSpan,
      message: `libvirt refuses the domain: <maxMemory> is ${fmtKiB(maxKiB)} but the guest has ${fmtKiB(total)}${cellsKiB(domain) > 0n ? ' (NUMA cells plus memory devices)' : ''} ("XML error: maximum memory size must be equal or greater than the actual memory size"). Raise <maxMemory> to at least ${fmtKiB(total)}.`,
      fixes: num
        ? [{
            title: `Raise <maxMemory> to ${g} GiB`,
            edits: [
              { span: num.span, newText: String(g) },
              max.size.unit ? { span: max.size.unit.span, newText: 'GiB' } : { span: { start: max.element.nameSpan.end, end: max.element.nameSpan.end }, newText: " unit='GiB'" },
            ],
            safe: true,
          }]
        : [],
    });
  },
};
