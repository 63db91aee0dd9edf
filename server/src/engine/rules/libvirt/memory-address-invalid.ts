import type { LibvirtRule } from './types';
import { getAttribute } from '../../xml/parse';
import { parseCUnsigned } from '../../xml/scaled';
import { ADDRESS_TYPES, freeDimmSlot, setAttribute } from './common';

/**
 * P6 and the generic address parser (virDomainDeviceInfoParseXML): an
 * <address> needs a known type; a dimm address needs a decimal `slot` and
 * takes an optional hexadecimal `base`.
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-memory-address-invalid',
    severity: 'error',
    category: 'libvirt',
    title: "<memory> <address> without a type, of an unknown type, or a dimm address without a valid slot",
    upstreamMessage: "XML error: Missing required attribute 'slot' in element 'address'",
  },
  check(ctx) {
    const { domain, text } = ctx;
    for (const dev of domain.memoryDevices) {
      const a = dev.address;
      if (!a) continue;
      const typeAttr = getAttribute(a.element, 'type');
      if (!typeAttr || !typeAttr.value?.text) {
        ctx.report({
          span: a.element.nameSpan,
          message: `libvirt refuses this device: its <address> has no type ("internal error: No type specified for device address"). Use <address type='dimm' slot='N'/> for nvdimm/dimm or type='pci' for virtio-pmem, or drop the <address> and let libvirt assign one.`,
        });
        continue;
      }
      const type = typeAttr.value.text;
      if (!(ADDRESS_TYPES as readonly string[]).includes(type)) {
        ctx.report({
          span: typeAttr.valueSpan ?? typeAttr.span,
          message: `libvirt refuses this device: '${type}' is not an address type ("unsupported configuration: unknown address type '${type}'"). Use type='dimm' for nvdimm/dimm or type='pci' for virtio-pmem.`,
        });
        continue;
      }
      if (type !== 'dimm') continue;
      const slot = getAttribute(a.element, 'slot');
      if (!slot) {
        const free = freeDimmSlot(domain, dev);
        ctx.report({
          span: a.element.nameSpan,
          message: `libvirt refuses this device: a dimm <address> needs a slot ("XML error: Missing required attribute 'slot' in element 'address'"), although the schema makes it optional. Add slot='${free}', or drop the <address> to let libvirt pick one.`,
          fixes: [{ title: `Add slot='${free}'`, edits: [setAttribute(text, a.element, 'slot', String(free))], safe: true }],
        });
      } else if (parseCUnsigned(slot.value?.text ?? '', 10, 0xffffffffn) === undefined) {
        const v = slot.value?.text ?? '';
        ctx.report({
          span: v && slot.valueSpan ? slot.valueSpan : slot.span,
          message: `libvirt refuses this device ("XML error: Invalid value for attribute 'slot' in element 'address': '${v}'. Expected non-negative integer value"). The slot is a decimal number below <maxMemory slots>.`,
        });
      }
      const base = getAttribute(a.element, 'base');
      if (base && parseCUnsigned(base.value?.text ?? '', 16) === undefined) {
        const v = base.value?.text ?? '';
        ctx.report({
          span: v && base.valueSpan ? base.valueSpan : base.span,
          message: `libvirt refuses this device ("XML error: Invalid value for attribute 'base' in element 'address': '${v}'. Expected non-negative integer value"). The base is a hexadecimal guest physical address such as 0x100000000, or leave it out.`,
        });
      }
    }
  },
};
