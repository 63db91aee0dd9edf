import type { Rule } from './types';
import type { OptionInstance } from '../model/types';
import { MEMORY_DEVICE_DRIVERS, isNumaNode, objectsById, propString } from '../model/query';
import { insertOptionAfter } from './edits';
import { idWellformed } from '../qemu/optstring';

/** memdev= (on a memory device or a -numa node) must name an -object. */
export const rule: Rule = {
  meta: {
    code: 'memdev-unknown',
    severity: 'error',
    category: 'nvdimm',
    title: 'memdev names no -object',
    upstreamMessage: "Device 'nope' not found",
  },
  check(ctx) {
    const { vm } = ctx;
    const byId = objectsById(vm);
    const ram = propString(vm.machineProps.get('memory-backend'));
    const backends = [...new Set(vm.objects.filter((o) => o.qomType?.startsWith('memory-backend-') && o.id && o.id !== ram).map((o) => o.id))];
    const targets: [OptionInstance, string][] = [];
    for (const o of vm.numa) if (isNumaNode(o)) targets.push([o, '-numa node']);
    for (const d of vm.devices) if (d.driver && MEMORY_DEVICE_DRIVERS.has(d.driver)) targets.push([d, d.driver]);
    for (const [inst, what] of targets) {
      const p = inst.props.get('memdev');
      const id = propString(p);
      if (!p || id === undefined || byId.has(id)) continue;
      const backend = `-object memory-backend-file,id=${id},share=on,mem-path=${id}.img,size=1G`;
      ctx.report({
        span: p.span,
        message:
          `QEMU refuses ${what}: no -object has id '${id}' ("Device '${id}' not found"). ` +
          (backends.length ? `Backends defined here: ${backends.join(', ')}.` : `Define it with -object memory-backend-file,id=${id},...`),
        // Only for an id QEMU accepts: anything else would need quoting (and QEMU refuses it anyway).
        fixes: idWellformed(id) ? [{ title: `Add a file backend '${id}' (1G, share=on)`, edits: [insertOptionAfter(inst, backend)], safe: false }] : [],
      });
    }
  },
};
