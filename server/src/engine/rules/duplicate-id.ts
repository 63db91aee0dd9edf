import type { Rule } from './types';
import type { DeviceDef, ObjectDef } from '../model/types';
import { valueTokenSpan } from './edits';

/** Object ids and device ids must be unique (each in its own namespace). */
export const rule: Rule = {
  meta: {
    code: 'duplicate-id',
    severity: 'error',
    category: 'syntax',
    title: 'Two objects or two devices with the same id',
    upstreamMessage: "Duplicate ID 'mem1' for object",
  },
  check(ctx) {
    const { vm } = ctx;
    scan(vm.objects, 'object');
    scan(vm.devices, 'device');
    function scan(list: readonly (ObjectDef | DeviceDef)[], kind: 'object' | 'device') {
      if (list.length < 2) return; // most commands: nothing to compare, nothing to allocate
      const first = new Map<string, ObjectDef | DeviceDef>();
      const next = new Map<string, number>();
      const taken = new Set(list.map((x) => x.id).filter((x): x is string => x !== undefined));
      for (const x of list) {
        if (x.id === undefined) continue;
        const prev = first.get(x.id);
        if (!prev) {
          first.set(x.id, x);
          continue;
        }
        const p = x.props.get('id')!;
        // Counting on from the last suggestion for this id keeps many duplicates linear.
        let n = next.get(x.id) ?? 2;
        while (taken.has(`${x.id}${n}`) || taken.has(`${x.id}-${n}`)) n++;
        next.set(x.id, n + 1);
        const fresh = /\d$/.test(x.id) ? `${x.id}-${n}` : `${x.id}${n}`;
        taken.add(fresh);
        const json = x.parsed.syntax === 'json';
        const upstream =
          kind === 'object'
            ? json
              ? `attempt to add duplicate property '${x.id}' to object (type 'container')`
              : `Duplicate ID '${x.id}' for object`
            : json
              ? `Duplicate device ID '${x.id}'`
              : `Duplicate ID '${x.id}' for device`;
        ctx.report({
          span: p.span,
          message: `QEMU refuses a second ${kind} with id '${x.id}' ("${upstream}"). Rename one of them.`,
          related: [{ span: prev.props.get('id')!.span, message: `'${x.id}' first defined here` }],
          fixes: [{ title: `Rename to '${fresh}'`, edits: [{ span: valueTokenSpan(x, p), newText: json ? JSON.stringify(fresh) : fresh }], safe: true }],
        });
      }
    }
  },
};
