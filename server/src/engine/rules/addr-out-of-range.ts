import type { Rule } from './types';
import { placement } from './placement';
import { hex } from './common';

/** An explicit address outside the device-memory window. */
export const rule: Rule = {
  meta: {
    code: 'addr-out-of-range',
    severity: 'error',
    category: 'nvdimm',
    title: 'Guest address outside the device-memory window',
    upstreamMessage: "can't add memory device [0x1000:0x10000000], usable range for memory devices [0x100000000:0x1e0000000]",
  },
  check(ctx) {
    for (const p of placement(ctx.vm).problems) {
      if (p.kind !== 'addr-range') continue;
      ctx.report({
        span: p.prop.span,
        message: `QEMU refuses ${p.prop.key}=${p.prop.raw}: the device (${hex(p.size)} bytes) must lie inside device memory, which starts at ${hex(p.base)} and is ${hex(p.windowSize)} bytes long (maxmem - size, plus 1G per slot) ("can't add memory device [${hex(p.addr)}:${hex(p.size)}], usable range for memory devices [${hex(p.base)}:${hex(p.windowSize)}]"). Leave ${p.prop.key}= out, or use an address from ${hex(p.base)} on.`,
      });
    }
  },
};
