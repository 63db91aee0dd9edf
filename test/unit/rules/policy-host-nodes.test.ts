import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -object memory-backend-ram,id=m1,size=1G,policy=⟦bind⟧";
const GOOD = "qemu-system-x86_64 -object memory-backend-ram,id=m1,size=1G,policy=bind,host-nodes=0";

test('policy-host-nodes: reported at the exact span', () => {
  expectFindings(BAD, 'policy-host-nodes');
});

test('policy-host-nodes: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'policy-host-nodes');
});
