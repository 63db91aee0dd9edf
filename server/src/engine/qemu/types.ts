/**
 * QEMU option strings: the argument of -object, -device, -machine, -m, -numa.
 * Parsers here work on plain strings; every position is an offset into that
 * string ("value coordinates"). The model layer maps them to the document.
 */
import type { ShellWord } from '../shell/types';

export type OptSyntax = 'qemuopts' | 'keyval' | 'json';

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export interface OptEntry {
  /** The key as QEMU sees it ("share" for the bare flags "share" and "noshare"). */
  readonly key: string;
  /** Where the key is written; for an implied key both equal valueFrom. */
  readonly keyFrom: number;
  readonly keyTo: number;
  /** The decoded value (",," becomes ","); JSON values as their JSON text. */
  readonly value: string;
  readonly valueFrom: number;
  readonly valueTo: number;
  /** The first key was left out (driver, qom-type, size, type). */
  readonly implied: boolean;
  /** A QemuOpts short-form boolean: "share" (on) or "noshare" (off). */
  readonly bare?: 'on' | 'off';
  /** JSON syntax only: the value's JSON type and parsed value. */
  readonly jsonType?: JsonType;
  readonly jsonValue?: unknown;
}

export interface OptError {
  readonly message: string;
  readonly from: number;
  readonly to: number;
}

export interface ParsedOpts {
  readonly syntax: OptSyntax;
  /** Every key=value in source order, duplicates included. */
  readonly entries: readonly OptEntry[];
  readonly errors: readonly OptError[];
}

/** One command-line option with its argument, e.g. `-device nvdimm,...`. */
export interface QemuOption {
  /** Canonical name without dashes: "object", "device", "machine" (also for -M), "m", "numa", "no-acpi", ... */
  readonly name: string;
  /** The word as written ("-M", "--object", ...). */
  readonly flag: ShellWord;
  /** The argument word, when the option takes one (null when missing at the end). */
  readonly arg: ShellWord | null;
  /** False when the option is not one QEMU knows. */
  readonly known: boolean;
}

export interface SplitResult {
  readonly options: readonly QemuOption[];
  /** Words that are not options (a legacy disk image, say). */
  readonly positional: readonly ShellWord[];
  readonly problems: readonly { message: string; word: ShellWord }[];
}
