/**
 * One probe run as the CLI and the extension present it: config check, then
 * (optionally) the boot probe, folded into the `qemu-pmem probe --format json`
 * shape. Positions are left to the caller (it knows the document).
 */
import { configCheck, type MemoryDeviceReport } from './config-check';
import { bootProbe, type BootResult } from './boot';
import type { QemuMessage } from './errors';

export interface ProbeRequest {
  readonly binary: string;
  readonly argv: readonly string[];
  readonly boot: boolean;
  readonly kernel?: string;
  readonly timeoutMs?: number;
  readonly cwd?: string;
  readonly signal?: AbortSignal;
  /** Progress: 'config' then 'boot'. */
  readonly onStep?: (step: 'config' | 'boot', message: string) => void;
  readonly onConsole?: (text: string) => void;
}

export interface ProbeDeviceJson {
  type: string;
  id: string | null;
  size: number;
  memdev: string | null;
  addr?: number;
  memaddr?: number;
  slot?: number;
  node?: number;
}

export interface ProbeReport {
  config: { ok: boolean; error: QemuMessage | null; memoryDevices: ProbeDeviceJson[]; warnings: QemuMessage[]; stderr: string };
  boot: BootResult | null;
  /** Why the probe itself could not run (no QEMU, no kernel, timeout, cancelled), or null. */
  problem: string | null;
  /** 0 works as predicted, 1 refused or disagreement, 2 environment/usage problem. */
  exitCode: 0 | 1 | 2;
}

export function deviceJson(d: MemoryDeviceReport): ProbeDeviceJson {
  const out: ProbeDeviceJson = { type: d.type, id: d.id, size: d.size, memdev: d.memdev };
  if (d.addr !== undefined) out.addr = d.addr;
  if (d.memaddr !== undefined) out.memaddr = d.memaddr;
  if (d.slot !== undefined) out.slot = d.slot;
  if (d.node !== undefined) out.node = d.node;
  return out;
}

export async function runProbeRequest(req: ProbeRequest): Promise<ProbeReport> {
  const timeoutMs = req.timeoutMs ?? 90_000;
  req.onStep?.('config', 'Starting QEMU with the memory configuration (-S, no guest code runs)');
  const config = await configCheck({ binary: req.binary, args: req.argv, timeoutMs, signal: req.signal, cwd: req.cwd });
  const configJson = {
    ok: config.ok,
    error: config.ok ? null : config.error,
    memoryDevices: config.memoryDevices.map(deviceJson),
    warnings: [...config.warnings],
    stderr: config.stderr,
  };
  if (config.problem) {
    return { config: configJson, boot: null, problem: config.error?.message ?? config.problem, exitCode: 2 };
  }
  if (!config.ok) return { config: configJson, boot: null, problem: null, exitCode: 1 };
  if (!req.boot) return { config: configJson, boot: null, problem: null, exitCode: 0 };
  req.onStep?.('boot', 'Booting a minimal Linux guest on scratch copies of the backing files');
  const boot = await bootProbe({
    binary: req.binary,
    args: req.argv,
    kernel: req.kernel,
    timeoutMs,
    signal: req.signal,
    cwd: req.cwd,
    onConsole: req.onConsole,
  });
  if (boot.problem) return { config: configJson, boot, problem: boot.error?.message ?? boot.problem, exitCode: 2 };
  const exitCode = boot.ok && boot.agrees ? 0 : 1;
  return { config: configJson, boot, problem: null, exitCode };
}
