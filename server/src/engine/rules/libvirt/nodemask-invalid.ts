import type { LibvirtRule } from './types';
import { parseCpuset } from '../../xml/scaled';

/**
 * P7: a dimm/virtio-mem <source><nodemask> must parse as a host node set and
 * select at least one node. (nvdimm and virtio-pmem never read it.)
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-nodemask-invalid',
    severity: 'error',
    category: 'libvirt',
    title: '<source><nodemask> that is not a valid, non-empty host node set',
    upstreamMessage: "unsupported configuration: Invalid value of 'nodemask': %s",
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      const m = dev.model?.text;
      if (m !== 'dimm' && m !== 'virtio-mem' && m !== 'sgx-epc') continue;
      const nm = dev.source?.nodemask;
      if (!nm || nm.text === '') continue;
      const list = parseCpuset(nm.text);
      if (list === undefined) {
        ctx.report({
          span: nm.span,
          message: `libvirt refuses this device ("invalid argument: Failed to parse bitmap '${nm.text}'"). A nodemask lists host NUMA nodes like 0 or 0-1,3.`,
        });
      } else if (!list.length) {
        ctx.report({
          span: nm.span,
          message: `libvirt refuses this device: the nodemask selects no host node ("unsupported configuration: Invalid value of 'nodemask': ${nm.text}"). List at least one host NUMA node.`,
        });
      }
    }
  },
};
