/**
 * Guest boot probe: boot a minimal Linux (host kernel + generated
 * initramfs) with the invocation's memory configuration on scratch backing
 * files, let the guest report what it sees and write a marker to each pmem
 * device, power off, and check which markers reached the scratch files.
 *
 * Mapping guest devices to QEMU devices is by guest-physical address: QEMU
 * reports each NVDIMM's `addr` and each virtio-pmem's `memaddr`
 * (query-memory-devices, read while the VM is still paused), and the guest's
 * nd region for that device starts at exactly that address
 * (/sys/bus/nd/devices/regionN/resource). /dev/pmemN is the block device of
 * a namespace in that region. Guest names (pmem0, pmem1) follow probe order,
 * not the command line, so they are never matched by position.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PMEM_DRIVERS, describeBackends, describeMemoryDevices, flattenOptions, type BackendInfo, type ProbeOption } from './argv';
import {
  normalizeMemoryDevices,
  prepareProbe,
  resolveAccel,
  runFailure,
  type AccelChoice,
  type MemoryDeviceReport,
  type ProbeProblem,
} from './config-check';
import type { QemuMessage } from './errors';
import { defaultKernel, findStaticBusybox, resolveKernel, type KernelChoice } from './env';
import { buildInitramfs, MARKER_OFFSET, markerText, REPORT_BEGIN, REPORT_END, type Initramfs } from './initramfs';
import { extractPvhKernel } from './kernel';
import { runQemu, withPrivateDir } from './process';
import type { QmpClient } from './qmp';
import type { ScratchBacking } from './scratch';

// ---------------------------------------------------------------- prediction

/** What decides whether a guest write can outlive QEMU. */
export interface PersistenceProps {
  readonly qomType: string;
  /** Explicit share=; null when not given (off for file and ram backends). */
  readonly share: boolean | null;
  readonly discardData: boolean | null;
  readonly readonly: boolean | null;
  /** mem-path names a directory: QEMU uses an unlinked temporary file there. */
  readonly memPathIsDirectory: boolean;
}

/**
 * True when a guest write to the device should reach the backing file:
 * a memory-backend-file with share=on (MAP_SHARED), no discard-data=on,
 * not readonly=on (a ROM), and a mem-path that is not a directory.
 */
export function predictPersistent(p: PersistenceProps): boolean {
  return p.qomType === 'memory-backend-file' && p.share === true && p.discardData !== true && p.readonly !== true && !p.memPathIsDirectory;
}

/** The reason behind predictPersistent's answer, phrased for the user. */
export function explainPersistence(p: PersistenceProps): string {
  if (p.qomType !== 'memory-backend-file') return `${p.qomType}: there is no backing file, guest writes are lost`;
  if (p.memPathIsDirectory) return 'mem-path is a directory: QEMU uses an unlinked temporary file, guest writes are lost';
  if (p.share !== true) return `share=off${p.share === null ? ' (the default)' : ''}: guest writes are lost`;
  if (p.readonly === true) return 'readonly=on: the backend is a ROM, guest writes are lost';
  if (p.discardData === true) return 'discard-data=on: the file contents are discarded when QEMU exits';
  return 'share=on: guest writes reach the backing file';
}

// ---------------------------------------------------------------- results

export interface BootDevice {
  /** QEMU's device id (null when the device has none). */
  readonly id: string | null;
  /** query-memory-devices type: "nvdimm" | "virtio-pmem". */
  readonly type: string;
  readonly memdev: string | null;
  /** The guest block device ("pmem0"), or null when the guest made none. */
  readonly guestDevice: string | null;
  /** Size the guest sees, in bytes (sectors × 512). */
  readonly bytes: number | null;
  readonly readOnly: boolean | null;
  readonly namespace: string | null;
  /** Did the guest's write reach the backing file? null: not determinable (no device, read-only, write failed). */
  readonly persisted: boolean | null;
  readonly predictedPersistent: boolean;
  /** The guest kernel's log lines about this device (e.g. "misaligned, unable to map"). */
  readonly guestMessages: readonly string[];
  /** One line for the user, e.g. "share=off: guest writes are lost — confirmed". */
  readonly verdict: string;
}

