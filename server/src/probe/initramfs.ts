/**
 * The guest's initramfs, generated on the fly: a gzip'd newc cpio archive
 * with a static busybox, the kernel's own pmem/virtio modules (in dependency
 * order) and an /init script that reports what the guest sees.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { spawn } from 'node:child_process';

/** The modules the guest needs for NVDIMM (ACPI NFIT) and virtio-pmem, as checked on Debian's 6.1 kernel. */
export const PMEM_MODULES: readonly string[] = [
  'libnvdimm', 'nd_btt', 'nd_pmem', 'nfit',
  'virtio_ring', 'virtio', 'virtio_pci_modern_dev', 'virtio_pci_legacy_dev', 'virtio_pci',
  'nd_virtio', 'virtio_pmem',
];

// ---------------------------------------------------------------- cpio (newc)

export interface CpioEntry {
  readonly name: string;
  /** Full st_mode, type bits included (0o100755 for an executable file). */
  readonly mode: number;
  readonly data?: Buffer;
  /** For symlinks: the target. */
  readonly target?: string;
}

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

export const cpioDir = (name: string): CpioEntry => ({ name, mode: S_IFDIR | 0o755 });
export const cpioFile = (name: string, data: Buffer, perm = 0o644): CpioEntry => ({ name, mode: S_IFREG | perm, data });
export const cpioSymlink = (name: string, target: string): CpioEntry => ({ name, mode: S_IFLNK | 0o777, target });

/** Serialise entries as a newc ("070701") archive with its TRAILER!!! record. */
export function buildCpio(entries: readonly CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    offset += b.length;
  };
  const pad4 = () => {
    const rem = offset % 4;
    if (rem) push(Buffer.alloc(4 - rem));
  };
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  let ino = 1;
  const record = (name: string, mode: number, body: Buffer) => {
    const nameBuf = Buffer.from(name + '\0', 'utf8');
    const isDir = (mode & 0o170000) === S_IFDIR;
    const fields = [
      ino++, mode, 0 /* uid */, 0 /* gid */, isDir ? 2 : 1 /* nlink */, 0 /* mtime */, body.length,
      0, 0, 0, 0 /* dev/rdev major/minor */, nameBuf.length, 0 /* check */,
    ];
    push(Buffer.from('070701' + fields.map(hex).join(''), 'latin1'));
    push(nameBuf);
    pad4();
    push(body);
    pad4();
  };
  for (const e of entries) {
    const body = e.target !== undefined ? Buffer.from(e.target, 'utf8') : (e.data ?? Buffer.alloc(0));
    record(e.name, e.mode, body);
  }
  record('TRAILER!!!', 0, Buffer.alloc(0));
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------- modules

const normalise = (name: string) => name.replace(/-/g, '_');

/** "kernel/drivers/nvdimm/nd_pmem.ko.xz" → "nd_pmem". */
export function moduleNameOf(relPath: string): string {
  return normalise(path.basename(relPath).replace(/\.ko(\.(xz|zst|gz))?$/, ''));
}

export interface ModulePlan {
  /** Paths relative to the modules directory, dependencies first. */
  readonly load: readonly string[];
  /** Requested modules that are built into the kernel (nothing to load). */
  readonly builtin: readonly string[];
  /** Requested modules (or their dependencies) that this kernel does not have. */
  readonly missing: readonly string[];
}

/**
 * Order `wanted` and everything they depend on so that every module comes
 * after its dependencies (modules.dep lists each module's full dependency
 * set; we order it by a depth-first walk). The wanted order is kept where
 * dependencies allow it.
 */
export function planModules(modulesDep: string, modulesBuiltin: string, wanted: readonly string[]): ModulePlan {
  const deps = new Map<string, { rel: string; deps: string[] }>();
  for (const line of modulesDep.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const rel = line.slice(0, colon).trim();
    const ds = line.slice(colon + 1).trim().split(/\s+/).filter(Boolean);
    deps.set(moduleNameOf(rel), { rel, deps: ds.map(moduleNameOf) });
  }
  const builtinSet = new Set(modulesBuiltin.split('\n').map((l) => l.trim()).filter(Boolean).map(moduleNameOf));
  const load: string[] = [];
  const builtin: string[] = [];
  const missing: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (done.has(name) || visiting.has(name)) return;
    const entry = deps.get(name);
    if (!entry) {
      done.add(name);
      (builtinSet.has(name) ? builtin : missing).push(name);
      return;
    }
    visiting.add(name);
    for (const d of entry.deps) visit(d);
    visiting.delete(name);
    done.add(name);
    load.push(entry.rel);
  };
  for (const w of wanted) visit(normalise(w));
  return { load, builtin, missing };
}

/** Run a decompressor (xz, zstd) on a file, no shell; resolves with stdout. */
function decompressWith(program: string, file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['-dc', '--', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', (e) => reject(new Error(`cannot run ${program} to decompress ${file}: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${program} -dc ${file} failed (${code}): ${err.trim()}`));
    });
  });
}

/** A module file as a plain ELF .ko (busybox insmod does not decompress). */
export async function readModule(file: string): Promise<Buffer> {
  if (file.endsWith('.ko.gz')) return zlib.gunzipSync(await fs.promises.readFile(file));
  if (file.endsWith('.ko.xz')) return decompressWith('xz', file);
  if (file.endsWith('.ko.zst')) return decompressWith('zstd', file);
  return fs.promises.readFile(file);
}

// ---------------------------------------------------------------- /init

/**
 * Markers that frame the guest's report on the serial console. Each is
 * followed by the run's nonce, so kernel log lines that echo the command
 * line can never be mistaken for the report.
 */
