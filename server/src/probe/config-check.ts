/**
 * Config check: start the real QEMU with the invocation's memory
 * configuration (scratch backing files), paused (-S), no default devices,
 * QMP on a private socket; read query-memory-devices and query-memdev;
 * quit. A refusal is QEMU's message placed on the argv word it names.
 */
import * as path from 'node:path';
import type { Accel, ProbeOption } from './argv';
import { applyAccel, flattenOptions, selectProbeArgs } from './argv';
import { analyzeStderr, substitutePaths, type QemuMessage } from './errors';
import { kvmUsable } from './env';
import { runQemu, withPrivateDir, type QemuRun } from './process';
import { QmpConnectionError, type QmpClient } from './qmp';
import { prepareScratch, type ScratchBacking } from './scratch';

export type AccelChoice = Accel | 'auto';

/** One entry of query-memory-devices, flattened (reference §8). */
export interface MemoryDeviceReport {
  /** "nvdimm" | "dimm" | "virtio-pmem" | "virtio-mem" | "sgx-epc" | ... */
  readonly type: string;
  readonly id: string | null;
  /** Bytes; for an NVDIMM the backend size minus the label, aligned down. */
  readonly size: number;
  /** The backend's id ("/objects/" stripped). */
  readonly memdev: string | null;
  /** Guest-physical address: `addr` for dimm/nvdimm, `memaddr` for virtio devices. */
  readonly addr?: number;
  readonly memaddr?: number;
  readonly slot?: number;
  readonly node?: number;
  readonly hotplugged?: boolean;
}

/** One entry of query-memdev (pc.ram included). */
export interface MemdevReport {
  readonly id: string | null;
  readonly size: number;
  readonly share: boolean | null;
  readonly merge: boolean | null;
  readonly dump: boolean | null;
  readonly prealloc: boolean | null;
  readonly reserve: boolean | null;
  readonly policy: string | null;
  readonly hostNodes: readonly number[];
}

/** Why a probe could not run as intended (as opposed to QEMU refusing the configuration). */
export type ProbeProblem = 'spawn' | 'timeout' | 'aborted' | 'environment' | null;

export interface ConfigResult {
  /** QEMU accepted the configuration. */
  readonly ok: boolean;
  /** QEMU's refusal (or the probe's own problem, see `problem`). */
  readonly error: QemuMessage | null;
  readonly warnings: readonly QemuMessage[];
  readonly memoryDevices: readonly MemoryDeviceReport[];
  readonly memdevs: readonly MemdevReport[];
  /** QEMU's stderr, scratch paths replaced by the user's. */
  readonly stderr: string;
  /** Set when the result says nothing about the configuration (no QEMU, timeout, cancelled). */
  readonly problem: ProbeProblem;
  readonly accel: Accel;
  /** The argv the probe ran (after the binary; scratch paths as they were). */
  readonly argv: readonly string[];
  /** What the probe changed and why (accelerator, unmirrorable files). */
  readonly notes: readonly string[];
  readonly ms: number;
}

export interface ConfigCheckInput {
  readonly binary: string;
  readonly args: readonly string[];
  /** Directory relative mem-paths are resolved against (the script's working directory); default process.cwd(). */
  readonly cwd?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Default 'auto': KVM when /dev/kvm is usable, else TCG. */
  readonly accel?: AccelChoice;
}

export const resolveAccel = (a: AccelChoice | undefined): Accel => (a === 'kvm' || a === 'tcg' ? a : kvmUsable() ? 'kvm' : 'tcg');

// ---------------------------------------------------------------- shared with the boot probe

/** @internal The prepared memory configuration of one probe run. */
export interface PreparedProbe {
  readonly options: readonly ProbeOption[];
  readonly backings: readonly ScratchBacking[];
  readonly substitutions: readonly (readonly [string, string])[];
  readonly notes: readonly string[];
  readonly accel: Accel;
}

/** @internal Select, scratch-rewrite and accelerate the user's args inside `dir`. */
export async function prepareProbe(args: readonly string[], dir: string, cwd: string, accel: Accel): Promise<PreparedProbe> {
  const selected = selectProbeArgs(args);
  const scratch = await prepareScratch(selected.options, dir, cwd);
  const withAccel = applyAccel(scratch.options, accel);
  return {
    options: withAccel.options,
    backings: scratch.backings,
    substitutions: [...scratch.substitutions, [dir, '<probe dir>']],
    notes: [...scratch.notes, ...withAccel.notes],
    accel,
  };
}

