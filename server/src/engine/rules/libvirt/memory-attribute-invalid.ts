import type { LibvirtRule } from './types';
import { getAttribute } from '../../xml/parse';
import { MEMORY_MODELS } from './common';
import { closest } from '../suggest';

const ENUMS: readonly { name: string; values: readonly string[] }[] = [
  { name: 'model', values: MEMORY_MODELS },
  { name: 'access', values: ['shared', 'private'] },
  { name: 'discard', values: ['yes', 'no'] },
];

/**
 * P1: `model` is required and, like `access` and `discard`, must be one of
 * libvirt's values (virXMLPropEnum, domain_conf.c). An empty value is invalid too.
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-memory-attribute-invalid',
    severity: 'error',
    category: 'libvirt',
    title: "<memory> device without a valid model, or with an invalid access/discard value",
    upstreamMessage: "XML error: Invalid value for attribute 'model' in element 'memory': 'pmem'.",
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      for (const { name, values } of ENUMS) {
        const a = getAttribute(dev.element, name);
        if (!a) {
          if (name === 'model') {
            ctx.report({
              span: dev.element.nameSpan,
              message: `libvirt refuses this <memory> device: it has no model ("XML error: Missing required attribute 'model' in element 'memory'"). Add model='nvdimm', 'virtio-pmem' or 'dimm'.`,
            });
          }
          continue;
        }
        const v = a.value?.text ?? '';
        if (values.includes(v)) continue;
        const near = v ? closest(v, values) : undefined;
        ctx.report({
          span: a.valueSpan ?? a.span,
          message: `libvirt refuses this <memory> device ("XML error: Invalid value for attribute '${name}' in element 'memory': '${v}'."). ${name} must be one of ${values.map((x) => `'${x}'`).join(', ')}${near ? `; did you mean '${near}'?` : '.'}`,
          fixes: near && a.valueSpan ? [{ title: `Change to '${near}'`, edits: [{ span: a.valueSpan, newText: near }], safe: false }] : [],
        });
      }
    }
  },
};
