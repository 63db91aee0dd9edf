import type { LibvirtRule } from './types';
import type { Fix } from '../types';
import { setAttribute, suggestedMaxGiB, suggestedSlots, totalKiB } from './common';

/**
 * PP3 (libvirt 9.0.0): <maxMemory> and its `slots` go together; slots='0'
 * or an empty size count as missing. (Upstream since 9.4 allows a
 * <maxMemory> without slots.)
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-maxmemory-slots-pair',
    severity: 'error',
    category: 'libvirt',
    title: '<maxMemory> without slots, or slots without a size',
    upstreamMessage: 'XML error: both maximum memory size and memory slot count must be specified',
  },
  check(ctx) {
    const { domain, text } = ctx;
    const max = domain.maxMemory;
    if (!max || max.size.error) return;
    if (max.slots && max.slots.number === undefined) return; // libvirt-slots-invalid
    const hasSize = (max.size.kib ?? 0n) > 0n;
    const hasSlots = (max.slots?.number ?? 0n) > 0n;
    if (hasSize === hasSlots) return;
    const fixes: Fix[] = [];
    if (!hasSlots) {
      const n = suggestedSlots(domain);
      fixes.push({ title: `Set slots='${n}'`, edits: [setAttribute(text, max.element, 'slots', String(n))], safe: true });
    } else if (!max.size.number) {
      const g = suggestedMaxGiB(totalKiB(domain) ?? 0n);
      const el = max.element;
      const slots = max.slots!.text;
      fixes.push({
        title: `Set <maxMemory> to ${g} GiB`,
        edits: [{ span: el.span, newText: `<maxMemory slots='${slots}' unit='GiB'>${g}</maxMemory>` }],
        safe: false,
      });
    }
    ctx.report({
      span: hasSlots ? max.element.nameSpan : max.slots?.span ?? max.element.nameSpan,
      message: hasSlots
        ? `libvirt 9.0.0 refuses the domain: <maxMemory> has slots but no size ("XML error: both maximum memory size and memory slot count must be specified"). Give the maximum memory, e.g. <maxMemory slots='${max.slots!.text}' unit='GiB'>64</maxMemory>.`
        : `libvirt 9.0.0 refuses the domain: <maxMemory> has no ${max.slots ? 'non-zero ' : ''}slots attribute ("XML error: both maximum memory size and memory slot count must be specified"). Add slots='16' (one per hotpluggable memory device; libvirt 9.4 and later no longer require it).`,
      fixes,
    });
  },
};
