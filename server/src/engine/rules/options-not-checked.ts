import { thousands } from '../format';
import type { Rule } from './types';

/**
 * Not a QEMU error: says where checking stopped in an invocation with more
 * options than the model holds (MAX_MODEL_OPTIONS in model/build.ts), so a
 * clean result past that point is never mistaken for a checked one.
 */
export const rule: Rule = {
  meta: {
    code: 'options-not-checked',
    severity: 'information',
    category: 'syntax',
    title: 'Options past the per-invocation limit are not checked',
  },
  check(ctx) {
    const t = ctx.vm.truncated;
    if (!t) return;
    const rest = t.total - t.limit;
    ctx.report({
      span: t.span,
      message:
        `qemu-pmem checked the first ${thousands(t.limit)} of the ${thousands(t.total)} -object/-device/-machine/-m/-numa options of this command; ` +
        `this one and the ${thousands(rest - 1)} after it are not checked (a limit that keeps the editor responsive on generated input).`,
    });
  },
};
