/**
 * Host environment look-ups for the probe: the QEMU binary on PATH, KVM
 * availability, the default guest kernel and a static busybox. Plain Node,
 * no shell.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Look a program up on PATH the way execvp does (no shell). A name that
 * contains a slash is checked as given. Returns the absolute path of the
 * first executable regular file, or null.
 */
export function findQemuBinary(name: string, envPath: string | undefined = process.env.PATH): string | null {
  if (name === '') return null;
  if (name.includes('/')) return isExecutableFile(name) ? path.resolve(name) : null;
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    // An empty PATH entry means the current directory (POSIX).
    const candidate = path.resolve(dir === '' ? '.' : dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when /dev/kvm can be opened read-write by this process (what QEMU needs for -accel kvm). */
export function kvmUsable(device = '/dev/kvm'): boolean {
  try {
    const fd = fs.openSync(device, fs.constants.O_RDWR);
    fs.closeSync(fd);
    return true;
  } catch {
    return false;
  }
}

/** Compare two kernel release strings ("6.1.0-56-amd64") numerically by their digit runs. */
export function compareKernelVersions(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

export interface KernelChoice {
  /** Path of the kernel image (bzImage). */
  readonly kernel: string;
  /** Kernel release, e.g. "6.1.0-56-amd64". */
  readonly version: string;
  /** Directory holding modules.dep and the .ko files, e.g. /lib/modules/6.1.0-56-amd64. */
  readonly modulesDir: string;
}

/**
 * The newest readable `/boot/vmlinuz-<ver>` that has `/lib/modules/<ver>/modules.dep`.
 * Returns null when there is none (no kernel installed, or the images are
 * not readable, as on distributions that install them mode 0600).
 */
export function defaultKernel(bootDir = '/boot', modulesRoot = '/lib/modules'): KernelChoice | null {
  let names: string[];
  try {
    names = fs.readdirSync(bootDir);
  } catch {
    return null;
  }
  const candidates: KernelChoice[] = [];
  for (const name of names) {
    const m = /^vmlinuz-(.+)$/.exec(name);
    if (!m) continue;
    const version = m[1];
    const kernel = path.join(bootDir, name);
    const modulesDir = path.join(modulesRoot, version);
    if (!isReadableFile(kernel) || !isReadableFile(path.join(modulesDir, 'modules.dep'))) continue;
    candidates.push({ kernel, version, modulesDir });
  }
  candidates.sort((a, b) => compareKernelVersions(b.version, a.version));
  return candidates[0] ?? null;
}

function isReadableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The release string embedded in an x86 bzImage: the setup header (magic
 * "HdrS" at 0x202) holds at 0x20e a pointer, relative to 0x200, to a
 * NUL-terminated "6.1.0-56-amd64 (debian-kernel@...) #1 SMP ..." string.
 * Returns null for anything else.
 */
export function bzImageVersion(kernelPath: string): string | null {
  let fd: number | null = null;
  try {
    fd = fs.openSync(kernelPath, 'r');
    const hdr = Buffer.alloc(0x210);
    if (fs.readSync(fd, hdr, 0, hdr.length, 0) < hdr.length) return null;
    if (hdr.toString('latin1', 0x202, 0x206) !== 'HdrS') return null;
    const ptr = hdr.readUInt16LE(0x20e);
    if (ptr === 0) return null;
    const buf = Buffer.alloc(256);
    const n = fs.readSync(fd, buf, 0, buf.length, ptr + 0x200);
    const text = buf.toString('latin1', 0, n);
    const end = text.search(/[\s\0]/);
    const version = end < 0 ? text : text.slice(0, end);
    return /^\d+\.\d+/.test(version) ? version : null;
  } catch {
    return null;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/**
 * Resolve a kernel given by the user (a setting): its version comes from the
 * file name `vmlinuz-<ver>`, else from the bzImage header; modules from
 * `/lib/modules/<ver>` unless `modulesDir` is given. Returns an error text
 * for the user when something is missing.
 */
export function resolveKernel(
  kernel: string,
  modulesDir?: string,
  modulesRoot = '/lib/modules',
): KernelChoice | { error: string } {
  if (!isReadableFile(kernel)) return { error: `kernel image ${kernel} is missing or not readable` };
  const fromName = /^vmlinuz-(.+)$/.exec(path.basename(kernel))?.[1];
  const version = fromName ?? bzImageVersion(kernel);
  if (modulesDir !== undefined) {
    if (!isReadableFile(path.join(modulesDir, 'modules.dep'))) return { error: `${modulesDir}/modules.dep is missing` };
    return { kernel, version: version ?? path.basename(modulesDir), modulesDir };
  }
  if (version === null) return { error: `cannot tell the release of kernel ${kernel}; give its modules directory` };
  const dir = path.join(modulesRoot, version);
  if (!isReadableFile(path.join(dir, 'modules.dep'))) {
    return { error: `kernel ${kernel} (release ${version}) has no ${dir}/modules.dep; install its modules` };
  }
  return { kernel, version, modulesDir: dir };
}

/** True for an ELF executable without a PT_INTERP program header, i.e. statically linked. */
export function isStaticElf(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const eh = Buffer.alloc(64);
    if (fs.readSync(fd, eh, 0, 64, 0) < 52) return false;
    if (eh.readUInt32BE(0) !== 0x7f454c46) return false;
    const is64 = eh[4] === 2;
    const le = eh[5] === 1;
    const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const phoff = is64 ? Number(le ? eh.readBigUInt64LE(32) : eh.readBigUInt64BE(32)) : u32(eh, 28);
    const phentsize = u16(eh, is64 ? 54 : 42);
    const phnum = u16(eh, is64 ? 56 : 44);
    if (phnum === 0 || phentsize === 0) return false;
    const ph = Buffer.alloc(phentsize * phnum);
    fs.readSync(fd, ph, 0, ph.length, phoff);
    for (let i = 0; i < phnum; i++) {
      if (u32(ph, i * phentsize) === 3 /* PT_INTERP */) return false;
    }
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/**
 * A statically linked busybox: Debian's busybox-static installs /bin/busybox
 * (the dynamic `busybox` package would not run inside the bare initramfs).
 */
export function findStaticBusybox(candidates: readonly string[] = ['/bin/busybox', '/usr/bin/busybox', '/usr/bin/busybox-static', '/bin/busybox-static']): string | null {
  const onPath = findQemuBinary('busybox');
  for (const c of onPath ? [...candidates, onPath] : candidates) {
    if (isExecutableFile(c) && isStaticElf(c)) return fs.realpathSync(c);
  }
  return null;
}
