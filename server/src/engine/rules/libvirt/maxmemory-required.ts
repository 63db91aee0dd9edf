import type { LibvirtRule } from './types';
import { fmtKiB, insertBefore, suggestedMaxGiB, suggestedSlots, totalKiB } from './common';

/** Q1: libvirt's QEMU driver refuses memory devices without <maxMemory>. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-maxmemory-required',
    severity: 'error',
    category: 'libvirt',
    title: 'Memory device without <maxMemory>',
    upstreamMessage: "unsupported configuration: cannot use/hotplug a memory device when domain 'maxMemory' is not defined",
  },
  check(ctx) {
    const { domain, text } = ctx;
    if (domain.maxMemory || !domain.memoryDevices.length) return;
    const total = totalKiB(domain) ?? 0n;
    const g = suggestedMaxGiB(total);
    const slots = suggestedSlots(domain);
    const markup = `<maxMemory slots='${slots}' unit='GiB'>${g}</maxMemory>`;
    const anchor = domain.memory?.element ?? domain.element.children[0];
    const fixes = anchor
      ? [{ title: `Add ${markup}`, edits: [insertBefore(text, anchor, [markup])], safe: true }]
      : [];
    for (const dev of domain.memoryDevices) {
      ctx.report({
        span: dev.element.nameSpan,
        message: `libvirt refuses this <memory model='${dev.model?.text ?? '?'}'> device: the domain has no <maxMemory> ("unsupported configuration: cannot use/hotplug a memory device when domain 'maxMemory' is not defined"). QEMU puts memory devices in hotplug space, which -m maxmem/slots create. Add ${markup}${total ? ` (the guest has ${fmtKiB(total)} in all)` : ''}.`,
        fixes,
      });
    }
  },
};
