/** The XML layer: element tree, libvirt domain model, generated QEMU argv. */
export * from './types';
export { parseXmlDocument, decodeXml, decodeXmlInto, getAttribute, childElements, firstChild } from './parse';
export { isLibvirtDomain, extractDomain, parseLibvirtDomain, attrValue, textValue, QEMU_NS } from './domain';
export { parseScaled, parseMemoryKiB, parseCUnsigned, parseCpuset, cpuRanges, unitScale, LLONG_MAX } from './scaled';
export type { ScaledResult, MemoryResult } from './scaled';
export { generateQemuArgs, QEMU72_MACHINE_ALIASES } from './argv';
