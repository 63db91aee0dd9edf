import type { Rule } from './types';
import { parseSize, formatSize } from '../qemu/size';
import { typedEntries } from './common';
import { versionAtLeast } from '../kb';
import { valueTokenSpan } from './edits';

/** Size values QEMU cannot read: 256MB, 256MiB, -1, empty; JSON sizes that are not integers. */
export const rule: Rule = {
  meta: {
    code: 'invalid-size',
    severity: 'error',
    category: 'syntax',
    title: 'Malformed size value',
    upstreamMessage: "Parameter 'size' expects a size value",
  },
  check(ctx) {
    for (const { inst, p, prop } of typedEntries(ctx.vm)) {
      if (p.unknown || p.entry.bare || prop.type !== 'size') continue;
      if (inst.parsed.syntax === 'json') {
        if (p.entry.jsonType === 'number' && /^\d+$/.test(p.raw)) continue;
        const fixed = p.entry.jsonType === 'string' ? parseSize(String(p.entry.jsonValue), { key: p.key }) : undefined;
        ctx.report({
          span: p.span,
          message: `QEMU refuses ${p.key}: in JSON a size is a plain integer of bytes ("Parameter '${p.key}' expects uint64").${fixed?.ok ? ` Write ${fixed.bytes}.` : ''}`,
          // The string goes with its quotes: "128K" becomes 131072.
          fixes: fixed?.ok ? [{ title: `Write ${fixed.bytes}`, edits: [{ span: valueTokenSpan(inst, p), newText: String(fixed.bytes) }], safe: true }] : [],
        });
        continue;
      }
      const defaultUnit = inst.option.name === 'm' && p.key === 'size' ? 'M' : 'B';
      const r = parseSize(p.raw, { key: p.key, defaultUnit });
      if (r.ok) {
        if (r.hexWithSuffix) {
          const error = versionAtLeast(ctx.options.qemuVersion, '8.0');
          ctx.report({
            span: p.span,
            severity: error ? 'error' : 'warning',
            message: error
              ? `QEMU ${ctx.options.qemuVersion} refuses a hex number with a suffix (${p.raw}). Write ${formatSize(r.bytes)}.`
              : `QEMU ${ctx.options.qemuVersion} accepts ${p.raw} with a warning ("Using a multiplier suffix on hex numbers is deprecated: ${p.raw}"); QEMU 8.0 and later refuse it. Write ${formatSize(r.bytes)}.`,
            tags: ['deprecated'],
            fixes: [{ title: `Write ${formatSize(r.bytes)}`, edits: [{ span: p.span, newText: formatSize(r.bytes) }], safe: true }],
          });
        }
        continue;
      }
      const repaired = repair(p.raw, defaultUnit);
      ctx.report({
        span: p.span,
        message: `QEMU cannot read ${p.key}=${p.raw} ("${r.message}"). Sizes are a number with an optional suffix K, M, G, T, P or E (powers of 1024), e.g. 256M or 4G${repaired ? `: write ${repaired}` : ''}.`,
        fixes: repaired ? [{ title: `Write ${repaired}`, edits: [{ span: p.span, newText: repaired }], safe: true }] : [],
      });
    }
  },
};

/** `256MB`, `256MiB`, `4 G`, `4gb` → `256M`, `4G`. */
export function repair(raw: string, defaultUnit: 'B' | 'M'): string | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgtpe])(?:i?b)?\s*$/i.exec(raw);
  if (!m) return undefined;
  const candidate = `${m[1]}${m[2].toUpperCase()}`;
  return parseSize(candidate, { defaultUnit }).ok ? candidate : undefined;
}
