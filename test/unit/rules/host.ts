/** A fake host for the host-aware rules: a few files under /p, nothing else. */
import type { HostView } from '../../../server/src/engine/rules/types';

const M = 1024 * 1024;
const FILES: Record<string, { kind: 'file' | 'dir' | 'symlink' | 'device' | 'other'; size: number }> = {
  '/': { kind: 'dir', size: 4096 },
  '/p': { kind: 'dir', size: 4096 },
  '/p/a.img': { kind: 'file', size: 1024 * M },
  '/p/small.img': { kind: 'file', size: 100 * M },
  '/p/empty.img': { kind: 'file', size: 0 },
  '/p/big.img': { kind: 'file', size: 2048 * M },
  '/p/link.img': { kind: 'symlink', size: 8 },
  '/p/dir': { kind: 'dir', size: 4096 },
  '/dev': { kind: 'dir', size: 4096 },
  '/dev/dax0.0': { kind: 'device', size: 0 },
};

export const fakeHost: HostView = {
  stat: (path) => FILES[path],
};
