/**
 * libvirt domain XML → LibvirtDomain: the parts that matter for memory and
 * persistent-memory configuration, each value with its source span.
 *
 * Values are read the way libvirt 9.0.0 reads them (src/conf/domain_conf.c):
 * only the first <memory>/<maxMemory>/<currentMemory> under <domain>, scaled
 * integers through parseMemoryKiB, empty text/attributes treated as absent.
 * Nothing is validated here beyond the number parsing; rules do that.
 */
import { wholeSpan } from '../mapped';
import type { ShellWord } from '../shell/types';
import type { Span } from '../text';
import { childElements, firstChild, getAttribute, parseXmlDocument } from './parse';
import { parseCUnsigned, parseCpuset, parseMemoryKiB } from './scaled';
import type {
  DeviceAddress,
  LibvirtDomain,
  MemoryBacking,
  MemoryDevice,
  NumaCell,
  QemuCommandline,
  ScaledValue,
  XmlDocument,
  XmlElement,
  XmlNumber,
  XmlValue,
} from './types';

export const QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';

/**
 * Whether the text is a libvirt domain: its root element is <domain>. Works on
 * raw text (cheap: skips the XML declaration, comments, processing
 * instructions and a DOCTYPE) or on a parsed document.
 */
export function isLibvirtDomain(input: string | XmlDocument): boolean {
  if (typeof input !== 'string') return input.root?.name === 'domain';
  let i = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  const t = input;
  for (;;) {
    while (i < t.length && /\s/.test(t[i])) i++;
    if (t.startsWith('<?', i)) {
      const e = t.indexOf('?>', i + 2);
      if (e < 0) return false;
      i = e + 2;
    } else if (t.startsWith('<!--', i)) {
      const e = t.indexOf('-->', i + 4);
      if (e < 0) return false;
      i = e + 3;
    } else if (t.startsWith('<!', i)) {
      const e = t.indexOf('>', i + 2);
      if (e < 0) return false;
      i = e + 1;
    } else break;
  }
  return /^<domain(?=[\s/>]|$)/.test(t.slice(i, i + 8));
}

// ---------------------------------------------------------------------------
// Value helpers

/** An attribute's value, when it has one. */
export function attrValue(el: XmlElement | undefined, name: string): XmlValue | undefined {
  if (!el) return undefined;
  const a = getAttribute(el, name);
  if (!a || !a.value || !a.valueSpan) return undefined;
  return { text: a.value.text, value: a.value, span: a.valueSpan, nodeSpan: a.span };
}

/** An element's direct text. */
export function textValue(el: XmlElement): XmlValue {
  const span = el.text.text.length ? wholeSpan(el.text) : el.span;
  return { text: el.text.text, value: el.text, span, nodeSpan: el.span };
}

function nonEmpty(v: XmlValue | undefined): XmlValue | undefined {
  return v && v.text !== '' ? v : undefined;
}

function numberOf(v: XmlValue | undefined, base: 0 | 10 | 16, max?: bigint): XmlNumber | undefined {
  if (!v) return undefined;
  return { ...v, number: parseCUnsigned(v.text, base, max) };
}

const UINT_MAX = 0xffffffffn;

/** A scaled integer from an element's text and its `unit` attribute. */
function scaledFromElement(el: XmlElement, where: string): ScaledValue {
  const number = nonEmpty(textValue(el));
  const unit = nonEmpty(attrValue(el, 'unit'));
  return scaled(number, unit, el.span, where);
}

function scaled(number: XmlValue | undefined, unit: XmlValue | undefined, span: Span, where: string): ScaledValue {
  if (!number) return { number, unit, span };
  const r = parseMemoryKiB(number.text, unit?.text, where);
  if (r.ok) return { number, unit, span, bytes: r.bytes, kib: r.kib };
  const errSpan = r.part === 'unit' && unit ? unit.span : number.span;
  return { number, unit, span, error: { message: r.message, span: errSpan } };
}

function scaledChild(parent: XmlElement | undefined, local: string, where: string): ScaledValue | undefined {
  const el = firstChild(parent, local);
  return el ? scaledFromElement(el, where) : undefined;
}

// ---------------------------------------------------------------------------
// Extraction

/** Parses and extracts in one go (undefined when the root is not <domain>). */
export function parseLibvirtDomain(text: string): { doc: XmlDocument; domain?: LibvirtDomain } {
  const doc = parseXmlDocument(text);
  return { doc, domain: extractDomain(doc) };
}

