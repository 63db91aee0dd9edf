/**
 * The `-m` and `-numa` command-line options, as data (kind 'option').
 *
 * Keys are those of QEMU 7.2's QemuOpts list for `-m` (softmmu/vl.c) and the
 * QAPI `NumaOptions` union (qapi/machine.json). `-numa` is a union on
 * `type`: the implied first key picks `node`, `dist`, `cpu`, `hmat-lb` or
 * `hmat-cache`, and each has its own key set.
 */

import type { PropInfo, TypeInfo } from './types';

export const MEMORY_OPTION: TypeInfo = {
  name: 'm',
  kind: 'option',
  complete: true,
  doc: 'Guest RAM: `-m [size=]N[,slots=N][,maxmem=M]`. Memory devices (NVDIMM, virtio-pmem, pc-dimm) live outside `size`, in `maxmem - size`; NVDIMMs and DIMMs also each need one of the `slots`. Several `-m` options merge, the last value of each key winning.',
  properties: [
    {
      name: 'size',
      type: 'size',
      default: '128M',
      since: '2.1',
      suggestions: ['512M', '1G', '2G', '4G'],
      doc: 'Initial RAM, the implied first key (`-m 1G`). **A bare number means MiB** here (`-m 512` is 512 MiB), unlike every other size. Rounded up to 8 KiB; `0` falls back to the default.',
    },
    {
      name: 'slots',
      type: 'uint',
      since: '2.1',
      suggestions: ['2', '4', '8'],
      doc: 'Number of memory slots for hot-pluggable DIMMs. Every `-device nvdimm` and `pc-dimm` takes one; virtio-pmem takes none. At most **256** on x86. Needs `maxmem`; adds no capacity by itself.',
    },
    {
      name: 'maxmem',
      type: 'size',
      since: '2.1',
      suggestions: ['2G', '4G', '8G', '16G'],
      doc: 'Maximum guest memory: `size` plus every memory device (an NVDIMM counts without its label). **A bare number means bytes** here (`maxmem=2048` is 2 KiB, which QEMU rejects as smaller than `size`): always give a suffix. Must be larger than `size` when `slots` is set, and 4 KiB aligned on x86.',
    },
  ],
};

const NUMA_TYPE: PropInfo = {
  name: 'type',
  type: 'enum',
  values: ['node', 'dist', 'cpu', 'hmat-lb', 'hmat-cache'],
  default: 'node',
  doc: 'Which kind of `-numa` entry this is; the implied first key (`-numa node,...`).',
};

export const NUMA_NODE_OPTION: TypeInfo = {
  name: 'numa',
  kind: 'option',
  since: '2.1',
  complete: true,
  doc: 'Guest NUMA node: `-numa node[,nodeid=N][,cpus=A-B][,memdev=ID][,initiator=N]`. A memory device\'s `node=` must name one of these (without `-numa` there is one implicit node 0).',
  properties: [
    NUMA_TYPE,
    { name: 'nodeid', type: 'uint', default: 'next free id', since: '2.1', doc: 'Node id; counts up from 0 when omitted.' },
    { name: 'cpus', type: 'cpu-list', since: '2.1', doc: 'vCPUs of this node, e.g. `cpus=0-3`; repeat the key for disjoint ranges (`cpus=0-1,cpus=4-5`).' },
    {
      name: 'memdev',
      type: 'link',
      link: 'memory-backend',
      since: '2.1',
      doc: 'Memory backend providing this node\'s share of initial RAM. That backend is then busy and cannot also back an NVDIMM or virtio-pmem. Sizes of all nodes must add up to `-m` size.',
    },
    {
      name: 'mem',
      type: 'size',
      since: '2.1',
      doc: 'Legacy: node RAM size without a backend. Refused on machine types 5.1 and newer (`use -numa node,memdev instead`); deprecated before. Mutually exclusive with `memdev`.',
    },
    { name: 'initiator', type: 'uint', since: '5.0', advanced: true, doc: 'Node whose CPUs have the best access to this node\'s memory (ACPI HMAT).' },
  ],
};

