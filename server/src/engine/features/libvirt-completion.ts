/**
 * Completion in libvirt domain XML for the persistent-memory parts: element
 * names, attribute names and attribute values of <memory> devices,
 * <maxMemory>, <memory>/<currentMemory>, NUMA <cell>s and <memoryBacking>.
 * A pure function of the analysis and an offset; the cursor context comes
 * from the text around the offset (the document is usually incomplete while
 * typing) and the element tree for the enclosing elements.
 */
import type { DocumentAnalysis } from '../analyze';
import type { Span } from '../text';
import type { MemoryDevice, XmlElement } from '../xml/types';
import type { CompletionEntry } from './completion';

// ---------------------------------------------------------------------------
// Knowledge (libvirt 9.0.0 schema and C parser; reference libvirt.md)

export interface XmlDoc {
  readonly name: string;
  /** One line. */
  readonly detail: string;
  /** Markdown. */
  readonly doc: string;
}

const UNIT_DOC = 'Unit of the number (default KiB). Powers of 1024: KiB (k), MiB (m), GiB (g), TiB (t); powers of 1000: KB, MB, GB, TB; bytes: b.';

export const UNITS: readonly XmlDoc[] = [
  { name: 'KiB', detail: '1024 bytes (the default)', doc: 'Kibibytes: 1024 bytes. The default when no unit is given.' },
  { name: 'MiB', detail: '1024 KiB', doc: 'Mebibytes: 1 048 576 bytes.' },
  { name: 'GiB', detail: '1024 MiB', doc: 'Gibibytes: 1 073 741 824 bytes.' },
  { name: 'TiB', detail: '1024 GiB', doc: 'Tebibytes: 2^40 bytes.' },
  { name: 'b', detail: 'bytes', doc: 'Bytes. libvirt rounds memory sizes up to whole KiB.' },
  { name: 'KB', detail: '1000 bytes', doc: 'Kilobytes (decimal): 1000 bytes, rounded up to whole KiB.' },
  { name: 'MB', detail: '1000 KB', doc: 'Megabytes (decimal): 1 000 000 bytes.' },
  { name: 'GB', detail: '1000 MB', doc: 'Gigabytes (decimal): 10^9 bytes.' },
];

export const MODELS: readonly XmlDoc[] = [
  {
    name: 'nvdimm',
    detail: 'emulated NVDIMM (persistent memory in a dimm slot)',
    doc: "**nvdimm** — an emulated NVDIMM in a memory slot, backed by `<source><path>`. libvirt generates `-machine …,nvdimm=on`, a `memory-backend-file` and `-device nvdimm`. Needs `<maxMemory slots>`, a NUMA `<node>` on x86, and `access='shared'` for guest writes to reach the file. x86 guests find it through ACPI (`<features><acpi/>`).",
  },
  {
    name: 'virtio-pmem',
    detail: 'virtio persistent memory (PCI device)',
    doc: "**virtio-pmem** — persistent memory exposed through a virtio PCI device (`-device virtio-pmem-pci`), backed by `<source><path>`. Always shared; takes no NUMA node and a PCI address. Counts against `<maxMemory slots>`.",
  },
  { name: 'dimm', detail: 'hotpluggable RAM (pc-dimm)', doc: '**dimm** — hotpluggable RAM in a memory slot (`-device pc-dimm`). Not persistent.' },
  { name: 'virtio-mem', detail: 'resizable RAM (virtio-mem-pci)', doc: '**virtio-mem** — RAM the guest can grow and shrink in `<block>` steps up to `<size>` (`-device virtio-mem-pci`). Not persistent.' },
  { name: 'sgx-epc', detail: 'SGX enclave page cache', doc: '**sgx-epc** — Intel SGX enclave page cache section. Not persistent memory.' },
];

