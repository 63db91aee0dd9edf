import type { Rule } from './types';
import { allInstances } from './common';

/** QemuOpts and keyval: a repeated key silently takes the last value (QemuOpts id: the first). */
export const rule: Rule = {
  meta: {
    code: 'duplicate-key',
    severity: 'warning',
    category: 'syntax',
    title: 'Key given twice: QEMU silently uses one of the values',
  },
  check(ctx) {
    for (const inst of allInstances(ctx.vm)) {
      if (inst.parsed.syntax === 'json') continue; // a JSON parse error, reported by option-syntax
      if (inst.entries.length < 2) continue;
      const seen = new Map<string, (typeof inst.entries)[number]>();
      for (const p of inst.entries) {
        const prev = seen.get(p.key);
        seen.set(p.key, prev && p.key === 'id' && inst.parsed.syntax === 'qemuopts' ? prev : p);
        if (!prev || p.entry.implied) continue;
        const idFirst = p.key === 'id' && inst.parsed.syntax === 'qemuopts';
        const used = idFirst ? prev : p;
        const ignored = idFirst ? p : prev;
        ctx.report({
          span: ignored.entrySpan,
          message: `${p.key} is given twice; QEMU uses ${used.entry.bare ? p.key : `${p.key}=${used.raw}`} (the ${idFirst ? 'first' : 'last'}) and silently ignores this one. Remove one of them.`,
          related: [{ span: used.entrySpan, message: 'the value QEMU uses' }],
          tags: ['unnecessary'],
        });
      }
    }
  },
};
