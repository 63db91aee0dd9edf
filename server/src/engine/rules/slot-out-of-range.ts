import type { Rule } from './types';
import { placement } from './placement';

/** `slot=` must be -1 (auto) or within 0 .. slots-1. */
export const rule: Rule = {
  meta: {
    code: 'slot-out-of-range',
    severity: 'error',
    category: 'nvdimm',
    title: 'NVDIMM slot= outside 0 .. slots-1',
    upstreamMessage: 'invalid slot number 2, valid range is [0-1]',
  },
  check(ctx) {
    for (const p of placement(ctx.vm).problems) {
      if (p.kind !== 'slot-range') continue;
      ctx.report({
        span: p.prop.span,
        message: `QEMU refuses slot=${p.prop.raw}: -m has slots=${p.slots}, so slots are numbered 0 to ${p.slots - 1} ("invalid slot number ${p.slot}, valid range is [0-${p.slots - 1}]"). Use a slot in range, leave slot= out (QEMU picks a free one), or raise -m slots.`,
      });
    }
  },
};