export interface BootResult {
  /** The guest booted and reported; says nothing yet about agreement with the prediction (see `agrees`). */
  readonly ok: boolean;
  /** Every device with a determinable outcome matched its prediction. */
  readonly agrees: boolean;
  readonly accel: 'kvm' | 'tcg';
  /** Wall time of the probe (kernel extraction, QEMU start to exit). */
  readonly seconds: number;
  /** How the kernel was booted: the host-decompressed vmlinux via PVH, or the bzImage itself. */
  readonly kernelBoot: 'pvh' | 'bzImage' | null;
  readonly devices: readonly BootDevice[];
  /** QEMU refusing the configuration, or why the probe could not run. */
  readonly error: QemuMessage | null;
  readonly problem: ProbeProblem;
  readonly memoryDevices: readonly MemoryDeviceReport[];
  /** The serial console (kernel and /init output). */
  readonly console: string;
  readonly stderr: string;
  readonly kernel: string | null;
  /** Kernel-log lines about pmem the guest printed (e.g. "misaligned, unable to map"). */
  readonly guestLog: readonly string[];
  readonly notes: readonly string[];
}

export interface BootProbeInput {
  readonly binary: string;
  readonly args: readonly string[];
  /** Kernel image; default: newest /boot/vmlinuz-* with its /lib/modules/<ver>. */
  readonly kernel?: string;
  /** Modules directory for `kernel`; default /lib/modules/<its release>. */
  readonly modulesDir?: string;
  /** A static busybox; default /bin/busybox when static. */
  readonly busybox?: string;
  readonly cwd?: string;
  /** Default 120 s. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly accel?: AccelChoice;
  /** Serial console output as it arrives. */
  readonly onConsole?: (text: string) => void;
  /** QEMU's pid once started. */
  readonly onSpawn?: (pid: number) => void;
  /** Boot the decompressed vmlinux via PVH when the kernel supports it (default true). */
  readonly pvh?: boolean;
}

// ---------------------------------------------------------------- guest report

export interface GuestRegion {
  readonly name: string;
  readonly start: number | null;
  readonly size: number | null;
}
export interface GuestPmem {
  readonly name: string;
  readonly sectors: number;
  readonly ro: boolean;
  readonly namespace: string | null;
  readonly nsStart: number | null;
  readonly region: string | null;
  readonly write: 'ok' | 'ro' | 'fail';
}
export interface GuestReport {
  readonly regions: readonly GuestRegion[];
  readonly pmem: readonly GuestPmem[];
  readonly log: readonly string[];
}

const hexOrNull = (s: string | undefined) => (s && /^0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : null);
const numOrNull = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : null);

/** Parse the lines between the report markers for this nonce; null when the report is missing or incomplete. */
export function parseGuestReport(consoleText: string, nonce: string): GuestReport | null {
  const lines = consoleText.replace(/\r/g, '').split('\n');
  const begin = lines.findIndex((l) => l.trim() === `${REPORT_BEGIN} ${nonce}`);
  if (begin < 0) return null;
  const end = lines.findIndex((l, i) => i > begin && l.trim() === `${REPORT_END} ${nonce}`);
  if (end < 0) return null;
  const regions: GuestRegion[] = [];
  const pmem: GuestPmem[] = [];
  const log: string[] = [];
  for (const line of lines.slice(begin + 1, end)) {
    const [kind, name, ...rest] = line.trim().split(/\s+/);
    const kv = Object.fromEntries(rest.map((x) => [x.slice(0, x.indexOf('=')), x.slice(x.indexOf('=') + 1)]));
    if (kind === 'region' && name) {
      regions.push({ name, start: hexOrNull(kv.res), size: numOrNull(kv.size) });
    } else if (kind === 'dev' && name) {
      pmem.push({
        name,
        sectors: numOrNull(kv.sectors) ?? 0,
        ro: kv.ro === '1',
        namespace: kv.ns || null,
        nsStart: hexOrNull(kv.nsres),
        region: kv.region || null,
        write: kv.write === 'ok' ? 'ok' : kv.write === 'ro' ? 'ro' : 'fail',
      });
    } else if (kind === 'klog') {
      log.push(line.trim().slice('klog '.length));
    }
  }
  return { regions, pmem, log };
}

