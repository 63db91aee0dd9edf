import type { Rule } from './types';
import { propSize } from '../model/query';

/** A memory backend of size 0. */
export const rule: Rule = {
  meta: {
    code: 'size-zero',
    severity: 'error',
    category: 'backend',
    title: 'Memory backend with size=0',
    upstreamMessage: "property 'size' of memory-backend-file doesn't take value '0'",
  },
  check(ctx) {
    for (const o of ctx.vm.objects) {
      if (!o.qomType?.startsWith('memory-backend-')) continue;
      const p = o.props.get('size');
      if (!p || propSize(p) !== 0) continue;
      ctx.report({
        span: p.span,
        message: `QEMU refuses size=${p.raw} ("property 'size' of ${o.qomType} doesn't take value '0'"). Give the backend its real size, e.g. size=1G.`,
      });
    }
  },
};
