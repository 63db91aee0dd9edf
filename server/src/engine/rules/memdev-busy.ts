import type { Rule } from './types';
import type { OptionInstance } from '../model/types';
import { MEMORY_DEVICE_DRIVERS, isNumaNode, propString } from '../model/query';

/** One user per backend: a memory device, a -numa node or -machine memory-backend. */
export const rule: Rule = {
  meta: {
    code: 'memdev-busy',
    severity: 'error',
    category: 'nvdimm',
    title: 'Backend used by more than one device or NUMA node',
    upstreamMessage: "can't use already busy memdev: mem1",
  },
  check(ctx) {
    const { vm } = ctx;
    const users = new Map<string, OptionInstance>();
    const mb = vm.machineProps.get('memory-backend');
    const mbId = propString(mb);
    // QEMU creates NUMA nodes and the machine RAM before -device: those claim first.
    const claimers: [OptionInstance, string][] = [];
    for (const o of vm.numa) if (isNumaNode(o)) claimers.push([o, 'memdev']);
    for (const d of vm.devices) if (d.driver && MEMORY_DEVICE_DRIVERS.has(d.driver)) claimers.push([d, 'memdev']);
    for (const [inst, key] of claimers) {
      const p = inst.props.get(key);
      const id = propString(p);
      if (!p || id === undefined) continue;
      const first = users.get(id);
      if (!first && !(mbId === id)) {
        users.set(id, inst);
        continue;
      }
      const other = first ? (first.option.name === 'numa' ? 'a -numa node' : 'another device') : '-machine memory-backend';
      ctx.report({
        span: p.span,
        message: `QEMU refuses this: backend '${id}' is already used by ${other} ("can't use already busy memdev: ${id}"). Give each device its own -object memory-backend-*.`,
        related: first ? [{ span: first.props.get(key)!.span, message: `'${id}' first used here` }] : mb ? [{ span: mb.span, message: 'machine RAM backend' }] : [],
      });
    }
  },
};