const ACCESS: readonly XmlDoc[] = [
  { name: 'shared', detail: 'MAP_SHARED: writes reach the file', doc: "**shared** — libvirt passes `share=true`: QEMU maps the backing file shared, guest writes reach the file. Required for persistent memory to persist." },
  { name: 'private', detail: 'MAP_PRIVATE: writes are lost', doc: "**private** — libvirt passes `share=false`: QEMU maps the file privately (copy-on-write); nothing the guest writes reaches the file. libvirt refuses it for virtio-pmem." },
];
const YES_NO: readonly XmlDoc[] = [
  { name: 'yes', detail: 'discard the memory when freed', doc: '**yes** — `discard-data=on` for RAM backends. Refused on nvdimm and virtio-pmem (it would destroy the persistent data).' },
  { name: 'no', detail: 'keep the memory content', doc: '**no** — the default.' },
];

/** Children per parent element, as "parent" or "grandparent/parent" keys. */
const ELEMENTS: Readonly<Record<string, readonly XmlDoc[]>> = {
  domain: [
    { name: 'maxMemory', detail: 'maximum memory incl. hotplug; slots=', doc: "**<maxMemory slots='N' unit='…'>size</maxMemory>** — the most memory the guest may have, boot RAM plus every memory device, and the number of hotplug slots. libvirt generates `-m size=…,slots=N,maxmem=…`. Required by every `<memory>` device; on x86 it also requires a NUMA cell." },
    { name: 'memory', detail: 'total memory (boot RAM + devices)', doc: '**<memory unit=…>** — total guest memory: boot RAM plus all `<memory>` devices. With NUMA cells, `virsh define` recomputes it as cells plus devices.' },
    { name: 'currentMemory', detail: 'balloon target', doc: '**<currentMemory>** — the memory the balloon leaves the guest at boot.' },
    { name: 'memoryBacking', detail: 'how guest RAM is backed (hugepages, access, …)', doc: "**<memoryBacking>** — backing of guest RAM. `<access mode='shared'/>` here is inherited by memory devices without their own `access`." },
    { name: 'cpu', detail: 'CPU model and guest NUMA topology', doc: '**<cpu>** — holds `<numa>` with the guest NUMA cells.' },
    { name: 'features', detail: 'machine features (acpi, …)', doc: '**<features>** — `<acpi/>` here is needed for x86 guests to see NVDIMMs.' },
    { name: 'devices', detail: 'devices', doc: '**<devices>** — `<memory>` devices go here.' },
  ],
  devices: [
    { name: 'memory', detail: 'memory device (nvdimm, virtio-pmem, dimm…)', doc: "**<memory model='…'>** — a memory device: `nvdimm`, `virtio-pmem`, `dimm`, `virtio-mem`, `sgx-epc`." },
  ],
  'devices/memory': [
    { name: 'source', detail: 'backing: <path> (nvdimm/virtio-pmem) or <pagesize>/<nodemask>', doc: '**<source>** — nvdimm: `<path>`, `<alignsize>`, `<pmem/>`; virtio-pmem: `<path>` only; dimm/virtio-mem: `<pagesize>`, `<nodemask>`. Anything else is silently ignored.' },
    { name: 'target', detail: 'size, node, label…', doc: '**<target>** — required: `<size>`; `<node>` (guest NUMA node; required for nvdimm/dimm with NUMA, refused on virtio-pmem); nvdimm: `<label><size>`, `<readonly/>`.' },
    { name: 'address', detail: "type='dimm' slot= (nvdimm/dimm) or type='pci' (virtio-pmem)", doc: "**<address>** — nvdimm/dimm: `type='dimm' slot='N' [base='0x…']`; virtio-pmem: `type='pci' …`. Leave it out to let libvirt assign one." },
    { name: 'uuid', detail: 'nvdimm UUID (pseries only)', doc: '**<uuid>** — only for nvdimms on pseries (ppc64); refused on x86, ignored on other models.' },
    { name: 'alias', detail: "user alias (name='ua-…')", doc: "**<alias name='ua-…'/>** — a user alias; becomes the QEMU device id." },
  ],
  'memory/source': [
    { name: 'path', detail: 'backing file (absolute path)', doc: '**<path>** — the backing file or device DAX (`/dev/daxX.Y`); becomes `mem-path`. Use an absolute path.' },
    { name: 'alignsize', detail: 'backend alignment (nvdimm)', doc: '**<alignsize unit=…>** — `align=` of the backend (nvdimm only), e.g. 2 MiB for device DAX.' },
    { name: 'pmem', detail: 'the file is real persistent memory (nvdimm)', doc: '**<pmem/>** — `pmem=on`: the backing file is on real persistent memory, QEMU uses libpmem to persist writes; no preallocation (nvdimm only).' },
    { name: 'pagesize', detail: 'host page size (dimm/virtio-mem)', doc: '**<pagesize>** — host page size for RAM-backed dimm/virtio-mem; ignored on nvdimm.' },
    { name: 'nodemask', detail: 'host NUMA nodes (dimm/virtio-mem)', doc: '**<nodemask>** — host NUMA nodes to bind the memory to; ignored on nvdimm/virtio-pmem.' },
  ],
  'memory/target': [
    { name: 'size', detail: 'device size (unit=)', doc: '**<size unit=…>** — device size, label included. libvirt rounds it up to 2 MiB on x86.' },
    { name: 'node', detail: 'guest NUMA node (nvdimm/dimm)', doc: '**<node>** — the guest NUMA cell the device belongs to. Required for nvdimm/dimm when the guest has NUMA; refused on virtio-pmem.' },
    { name: 'label', detail: 'nvdimm namespace label area', doc: '**<label><size>** — namespace label area carved from the device (nvdimm only), at least 128 KiB; required on pseries.' },
    { name: 'readonly', detail: 'unarmed nvdimm', doc: '**<readonly/>** — `unarmed=on`: tells the guest the NVDIMM is read-only (nvdimm only).' },
    { name: 'block', detail: 'virtio-mem block size', doc: '**<block>** — virtio-mem block size (power of two, at least the THP size).' },
    { name: 'requested', detail: 'virtio-mem requested size', doc: '**<requested>** — how much of a virtio-mem device the guest should use.' },
  ],
  label: [{ name: 'size', detail: 'label size (≥ 128 KiB)', doc: '**<size>** — the label area size; at least 128 KiB and smaller than the device.' }],
  cpu: [{ name: 'numa', detail: 'guest NUMA topology', doc: '**<numa>** — guest NUMA cells; at least one is needed for memory hotplug on x86.' }],
  numa: [{ name: 'cell', detail: "guest NUMA node: id, cpus, memory", doc: "**<cell id='0' cpus='0-1' memory='…' unit='KiB' [memAccess='shared']/>** — a guest NUMA node with its boot memory; memory devices name it in `<target><node>`." }],
  cell: [{ name: 'distances', detail: 'distances to other cells', doc: '**<distances>** — `<sibling id= value=/>` per other cell.' }],
  features: [{ name: 'acpi', detail: 'ACPI (needed to see NVDIMMs on x86)', doc: '**<acpi/>** — without it libvirt starts QEMU with `-no-acpi` and an x86 guest has no NFIT table to find NVDIMMs in.' }],
  memoryBacking: [
    { name: 'access', detail: "mode='shared|private' for guest RAM and devices", doc: "**<access mode='shared'/>** — inherited by memory devices without `access` and cells without `memAccess`." },
    { name: 'hugepages', detail: 'back RAM with huge pages', doc: '**<hugepages>** — back guest RAM with huge pages (`<page size=… unit=…/>`).' },
    { name: 'source', detail: "type='file|anonymous|memfd'", doc: "**<source type=…/>** — the RAM backend type." },
    { name: 'allocation', detail: "mode='immediate|ondemand'", doc: "**<allocation mode='immediate'/>** — preallocate guest RAM." },
    { name: 'nosharepages', detail: 'no KSM', doc: '**<nosharepages/>** — `mem-merge=off`.' },
    { name: 'locked', detail: 'lock RAM in host memory', doc: '**<locked/>** — mlock guest RAM.' },
    { name: 'discard', detail: 'discard RAM when freed', doc: '**<discard/>** — `discard-data=on` for RAM backends.' },
  ],
  hugepages: [{ name: 'page', detail: 'size= unit= [nodeset=]', doc: "**<page size='2048' unit='KiB' [nodeset='0']/>** — huge page size." }],
};

