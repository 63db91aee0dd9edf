import type { Rule } from './types';
import type { PropValue } from '../model/types';

const ID = /^[A-Za-z][A-Za-z0-9._-]*$/;

/** Ids are letters, digits, '-', '.', '_', starting with a letter (JSON -device ids are not checked). */
export const rule: Rule = {
  meta: {
    code: 'invalid-id',
    severity: 'error',
    category: 'syntax',
    title: 'Malformed id',
    upstreamMessage: "Parameter 'id' expects an identifier",
  },
  check(ctx) {
    const { vm } = ctx;
    const check = (p: PropValue | undefined, json: boolean) => {
      if (!p || p.unknown) return;
      const v = json ? (p.entry.jsonType === 'string' ? String(p.entry.jsonValue) : undefined) : p.raw;
      if (v === undefined || ID.test(v)) return;
      const fixed = v.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z]+/, '');
      const replacement = fixed ? fixed : undefined;
      // In JSON the span is inside the string's quotes; the replacement needs no escaping.
      ctx.report({
        span: p.span,
        message: `QEMU refuses id '${v}' ("Parameter 'id' expects an identifier"): ids consist of letters, digits, '-', '.', '_', starting with a letter.`,
        fixes: replacement ? [{ title: `Rename to '${replacement}'`, edits: [{ span: p.span, newText: replacement }], safe: false }] : [],
      });
    };
    for (const o of vm.objects) check(o.props.get('id'), o.parsed.syntax === 'json');
    // QEMU does not validate the id of a JSON -device.
    for (const d of vm.devices) if (d.parsed.syntax !== 'json') check(d.props.get('id'), false);
  },
};
