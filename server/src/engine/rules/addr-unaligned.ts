import type { Rule } from './types';
import { placement } from './placement';
import { hex } from './common';

/** nvdimm addr= / virtio-pmem memaddr= must be a multiple of the backend's alignment. */
export const rule: Rule = {
  meta: {
    code: 'addr-unaligned',
    severity: 'error',
    category: 'nvdimm',
    title: 'Guest address not aligned to the backend alignment',
    upstreamMessage: 'address must be aligned to 0x1000 bytes',
  },
  check(ctx) {
    for (const p of placement(ctx.vm).problems) {
      if (p.kind !== 'addr-unaligned') continue;
      const down = Math.floor(p.addr / p.align) * p.align;
      const up = down + p.align;
      ctx.report({
        span: p.prop.span,
        message: `QEMU refuses ${p.prop.key}=${p.prop.raw}: the address must be a multiple of the backend's alignment ${hex(p.align)} ("address must be aligned to ${hex(p.align)} bytes"). Use ${hex(up)} (or ${hex(down)}), or leave ${p.prop.key}= out and let QEMU choose.`,
      });
    }
  },
};