/** Attributes per element key (same keys as ELEMENTS' children: "parent/child" or "child"). */
const ATTRIBUTES: Readonly<Record<string, readonly XmlDoc[]>> = {
  'domain/maxMemory': [
    { name: 'slots', detail: 'number of hotplug slots', doc: '**slots** — memory hotplug slots (`-m slots=`). Every `<memory>` device takes one. Required by libvirt 9.0.0.' },
    { name: 'unit', detail: 'size unit', doc: UNIT_DOC },
  ],
  'domain/memory': [
    { name: 'unit', detail: 'size unit', doc: UNIT_DOC },
    { name: 'dumpCore', detail: 'on|off: include RAM in core dumps', doc: '**dumpCore** — `dump-guest-core=` of the machine.' },
  ],
  'domain/currentMemory': [{ name: 'unit', detail: 'size unit', doc: UNIT_DOC }],
  'devices/memory': [
    { name: 'model', detail: 'nvdimm | virtio-pmem | dimm | virtio-mem | sgx-epc', doc: '**model** — the kind of memory device (required).' },
    { name: 'access', detail: 'shared | private', doc: "**access** — how QEMU maps the backing file: `shared` (writes reach the file) or `private` (writes are lost). Absent: inherited from the NUMA cell's `memAccess`, then `<memoryBacking><access>`; virtio-pmem defaults to shared." },
    { name: 'discard', detail: 'yes | no', doc: "**discard** — `yes` is refused for nvdimm and virtio-pmem." },
  ],
  'memory/address': [
    { name: 'type', detail: "dimm | pci", doc: "**type** — `dimm` for nvdimm/dimm, `pci` for virtio-pmem/virtio-mem." },
    { name: 'slot', detail: 'dimm: slot number below <maxMemory slots>; pci: slot', doc: '**slot** — dimm: the memory slot (decimal, below `slots`), required; pci: the PCI slot.' },
    { name: 'base', detail: 'dimm: guest physical address (hex)', doc: '**base** — dimm: guest physical address, hexadecimal (`0x100000000`); usually left to QEMU.' },
    { name: 'domain', detail: 'pci domain', doc: '**domain** — PCI domain (0).' },
    { name: 'bus', detail: 'pci bus', doc: '**bus** — PCI bus.' },
    { name: 'function', detail: 'pci function', doc: '**function** — PCI function.' },
    { name: 'multifunction', detail: 'on|off', doc: '**multifunction** — PCI multifunction.' },
  ],
  size: [{ name: 'unit', detail: 'size unit', doc: UNIT_DOC }],
  alignsize: [{ name: 'unit', detail: 'size unit', doc: UNIT_DOC }],
  pagesize: [{ name: 'unit', detail: 'size unit', doc: UNIT_DOC }],
  block: [{ name: 'unit', detail: 'size unit', doc: UNIT_DOC }],
  requested: [{ name: 'unit', detail: 'size unit', doc: UNIT_DOC }],
  'numa/cell': [
    { name: 'id', detail: 'cell number (0, 1, …)', doc: '**id** — the guest NUMA node number, used by `<target><node>`.' },
    { name: 'cpus', detail: 'vCPUs of this node (0-1,4)', doc: '**cpus** — the vCPUs in this node.' },
    { name: 'memory', detail: 'boot memory of this node', doc: '**memory** — the node\'s boot RAM (memory devices come on top).' },
    { name: 'unit', detail: 'unit of memory', doc: UNIT_DOC },
    { name: 'memAccess', detail: 'shared | private (inherited by devices of this node)', doc: "**memAccess** — access mode of the node's RAM; memory devices on this node without `access` inherit it." },
    { name: 'discard', detail: 'yes | no', doc: '**discard** — discard the node\'s RAM when freed.' },
  ],
  'memoryBacking/access': [{ name: 'mode', detail: 'shared | private', doc: "**mode** — access mode of guest RAM, inherited by memory devices without `access` (and cells without `memAccess`)." }],
  'memoryBacking/source': [{ name: 'type', detail: 'file | anonymous | memfd', doc: '**type** — RAM backend type.' }],
  'memoryBacking/allocation': [
    { name: 'mode', detail: 'immediate | ondemand', doc: '**mode** — `immediate` preallocates guest RAM.' },
    { name: 'threads', detail: 'preallocation threads', doc: '**threads** — threads used to preallocate.' },
  ],
  'hugepages/page': [
    { name: 'size', detail: 'huge page size', doc: '**size** — huge page size.' },
    { name: 'unit', detail: 'unit of size', doc: UNIT_DOC },
    { name: 'nodeset', detail: 'guest nodes using this size', doc: '**nodeset** — guest NUMA nodes backed by this page size.' },
  ],
};

