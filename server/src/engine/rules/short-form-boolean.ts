import type { Rule } from './types';
import { propertyNamed } from '../kb';
import { allInstances, typeInfoFor } from './common';

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
    const { vm } = ctx;
    for (const inst of allInstances(vm)) {
      if (inst.parsed.syntax !== 'qemuopts') continue;
      const info = typeInfoFor(vm, inst);
      for (const p of inst.entries) {
        if (!p.entry.bare) continue;
        const prop = (info ? propertyNamed(info, p.key) : undefined);
        if (!prop || prop.type !== 'bool') continue;
        const written = ctx.text.slice(p.entrySpan.start, p.entrySpan.end);
        const replacement = `${p.key}=${p.entry.bare}`;
        ctx.report({
          span: p.entrySpan,
          message: `"${written}" is a deprecated short form of ${replacement}; QEMU prints "short-form boolean option '${written}' deprecated" and a later release may refuse it. Write ${replacement}.`,
          tags: ['deprecated'],
          fixes: [{ title: `Write ${replacement}`, edits: [{ span: p.entrySpan, newText: replacement }], safe: true }],
        });
      }
    }
  },
};