/** @internal Flatten query-memory-devices' union entries. */
export function normalizeMemoryDevices(ret: unknown): MemoryDeviceReport[] {
  if (!Array.isArray(ret)) return [];
  return ret.map((item: { type?: unknown; data?: Record<string, unknown> }) => {
    const d = item?.data ?? {};
    const num = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : undefined);
    const memdev = typeof d.memdev === 'string' ? d.memdev.replace(/^\/objects\//, '') : null;
    const out: Record<string, unknown> = {
      type: String(item?.type ?? 'unknown'),
      id: typeof d.id === 'string' ? d.id : null,
      size: num('size') ?? 0,
      memdev,
    };
    for (const k of ['addr', 'memaddr', 'slot', 'node']) if (num(k) !== undefined) out[k] = num(k);
    if (typeof d.hotplugged === 'boolean') out.hotplugged = d.hotplugged;
    return out as unknown as MemoryDeviceReport;
  });
}

/** @internal */
export function normalizeMemdevs(ret: unknown): MemdevReport[] {
  if (!Array.isArray(ret)) return [];
  return ret.map((m: Record<string, unknown>) => {
    const bool = (k: string) => (typeof m[k] === 'boolean' ? (m[k] as boolean) : null);
    return {
      id: typeof m.id === 'string' ? m.id : null,
      size: typeof m.size === 'number' ? m.size : 0,
      share: bool('share'),
      merge: bool('merge'),
      dump: bool('dump'),
      prealloc: bool('prealloc'),
      reserve: bool('reserve'),
      policy: typeof m.policy === 'string' ? m.policy : null,
      hostNodes: Array.isArray(m['host-nodes']) ? (m['host-nodes'] as number[]) : [],
    };
  });
}

/** @internal Interpret a finished run's failure (no QEMU, timeout, cancel, refusal). */
export function runFailure(
  run: QemuRun<unknown>,
  prepared: PreparedProbe,
  progName: string,
  timeoutMs: number,
): { error: QemuMessage | null; warnings: QemuMessage[]; problem: ProbeProblem; stderr: string } {
  const stderr = substitutePaths(run.stderr, prepared.substitutions);
  const analysis = analyzeStderr(run.stderr, { progName, options: prepared.options, substitutions: prepared.substitutions });
  const warnings = [...analysis.warnings];
  if (run.spawnError) {
    return { error: { message: `cannot run QEMU: ${run.spawnError.message}`, argIndex: null }, warnings, problem: 'spawn', stderr };
  }
  if (run.aborted) return { error: { message: 'cancelled', argIndex: null }, warnings, problem: 'aborted', stderr };
  if (run.timedOut) {
    return { error: { message: `QEMU did not finish within ${Math.round(timeoutMs / 1000)} s and was killed`, argIndex: null }, warnings, problem: 'timeout', stderr };
  }
  if (analysis.error) return { error: analysis.error, warnings, problem: null, stderr };
  if (run.code !== 0) {
    const how = run.signal ? `was killed by ${run.signal}` : `exited with status ${run.code}`;
    return { error: { message: `QEMU ${how}${stderr.trim() ? ': ' + stderr.trim().split('\n').pop() : ''}`, argIndex: null }, warnings, problem: null, stderr };
  }
  return { error: null, warnings, problem: null, stderr };
}

// ---------------------------------------------------------------- config check

export async function configCheck(input: ConfigCheckInput): Promise<ConfigResult> {
  const timeoutMs = input.timeoutMs ?? 30_000;
  const accel = resolveAccel(input.accel);
  const progName = path.basename(input.binary);
  return withPrivateDir(async (dir) => {
    const prepared = await prepareProbe(input.args, dir, input.cwd ?? process.cwd(), accel);
    const argv = [...flattenOptions(prepared.options).args, '-S', '-nodefaults', '-no-user-config', '-display', 'none'];
    const run = await runQemu({
      binary: input.binary,
      args: argv,
      dir,
      cwd: input.cwd,
      timeoutMs,
      signal: input.signal,
      session: async (qmp: QmpClient) => {
        const devices = await qmp.execute('query-memory-devices');
        const memdevs = await qmp.execute('query-memdev');
        await qmp.execute('quit').catch((e) => {
          // QEMU may close the socket before its reply to quit arrives.
          if (!(e instanceof QmpConnectionError)) throw e;
        });
        return { devices, memdevs };
      },
    });
    const failure = runFailure(run, prepared, progName, timeoutMs);
    const sessionOk = run.session?.ok === true;
    const ok = failure.error === null && sessionOk;
    let error = failure.error;
    if (!ok && error === null) {
      const why = run.session && !run.session.ok ? run.session.error.message : 'QEMU exited before QMP was ready';
      error = { message: why, argIndex: null };
    }
    const value = run.session?.ok ? (run.session.value as { devices: unknown; memdevs: unknown }) : null;
    return {
      ok,
      error,
      warnings: failure.warnings,
      memoryDevices: value ? normalizeMemoryDevices(value.devices) : [],
      memdevs: value ? normalizeMemdevs(value.memdevs) : [],
      stderr: failure.stderr,
      problem: failure.problem,
      accel,
      argv,
      notes: prepared.notes,
      ms: run.ms,
    };
  });
}
