#!/usr/bin/env node
/**
 * A tiny process runner for Launch in QEMU: runs QEMU with the given argv
 * (never through a shell), passes its output through, and copies QEMU's own
 * error lines (`qemu-system-x86_64: ...`) into a file so the editor can place
 * them on the option they name. Signals are forwarded; the exit code is QEMU's.
 *
 *   node run-and-capture.js --errors-to FILE -- BINARY ARG...
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

function main(argv: string[]): void {
  const sep = argv.indexOf('--');
  const opts = argv.slice(0, sep < 0 ? 0 : sep);
  const cmd = sep < 0 ? [] : argv.slice(sep + 1);
  const errIdx = opts.indexOf('--errors-to');
  const errorsTo = errIdx >= 0 ? opts[errIdx + 1] : undefined;
  if (!cmd.length) {
    process.stderr.write('usage: run-and-capture --errors-to FILE -- BINARY ARG...\n');
    process.exit(2);
  }
  const [binary, ...args] = cmd;
  const child = spawn(binary, args, { stdio: ['inherit', 'inherit', 'pipe'], shell: false });
  const captured: string[] = [];
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    partial += chunk.toString('utf8');
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    captured.push(...lines);
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      if (!child.killed) child.kill(sig);
    });
  }
  child.on('error', (e) => {
    process.stderr.write(`cannot start ${binary}: ${e.message}\n`);
    if (errorsTo) fs.writeFileSync(errorsTo, JSON.stringify({ exitCode: 127, stderr: [`${binary}: ${e.message}`] }));
    process.exit(127);
  });
  child.on('close', (code, signal) => {
    if (partial) captured.push(partial);
    const exitCode = code ?? (signal ? 128 : 1);
    if (errorsTo) {
      try {
        fs.writeFileSync(errorsTo, JSON.stringify({ exitCode, stderr: captured.slice(-200) }));
      } catch {
        /* the editor will simply show no mapped errors */
      }
    }
    process.exit(exitCode);
  });
}

main(process.argv.slice(2));
