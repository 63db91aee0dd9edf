/**
 * Types of the XML layer: a small position-keeping element tree built from
 * @xml-tools/parser's CST, and the libvirt domain model extracted from it.
 *
 * Every span is a half-open range of UTF-16 offsets into the document.
 */
import type { MappedString } from '../mapped';
import type { ShellWord } from '../shell/types';
import type { Span } from '../text';

// ---------------------------------------------------------------------------
// Element tree

export interface XmlAttribute {
  /** Qualified name as written, e.g. "unit" or "xmlns:qemu". */
  readonly name: string;
  /** Part before ':' (undefined when there is none). */
  readonly prefix?: string;
  /** Part after ':' (the whole name when there is no prefix). */
  readonly local: string;
  readonly nameSpan: Span;
  /**
   * The decoded value; every character maps through entity references back to
   * the source. Undefined when the attribute has no (quoted) value yet.
   */
  readonly value?: MappedString;
  /** Source span of the value inside the quotes. */
  readonly valueSpan?: Span;
  /** From the name to the closing quote (or to the last character present). */
  readonly span: Span;
}

export interface XmlElement {
  /** Qualified name as written, e.g. "memory" or "qemu:arg". */
  readonly name: string;
  readonly prefix?: string;
  readonly local: string;
  /** Namespace URI the prefix (or the default namespace) is bound to, if any. */
  readonly namespace?: string;
  readonly nameSpan: Span;
  /** From '<' to the '>' or '/>' of the start tag (or as far as it was typed). */
  readonly startTagSpan: Span;
  /** From '<' to the end of the end tag (or as far as the element goes). */
  readonly span: Span;
  /** The end tag ('</name>'), when present. */
  readonly endTagSpan?: Span;
  /** Written as '<name/>'. */
  readonly selfClosing: boolean;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /**
   * Direct character data (text, entity and character references, CDATA) in
   * document order, decoded and mapped to the source. Child elements' text is
   * not included.
   */
  readonly text: MappedString;
}

export interface XmlError {
  readonly message: string;
  readonly span: Span;
  /** Set when the document could not be read at all (no tree): see parseXmlDocumentCst. */
  readonly fatal?: true;
}

export interface XmlDocument {
  /** The document element; undefined when the text has none yet. */
  readonly root?: XmlElement;
  readonly errors: readonly XmlError[];
}

// ---------------------------------------------------------------------------
// Located values

/** A string value read from an attribute or from an element's text. */
export interface XmlValue {
  /** Decoded value (entities resolved). */
  readonly text: string;
  /** The same value with its character map. */
  readonly value: MappedString;
  /**
   * Attribute: the value inside the quotes. Text: from the first to the last
   * source character of the text (the element's span when it has no text).
   */
  readonly span: Span;
  /** The whole attribute, or the element holding the text. */
  readonly nodeSpan: Span;
}

/** An unsigned integer attribute/text, parsed as libvirt parses it. */
export interface XmlNumber extends XmlValue {
  /** Undefined when the text is not a valid number for libvirt. */
  readonly number?: bigint;
}

/**
 * A libvirt "scaledInteger": a number plus an optional unit attribute
 * (`<size unit='KiB'>512</size>`, or `memory='...' unit='...'` on a cell).
 */
export interface ScaledValue {
  /** The number text (undefined when the element/attribute is empty or missing). */
  readonly number?: XmlValue;
  readonly unit?: XmlValue;
  /** The size in bytes after scaling; undefined on error. */
  readonly bytes?: bigint;
  /** libvirt's internal KiB value (bytes rounded up to KiB); undefined on error. */
  readonly kib?: bigint;
  /** libvirt's error, as `virsh` prints it, and the part it is about. */
  readonly error?: { readonly message: string; readonly span: Span };
  /** The element (or attribute) holding the value. */
  readonly span: Span;
}

// ---------------------------------------------------------------------------
// libvirt domain model

export interface OsType {
  readonly element: XmlElement;
  /** Text of <type> ("hvm"). */
  readonly value?: XmlValue;
  readonly arch?: XmlValue;
  readonly machine?: XmlValue;
}

export interface MaxMemory {
  readonly element: XmlElement;
  readonly size: ScaledValue;
  readonly slots?: XmlNumber;
}

export interface NumaCell {
  readonly element: XmlElement;
  readonly id?: XmlNumber;
  /** cpuset text, e.g. "0-1,4". */
  readonly cpus?: XmlValue;
  /** Parsed cpuset (sorted, unique); undefined when absent or invalid. */
  readonly cpuList?: readonly number[];
  readonly memory: ScaledValue;
  readonly memAccess?: XmlValue;
  readonly discard?: XmlValue;
  readonly distances: readonly { readonly element: XmlElement; readonly id?: XmlNumber; readonly value?: XmlNumber }[];
}

export interface MemoryBacking {
  readonly element: XmlElement;
  readonly hugepages?: {
    readonly element: XmlElement;
    readonly pages: readonly { readonly element: XmlElement; readonly size: ScaledValue; readonly nodeset?: XmlValue }[];
  };
  readonly nosharepages?: XmlElement;
  readonly locked?: XmlElement;
  /** <source type='file|anonymous|memfd'/>. */
  readonly source?: { readonly element: XmlElement; readonly type?: XmlValue };
  /** <access mode='shared|private'/>. */
  readonly access?: { readonly element: XmlElement; readonly mode?: XmlValue };
  /** <allocation mode='immediate|ondemand' threads='N'/>. */
  readonly allocation?: { readonly element: XmlElement; readonly mode?: XmlValue; readonly threads?: XmlNumber };
  readonly discard?: XmlElement;
}