/** For one QEMU pmem device (start address, size), the guest block device backed by it. */
export function matchGuestDevice(report: GuestReport, start: number, size: number): GuestPmem | null {
  const region = report.regions.find((r) => r.start === start);
  if (region) {
    const dev = report.pmem.find((p) => p.region === region.name);
    if (dev) return dev;
  }
  return report.pmem.find((p) => p.nsStart !== null && p.nsStart >= start && p.nsStart < start + size) ?? null;
}

// ---------------------------------------------------------------- the probe

const initramfsCache = new Map<string, Promise<Initramfs>>();

function cachedInitramfs(busybox: string, modulesDir: string): Promise<Initramfs> {
  const key = `${busybox}\0${modulesDir}`;
  let p = initramfsCache.get(key);
  if (!p) {
    p = buildInitramfs({ busybox, modulesDir });
    initramfsCache.set(key, p);
    p.catch(() => initramfsCache.delete(key));
  }
  return p;
}

function environmentFailure(message: string, accel: 'kvm' | 'tcg', kernel: string | null): BootResult {
  return {
    ok: false, agrees: false, accel, seconds: 0, kernelBoot: null, devices: [], error: { message, argIndex: null }, problem: 'environment',
    memoryDevices: [], console: '', stderr: '', kernel, guestLog: [], notes: [],
  };
}

/** Under accel 'auto', how long a KVM boot may take before the probe retries with TCG (nested or broken KVM can hang). */
export const KVM_GRACE_MS = 30_000;

export async function bootProbe(input: BootProbeInput): Promise<BootResult> {
  const timeoutMs = input.timeoutMs ?? 120_000;
  const accel = resolveAccel(input.accel);
  let kernel: KernelChoice;
  if (input.kernel !== undefined) {
    const k = resolveKernel(input.kernel, input.modulesDir);
    if ('error' in k) return environmentFailure(k.error, accel, input.kernel);
    kernel = k;
  } else {
    const k = defaultKernel();
    if (!k) return environmentFailure('no guest kernel: no readable /boot/vmlinuz-* with /lib/modules/<version> (install linux-image-amd64, or set the kernel)', accel, null);
    kernel = k;
  }
  const busybox = input.busybox ?? findStaticBusybox();
  if (!busybox) return environmentFailure('no static busybox (install busybox-static)', accel, kernel.kernel);
  let initramfs: Initramfs;
  try {
    initramfs = await cachedInitramfs(busybox, kernel.modulesDir);
  } catch (e) {
    return environmentFailure(`cannot build the initramfs: ${(e as Error).message}`, accel, kernel.kernel);
  }
  if (input.signal?.aborted) return { ...environmentFailure('cancelled', accel, kernel.kernel), problem: 'aborted' };

  const auto = input.accel === undefined || input.accel === 'auto';
  if (auto && accel === 'kvm') {
    const deadline = Date.now() + timeoutMs;
    const grace = Math.min(KVM_GRACE_MS, Math.floor(timeoutMs / 2));
    const first = await bootOnce(input, kernel, initramfs, 'kvm', grace);
    if (first.problem !== 'timeout') return first;
    const second = await bootOnce(input, kernel, initramfs, 'tcg', Math.max(1000, deadline - Date.now()));
    return { ...second, notes: [`the KVM boot did not finish within ${grace / 1000} s; retried with TCG`, ...second.notes] };
  }
  return bootOnce(input, kernel, initramfs, accel, timeoutMs);
}

