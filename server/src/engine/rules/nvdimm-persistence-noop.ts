import type { Rule } from './types';
import { isX86Pc, propBool } from '../model/query';
import { setProp } from './edits';

/** nvdimm-persistence without nvdimm=on is accepted and does nothing. */
export const rule: Rule = {
  meta: {
    code: 'nvdimm-persistence-noop',
    severity: 'warning',
    category: 'persistence',
    title: 'nvdimm-persistence without nvdimm=on has no effect',
  },
  check(ctx) {
    const { vm } = ctx;
    if (!isX86Pc(vm)) return;
    const p = vm.machineProps.get('nvdimm-persistence');
    if (!p || p.unknown) return;
    const nv = vm.machineProps.get('nvdimm');
    if (nv?.unknown || propBool(nv) === true || nv?.entry.bare) return;
    const last = vm.machines[vm.machines.length - 1];
    const edit = last ? setProp(last, 'nvdimm', 'on') : undefined;
    ctx.report({
      span: p.keySpan,
      message: `nvdimm-persistence=${p.raw} does nothing: the machine has ${nv ? 'nvdimm=off' : 'no nvdimm=on'}, so QEMU builds no NFIT and the guest is never told that ${p.raw === 'cpu' ? 'CPU caches' : 'the memory controller'} are flushed on power loss. QEMU starts without a warning. Set nvdimm=on.`,
      fixes: edit ? [{ title: 'Set nvdimm=on on the machine', edits: [edit], safe: true }] : [],
    });
  },
};
