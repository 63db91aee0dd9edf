/**
 * Splits a QEMU argv into options, as qemu-system-* 7.2 does (softmmu/vl.c
 * lookup_opt), and maps option arguments to their option-string parser.
 *
 * QEMU's rules (verified against qemu-system-x86_64 7.2):
 *  - a word that does not start with '-' is positional (a legacy disk image);
 *    the empty word too;
 *  - "--name" is the same as "-name"; "-" and "--" are invalid options;
 *  - "-name=value" is not accepted ("-m=256: invalid option"), so it is an
 *    unknown option named "m=256";
 *  - an option that takes an argument consumes the next word whatever it is
 *    ("-object -S" makes "-S" the object's argument);
 *  - an option that takes an argument at the very end fails with
 *    "requires an argument";
 *  - an unknown option fails with "invalid option".
 */
import { isUnknown } from '../mapped';
import type { ShellWord } from '../shell/types';
import { CLI_OPTION_TARGETS, cliOption } from './cli-options';
import { detectSyntax, parseJsonOpts, parseKeyval, parseQemuOpts } from './optstring';
import type { OptSyntax, ParsedOpts, QemuOption, SplitResult } from './types';

export interface SplitOptions {
  /**
   * The binary's target. When given, options of other targets (e.g. -prom-env
   * for x86_64) get QEMU's "Option not supported for this target".
   */
  readonly target?: 'x86_64' | 'aarch64' | 'ppc64';
}

/**
 * Walks argv (the words after the binary).
 *
 * Unknown options consume nothing: the word after one is read as usual (an
 * option or a positional word). The "invalid option" problem is not reported
 * when the option word contains an unresolved expansion ("-$X"), since its
 * real value is not known; such an option still has `known: false`.
 * Problem messages are QEMU's text without the location prefix; the word is
 * the location QEMU would print.
 */
export function splitOptions(args: readonly ShellWord[], opts: SplitOptions = {}): SplitResult {
  const options: QemuOption[] = [];
  const positional: ShellWord[] = [];
  const problems: { message: string; word: ShellWord }[] = [];
  let i = 0;
  while (i < args.length) {
    const word = args[i++];
    const text = word.value.text;
    if (text[0] !== '-') {
      positional.push(word);
      continue;
    }
    const name = text[1] === '-' ? text.slice(2) : text.slice(1);
    const info = cliOption(name);
    if (!info) {
      options.push({ name, flag: word, arg: null, known: false });
      if (!isUnknown(word.value, 0, text.length)) problems.push({ message: 'invalid option', word });
      continue;
    }
    let arg: ShellWord | null = null;
    if (info.hasArg) {
      if (i < args.length) {
        arg = args[i++];
      } else {
        problems.push({ message: 'requires an argument', word });
      }
    }
    options.push({ name: info.canonical ?? info.name, flag: word, arg, known: true });
    const targets = CLI_OPTION_TARGETS[info.name];
    if (opts.target && targets && !targets.includes(opts.target)) {
      problems.push({ message: 'Option not supported for this target', word });
    }
  }
  return { options, positional, problems };
}

/** Which parser reads an option's argument, and its implied first key. */
export interface OptionArgSyntax {
  readonly syntax: OptSyntax;
  readonly impliedKey: string | null;
}

/**
 * The option-string syntax of an option's argument (name with or without
 * its alias: "M" and "machine" both work), or null for options whose
 * argument is not a key=value string we parse.
 *
 *  - object: JSON when the text starts with '{', else QemuOpts, implied "qom-type"
 *  - device: JSON when the text starts with '{', else QemuOpts, implied "driver"
 *  - machine / M: keyval, implied "type"
 *  - m: QemuOpts, implied "size"
 *  - numa: QemuOpts, implied "type"
 *  - smp: QemuOpts, implied "cpus"; accel: QemuOpts, implied "accel"
 */
export function optionArgSyntax(name: string, argText: string): OptionArgSyntax | null {
  const canonical = cliOption(name)?.canonical ?? name;
  switch (canonical) {
    case 'object':
      return detectSyntax(argText) === 'json'
        ? { syntax: 'json', impliedKey: null }
        : { syntax: 'qemuopts', impliedKey: 'qom-type' };
    case 'device':
      return detectSyntax(argText) === 'json'
        ? { syntax: 'json', impliedKey: null }
        : { syntax: 'qemuopts', impliedKey: 'driver' };
    case 'machine':
      return { syntax: 'keyval', impliedKey: 'type' };
    case 'm':
      return { syntax: 'qemuopts', impliedKey: 'size' };
    case 'numa':
      return { syntax: 'qemuopts', impliedKey: 'type' };
    case 'smp':
      return { syntax: 'qemuopts', impliedKey: 'cpus' };
    case 'accel':
      return { syntax: 'qemuopts', impliedKey: 'accel' };
    default:
      return null;
  }
}

/** Parses an option's argument with the right parser; null when optionArgSyntax is null. */
export function parseOptionArg(name: string, argText: string): ParsedOpts | null {
  const how = optionArgSyntax(name, argText);
  if (!how) return null;
  switch (how.syntax) {
    case 'json':
      return parseJsonOpts(argText);
    case 'keyval':
      return parseKeyval(argText, how.impliedKey);
    case 'qemuopts':
      return parseQemuOpts(argText, how.impliedKey);
  }
}
