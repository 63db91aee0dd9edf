import type { Rule } from './types';
import { placement } from './placement';

/** An explicit address overlapping another memory device. */
export const rule: Rule = {
  meta: {
    code: 'addr-conflict',
    severity: 'error',
    category: 'nvdimm',
    title: 'Guest address overlaps another memory device',
    upstreamMessage: "address range conflicts with memory device id='nv1'",
  },
  check(ctx) {
    const pl = placement(ctx.vm);
    for (const p of pl.problems) {
      if (p.kind !== 'addr-conflict') continue;
      const other = pl.placed.get(p.holder);
      const id = p.holder.id ?? '(unnamed)';
      ctx.report({
        span: p.prop.span,
        message: `QEMU refuses ${p.prop.key}=${p.prop.raw}: it overlaps ${p.holder.driver} '${id}'${other ? ` at 0x${other.addr.toString(16)}-0x${(other.addr + other.size).toString(16)}` : ''} ("address range conflicts with memory device id='${id}'"). Leave ${p.prop.key}= out, or pick an address past the other device.`,
        related: [{ span: p.holder.props.get('driver')?.span ?? p.holder.argSpan, message: `'${id}'` }],
      });
    }
  },
};
