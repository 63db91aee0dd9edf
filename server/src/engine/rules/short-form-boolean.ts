import type { Rule } from './types';
import { typedEntries } from './common';

/** QemuOpts `share` / `noshare` flags: accepted with a deprecation warning. */
export const rule: Rule = {
  meta: {
    code: 'short-form-boolean',
    severity: 'warning',
    category: 'syntax',
    title: 'Deprecated short-form boolean (share, noshare, unarmed)',
    upstreamMessage: "warning: short-form boolean option 'share' deprecated",
  },
  check(ctx) {
    for (const { inst, p, prop } of typedEntries(ctx.vm)) {
      if (inst.parsed.syntax !== 'qemuopts' || !p.entry.bare || prop.type !== 'bool') continue;
      const written = ctx.text.slice(p.entrySpan.start, p.entrySpan.end);
      const replacement = `${p.key}=${p.entry.bare}`;
      ctx.report({
        span: p.entrySpan,
        message: `"${written}" is a deprecated short form of ${replacement}; QEMU prints "short-form boolean option '${written}' deprecated" and a later release may refuse it. Write ${replacement}.`,
        tags: ['deprecated'],
        fixes: [{ title: `Write ${replacement}`, edits: [{ span: p.entrySpan, newText: replacement }], safe: true }],
      });
    }
  },
};
