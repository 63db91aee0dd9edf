import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -M isapc -m 1G,⟦slots⟧=2,maxmem=4G";
const GOOD = "qemu-system-x86_64 -M pc -m 1G,slots=2,maxmem=4G";

test('no-device-memory: reported at the exact span', () => {
  expectFindings(BAD, 'no-device-memory');
});

test('no-device-memory: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'no-device-memory');
});
