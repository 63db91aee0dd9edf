import type { Rule } from './types';
import { isX86Pc } from '../model/query';
import { versionAtLeast } from '../kb';

/** `pc.ram` is the id of the default RAM backend of pc/q35. */
export const rule: Rule = {
  meta: {
    code: 'reserved-id',
    severity: 'error',
    category: 'backend',
    title: "Object id 'pc.ram' is reserved",
    upstreamMessage:
      "object name 'pc.ram' is reserved for the default RAM backend, it can't be used for any other purposes. Change the object's 'id' to something else",
  },
  check(ctx) {
    const { vm } = ctx;
    if (!isX86Pc(vm)) return;
    // -machine memory-backend=pc.ram names it as the RAM backend on purpose: QEMU accepts that.
    const ramBackend = vm.machineProps.get('memory-backend');
    for (const o of vm.objects) {
      if (o.id !== 'pc.ram' || ramBackend?.raw === 'pc.ram') continue;
      const p = o.props.get('id')!;
      const upstream = versionAtLeast(ctx.options.qemuVersion, '8.0')
        ? "object's id 'pc.ram' is reserved for the default RAM backend, it can't be used for any other purposes"
        : "object name 'pc.ram' is reserved for the default RAM backend, it can't be used for any other purposes. Change the object's 'id' to something else";
      ctx.report({
        span: p.span,
        message: `QEMU refuses id 'pc.ram': it is the name of the machine's own RAM backend ("${upstream}"). Choose another id.`,
      });
    }
  },
};
