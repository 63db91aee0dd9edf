import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -m 1G,slots=⟦300⟧,maxmem=4G";
const GOOD = "qemu-system-x86_64 -m 1G,slots=256,maxmem=4G";

test('too-many-slots: reported at the exact span', () => {
  expectFindings(BAD, 'too-many-slots');
});

test('too-many-slots: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'too-many-slots');
});
