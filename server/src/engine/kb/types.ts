/**
 * The knowledge base's shape. The knowledge itself (devices, backends,
 * machines, properties, defaults, since-versions, docs) lives as data in the
 * sibling modules; rules and language features read it, never hard-code it.
 */

export type PropType =
  | 'size' // QEMU size syntax (K/M/G/T/P/E suffixes, powers of 1024)
  | 'bool' // on/off (also yes/no/true/false/y/n)
  | 'enum' // one of `values`
  | 'string'
  | 'path' // a host file path
  | 'id' // an identifier: [A-Za-z][A-Za-z0-9._-]*
  | 'link' // the id of another object (see `link`)
  | 'uint' // unsigned integer (decimal or 0x hex)
  | 'int' // signed integer
  | 'uuid'
  | 'node-list' // host NUMA node list, e.g. 0-1 or 0:2 in QemuOpts
  | 'pci-addr' // PCI slot[.function], e.g. 0x5 or 05.0
  | 'cpu-list'; // e.g. 0-3

export interface PropInfo {
  readonly name: string;
  readonly type: PropType;
  /** Our own short documentation (markdown), written from the QEMU docs and sources. */
  readonly doc: string;
  /** The default as a user would write it ("off", "0", "page size"). */
  readonly default?: string;
  /** Allowed values for enums. */
  readonly values?: readonly string[];
  /** First QEMU release that has the property, e.g. "2.7". */
  readonly since?: string;
  /** QEMU refuses the object/device without it. */
  readonly required?: boolean;
  /** Readable through QOM but never settable on the command line. */
  readonly readOnly?: boolean;
  /** For links: the QOM type the target must implement. */
  readonly link?: 'memory-backend';
  /** Suggested values for completion (sizes, say), beyond enums and booleans. */
  readonly suggestions?: readonly string[];
  /** Shown in completion/hover only, rarely used or internal (x-*). */
  readonly advanced?: boolean;
  /** Present only on some builds (pmem needs libpmem). */
  readonly note?: string;
}

export type TypeKind = 'device' | 'object' | 'machine' | 'option';

export interface TypeInfo {
  /** The driver / qom-type / machine type / option name, e.g. "nvdimm". */
  readonly name: string;
  readonly kind: TypeKind;
  /** One-paragraph documentation (markdown). */
  readonly doc: string;
  readonly since?: string;
  /** Binaries/targets that have it: "x86_64", "aarch64", "ppc64". Absent means all. */
  readonly targets?: readonly string[];
  /** Every property the type accepts on the command line (complete: unknown keys are errors). */
  readonly properties: readonly PropInfo[];
  /** Whether `properties` is the complete list (so an unknown key is an error). */
  readonly complete: boolean;
  /** Other names for it (e.g. "virtio-pmem" for the bus-less base). */
  readonly aliases?: readonly string[];
}

export interface MachineTypeInfo {
  /** e.g. "pc", "pc-i440fx-7.2", "q35", "pc-q35-7.2", "isapc", "microvm", "virt", "pseries". */
  readonly name: string;
  /** Family the rules switch on. */
  readonly family: 'pc' | 'q35' | 'isapc' | 'microvm' | 'virt' | 'pseries' | 'other';
  readonly target: 'x86_64' | 'aarch64' | 'ppc64';
  readonly doc: string;
  /** Has the `nvdimm` machine property. */
  readonly nvdimmProperty: boolean;
  /** Has device memory (slots/maxmem work). */
  readonly deviceMemory: boolean;
  /** Is an alias of (e.g. pc → pc-i440fx-7.2). */
  readonly aliasOf?: string;
}

/** A top-level QEMU command-line option such as -object or -nodefaults. */
export interface CliOptionInfo {
  /** Name without dashes, e.g. "object", "M", "no-acpi". */
  readonly name: string;
  /** Takes an argument word. */
  readonly hasArg: boolean;
  /** Canonical name it stands for ("M" → "machine"). */
  readonly canonical?: string;
  readonly doc?: string;
}