export interface MemoryDeviceSource {
  readonly element: XmlElement;
  readonly path?: XmlValue;
  readonly alignsize?: ScaledValue;
  readonly pmem?: XmlElement;
  readonly pagesize?: ScaledValue;
  readonly nodemask?: XmlValue;
}

export interface MemoryDeviceTarget {
  readonly element: XmlElement;
  readonly size?: ScaledValue;
  readonly node?: XmlNumber;
  readonly label?: { readonly element: XmlElement; readonly size?: ScaledValue };
  readonly readonly?: XmlElement;
  readonly block?: ScaledValue;
  readonly requested?: ScaledValue;
  readonly current?: ScaledValue;
  /** <target><address base='0x...'/> (libvirt >= 9.4). */
  readonly address?: { readonly element: XmlElement; readonly base?: XmlNumber };
}

export interface DeviceAddress {
  readonly element: XmlElement;
  /** "dimm" or "pci" (others are kept as written). */
  readonly type?: XmlValue;
  /** dimm: decimal; pci: C-style (0x.., 0.., decimal). */
  readonly slot?: XmlNumber;
  /** dimm base, hexadecimal. */
  readonly base?: XmlNumber;
  readonly domain?: XmlNumber;
  readonly bus?: XmlNumber;
  readonly function?: XmlNumber;
  readonly multifunction?: XmlValue;
}

export interface MemoryDevice {
  readonly element: XmlElement;
  /** Position among the domain's <memory> devices, from 0. */
  readonly index: number;
  readonly model?: XmlValue;
  readonly access?: XmlValue;
  readonly discard?: XmlValue;
  readonly uuid?: XmlValue;
  readonly source?: MemoryDeviceSource;
  readonly target?: MemoryDeviceTarget;
  readonly address?: DeviceAddress;
  readonly alias?: { readonly element: XmlElement; readonly name?: XmlValue };
}

export interface QemuCommandline {
  readonly element: XmlElement;
  /** Each <qemu:arg value='...'/>: value mapped through entities, span = the value's span. */
  readonly args: readonly ShellWord[];
  /** <qemu:env name value/>. */
  readonly env: readonly { readonly element: XmlElement; readonly name?: XmlValue; readonly value?: XmlValue }[];
}

export interface LibvirtDomain {
  /** The <domain> element. */
  readonly element: XmlElement;
  /** <domain type='kvm|qemu|...'>. */
  readonly type?: XmlValue;
  readonly name?: XmlValue;
  readonly os?: { readonly element: XmlElement; readonly type?: OsType };
  /** The first <memory> directly under <domain> (libvirt reads ./memory[1]). */
  readonly memory?: { readonly element: XmlElement; readonly size: ScaledValue; readonly dumpCore?: XmlValue };
  readonly currentMemory?: { readonly element: XmlElement; readonly size: ScaledValue };
  readonly maxMemory?: MaxMemory;
  /** <vcpu>N</vcpu> (the maximum vCPU count). */
  readonly vcpu?: { readonly element: XmlElement; readonly count?: XmlNumber; readonly current?: XmlNumber };
  readonly features?: { readonly element: XmlElement; readonly acpi?: XmlElement };
  readonly cpu?: { readonly element: XmlElement; readonly numa?: { readonly element: XmlElement; readonly cells: readonly NumaCell[] } };
  readonly memoryBacking?: MemoryBacking;
  readonly devices?: XmlElement;
  /** Every <devices><memory>, in document order. */
  readonly memoryDevices: readonly MemoryDevice[];
  /** Every <qemu:commandline> (namespace http://libvirt.org/schemas/domain/qemu/1.0). */
  readonly qemuCommandlines: readonly QemuCommandline[];
  /** All <qemu:arg> values of all <qemu:commandline> elements, in order. */
  readonly qemuArgs: readonly ShellWord[];
}

// ---------------------------------------------------------------------------
// Generated QEMU arguments

export interface QemuArgvOptions {
  /**
   * Expand machine aliases as libvirt does in argv (`pc` → `pc-i440fx-7.2`):
   * true uses the QEMU 7.2 defaults, a record gives an explicit table.
   * Default: false (machine type as written).
   */
  readonly expandMachine?: boolean | Readonly<Record<string, string>>;
  /** libvirt's memory_backing_dir (default "/var/lib/libvirt/qemu/ram"). */
  readonly memoryBackingDir?: string;
  /** hugetlbfs mount point used for hugepage-backed memory (default "/dev/hugepages"). */
  readonly hugetlbfsMount?: string;
  /** Domain id used in libvirt's short name "<id>-<name>" (default -1, as domxml-to-native). */
  readonly domainId?: number;
}

export interface GeneratedArgs {
  /** The arguments, each mapped (synthetically) to the XML element it came from. */
  readonly words: readonly ShellWord[];
  /** The same arguments as plain strings. */
  readonly args: readonly string[];
  /** Why some arguments could not be generated (missing or invalid values). */
  readonly problems: readonly XmlError[];
}