/** The domain model, or undefined when the document root is not <domain>. */
export function extractDomain(tree: XmlDocument | XmlElement): LibvirtDomain | undefined {
  const root = 'errors' in tree ? tree.root : tree;
  if (!root || root.name !== 'domain') return undefined;

  const osEl = firstChild(root, 'os');
  const osTypeEl = firstChild(osEl, 'type');
  const memEl = firstChild(root, 'memory');
  const curEl = firstChild(root, 'currentMemory');
  const maxEl = firstChild(root, 'maxMemory');
  const vcpuEl = firstChild(root, 'vcpu');
  const featuresEl = firstChild(root, 'features');
  const cpuEl = firstChild(root, 'cpu');
  const numaEl = firstChild(cpuEl, 'numa');
  const devicesEls = childElements(root, 'devices');

  const memoryDevices: MemoryDevice[] = [];
  for (const d of devicesEls) {
    for (const m of childElements(d, 'memory')) memoryDevices.push(extractMemoryDevice(m, memoryDevices.length));
  }

  const qemuCommandlines: QemuCommandline[] = childElements(root, 'commandline', QEMU_NS).map((el) => ({
    element: el,
    args: childElements(el, 'arg', QEMU_NS).flatMap((a): ShellWord[] => {
      const attr = getAttribute(a, 'value');
      return attr?.value && attr.valueSpan ? [{ value: attr.value, span: attr.valueSpan }] : [];
    }),
    env: childElements(el, 'env', QEMU_NS).map((e) => ({ element: e, name: attrValue(e, 'name'), value: attrValue(e, 'value') })),
  }));

  const nameEl = firstChild(root, 'name');
  return {
    element: root,
    type: attrValue(root, 'type'),
    name: nameEl ? textValue(nameEl) : undefined,
    os: osEl && {
      element: osEl,
      type: osTypeEl && {
        element: osTypeEl,
        value: nonEmpty(textValue(osTypeEl)),
        arch: nonEmpty(attrValue(osTypeEl, 'arch')),
        machine: nonEmpty(attrValue(osTypeEl, 'machine')),
      },
    },
    memory: memEl && { element: memEl, size: scaledFromElement(memEl, './memory[1]'), dumpCore: attrValue(memEl, 'dumpCore') },
    currentMemory: curEl && { element: curEl, size: scaledFromElement(curEl, './currentMemory[1]') },
    maxMemory: maxEl && {
      element: maxEl,
      size: scaledFromElement(maxEl, './maxMemory[1]'),
      slots: numberOf(nonEmpty(attrValue(maxEl, 'slots')), 10, UINT_MAX),
    },
    vcpu: vcpuEl && {
      element: vcpuEl,
      count: numberOf(nonEmpty(textValue(vcpuEl)), 10, UINT_MAX),
      current: numberOf(nonEmpty(attrValue(vcpuEl, 'current')), 10, UINT_MAX),
    },
    features: featuresEl && { element: featuresEl, acpi: firstChild(featuresEl, 'acpi') },
    cpu: cpuEl && {
      element: cpuEl,
      numa: numaEl && { element: numaEl, cells: childElements(numaEl, 'cell').map(extractCell) },
    },
    memoryBacking: extractMemoryBacking(firstChild(root, 'memoryBacking')),
    devices: devicesEls[0],
    memoryDevices,
    qemuCommandlines,
    qemuArgs: qemuCommandlines.flatMap((c) => c.args),
  };
}

function extractCell(el: XmlElement): NumaCell {
  const cpus = nonEmpty(attrValue(el, 'cpus'));
  const memory = nonEmpty(attrValue(el, 'memory'));
  const unit = nonEmpty(attrValue(el, 'unit'));
  const distEl = firstChild(el, 'distances');
  return {
    element: el,
    id: numberOf(nonEmpty(attrValue(el, 'id')), 10, UINT_MAX),
    cpus,
    cpuList: cpus ? parseCpuset(cpus.text) : undefined,
    memory: scaled(memory, unit, memory ? memory.nodeSpan : el.startTagSpan, './@memory'),
    memAccess: nonEmpty(attrValue(el, 'memAccess')),
    discard: nonEmpty(attrValue(el, 'discard')),
    distances: distEl
      ? childElements(distEl, 'sibling').map((s) => ({
          element: s,
          id: numberOf(nonEmpty(attrValue(s, 'id')), 10, UINT_MAX),
          value: numberOf(nonEmpty(attrValue(s, 'value')), 10, UINT_MAX),
        }))
      : [],
  };
}

