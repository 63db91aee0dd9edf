/**
 * One VM model, built from a shell invocation or from libvirt domain XML
 * (through the QEMU arguments libvirt would generate). Every value keeps its
 * document span so rules and features can point at it and edit it.
 */
import type { Span } from '../text';
import type { OptEntry, ParsedOpts, QemuOption } from '../qemu/types';
import type { ShellWord } from '../shell/types';

/** A key=value of an option, located in the document. */
export interface PropValue {
  readonly key: string;
  /** Decoded value text (JSON values as JSON text). */
  readonly raw: string;
  /** Document span of the value (for an implied key: the value). */
  readonly span: Span;
  /** Document span of the key; equals `span` for an implied key. */
  readonly keySpan: Span;
  /** Document span of key=value (the whole entry). */
  readonly entrySpan: Span;
  /** The value overlaps an unresolved expansion: unknown, do not judge it. */
  readonly unknown: boolean;
  readonly entry: OptEntry;
}

/** One -object / -device / -machine / -m / -numa occurrence. */
export interface OptionInstance {
  readonly option: QemuOption;
  readonly parsed: ParsedOpts;
  /** Every entry in source order, duplicates included. */
  readonly entries: readonly PropValue[];
  /** The effective value per key (QemuOpts and keyval: last wins; QemuOpts `id`: first wins). */
  readonly props: ReadonlyMap<string, PropValue>;
  /** Document span of the whole option argument (or of the flag when there is none). */
  readonly argSpan: Span;
  /** Document span of the option flag and argument together. */
  readonly span: Span;
  /** Maps a value-coordinate range of the argument to the document. */
  mapRange(from: number, to: number): Span;
}

export interface ObjectDef extends OptionInstance {
  /** The qom-type, e.g. "memory-backend-file" (undefined when missing). */
  readonly qomType?: string;
  readonly id?: string;
}

export interface DeviceDef extends OptionInstance {
  /** The driver, e.g. "nvdimm" (undefined when missing). */
  readonly driver?: string;
  readonly id?: string;
}

export type Arch = 'x86_64' | 'aarch64' | 'ppc64' | 'unknown';

export interface VmModel {
  readonly origin: 'shell' | 'libvirt';
  /** e.g. "qemu-system-x86_64". */
  readonly binaryName: string;
  readonly arch: Arch;
  /** Span of the whole invocation (shell) or of the <domain> start tag (libvirt). */
  readonly span: Span;
  /** Span of the binary word (shell) or of the <domain> start tag (libvirt). */
  readonly binarySpan: Span;
  /** Every argument after the binary, as the program would receive it. */
  readonly args: readonly ShellWord[];
  /** All options in order, known or not. */
  readonly options: readonly QemuOption[];
  /** Every -machine/-M occurrence (they merge, last value per key wins). */
  readonly machines: readonly OptionInstance[];
  /** Merged -machine properties (`type` included when given). */
  readonly machineProps: ReadonlyMap<string, PropValue>;
  /** Every -m occurrence (they merge, last value per key wins). */
  readonly memories: readonly OptionInstance[];
  readonly memoryProps: ReadonlyMap<string, PropValue>;
  /** -numa occurrences (all types; node entries have props.get('type') unset or "node"). */
  readonly numa: readonly OptionInstance[];
  readonly objects: readonly ObjectDef[];
  readonly devices: readonly DeviceDef[];
  /** Canonical option names present (e.g. "no-acpi", "nodefaults", "bios"). */
  readonly flags: ReadonlySet<string>;
  /**
   * Set when the invocation has more -object/-device/-machine/-m/-numa
   * options than the model holds (MAX_MODEL_OPTIONS): the first `limit` are
   * in the model, the rest are not checked. `span` is the first one left out.
   */
  readonly truncated?: { readonly limit: number; readonly total: number; readonly span: Span };
}