/** Attribute values per "element key@attribute". */
const VALUES: Readonly<Record<string, readonly XmlDoc[]>> = {
  'devices/memory@model': MODELS,
  'devices/memory@access': ACCESS,
  'devices/memory@discard': YES_NO,
  'numa/cell@memAccess': ACCESS,
  'numa/cell@discard': YES_NO,
  'memoryBacking/access@mode': ACCESS,
  'memoryBacking/source@type': [
    { name: 'file', detail: 'memory-backend-file', doc: '**file** — RAM in files under the memory backing dir.' },
    { name: 'anonymous', detail: 'memory-backend-ram', doc: '**anonymous** — anonymous RAM.' },
    { name: 'memfd', detail: 'memory-backend-memfd', doc: '**memfd** — memfd-backed RAM (shareable without a file).' },
  ],
  'memoryBacking/allocation@mode': [
    { name: 'immediate', detail: 'preallocate', doc: '**immediate** — `prealloc=on`.' },
    { name: 'ondemand', detail: 'allocate on first touch', doc: '**ondemand** — the default.' },
  ],
  'domain/memory@dumpCore': [
    { name: 'on', detail: 'dump-guest-core=on', doc: '**on**' },
    { name: 'off', detail: 'dump-guest-core=off', doc: '**off**' },
  ],
  'memory/address@type': [
    { name: 'dimm', detail: 'memory slot (nvdimm, dimm)', doc: "**dimm** — `slot='N'` (required) and optional `base='0x…'`. The only type for nvdimm/dimm: libvirt 9.0.0 silently rewrites others." },
    { name: 'pci', detail: 'PCI address (virtio-pmem, virtio-mem)', doc: "**pci** — `domain bus slot function`; the only type for virtio-pmem." },
  ],
  'memory/address@multifunction': [
    { name: 'on', detail: '', doc: '**on**' },
    { name: 'off', detail: '', doc: '**off**' },
  ],
};
for (const el of ['domain/maxMemory', 'domain/memory', 'domain/currentMemory', 'size', 'alignsize', 'pagesize', 'block', 'requested', 'numa/cell', 'hugepages/page']) {
  (VALUES as Record<string, readonly XmlDoc[]>)[`${el}@unit`] = UNITS;
}

