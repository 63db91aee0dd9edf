import type { Rule } from './types';
import { propSize } from '../model/query';
import { formatSize } from '../qemu/size';
import { hex } from './common';

const PAGE = 4096;

/** align= must be a multiple of the page size and a power of two. */
export const rule: Rule = {
  meta: {
    code: 'invalid-align',
    severity: 'error',
    category: 'backend',
    title: 'Backend align= not a power of two or not a page multiple',
    upstreamMessage: 'alignment 0x300000 must be a power of two',
  },
  check(ctx) {
    for (const o of ctx.vm.objects) {
      if (o.qomType !== 'memory-backend-file') continue;
      const p = o.props.get('align');
      const a = propSize(p);
      if (!p || a === undefined || a === 0) continue;
      const pow2 = 2 ** Math.ceil(Math.log2(Math.max(a, PAGE)));
      if (a % PAGE !== 0) {
        ctx.report({
          span: p.span,
          message: `QEMU refuses align=${p.raw}: it must be a multiple of the host page size ("alignment ${hex(a)} must be multiples of page size ${hex(PAGE)}"). Use align=${formatSize(pow2)}, or leave align= out.`,
        });
      } else if ((a & (a - 1)) !== 0 || !Number.isSafeInteger(a)) {
        ctx.report({
          span: p.span,
          message: `QEMU refuses align=${p.raw}: it must be a power of two ("alignment ${hex(a)} must be a power of two"). Use align=${formatSize(pow2)}.`,
        });
      }
    }
  },
};
