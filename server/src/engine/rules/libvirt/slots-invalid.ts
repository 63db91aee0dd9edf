import type { LibvirtRule } from './types';

/** P9: <maxMemory slots> must be an unsigned integer. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-slots-invalid',
    severity: 'error',
    category: 'libvirt',
    title: '<maxMemory slots> that is not a number',
    upstreamMessage: 'XML error: Failed to parse memory slot count',
  },
  check(ctx) {
    const slots = ctx.domain.maxMemory?.slots;
    if (!slots || slots.number !== undefined) return;
    ctx.report({
      span: slots.span,
      message: `libvirt refuses the domain: slots='${slots.text}' is not a number ("XML error: Failed to parse memory slot count"). Give the number of hotpluggable memory slots, e.g. slots='16' (at least one per <memory> device).`,
    });
  },
};
