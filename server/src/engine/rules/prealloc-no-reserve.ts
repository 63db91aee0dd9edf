import type { Rule } from './types';
import { propBool } from '../model/query';

/** prealloc=on with reserve=off. */
export const rule: Rule = {
  meta: {
    code: 'prealloc-no-reserve',
    severity: 'error',
    category: 'backend',
    title: 'prealloc=on together with reserve=off',
    upstreamMessage: "'prealloc=on' and 'reserve=off' are incompatible",
  },
  check(ctx) {
    for (const o of ctx.vm.objects) {
      if (!o.qomType?.startsWith('memory-backend-')) continue;
      const pre = o.props.get('prealloc');
      const res = o.props.get('reserve');
      if (propBool(pre) !== true || propBool(res) !== false) continue;
      ctx.report({
        span: res!.entrySpan,
        message: `QEMU refuses prealloc=on with reserve=off ("'prealloc=on' and 'reserve=off' are incompatible"): preallocating needs reserved memory. Drop one of them.`,
        related: [{ span: pre!.entrySpan, message: 'prealloc=on' }],
      });
    }
  },
};
