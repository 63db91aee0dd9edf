import type { LibvirtRule } from './types';
import { firstChild } from '../../xml/parse';
import { cellsOf, removeElement } from './common';

/** V10: virtio-pmem takes no <target><node>. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-virtio-pmem-node',
    severity: 'error',
    category: 'libvirt',
    title: 'virtio-pmem with <target><node>',
    upstreamMessage: 'unsupported configuration: virtio-pmem does not support NUMA nodes',
  },
  check(ctx) {
    const { domain, text } = ctx;
    const n = BigInt(cellsOf(domain).length);
    for (const dev of domain.memoryDevices) {
      const node = dev.target?.node;
      // Out-of-range nodes are reported by libvirt-memory-node-out-of-range first.
      if (dev.model?.text !== 'virtio-pmem' || node?.number === undefined || node.number >= n) continue;
      ctx.report({
        span: node.span,
        message: `libvirt refuses this virtio-pmem device ("unsupported configuration: virtio-pmem does not support NUMA nodes"): it is a PCI device, not guest RAM of a node. Remove <node>.`,
        fixes: [{ title: 'Remove <node>', edits: [removeElement(text, firstChild(dev.target!.element, 'node')!)], safe: true }],
      });
    }
  },
};
