/**
 * qemu-pmem probe FILE [--line N] [--boot] [--kernel PATH] [--timeout S] [--format text|json] [--var NAME=VALUE]...
 * Runs the real QEMU on the invocation's memory configuration (scratch copies
 * of the backing files) and, with --boot, a minimal Linux guest.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../engine/analyze';
import { invocationAt } from '../engine/features/invocation';
import { findQemuBinary } from '../probe';
import { runProbeRequest, type ProbeReport } from '../probe/report';
import type { Range } from '../engine/text';
import { UsageError } from './errors';

interface ProbeArgs {
  file: string;
  line?: number;
  boot: boolean;
  kernel?: string;
  timeout: number;
  format: 'text' | 'json';
  vars: Map<string, string>;
  qemu?: string;
}

function parseProbeArgs(argv: string[]): ProbeArgs {
  const out: ProbeArgs = { file: '', boot: false, timeout: 90, format: 'text', vars: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
      return argv[++i];
    };
    if (a === '--line' || a.startsWith('--line=')) {
      const n = Number(value('--line'));
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--line takes a 1-based line number');
      out.line = n;
    } else if (a === '--boot') out.boot = true;
    else if (a === '--kernel' || a.startsWith('--kernel=')) out.kernel = value('--kernel');
    else if (a === '--qemu' || a.startsWith('--qemu=')) out.qemu = value('--qemu');
    else if (a === '--timeout' || a.startsWith('--timeout=')) {
      const n = Number(value('--timeout'));
      if (!(n > 0)) throw new UsageError('--timeout takes seconds (> 0)');
      out.timeout = n;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json') throw new UsageError(`unknown format '${f}' (text or json)`);
      out.format = f;
    } else if (a === '--var' || a.startsWith('--var=')) {
      const kv = value('--var');
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new UsageError('--var takes NAME=VALUE');
      out.vars.set(kv.slice(0, eq), kv.slice(eq + 1));
    } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else if (!out.file) out.file = a;
    else throw new UsageError('probe takes one FILE');
  }
  if (!out.file) throw new UsageError('probe needs a FILE');
  return out;
}

export async function runProbe(argv: string[], io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const args = parseProbeArgs(argv);
  let text: string;
  try {
    text = fs.readFileSync(args.file, 'utf8');
  } catch (e) {
    io.err(`qemu-pmem: cannot read ${args.file}: ${(e as Error).message}\n`);
    return 2;
  }
  const a = analyze(text, { fileName: args.file });
  const offset = args.line === undefined ? undefined : a.lines.offsetAt({ line: args.line - 1, character: 0 });
  const inv = invocationAt(a, offset);
  if (!inv) {
    io.err(`qemu-pmem: no QEMU invocation found in ${args.file}${args.line ? ` at line ${args.line}` : ''}\n`);
    return 2;
  }
  if (inv.refused) {
    io.err(`qemu-pmem: cannot probe this invocation: ${inv.refused}\n`);
    return 2;
  }
  const argvOut = [...inv.argv];
  for (const u of inv.unresolved) {
    const v = u.name !== null ? args.vars.get(u.name) : undefined;
    if (v === undefined) {
      io.err(`qemu-pmem: ${u.text} is not assigned in ${args.file}; give its value with --var ${u.name ?? 'NAME'}=VALUE\n`);
      return 2;
    }
    argvOut[u.argIndex] = argvOut[u.argIndex].replace(u.text, v);
  }
  const binary = args.qemu ?? (inv.binaryName.includes('/') ? inv.binaryName : findQemuBinary(inv.binaryName));
  if (!binary || !fs.existsSync(binary)) {
    io.err(`qemu-pmem: ${inv.binaryName} is not installed (not found on PATH). Install QEMU, e.g. apt-get install qemu-system-x86, or pass --qemu PATH.\n`);
    return 2;
  }
  const report = await runProbeRequest({
    binary,
    argv: argvOut,
    boot: args.boot,
    kernel: args.kernel,
    timeoutMs: args.timeout * 1000,
    cwd: path.dirname(path.resolve(args.file)),
    onStep: args.format === 'text' ? (_s, m) => io.err(`… ${m}\n`) : undefined,
  });
  const rangeOf = (argIndex: number | null): Range =>
    a.lines.rangeOf(argIndex !== null && inv.argSpans[argIndex] ? inv.argSpans[argIndex] : inv.span);
  const line = a.lines.positionAt(inv.span.start).line + 1;
  if (args.format === 'json') io.out(JSON.stringify(toJson(args.file, line, argvOut, report, rangeOf), null, 2) + '\n');
  else io.out(toText(args.file, line, report, rangeOf));
  if (report.problem) io.err(`qemu-pmem: ${report.problem}\n`);
  return report.exitCode;
}

function toJson(file: string, line: number, argv: string[], r: ProbeReport, rangeOf: (i: number | null) => Range) {
  return {
    file,
    line,
    argv,
    config: {
      ok: r.config.ok,
      error: r.config.error ? { message: r.config.error.message, range: rangeOf(r.config.error.argIndex) } : null,
      memoryDevices: r.config.memoryDevices,
    },
    boot: r.boot
      ? {
          ok: r.boot.ok,
          accel: r.boot.accel,
          seconds: r.boot.seconds,
          devices: r.boot.devices.map((d) => ({
            id: d.id,
            guestDevice: d.guestDevice,
            bytes: d.bytes,
            readOnly: d.readOnly,
            persisted: d.persisted,
            predictedPersistent: d.predictedPersistent,
          })),
        }
      : null,
  };
}

function toText(file: string, line: number, r: ProbeReport, rangeOf: (i: number | null) => Range): string {
  const out: string[] = [`${file}:${line}: QEMU invocation`];
  if (r.config.ok) {
    out.push('config check: QEMU accepts the memory configuration');
    for (const d of r.config.memoryDevices) {
      const where = d.addr !== undefined ? `addr 0x${d.addr.toString(16)}` : d.memaddr !== undefined ? `memaddr 0x${d.memaddr.toString(16)}` : '';
      out.push(`  ${d.type} ${d.id ?? '(no id)'}: ${d.size} bytes, backend ${d.memdev ?? '?'}${where ? `, ${where}` : ''}${d.slot !== undefined ? `, slot ${d.slot}` : ''}${d.node !== undefined ? `, node ${d.node}` : ''}`);
    }
  } else if (r.config.error) {
    const p = rangeOf(r.config.error.argIndex).start;
    out.push(`${file}:${p.line + 1}:${p.character + 1}: error: QEMU refuses: ${r.config.error.message}`);
  }
  for (const w of r.config.warnings) out.push(`QEMU warning: ${w.message}`);
  if (r.boot) {
    out.push(`boot probe (${r.boot.accel}, ${r.boot.seconds.toFixed(1)} s): ${r.boot.ok ? 'the guest booted' : 'the guest did not report'}`);
    for (const d of r.boot.devices) {
      out.push(`  ${d.id ?? '(no id)'} → ${d.guestDevice ?? 'no guest device'}${d.bytes !== null ? `, ${d.bytes} bytes` : ''}${d.readOnly ? ', read-only' : ''}: ${d.verdict}`);
    }
    out.push(r.boot.agrees ? 'The guest behaved as qemu-pmem predicted.' : 'The guest did NOT behave as predicted.');
  }
  return out.join('\n') + '\n';
}