/** The key an element is known by: "parent/name" when that is in a table, else "name". */
export function elementKey(parent: string | undefined, name: string, table: Readonly<Record<string, unknown>>): string | undefined {
  const pair = `${parent ?? ''}/${name}`;
  if (pair in table) return pair;
  if (name in table) return name;
  return undefined;
}

export function attributeDocs(parent: string | undefined, name: string): readonly XmlDoc[] {
  const k = elementKey(parent, name, ATTRIBUTES);
  return k ? ATTRIBUTES[k] : [];
}

export function valueDocs(parent: string | undefined, name: string, attr: string): readonly XmlDoc[] {
  const k = elementKey(parent, name, ATTRIBUTES) ?? elementKey(parent, name, VALUES as Record<string, unknown>);
  return (k && VALUES[`${k}@${attr}`]) || VALUES[`${name}@${attr}`] || [];
}

export function childDocs(grand: string | undefined, parent: string): readonly XmlDoc[] {
  if (parent === 'memory' && grand !== 'devices') return [];
  const k = elementKey(grand, parent, ELEMENTS);
  return k ? ELEMENTS[k] : [];
}

// ---------------------------------------------------------------------------
// Cursor context

/** The innermost element whose content (between its tags) holds `offset`. */
export function enclosingElements(root: XmlElement | undefined, offset: number): XmlElement[] {
  const chain: XmlElement[] = [];
  let el = root;
  while (el) {
    const contentStart = el.startTagSpan.end;
    const contentEnd = el.endTagSpan?.start ?? el.span.end;
    if (el.selfClosing || offset < contentStart || offset > contentEnd) break;
    chain.push(el);
    el = el.children.find((c) => offset >= c.span.start && offset <= c.span.end);
  }
  return chain;
}

