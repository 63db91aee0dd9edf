import type { Rule } from './types';
import { placement } from './placement';
import { memoryEdit, slottedDevices } from './capacity';

/** More NVDIMMs/pc-dimms than -m slots. */
export const rule: Rule = {
  meta: {
    code: 'no-free-slots',
    severity: 'error',
    category: 'memory',
    title: 'More NVDIMMs than -m slots',
    upstreamMessage: 'no free slots available',
  },
  check(ctx) {
    const { vm } = ctx;
    // `want` and the edit depend on the VM only: computed once, on the first
    // problem (per problem they made a 1 MB line with 9,000 NVDIMMs quadratic).
    let want = 0;
    let edit: ReturnType<typeof memoryEdit> | undefined;
    let computed = false;
    for (const p of placement(vm).problems) {
      if (p.kind !== 'no-free-slot') continue;
      if (!computed) {
        computed = true;
        want = slottedDevices(vm).length;
        edit = memoryEdit(vm, 'slots', String(want));
      }
      ctx.report({
        span: p.device.props.get('driver')?.span ?? p.device.argSpan,
        message: `QEMU refuses this ${p.device.driver}: all ${p.slots} slot${p.slots === 1 ? '' : 's'} of -m are taken ("no free slots available"). Each NVDIMM and pc-dimm needs its own slot: raise slots to ${want}.`,
        related: vm.memoryProps.get('slots') ? [{ span: vm.memoryProps.get('slots')!.span, message: 'slots' }] : [],
        fixes: edit ? [{ title: `Raise slots to ${want}`, edits: [edit], safe: true }] : [],
      });
    }
  },
};