function extractMemoryBacking(el: XmlElement | undefined): MemoryBacking | undefined {
  if (!el) return undefined;
  const huge = firstChild(el, 'hugepages');
  const src = firstChild(el, 'source');
  const access = firstChild(el, 'access');
  const alloc = firstChild(el, 'allocation');
  return {
    element: el,
    hugepages: huge && {
      element: huge,
      pages: childElements(huge, 'page').map((p) => {
        const size = nonEmpty(attrValue(p, 'size'));
        return {
          element: p,
          size: scaled(size, nonEmpty(attrValue(p, 'unit')), size ? size.nodeSpan : p.span, './@size'),
          nodeset: nonEmpty(attrValue(p, 'nodeset')),
        };
      }),
    },
    nosharepages: firstChild(el, 'nosharepages'),
    locked: firstChild(el, 'locked'),
    source: src && { element: src, type: nonEmpty(attrValue(src, 'type')) },
    access: access && { element: access, mode: nonEmpty(attrValue(access, 'mode')) },
    allocation: alloc && {
      element: alloc,
      mode: nonEmpty(attrValue(alloc, 'mode')),
      threads: numberOf(nonEmpty(attrValue(alloc, 'threads')), 10, UINT_MAX),
    },
    discard: firstChild(el, 'discard'),
  };
}

function extractAddress(el: XmlElement | undefined): DeviceAddress | undefined {
  if (!el) return undefined;
  const type = nonEmpty(attrValue(el, 'type'));
  const isDimm = type?.text === 'dimm';
  return {
    element: el,
    type,
    // dimm: virXMLPropUInt base 10 / virXMLPropULongLong base 16; pci: base 0.
    slot: numberOf(nonEmpty(attrValue(el, 'slot')), isDimm ? 10 : 0, UINT_MAX),
    base: numberOf(nonEmpty(attrValue(el, 'base')), 16),
    domain: numberOf(nonEmpty(attrValue(el, 'domain')), 0, UINT_MAX),
    bus: numberOf(nonEmpty(attrValue(el, 'bus')), 0, UINT_MAX),
    function: numberOf(nonEmpty(attrValue(el, 'function')), 0, UINT_MAX),
    multifunction: nonEmpty(attrValue(el, 'multifunction')),
  };
}

function extractMemoryDevice(el: XmlElement, index: number): MemoryDevice {
  const srcEl = firstChild(el, 'source');
  const tgtEl = firstChild(el, 'target');
  const uuidEl = firstChild(el, 'uuid');
  const aliasEl = firstChild(el, 'alias');
  const labelEl = firstChild(tgtEl, 'label');
  const nodeEl = firstChild(tgtEl, 'node');
  const pathEl = firstChild(srcEl, 'path');
  const nodemaskEl = firstChild(srcEl, 'nodemask');
  const tAddrEl = firstChild(tgtEl, 'address');
  return {
    element: el,
    index,
    model: nonEmpty(attrValue(el, 'model')),
    access: nonEmpty(attrValue(el, 'access')),
    discard: nonEmpty(attrValue(el, 'discard')),
    uuid: uuidEl ? textValue(uuidEl) : undefined,
    source: srcEl && {
      element: srcEl,
      path: pathEl ? textValue(pathEl) : undefined,
      alignsize: scaledChild(srcEl, 'alignsize', './alignsize'),
      pmem: firstChild(srcEl, 'pmem'),
      pagesize: scaledChild(srcEl, 'pagesize', './pagesize'),
      nodemask: nodemaskEl ? textValue(nodemaskEl) : undefined,
    },
    target: tgtEl && {
      element: tgtEl,
      size: scaledChild(tgtEl, 'size', './size'),
      node: nodeEl ? numberOf(textValue(nodeEl), 10, 0x7fffffffn) : undefined,
      label: labelEl && { element: labelEl, size: scaledChild(labelEl, 'size', './label/size') },
      readonly: firstChild(tgtEl, 'readonly'),
      block: scaledChild(tgtEl, 'block', './block'),
      requested: scaledChild(tgtEl, 'requested', './requested'),
      current: scaledChild(tgtEl, 'current', './current'),
      address: tAddrEl && { element: tAddrEl, base: numberOf(nonEmpty(attrValue(tAddrEl, 'base')), 16) },
    },
    address: extractAddress(firstChild(el, 'address')),
    alias: aliasEl && { element: aliasEl, name: nonEmpty(attrValue(aliasEl, 'name')) },
  };
}