type TagContext =
  | { kind: 'element'; parents: XmlElement[]; prefix: string; replace: Span }
  | { kind: 'attribute'; parents: XmlElement[]; tag: string; present: readonly string[]; replace: Span }
  | { kind: 'value'; parents: XmlElement[]; tag: string; attr: string; replace: Span };

/** What is being typed at `offset`, from the text of the tag around it. */
export function tagContext(text: string, root: XmlElement | undefined, offset: number): TagContext | undefined {
  // Find the '<' of the tag we are in (none when a '>' comes first).
  let lt = -1;
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '>') return undefined;
    if (c === '<') {
      lt = i;
      break;
    }
  }
  if (lt < 0 || text[lt + 1] === '/' || text[lt + 1] === '!' || text[lt + 1] === '?') return undefined;
  const parents = enclosingElements(root, lt);
  const inner = text.slice(lt + 1, offset);
  const nameM = /^[A-Za-z_][\w.:-]*/.exec(inner);
  if (!nameM || nameM[0].length === inner.length) {
    const prefix = nameM ? nameM[0] : '';
    if (inner.length && !nameM) return undefined;
    return { kind: 'element', parents, prefix, replace: { start: lt + 1, end: lt + 1 + prefix.length + wordAfter(text, offset) } };
  }
  const tag = nameM[0];
  // Walk the attributes typed so far.
  const re = /\s*([\w:.-]+)\s*(=\s*(?:'([^']*)('?)|"([^"]*)("?))?)?/y;
  let i = tag.length;
  const present: string[] = [];
  while (i < inner.length) {
    re.lastIndex = i;
    const m = re.exec(inner);
    if (!m || m[0].length === 0) break;
    const name = m[1];
    const openQuoteValue = m[3] !== undefined ? (m[4] ? undefined : m[3]) : m[5] !== undefined ? (m[6] ? undefined : m[5]) : undefined;
    if (re.lastIndex === inner.length && openQuoteValue !== undefined) {
      const start = lt + 1 + inner.length - openQuoteValue.length;
      const q = m[3] !== undefined ? "'" : '"';
      let end = offset;
      while (end < text.length && text[end] !== q && text[end] !== '>' && text[end] !== '<' && text[end] !== '\n') end++;
      return { kind: 'value', parents, tag, attr: name, replace: { start, end } };
    }
    if (re.lastIndex === inner.length && !m[2] && !/\s$/.test(inner)) {
      return { kind: 'attribute', parents, tag, present, replace: { start: lt + 1 + inner.length - name.length, end: offset + wordAfter(text, offset) } };
    }
    present.push(name);
    i = re.lastIndex;
  }
  if (!/\s$/.test(inner)) return undefined;
  // Attributes already in the element (typed after the cursor too).
  const el = parents.length ? parents[parents.length - 1].children.find((c) => c.span.start === lt) : undefined;
  for (const a of el?.attributes ?? []) if (!present.includes(a.name)) present.push(a.name);
  return { kind: 'attribute', parents, tag, present, replace: { start: offset, end: offset } };
}

