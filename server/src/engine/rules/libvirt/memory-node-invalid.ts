import type { LibvirtRule } from './types';

/** P3: <target><node> must be a non-negative integer (virXPathInt). */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-memory-node-invalid',
    severity: 'error',
    category: 'libvirt',
    title: '<target><node> is not a non-negative integer',
    upstreamMessage: 'XML error: invalid value of memory device node',
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      const node = dev.target?.node;
      // Empty <node></node> is read as "no node".
      if (!node || node.text === '' || node.number !== undefined) continue;
      ctx.report({
        span: node.span,
        message: `libvirt refuses this device: <node>${node.text}</node> is not a guest NUMA node number ("XML error: invalid value of memory device node"). Use the id of a <cell> under <cpu><numa>, e.g. 0.`,
      });
    }
  },
};
