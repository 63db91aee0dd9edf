import type { Rule } from './types';
import { placement } from './placement';
import { named } from './common';

/** Two DIMMs asking for (or landing on) the same slot. */
export const rule: Rule = {
  meta: {
    code: 'slot-busy',
    severity: 'error',
    category: 'nvdimm',
    title: 'Two NVDIMMs in the same slot',
    upstreamMessage: 'slot 0 is busy',
  },
  check(ctx) {
    for (const p of placement(ctx.vm).problems) {
      if (p.kind !== 'slot-busy') continue;
      const holderSlot = p.holder.props.get('slot');
      ctx.report({
        span: p.prop.span,
        message: `QEMU refuses slot=${p.prop.raw}: ${p.holder.driver}${named(p.holder)} already ${holderSlot ? 'has' : 'was given'} slot ${p.slot} ("slot ${p.slot} is busy"). Give each device its own slot, or leave slot= out.`,
        related: [{ span: holderSlot?.span ?? p.holder.argSpan, message: `slot ${p.slot} taken here` }],
      });
    }
  },
};
