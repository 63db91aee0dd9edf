/**
 * Runs corpus cases through real QEMU and through our analysis, and compares.
 *
 * QEMU runs as `qemu-system-x86_64 <args> -S -display none -nodefaults -qmp
 * stdio` with QMP commands on stdin; accept = exit code 0. Hazard cases also
 * ask query-memory-devices (to check the probe address), `cont`, and one more
 * round-trip before `quit`, then look for the probe's bytes in the backing file.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { nodeHost } from '../../server/src/lsp/host';
import type { Finding } from '../../server/src/engine/rules/types';
import type { VmModel } from '../../server/src/engine/model/types';
import type { Case } from './corpus';

export const QEMU = process.env.QEMU_PMEM_QEMU ?? 'qemu-system-x86_64';

export function qemuAvailable(): boolean {
  const r = spawnSync(QEMU, ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Codes whose warning means "guest writes will not reach the backing file". */
export const LOSS_CODES: ReadonlySet<string> = new Set(['share-off', 'nvdimm-volatile-backend', 'discard-data', 'mem-path-directory']);

export interface QemuRun {
  readonly code: number | null;
  readonly stderr: string;
  readonly stdout: string;
}

/** The first error line of QEMU's stderr: its option prefix (when any) and message. */
export function firstError(stderr: string): { option?: string; message: string } | undefined {
  for (const raw of stderr.split('\n')) {
    const line = raw.trimEnd();
    const m = /^qemu-system-[a-z0-9_]+: (.*)$/.exec(line);
    if (!m) continue;
    let rest = m[1];
    let option: string | undefined;
    const opt = /^(-(?:device|object|machine|M|m|numa) (?:\{.*?\}|[^ ]*?)): (.*)$/.exec(rest);
    if (opt) {
      option = opt[1];
      rest = opt[2];
    }
    if (/^warning:/i.test(rest)) continue;
    return { option, message: rest };
  }
  return undefined;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Materialises a case in `dir` (its private directory) and returns its concrete args. */
export function prepare(c: Case, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  for (const d of c.dirs ?? []) fs.mkdirSync(path.join(dir, d), { recursive: true });
  for (const [name, size] of Object.entries(c.files ?? {})) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, '');
    if (size) fs.truncateSync(p, size);
  }
  return c.args.map((a) => a.split('@D@').join(dir));
}

export function scriptOf(args: readonly string[]): string {
  return `qemu-system-x86_64 ${args.map(shellQuote).join(' ')}\n`;
}

