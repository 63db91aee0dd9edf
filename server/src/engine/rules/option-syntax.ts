import type { Rule } from './types';
import { allInstances } from './common';

/** Errors from QEMU's option parsers (malformed JSON, duplicate JSON keys, missing argument, ...). */
export const rule: Rule = {
  meta: {
    code: 'option-syntax',
    severity: 'error',
    category: 'syntax',
    title: 'Option string QEMU cannot parse',
    upstreamMessage: 'JSON parse error, expecting value',
  },
  check(ctx) {
    for (const inst of allInstances(ctx.vm)) {
      if (!inst.option.arg) {
        ctx.report({
          span: inst.option.flag.span,
          message: `QEMU refuses -${inst.option.name} without an argument ("requires an argument").`,
        });
        continue;
      }
      for (const err of inst.parsed.errors) {
        // Bare flags in -machine have their own rule and fix.
        if (inst.option.name === 'machine' && err.message.startsWith("Expected '=' after parameter")) continue;
        ctx.report({ span: inst.mapRange(err.from, err.to), message: `QEMU refuses this -${inst.option.name}: ${err.message}.` });
      }
    }
  },
};