function wordAfter(text: string, offset: number): number {
  let j = offset;
  while (j < text.length && /[\w.:-]/.test(text[j])) j++;
  return j - offset;
}

function deviceAt(a: DocumentAnalysis, offset: number): MemoryDevice | undefined {
  return a.libvirt?.domain?.memoryDevices.find((d) => offset >= d.element.span.start && offset <= d.element.span.end);
}

/** What libvirt reads in <source>/<target> for a model (the rest is ignored). */
const READ: Readonly<Record<string, readonly string[]>> = {
  nvdimm: ['path', 'alignsize', 'pmem', 'size', 'node', 'label', 'readonly'],
  'virtio-pmem': ['path', 'size'],
  dimm: ['pagesize', 'nodemask', 'size', 'node'],
  'virtio-mem': ['pagesize', 'nodemask', 'size', 'node', 'block', 'requested'],
  'sgx-epc': ['nodemask', 'size', 'node'],
};

// ---------------------------------------------------------------------------
// Entry point

export function completeLibvirt(a: DocumentAnalysis, offset: number): CompletionEntry[] {
  const root = a.libvirt?.doc.root;
  const ctx = tagContext(a.text, root, offset);
  if (!ctx) return [];
  const names = ctx.parents.map((p) => p.local);
  const parent = names[names.length - 1];
  const grand = names[names.length - 2];
  const dev = deviceAt(a, offset);
  const model = dev?.model?.text;
  const entries = (docs: readonly XmlDoc[], kind: CompletionEntry['kind'], insert: (d: XmlDoc) => string, rank: (d: XmlDoc) => number = () => 0, retrigger = false): CompletionEntry[] =>
    docs.map((d) => ({
      label: d.name,
      kind,
      detail: d.detail || undefined,
      documentation: d.doc,
      insertText: insert(d),
      replace: ctx.replace,
      sortText: `${rank(d)}${d.name}`,
      retrigger,
    }));

  switch (ctx.kind) {
    case 'element': {
      if (!parent) return [];
      const docs = childDocs(grand, parent).filter((d) => d.name.startsWith(ctx.prefix));
      // Inside a device, what its model reads comes first; the rest is ignored by libvirt.
      const inDevice = (parent === 'source' || parent === 'target') && grand === 'memory' && model && READ[model];
      return entries(docs, 'option', (d) => d.name, (d) => (inDevice && !READ[model!].includes(d.name) ? 1 : 0)).map((e) =>
        inDevice && !READ[model!].includes(e.label) ? { ...e, detail: `ignored for model '${model}'`, deprecated: true } : e,
      );
    }
    case 'attribute': {
      const docs = attributeDocs(parent, ctx.tag).filter((d) => !ctx.present.includes(d.name));
      return entries(docs, 'property', (d) => `${d.name}='`, () => 0, true);
    }
    case 'value': {
      let docs = valueDocs(parent, ctx.tag, ctx.attr);
      let rank: (d: XmlDoc) => number = () => 0;
      if (ctx.tag === 'address' && ctx.attr === 'type' && model) {
        const want = model === 'nvdimm' || model === 'dimm' ? 'dimm' : 'pci';
        docs = docs.filter((d) => d.name === want);
      } else if (ctx.tag === 'memory' && ctx.attr === 'access' && model === 'virtio-pmem') {
        docs = docs.filter((d) => d.name === 'shared');
      } else if (ctx.attr === 'model') {
        rank = (d) => (d.name === 'nvdimm' || d.name === 'virtio-pmem' ? 0 : 1);
      } else if (ctx.attr === 'access' || ctx.attr === 'mode' || ctx.attr === 'memAccess') {
        rank = (d) => (d.name === 'shared' ? 0 : 1);
      }
      return entries(docs, 'value', (d) => d.name, rank);
    }
  }
}