export const REPORT_BEGIN = '@@QPMEM-BEGIN';
export const REPORT_END = '@@QPMEM-END';
/** Byte offset inside each guest pmem block device where the marker is written. */
export const MARKER_OFFSET = 4096;
/** The marker the guest writes to its k-th pmem device (sorted by name). */
export const markerText = (nonce: string, device: string) => `QPMEM-PROBE:${nonce}:${device}:`.padEnd(64, '#');

/**
 * The guest's /init (busybox sh). Parameters come from the kernel command
 * line: qpmem.nonce=<hex> and qpmem.expect=<number of pmem devices QEMU has>.
 * Between the report markers it prints one `region` line per nd region,
 *   region <name> res=<hex start> size=<bytes>
 * one `dev` line per /sys/block/pmem*,
 *   dev <name> sectors=<n> ro=<0|1> ns=<namespace> nsres=<hex start> region=<region> write=<ok|ro|fail>
 * and the kernel's pmem-related log lines as `klog <line>`; then powers off.
 */
export function initScript(modules: readonly string[]): string {
  const insmods = modules.map((m) => `insmod /lib/modules/${path.basename(m).replace(/\.(xz|zst|gz)$/, '')} 2>/dev/console || echo "qpmem: insmod ${moduleNameOf(m)} failed"`).join('\n');
  return `#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys /dev /sbin /usr/bin /usr/sbin /tmp
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
for a in $(cat /proc/cmdline); do
  case "$a" in
    qpmem.nonce=*) NONCE="\${a#qpmem.nonce=}" ;;
    qpmem.expect=*) EXPECT="\${a#qpmem.expect=}" ;;
  esac
done
${insmods}
# Region probing is asynchronous: reading an nd bus's wait_probe flushes it.
for w in /sys/bus/nd/devices/ndbus*/wait_probe; do cat "$w" >/dev/null 2>&1; done
# Fallback: wait (bounded) until the expected number of pmem block devices show up.
i=0
while [ "$i" -lt 20 ]; do
  n=$(ls -d /sys/block/pmem* 2>/dev/null | wc -l)
  [ "$n" -ge "\${EXPECT:-0}" ] && break
  sleep 0.1
  i=$((i+1))
done
echo "${REPORT_BEGIN} $NONCE"
for r in /sys/bus/nd/devices/region*; do
  [ -e "$r" ] || continue
  echo "region \${r##*/} res=$(cat "$r/resource" 2>/dev/null) size=$(cat "$r/size" 2>/dev/null)"
done
for b in /sys/block/pmem*; do
  [ -e "$b" ] || continue
  d=\${b##*/}
  nspath=$(readlink -f "$b/device")
  ns=\${nspath##*/}
  region=\${nspath%/*}; region=\${region##*/}
  nsres=$(cat "$b/device/resource" 2>/dev/null)
  ro=$(cat "$b/ro")
  w=ro
  if [ "$ro" = 0 ]; then
    m=$(printf 'QPMEM-PROBE:%s:%s:' "$NONCE" "$d")
    while [ \${#m} -lt 64 ]; do m="$m#"; done
    if printf '%s' "$m" | dd of=/dev/$d bs=${MARKER_OFFSET} seek=1 conv=notrunc,fsync 2>/dev/null && sync; then
      back=$(dd if=/dev/$d bs=${MARKER_OFFSET} skip=1 count=1 2>/dev/null | head -c 64)
      if [ "$back" = "$m" ]; then w=ok; else w=fail; fi
    else
      w=fail
    fi
  fi
  echo "dev $d sectors=$(cat "$b/size") ro=$ro ns=$ns nsres=$nsres region=$region write=$w"
done
dmesg | grep -iE 'nvdimm|nd_|pmem|nfit|virtio' | while read -r l; do echo "klog $l"; done
echo "${REPORT_END} $NONCE"
sync
poweroff -f
`;
}

export interface InitramfsInput {
  readonly busybox: string;
  readonly modulesDir: string;
  readonly modules?: readonly string[];
}

export interface Initramfs {
  /** gzip-compressed newc archive. */
  readonly image: Buffer;
  readonly plan: ModulePlan;
}

/** Build the initramfs image in memory. Throws (with a message for the user) when a file cannot be read. */
export async function buildInitramfs(input: InitramfsInput): Promise<Initramfs> {
  const [dep, builtin] = await Promise.all([
    fs.promises.readFile(path.join(input.modulesDir, 'modules.dep'), 'utf8'),
    fs.promises.readFile(path.join(input.modulesDir, 'modules.builtin'), 'utf8').catch(() => ''),
  ]);
  const plan = planModules(dep, builtin, input.modules ?? PMEM_MODULES);
  const entries: CpioEntry[] = [
    cpioDir('bin'), cpioDir('dev'), cpioDir('proc'), cpioDir('sys'), cpioDir('tmp'), cpioDir('lib'), cpioDir('lib/modules'),
    cpioFile('bin/busybox', await fs.promises.readFile(input.busybox), 0o755),
    cpioSymlink('bin/sh', 'busybox'),
  ];
  for (const rel of plan.load) {
    const data = await readModule(path.join(input.modulesDir, rel));
    entries.push(cpioFile(`lib/modules/${path.basename(rel).replace(/\.(xz|zst|gz)$/, '')}`, data));
  }
  entries.push(cpioFile('init', Buffer.from(initScript(plan.load)), 0o755));
  // Level 1: the image is built per probe and gunzipped by the guest; speed wins over size.
  return { image: zlib.gzipSync(buildCpio(entries), { level: 1 }), plan };
}