export const NUMA_DIST_OPTION: TypeInfo = {
  name: 'numa-dist',
  kind: 'option',
  since: '2.10',
  complete: true,
  doc: 'NUMA distance between two nodes: `-numa dist,src=A,dst=B,val=D`.',
  properties: [
    NUMA_TYPE,
    { name: 'src', type: 'uint', required: true, since: '2.10', doc: 'Source node id.' },
    { name: 'dst', type: 'uint', required: true, since: '2.10', doc: 'Destination node id.' },
    { name: 'val', type: 'uint', required: true, since: '2.10', doc: 'Distance (10 = local, up to 255).' },
  ],
};

export const NUMA_CPU_OPTION: TypeInfo = {
  name: 'numa-cpu',
  kind: 'option',
  since: '2.10',
  complete: true,
  doc: 'Assign CPUs to a node by topology: `-numa cpu,node-id=N,socket-id=S[,core-id=C][,thread-id=T]`.',
  properties: [
    NUMA_TYPE,
    { name: 'node-id', type: 'int', since: '2.10', doc: 'Node the CPUs belong to.' },
    { name: 'socket-id', type: 'int', since: '2.10', doc: 'Socket to match.' },
    { name: 'die-id', type: 'int', since: '4.1', advanced: true, doc: 'Die to match.' },
    { name: 'cluster-id', type: 'int', since: '7.1', advanced: true, doc: 'Cluster to match.' },
    { name: 'core-id', type: 'int', since: '2.10', doc: 'Core to match.' },
    { name: 'thread-id', type: 'int', since: '2.10', doc: 'Thread to match.' },
  ],
};

export const NUMA_HMAT_LB_OPTION: TypeInfo = {
  name: 'numa-hmat-lb',
  kind: 'option',
  since: '5.0',
  complete: true,
  doc: 'ACPI HMAT latency/bandwidth entry between an initiator and a target node (needs `-M ...,hmat=on`).',
  properties: [
    NUMA_TYPE,
    { name: 'initiator', type: 'uint', required: true, since: '5.0', doc: 'Initiator node.' },
    { name: 'target', type: 'uint', required: true, since: '5.0', doc: 'Target node.' },
    { name: 'hierarchy', type: 'enum', values: ['memory', 'first-level', 'second-level', 'third-level'], required: true, since: '5.0', doc: 'Memory level described.' },
    {
      name: 'data-type',
      type: 'enum',
      values: ['access-latency', 'read-latency', 'write-latency', 'access-bandwidth', 'read-bandwidth', 'write-bandwidth'],
      required: true,
      since: '5.0',
      doc: 'What `latency`/`bandwidth` measures.',
    },
    { name: 'latency', type: 'uint', since: '5.0', doc: 'Latency in nanoseconds (for latency data types).' },
    { name: 'bandwidth', type: 'size', since: '5.0', doc: 'Bandwidth in bytes per second (for bandwidth data types).' },
  ],
};

export const NUMA_HMAT_CACHE_OPTION: TypeInfo = {
  name: 'numa-hmat-cache',
  kind: 'option',
  since: '5.0',
  complete: true,
  doc: 'ACPI HMAT memory-side cache entry for a node (needs `-M ...,hmat=on`).',
  properties: [
    NUMA_TYPE,
    { name: 'node-id', type: 'uint', required: true, since: '5.0', doc: 'Node the cache belongs to.' },
    { name: 'size', type: 'size', required: true, since: '5.0', doc: 'Cache size.' },
    { name: 'level', type: 'uint', required: true, since: '5.0', doc: 'Cache level (1-3).' },
    { name: 'associativity', type: 'enum', values: ['none', 'direct', 'complex'], required: true, since: '5.0', doc: 'Cache associativity.' },
    { name: 'policy', type: 'enum', values: ['none', 'write-back', 'write-through'], required: true, since: '5.0', doc: 'Cache write policy.' },
    { name: 'line', type: 'uint', required: true, since: '5.0', doc: 'Cache line size in bytes.' },
  ],
};

/** The `-numa` TypeInfo for each value of its `type` key. */
export const NUMA_OPTIONS: Readonly<Record<string, TypeInfo>> = {
  node: NUMA_NODE_OPTION,
  dist: NUMA_DIST_OPTION,
  cpu: NUMA_CPU_OPTION,
  'hmat-lb': NUMA_HMAT_LB_OPTION,
  'hmat-cache': NUMA_HMAT_CACHE_OPTION,
};