export function runQemu(args: readonly string[], qmp: readonly string[], timeoutMs = 30000): Promise<QemuRun> {
  return new Promise((resolve) => {
    const p = spawn(QEMU, [...args, '-S', '-display', 'none', '-nodefaults', '-qmp', 'stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.stdin.on('error', () => undefined); // QEMU exits before reading stdin when it refuses
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
    p.stdin.end(qmp.map((c) => JSON.stringify({ execute: c }) + '\n').join(''));
  });
}

export interface Verdict {
  readonly c: Case;
  readonly script: string;
  readonly qemu: QemuRun;
  readonly findings: readonly Finding[];
  readonly vm?: VmModel;
  readonly qemuRefused: boolean;
  readonly weRefuse: boolean;
  readonly verdictAgrees: boolean;
  /** undefined when QEMU accepted. */
  readonly locationAgrees?: boolean;
  readonly qemuError?: { option?: string; message: string };
  /** Hazard cases: whether the probe's bytes reached the backing file, and whether we warned of loss. */
  readonly hazard?: { persisted: boolean; warned: boolean; agrees: boolean; addrOk: boolean };
}

const PROBE = Buffer.from([0xef, 0xbe, 0xad, 0xde]);

/** Whether the probe bytes reached the case's target. */
function persisted(c: Case, dir: string): boolean {
  const t = c.hazard!.target;
  if ('none' in t) return false;
  if ('file' in t) {
    const p = path.join(dir, t.file);
    if (!fs.existsSync(p)) return false;
    const fd = fs.openSync(p, 'r');
    const buf = Buffer.alloc(4);
    fs.readSync(fd, buf, 0, 4, 0);
    fs.closeSync(fd);
    return buf.equals(PROBE);
  }
  // A directory: did any file in it keep the bytes?
  const d = path.join(dir, t.dir);
  return fs.readdirSync(d).some((n) => {
    const p = path.join(d, n);
    const buf = Buffer.alloc(4);
    const fd = fs.openSync(p, 'r');
    fs.readSync(fd, buf, 0, 4, 0);
    fs.closeSync(fd);
    return buf.equals(PROBE);
  });
}

/** The device address query-memory-devices reports for `id`. */
function deviceAddr(stdout: string, id: string): number | undefined {
  for (const line of stdout.split('\n')) {
    if (!line.includes('"return": [')) continue;
    try {
      const r = JSON.parse(line) as { return: { type: string; data: { id?: string; addr?: number; memaddr?: number } }[] };
      for (const e of r.return) if (e.data.id === id) return e.data.addr ?? e.data.memaddr;
    } catch {
      // not the line we want
    }
  }
  return undefined;
}

export async function runCase(c: Case, dir: string, qemuVersion = '7.2'): Promise<Verdict> {
  const args = prepare(c, dir);
  const script = scriptOf(args);
  // Analyse first: QEMU may create files.
  const a = analyze(script, { fileName: 'case.sh', qemuVersion, host: nodeHost, onRuleError: (code, e) => { throw new Error(`rule ${code} threw: ${String(e)}`); } });
  const vm = a.vms[0];
  const findings = a.findings;
  const qmp = c.hazard ? ['qmp_capabilities', 'query-memory-devices', 'cont', 'query-status', 'quit'] : ['qmp_capabilities', 'quit'];
  const qemu = await runQemu(args, qmp);
  const errors = findings.filter((f) => f.severity === 'error');
  const qemuRefused = qemu.code !== 0;
  const weRefuse = errors.length > 0;
  let locationAgrees: boolean | undefined;
  let qemuError: Verdict['qemuError'];
  if (qemuRefused) {
    qemuError = firstError(qemu.stderr);
    if (!qemuError || !vm) locationAgrees = false;
    else {
      const spans = !qemuError.option ? [] : [...vm.objects, ...vm.devices, ...vm.machines, ...vm.memories, ...vm.numa]
        .filter((o) => script.slice(o.span.start, o.span.end) === qemuError!.option || `-${o.option.name} ${o.option.arg?.value.text}` === qemuError!.option || `${o.option.flag.value.text} ${o.option.arg?.value.text}` === qemuError!.option)
        .map((o) => o.span);
      // A prefix that is no option of the line (`-machine nvdimm-persistence=x: unsupported option`)
      // is part of the message: match the whole text then.
      const text = spans.length ? qemuError.message : qemuError.option ? `${qemuError.option}: ${qemuError.message}` : qemuError.message;
      locationAgrees = spans.length
        ? errors.some((f) => spans.some((s) => f.span.start >= s.start && f.span.end <= s.end))
        : errors.some((f) => f.message.includes(text));
    }
  }
  let hazard: Verdict['hazard'];
  if (c.hazard && !qemuRefused) {
    const p = persisted(c, dir);
    const warned = findings.some((f) => LOSS_CODES.has(f.code));
    const addr = deviceAddr(qemu.stdout, c.hazard.deviceId);
    hazard = { persisted: p, warned, agrees: warned === !p, addrOk: addr === c.hazard.addr };
  }
  return { c, script, qemu, findings, vm, qemuRefused, weRefuse, verdictAgrees: qemuRefused === weRefuse, locationAgrees, qemuError, hazard };
}

/** Runs cases `parallel` at a time, each in its own directory under `root`. */
export async function runAll(cases: readonly Case[], root: string, parallel = 2): Promise<Verdict[]> {
  const out: Verdict[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const dir = path.join(root, `c${String(i).padStart(3, '0')}`);
      out[i] = await runCase(cases[i], dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

export function describeVerdict(v: Verdict): string {
  const errs = v.findings.map((f) => `    ${f.severity} [${f.code}] ${JSON.stringify(v.script.slice(f.span.start, f.span.end))} ${f.message}`).join('\n');
  return `${v.c.name}: qemu rc=${v.qemu.code}${v.qemuError ? ` (${v.qemuError.option ? v.qemuError.option + ': ' : ''}${v.qemuError.message})` : ''}\n  ${v.script.trim()}\n  stderr: ${v.qemu.stderr.trim().replace(/\n/g, ' | ')}\n${errs || '    (no findings)'}`;
}
