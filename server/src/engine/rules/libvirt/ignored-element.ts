import type { LibvirtRule } from './types';
import type { XmlElement } from '../../xml/types';
import { removeElement } from './common';

/**
 * What libvirt 9.0.0 reads per model (virDomainMemorySourceDefParseXML,
 * virDomainMemoryTargetDefParseXML, virDomainMemoryDefParseXML): anything
 * else under <source>/<target>, and <uuid> on non-nvdimm models, is dropped
 * without a word and never reaches QEMU.
 */
const SOURCE: Readonly<Record<string, readonly string[]>> = {
  dimm: ['pagesize', 'nodemask'],
  'virtio-mem': ['pagesize', 'nodemask'],
  nvdimm: ['path', 'alignsize', 'pmem'],
  'virtio-pmem': ['path'],
  'sgx-epc': ['nodemask'],
};
const TARGET: Readonly<Record<string, readonly string[]>> = {
  dimm: ['size', 'node'],
  nvdimm: ['size', 'node', 'label', 'readonly'],
  'virtio-pmem': ['size', 'node'],
  'virtio-mem': ['size', 'node', 'block', 'requested', 'current', 'address'],
  'sgx-epc': ['size', 'node'],
};

const WHY: Readonly<Record<string, string>> = {
  label: 'namespace labels exist only on nvdimm',
  readonly: 'only an nvdimm can be marked unarmed',
  alignsize: 'only nvdimm backends take an alignment',
  pmem: 'only nvdimm backends take pmem=on',
  pagesize: 'the page size applies to RAM-backed dimm/virtio-mem devices',
  nodemask: 'host node binding applies to RAM-backed dimm/virtio-mem devices',
  path: 'this model is not file-backed',
  uuid: 'only (pseries) nvdimms carry a UUID',
};

export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-ignored-element',
    severity: 'warning',
    category: 'libvirt',
    title: 'Element libvirt ignores for this memory model',
  },
  check(ctx) {
    const { text } = ctx;
    for (const dev of ctx.domain.memoryDevices) {
      const m = dev.model?.text;
      if (!m || !SOURCE[m]) continue;
      const flag = (el: XmlElement, where: string) => {
        ctx.report({
          span: el.nameSpan,
          message: `libvirt ignores <${el.name}> in ${where} of a ${m} device (${WHY[el.local] ?? `a ${m} does not use it`}): it is dropped without an error and never reaches QEMU. Remove it.`,
          tags: ['unnecessary'],
          fixes: [{ title: `Remove <${el.name}>`, edits: [removeElement(text, el)], safe: true }],
        });
      };
      for (const c of dev.source?.element.children ?? []) if (!c.prefix && !SOURCE[m].includes(c.local)) flag(c, '<source>');
      for (const c of dev.target?.element.children ?? []) if (!c.prefix && !TARGET[m].includes(c.local)) flag(c, '<target>');
      if (m !== 'nvdimm') for (const c of dev.element.children) if (c.local === 'uuid' && !c.prefix) flag(c, 'the device');
    }
  },
};
