import type { Rule } from './types';
import { parseBool } from '../qemu/size';
import { typedEntries } from './common';
import { valueTokenSpan } from './edits';

const TRUTHY = /^(on|yes|true|y|1|enable|enabled)$/i;
const FALSY = /^(off|no|false|n|0|disable|disabled)$/i;

/** Booleans QEMU cannot read: ON, 1, empty; JSON booleans written as strings. */
export const rule: Rule = {
  meta: {
    code: 'invalid-boolean',
    severity: 'error',
    category: 'syntax',
    title: "Malformed boolean (QEMU takes on/off, yes/no, true/false, y/n)",
    upstreamMessage: "Parameter 'share' expects 'on' or 'off'",
  },
  check(ctx) {
    for (const { inst, p, prop } of typedEntries(ctx.vm)) {
      if (p.unknown || p.entry.bare || prop.type !== 'bool') continue;
      const json = inst.parsed.syntax === 'json';
      const text = json ? (p.entry.jsonType === 'string' ? String(p.entry.jsonValue) : p.raw) : p.raw;
      if (json ? p.entry.jsonType === 'boolean' : parseBool(p.raw) !== undefined) continue;
      const want = TRUTHY.test(text) ? true : FALSY.test(text) ? false : undefined;
      const replacement = want === undefined ? undefined : json ? String(want) : want ? 'on' : 'off';
      ctx.report({
        span: p.span,
        message: json
          ? `QEMU refuses ${p.key}: in JSON a boolean is true or false ("Invalid parameter type for '${p.key}', expected: boolean").`
          : `QEMU cannot read ${p.key}=${p.raw} ("Parameter '${p.key}' expects 'on' or 'off'"): write on or off (lower case).`,
        fixes: replacement ? [{ title: `Write ${replacement}`, edits: [{ span: valueTokenSpan(inst, p), newText: replacement }], safe: true }] : [],
      });
    }
  },
};
