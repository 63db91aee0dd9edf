/**
 * Shared set-up for the real-QEMU probe tests: find QEMU, a kernel and a
 * static busybox; skip (or fail, with QEMU_PMEM_REQUIRE_QEMU=1) when missing.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultKernel, findQemuBinary, findStaticBusybox } from '../../server/src/probe';

export const QEMU = findQemuBinary('qemu-system-x86_64');
const required = process.env.QEMU_PMEM_REQUIRE_QEMU === '1';

function gate(missing: string[]): string | false {
  if (missing.length === 0) return false;
  const msg = `needs ${missing.join(', ')}`;
  if (required) throw new Error(`QEMU_PMEM_REQUIRE_QEMU=1 but this machine lacks: ${missing.join(', ')}`);
  return msg;
}

/** `skip` option for tests that need QEMU only. */
export function skipWithoutQemu(): string | false {
  return gate(QEMU ? [] : ['qemu-system-x86_64 (apt install qemu-system-x86)']);
}

/** `skip` option for tests that boot a guest. */
export function skipWithoutGuest(): string | false {
  const missing: string[] = [];
  if (!QEMU) missing.push('qemu-system-x86_64 (apt install qemu-system-x86)');
  if (!defaultKernel()) missing.push('a readable /boot/vmlinuz-* with /lib/modules (apt install linux-image-amd64)');
  if (!findStaticBusybox()) missing.push('a static busybox (apt install busybox-static)');
  return gate(missing);
}

/** A directory standing in for the user's files; removed by the returned cleanup. */
export function userDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qpmem-user-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A sparse file of `size` bytes with random bytes at the start and at 4096 (where the guest writes its marker). */
export function userFile(dir: string, name: string, size: number): string {
  const p = path.join(dir, name);
  const fd = fs.openSync(p, 'w', 0o644);
  fs.ftruncateSync(fd, size);
  fs.writeSync(fd, crypto.randomBytes(8192), 0, 8192, 0);
  fs.closeSync(fd);
  return p;
}

export function fingerprint(p: string): { sha256: string; size: number; mtimeMs: number } {
  const st = fs.statSync(p);
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(p, 'r');
  const buf = Buffer.alloc(1 << 20);
  let pos = 0;
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) break;
    h.update(buf.subarray(0, n));
    pos += n;
  }
  fs.closeSync(fd);
  return { sha256: h.digest('hex'), size: st.size, mtimeMs: st.mtimeMs };
}

/** True while a process with this pid exists (zombies included). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
