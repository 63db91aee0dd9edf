import type { Rule } from './types';
import { allObjectTypes, isKnownObjectType } from '../kb';
import { closest } from './suggest';
import { valueTokenSpan } from './edits';

/** -object names a qom-type QEMU does not have. */
export const rule: Rule = {
  meta: {
    code: 'unknown-object-type',
    severity: 'error',
    category: 'backend',
    title: 'Unknown -object qom-type',
    upstreamMessage: "Parameter 'qom-type' does not accept value 'memory-backend-files'",
  },
  check(ctx) {
    const { vm } = ctx;
    if (vm.arch !== 'x86_64') return;
    for (const o of vm.objects) {
      const p = o.props.get('qom-type');
      if (!p || p.unknown || o.qomType === undefined || o.qomType === 'help' || isKnownObjectType(o.qomType)) continue;
      const guess = closest(o.qomType, allObjectTypes().map((t) => t.name));
      ctx.report({
        span: p.span,
        message: `QEMU has no object type '${o.qomType}' ("Parameter 'qom-type' does not accept value '${o.qomType}'").${guess ? ` Did you mean ${guess}?` : ''}`,
        fixes: guess ? [{ title: `Change to ${guess}`, edits: [{ span: valueTokenSpan(o, p), newText: o.parsed.syntax === 'json' ? JSON.stringify(guess) : guess }], safe: false }] : [],
      });
    }
  },
};
