import type { LibvirtRule } from './types';
import { firstChild } from '../../xml/parse';
import { cellsOf, removeElement } from './common';

/** V1/V2: <target><node> must name an existing guest NUMA cell. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-memory-node-out-of-range',
    severity: 'error',
    category: 'libvirt',
    title: '<target><node> names a guest NUMA node that does not exist',
    upstreamMessage: "can't add memory backend for guest node '1' as the guest has only '1' NUMA nodes configured",
  },
  check(ctx) {
    const { domain, text } = ctx;
    const n = BigInt(cellsOf(domain).length);
    for (const dev of domain.memoryDevices) {
      const node = dev.target?.node;
      if (node?.number === undefined || node.number < n) continue;
      const remove = dev.model?.text === 'virtio-pmem' ? [{ title: 'Remove <node>', edits: [removeElement(text, firstChild(dev.target!.element, 'node')!)], safe: true }] : [];
      ctx.report({
        span: node.span,
        message: n === 0n
          ? `libvirt refuses this device: it names guest NUMA node ${node.number} but the guest has no NUMA nodes ("can't add memory backend as guest has no NUMA nodes configured"). Add <cpu><numa><cell id='0' .../></numa></cpu>${dev.model?.text === 'virtio-pmem' ? ', or remove <node> (virtio-pmem takes none)' : ''}.`
          : `libvirt refuses this device ("can't add memory backend for guest node '${node.number}' as the guest has only '${n}' NUMA nodes configured"). Use a node from 0 to ${n - 1n}.`,
        fixes: n > 0n && dev.model?.text !== 'virtio-pmem'
          ? [{ title: 'Use node 0', edits: [{ span: node.span, newText: '0' }], safe: false }]
          : remove,
      });
    }
  },
};