async function bootOnce(
  input: BootProbeInput,
  kernel: KernelChoice,
  initramfs: Initramfs,
  accel: 'kvm' | 'tcg',
  timeoutMs: number,
): Promise<BootResult> {
  const progName = path.basename(input.binary);
  const cwd = input.cwd ?? process.cwd();
  const started = Date.now();
  return withPrivateDir(async (dir) => {
    const prepared = await prepareProbe(input.args, dir, cwd, accel);
    const notes = [...prepared.notes];
    // Boot the host-decompressed vmlinux through PVH when possible (much faster under TCG).
    const vmlinux = path.join(dir, 'vmlinux');
    const pvh = input.pvh !== false && (await extractPvhKernel(kernel.kernel, vmlinux));
    if (initramfs.plan.missing.length > 0) notes.push(`kernel ${kernel.version} lacks modules: ${initramfs.plan.missing.join(', ')}`);
    const initrd = path.join(dir, 'initrd.gz');
    await fs.promises.writeFile(initrd, initramfs.image, { mode: 0o600 });
    const nonce = crypto.randomBytes(8).toString('hex');
    const expect = describeMemoryDevices(prepared.options).filter((d) => PMEM_DRIVERS.has(d.driver)).length;
    const argv = [
      ...flattenOptions(prepared.options).args,
      '-S', '-nodefaults', '-no-user-config', '-display', 'none', '-no-reboot',
      '-serial', 'stdio',
      '-kernel', pvh ? vmlinux : kernel.kernel,
      '-initrd', initrd,
      '-append', `console=ttyS0 panic=-1 quiet qpmem.nonce=${nonce} qpmem.expect=${expect}`,
    ];
    const run = await runQemu({
      binary: input.binary,
      args: argv,
      dir,
      cwd: input.cwd,
      timeoutMs,
      signal: input.signal,
      onStdout: input.onConsole,
      onSpawn: input.onSpawn,
      session: async (qmp: QmpClient) => {
        // Addresses are read while the VM is paused, then the guest runs.
        const devices = await qmp.execute('query-memory-devices');
        await qmp.execute('cont');
        return devices;
      },
    });
    const consoleText = run.stdout.replace(/\r/g, '');
    const failure = runFailure(run, prepared, progName, timeoutMs);
    const memoryDevices = run.session?.ok ? normalizeMemoryDevices(run.session.value) : [];
    const report = parseGuestReport(consoleText, nonce);
    const base = {
      accel, seconds: (Date.now() - started) / 1000, kernelBoot: pvh ? ('pvh' as const) : ('bzImage' as const), memoryDevices, console: consoleText, stderr: failure.stderr,
      kernel: kernel.kernel, guestLog: report?.log ?? [], notes,
    };
    if (failure.error || !run.session?.ok || !report) {
      const error = failure.error ?? {
        message: !run.session?.ok ? 'QEMU exited before the guest started' : 'the guest did not report (see the console output)',
        argIndex: null,
      };
      return { ...base, ok: false, agrees: false, devices: [], error, problem: failure.problem };
    }
    const devices = await evaluateDevices(memoryDevices, report, prepared.backings, describeBackendsById(prepared), nonce);
    const agrees = devices.every((d) => d.persisted === null || d.persisted === d.predictedPersistent);
    return { ...base, ok: true, agrees, devices, error: null, problem: null };
  });
}

function describeBackendsById(prepared: { options: readonly ProbeOption[] }): Map<string, BackendInfo> {
  const map = new Map<string, BackendInfo>();
  for (const b of describeBackends(prepared.options)) if (b.id !== null) map.set(b.id, b);
  return map;
}

