import type { Rule } from './types';
import { MEMORY_DEVICE_DRIVERS, isMemoryBackend, objectsById, propString } from '../model/query';

/** memdev= names an object that is not a memory backend (an iothread, say). */
export const rule: Rule = {
  meta: {
    code: 'memdev-not-backend',
    severity: 'error',
    category: 'nvdimm',
    title: 'memdev names an object that is not a memory backend',
    upstreamMessage: "Invalid parameter type for 'memdev', expected: memory-backend",
  },
  check(ctx) {
    const { vm } = ctx;
    const byId = objectsById(vm);
    for (const d of vm.devices) {
      if (!d.driver || !MEMORY_DEVICE_DRIVERS.has(d.driver)) continue;
      const p = d.props.get('memdev');
      const id = propString(p);
      const o = id === undefined ? undefined : byId.get(id);
      if (!p || !o || !o.qomType || isMemoryBackend(o)) continue;
      ctx.report({
        span: p.span,
        message: `QEMU refuses memdev=${id}: '${id}' is a ${o.qomType}, not a memory backend ("Invalid parameter type for 'memdev', expected: memory-backend"). Point memdev at a -object memory-backend-file.`,
        related: [{ span: o.props.get('qom-type')?.span ?? o.argSpan, message: `'${id}' is ${o.qomType}` }],
      });
    }
  },
};
