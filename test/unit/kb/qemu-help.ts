/**
 * Helpers for the knowledge-base tests that ask the real QEMU: run
 * `qemu-system-x86_64` and parse its help output. Parsers are pure functions
 * (tested on fixed text too), tolerant of spacing and of description text.
 */

import { spawnSync } from 'node:child_process';

export const QEMU = 'qemu-system-x86_64';

/** Why QEMU cannot be used, or undefined when it runs. */
export function qemuUnavailable(): string | undefined {
  const r = spawnSync(QEMU, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) return `${QEMU} is not runnable (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`;
  if (r.status !== 0) return `${QEMU} --version exited with ${String(r.status)}`;
  return undefined;
}

/** Whether the live tests must fail (rather than skip) without QEMU. */
export function qemuRequired(): boolean {
  return process.env['QEMU_PMEM_REQUIRE_QEMU'] === '1';
}

/** Run QEMU with args; returns stdout+stderr (help goes to stdout, errors to stderr). */
export function runQemu(args: readonly string[]): { status: number | null; out: string } {
  const r = spawnSync(QEMU, [...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The QEMU version string, e.g. "7.2.22". */
export function qemuVersion(): string | undefined {
  const m = /QEMU emulator version (\d+\.\d+(?:\.\d+)?)/.exec(runQemu(['--version']).out);
  return m?.[1];
}

export interface HelpProperty {
  readonly name: string;
  readonly type: string;
  /** Text of "(default: X)" if printed, quotes removed. */
  readonly default?: string;
}

/**
 * Parse `-device X,help` / `-object X,help` / `-machine X,help` output:
 * a header line "<type> options:" then lines "  name=<type>  - description (default: v)".
 */
export function parsePropertyHelp(text: string): HelpProperty[] {
  const out: HelpProperty[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s+([A-Za-z0-9_.-]+)=<((?:[^<>]|<[^<>]*>)*)>(.*)$/.exec(line);
    if (!m || m[1] === undefined || m[2] === undefined) continue;
    const d = /\(default: ([^)]*)\)\s*$/.exec(m[3] ?? '');
    const def = d?.[1]?.replace(/^"(.*)"$/, '$1');
    out.push(def === undefined ? { name: m[1], type: m[2] } : { name: m[1], type: m[2], default: def });
  }
  return out;
}

export interface HelpDevice {
  readonly name: string;
  readonly category: string;
  readonly bus?: string;
  readonly alias?: string;
}

/** Parse `-device help`: category headings "X devices:" and lines `name "n", bus B, alias "a", desc "..."`. */
export function parseDeviceHelp(text: string): HelpDevice[] {
  const out: HelpDevice[] = [];
  let category = '';
  for (const line of text.split(/\r?\n/)) {
    const h = /^(.+) devices:\s*$/.exec(line);
    if (h?.[1] !== undefined) {
      category = h[1];
      continue;
    }
    const m = /^name "([^"]+)"(.*)$/.exec(line);
    if (!m || m[1] === undefined) continue;
    const rest = m[2] ?? '';
    const bus = /, bus ([^,]+)/.exec(rest)?.[1];
    const alias = /, alias "([^"]+)"/.exec(rest)?.[1];
    out.push({ name: m[1], category, ...(bus !== undefined ? { bus } : {}), ...(alias !== undefined ? { alias } : {}) });
  }
  return out;
}

/** Parse `-object help`: the indented names after "List of user creatable objects:". */
export function parseObjectHelp(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /user creatable objects/i.test(l));
  if (start < 0) return [];
  return lines
    .slice(start + 1)
    .map((l) => l.trim())
    .filter((l) => /^[A-Za-z0-9_.-]+$/.test(l));
}

/** Parse `-machine help`: "name   description [(alias of X)] [(default)]" lines after "Supported machines are:". */
export function parseMachineHelp(text: string): { name: string; aliasOf?: string }[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^Supported machines are:/.test(l));
  if (start < 0) return [];
  const out: { name: string; aliasOf?: string }[] = [];
  for (const l of lines.slice(start + 1)) {
    const m = /^(\S+)\s+(.*)$/.exec(l);
    if (!m || m[1] === undefined) continue;
    const alias = /\(alias of ([^)]+)\)/.exec(m[2] ?? '')?.[1];
    out.push(alias !== undefined ? { name: m[1], aliasOf: alias } : { name: m[1] });
  }
  return out;
}

/** Run one QMP command on `qemu -M none` and return its "return" value. */
export function qmp(execute: string, args: Record<string, unknown>): unknown {
  const input =
    [{ execute: 'qmp_capabilities' }, { execute, arguments: args }, { execute: 'quit' }].map((c) => JSON.stringify(c)).join('\n') + '\n';
  const r = spawnSync(QEMU, ['-M', 'none', '-S', '-display', 'none', '-nodefaults', '-qmp', 'stdio'], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  const replies = r.stdout
    .split(/\r?\n/)
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((o) => 'return' in o || 'error' in o);
  // replies[0] answers qmp_capabilities, replies[1] our command.
  const reply = replies[1];
  if (!reply || !('return' in reply)) throw new Error(`QMP ${execute} failed: ${r.stdout}${r.stderr}`);
  return reply['return'];
}

/** Start QEMU paused with `args`, quit over QMP at once; returns the exit status and stderr. */
export function startAndQuit(args: readonly string[]): { status: number | null; stderr: string } {
  const input = `${JSON.stringify({ execute: 'qmp_capabilities' })}\n${JSON.stringify({ execute: 'quit' })}\n`;
  const r = spawnSync(QEMU, [...args, '-S', '-display', 'none', '-nodefaults', '-qmp', 'stdio'], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stderr: r.stderr };
}