async function evaluateDevices(
  memoryDevices: readonly MemoryDeviceReport[],
  report: GuestReport,
  backings: readonly ScratchBacking[],
  backends: Map<string, BackendInfo>,
  nonce: string,
): Promise<BootDevice[]> {
  const pmemDevices = memoryDevices
    .filter((d) => d.type === 'nvdimm' || d.type === 'virtio-pmem')
    .sort((a, b) => (a.addr ?? a.memaddr ?? 0) - (b.addr ?? b.memaddr ?? 0));
  const out: BootDevice[] = [];
  for (const d of pmemDevices) {
    const start = d.addr ?? d.memaddr ?? 0;
    const backend = d.memdev !== null ? backends.get(d.memdev) ?? null : null;
    const backing = d.memdev !== null ? backings.find((b) => b.backend.id === d.memdev) ?? null : null;
    const props: PersistenceProps = {
      qomType: backend?.qomType ?? 'memory-backend-ram',
      share: backend ? (backend.share ?? (backend.qomType === 'memory-backend-memfd' ? true : null)) : null,
      discardData: backend?.discardData ?? null,
      readonly: backend?.readonly ?? null,
      memPathIsDirectory: backing?.kind === 'directory',
    };
    const predicted = predictPersistent(props);
    const guest = matchGuestDevice(report, start, d.size);
    const messages = guestMessagesFor(report, start, guest);
    let persisted: boolean | null = null;
    let outcome: string;
    if (!guest) {
      const why = messages.find((m) => /unable|fail|error/i.test(m));
      outcome = `the guest has no block device for it${why ? ` (${why.replace(/^\[[^\]]*\]\s*/, '')})` : ''}`;
    } else if (guest.write === 'ro') {
      outcome = 'the guest sees it read-only, so nothing was written';
    } else if (guest.write === 'fail') {
      outcome = "the guest's write failed";
    } else {
      const offset = (guest.nsStart !== null ? guest.nsStart - start : 0) + MARKER_OFFSET;
      persisted = await markerPersisted(props, backing, offset, markerText(nonce, guest.name));
      outcome = persisted ? 'the write reached the backing file' : 'the write did not reach the backing file';
    }
    const reason = explainPersistence(props);
    const verdict =
      persisted === null
        ? `${reason} — not checked: ${outcome}`
        : persisted === predicted
          ? `${reason} — confirmed`
          : `${reason} — NOT confirmed: ${outcome}`;
    out.push({
      id: d.id,
      type: d.type,
      memdev: d.memdev,
      guestDevice: guest?.name ?? null,
      bytes: guest ? guest.sectors * 512 : null,
      readOnly: guest ? guest.ro : null,
      namespace: guest?.namespace ?? null,
      persisted,
      predictedPersistent: predicted,
      guestMessages: messages,
      verdict,
    });
  }
  return out;
}

/**
 * Kernel log lines about one device: those naming its start address, its
 * region (regionN) or that region's namespaces (namespaceN.M), or its block device.
 */
export function guestMessagesFor(report: GuestReport, start: number, guest: GuestPmem | null): string[] {
  const region = report.regions.find((r) => r.start === start)?.name ?? guest?.region ?? null;
  const n = region ? /^region(\d+)$/.exec(region)?.[1] : undefined;
  const needles = [`0x${start.toString(16)}`];
  if (region) needles.push(`${region} `, `${region}:`);
  if (n !== undefined) needles.push(`namespace${n}.`);
  if (guest) needles.push(`${guest.name} `, `${guest.name}:`);
  return report.log.filter((l) => !/command line:/i.test(l) && needles.some((x) => l.includes(x)));
}

/** Look for the marker in the scratch backing after QEMU exited. */
async function markerPersisted(props: PersistenceProps, backing: ScratchBacking | null, offset: number, marker: string): Promise<boolean | null> {
  if (props.qomType !== 'memory-backend-file') return false; // RAM/memfd contents die with QEMU
  if (!backing) return null;
  if (backing.kind === 'directory') {
    // QEMU's file in a directory mem-path is unlinked: persisted only if something is left there.
    const left = await fs.promises.readdir(backing.scratchPath).catch(() => []);
    return left.length > 0 ? null : false;
  }
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(backing.scratchPath, 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(marker.length);
    const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
    return bytesRead === buf.length && buf.toString('latin1') === marker;
  } finally {
    await fh.close();
  }
}
