#!/usr/bin/env node
/**
 * qemu-pmem: the engine as a command-line tool.
 *   qemu-pmem lint [--format text|json|sarif] [--qemu-version V] [--no-host-checks] FILE...
 *   qemu-pmem probe FILE [--line N] [--boot] [--kernel PATH] [--timeout S] [--format text|json]
 * Exit: 0 no errors, 1 errors found (or probe disagreement), 2 usage or I/O problem.
 */
import * as fs from 'node:fs';
import { analyze, DEFAULT_QEMU_VERSION } from '../engine/analyze';
import { QEMU_RULES } from '../engine/rules';
import { LIBVIRT_RULES } from '../engine/libvirt';
import { nodeHost } from '../lsp/host';
import { toJson, toSarif, toText, type FileFindings } from './format';
import { runProbe } from './probe';
import { UsageError } from './errors';

export const VERSION = '0.1.0';

const USAGE = `Usage:
  qemu-pmem lint [--format text|json|sarif] [--qemu-version V] [--no-host-checks] FILE...
  qemu-pmem probe FILE [--line N] [--boot] [--kernel PATH] [--timeout S] [--format text|json]
                 [--var NAME=VALUE]... [--qemu PATH]
  qemu-pmem --version

lint   checks QEMU persistent-memory options in shell launch scripts and libvirt
       domain XML. Exit 0 when no errors, 1 when errors were found, 2 on usage or
       I/O problems.
probe  starts the real QEMU with the invocation's memory configuration (and, with
       --boot, a minimal Linux guest) and reports what QEMU and the guest see.
`;


interface LintArgs {
  format: 'text' | 'json' | 'sarif';
  qemuVersion: string;
  hostChecks: boolean;
  files: string[];
}

function parseLintArgs(argv: string[]): LintArgs {
  const out: LintArgs = { format: 'text', qemuVersion: DEFAULT_QEMU_VERSION, hostChecks: true, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
      return argv[++i];
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format '${f}' (text, json or sarif)`);
      out.format = f;
    } else if (a === '--qemu-version' || a.startsWith('--qemu-version=')) {
      const v = value('--qemu-version');
      if (!/^\d+\.\d+(\.\d+)?$/.test(v)) throw new UsageError(`--qemu-version takes a version like 7.2 or 8.2.0, not '${v}'`);
      out.qemuVersion = v;
    } else if (a === '--no-host-checks') {
      out.hostChecks = false;
    } else if (a === '--') {
      out.files.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}'`);
    } else {
      out.files.push(a);
    }
  }
  if (!out.files.length) throw new UsageError('lint needs at least one FILE');
  return out;
}

export function lint(argv: string[], io: { out: (s: string) => void; err: (s: string) => void }): number {
  const args = parseLintArgs(argv);
  const results: FileFindings[] = [];
  let ioProblem = false;
  for (const file of args.files) {
    let text: string;
    try {
      text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
    } catch (e) {
      io.err(`qemu-pmem: cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
      ioProblem = true;
      continue;
    }
    const a = analyze(text, {
      fileName: file,
      qemuVersion: args.qemuVersion,
      host: args.hostChecks ? nodeHost : undefined,
      onRuleError: (code, e) => io.err(`qemu-pmem: rule ${code} failed on ${file}: ${e instanceof Error ? e.message : String(e)}\n`),
    });
    results.push({ file, lines: a.lines, findings: a.findings });
  }
  if (args.format === 'json') io.out(JSON.stringify(toJson(results), null, 2) + '\n');
  else if (args.format === 'sarif') io.out(JSON.stringify(toSarif(results, [...QEMU_RULES, ...LIBVIRT_RULES], VERSION), null, 2) + '\n');
  else {
    io.out(toText(results));
    const count = (s: string) => results.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
    io.err(`${results.length} file(s): ${count('error')} error(s), ${count('warning')} warning(s)\n`);
  }
  if (ioProblem) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) };
  try {
    const [cmd, ...rest] = argv;
    if (cmd === '--version' || cmd === '-v') {
      io.out(`qemu-pmem ${VERSION}\n`);
      return 0;
    }
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      io.out(USAGE);
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === 'lint') return lint(rest, io);
    if (cmd === 'probe') return await runProbe(rest, io);
    throw new UsageError(`unknown command '${cmd}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`qemu-pmem: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`qemu-pmem: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
