/**
 * Memory backends (`-object memory-backend-*`), as data.
 *
 * Property lists are what QEMU 7.2 accepts on `-object`: the QOM class
 * properties printed by `qemu-system-x86_64 -object <type>,help` plus the
 * two QAPI base keys `qom-type` and `id`. Since-versions are the first
 * upstream release whose tree has the property (found by grepping the
 * release commits of QEMU's history, cross-checked with `(since X)` notes in
 * qapi/qom.json). Properties newer than 7.2 (`offset`, `rom`) are listed with
 * their since-version so version-aware rules can tell "unknown" from
 * "too new for this QEMU".
 */

import type { PropInfo, TypeInfo } from './types';

/** Sizes offered by completion for backend `size`. */
const SIZE_SUGGESTIONS = ['128M', '256M', '512M', '1G', '2G', '4G', '8G'] as const;

/** `qom-type` and `id`: the QAPI base of every `-object`. */
export const OBJECT_BASE_PROPERTIES: readonly PropInfo[] = [
  {
    name: 'qom-type',
    type: 'string',
    required: true,
    doc: 'The object type to create. On `-object` it is the implied first key, so `-object memory-backend-file,...` and `-object qom-type=memory-backend-file,...` are the same.',
  },
  {
    name: 'id',
    type: 'id',
    required: true,
    doc: 'The object\'s name, referenced by `memdev=` of `-device nvdimm`, `virtio-pmem-pci`, `pc-dimm` and `-numa node`. Must start with a letter and contain only letters, digits, `-`, `.` and `_`. The id `pc.ram` is reserved on x86 `pc`/`q35` machines.',
  },
];

/** Properties every `memory-backend-*` type has (QAPI `MemoryBackendProperties`). */
function commonBackendProperties(shareDefault: 'on' | 'off', shareSince: string, shareDoc: string): PropInfo[] {
  return [
    {
      name: 'size',
      type: 'size',
      required: true,
      since: '2.1',
      suggestions: SIZE_SUGGESTIONS,
      doc: 'Size of the memory region. QEMU size syntax: a number with an optional `K`/`M`/`G`/`T`/`P`/`E` suffix (powers of 1024); a bare number means **bytes**. Must be non-zero. For a file backend, an existing file smaller than `size` is an error; a larger one is used only up to `size`.',
    },
    {
      name: 'share',
      type: 'bool',
      default: shareDefault,
      since: shareSince,
      doc: shareDoc,
    },
    {
      name: 'merge',
      type: 'bool',
      default: 'machine default (on)',
      since: '2.1',
      doc: 'Allow the host to merge identical pages of this region (KSM, `MADV_MERGEABLE`). No effect on persistence.',
    },
    {
      name: 'dump',
      type: 'bool',
      default: 'machine default (on)',
      since: '2.1',
      doc: 'Include this region in QEMU core dumps. Set `off` to keep large persistent-memory images out of core files.',
    },
    {
      name: 'prealloc',
      type: 'bool',
      default: 'off',
      since: '2.1',
      doc: 'Touch every page of the region at startup so that allocation failures happen early. Cannot be combined with `reserve=off`. On a file backend this reads (and, with `share=on`, may write back) the whole file at start.',
    },
    {
      name: 'prealloc-threads',
      type: 'uint',
      default: '1',
      since: '5.0',
      advanced: true,
      doc: 'Number of host threads used for `prealloc=on`.',
    },
    {
      name: 'prealloc-context',
      type: 'id',
      since: '7.2',
      advanced: true,
      doc: 'Id of a `thread-context` object whose CPU/node affinity the preallocation threads inherit.',
    },
    {
      name: 'host-nodes',
      type: 'node-list',
      since: '2.1',
      doc: 'Host NUMA nodes to bind the memory to (with `policy`), e.g. `host-nodes=0` or `host-nodes=0-1`.',
    },
    {
      name: 'policy',
      type: 'enum',
      values: ['default', 'preferred', 'bind', 'interleave'],
      default: 'default',
      since: '2.1',
      doc: 'Host NUMA memory policy for the region. `bind` requires `host-nodes`.',
    },
    {
      name: 'reserve',
      type: 'bool',
      default: 'on',
      since: '6.1',
      advanced: true,
      doc: 'Reserve swap space (or huge pages) for the region where the host supports it. `reserve=off` cannot be combined with `prealloc=on`.',
    },
    {
      name: 'x-use-canonical-path-for-ramblock-id',
      type: 'bool',
      default: 'off (on for machine types 4.0 and older)',
      since: '4.0',
      advanced: true,
      doc: 'Migration compatibility knob: name the RAM block after the canonical QOM path. Only relevant when migrating to or from old machine types.',
    },
  ];
}

const SHARE_DOC_PRIVATE =
  '**Defaults to `off`.** With `share=off` the region is mapped private (copy-on-write): guest writes stay in QEMU\'s memory and **never reach the backing file**, so nothing persists. Use `share=on` for any NVDIMM or virtio-pmem whose contents must survive.';

const SHARE_DOC_MEMFD =
  'Defaults to **`on`** for memfd. The memory is anonymous (no file on disk) either way, so nothing persists after QEMU exits; `share` only controls whether other processes (vhost-user) can map it.';

export const MEMORY_BACKEND_FILE: TypeInfo = {
  name: 'memory-backend-file',
  kind: 'object',
  since: '2.1',
  complete: true,
  doc: 'Guest memory backed by a host file (or a directory, a hugetlbfs mount, or a `/dev/dax` device) at `mem-path`. This is the only backend whose contents can persist: it needs `share=on`, and for crash-safe persistence a DAX file or device with `pmem=on`.',
  properties: [
    ...OBJECT_BASE_PROPERTIES,
    ...commonBackendProperties('off', '2.1', SHARE_DOC_PRIVATE),
    {
      name: 'mem-path',
      type: 'path',
      required: true,
      since: '2.1',
      doc: 'Host path of the backing store. A missing or empty file is created and sized to `size`. If it names a **directory**, QEMU creates an unlinked temporary file there, so nothing persists. The parent directory must exist.',
    },
    {
      name: 'align',
      type: 'size',
      default: '0 (page size)',
      since: '2.12',
      suggestions: ['2M', '1G'],
      doc: 'Alignment of the host mapping. Must be a **power of two** and a **multiple of the host page size**; `/dev/dax` devices need at least their own alignment (often 2M). An NVDIMM\'s usable size is rounded down to this alignment.',
    },
    {
      name: 'offset',
      type: 'size',
      default: '0',
      since: '8.1',
      doc: 'Start of the region inside the file, a multiple of the page size; lets several backends share one file. **Not in QEMU 7.2** (rejected there as an invalid parameter).',
    },
    {
      name: 'discard-data',
      type: 'bool',
      default: 'off',
      since: '2.11',
      doc: '**Data loss:** with `discard-data=on` QEMU discards the file contents when it exits instead of flushing them. Never use it on a backend that is meant to persist.',
    },
    {
      name: 'pmem',
      type: 'bool',
      default: 'off',
      since: '3.1',
      note: 'Present only when QEMU is built with libpmem (Debian\'s build is); otherwise `pmem` is an invalid parameter.',
      doc: 'Declare that `mem-path` is real host persistent memory (a DAX file or device). QEMU then maps it with `MAP_SYNC` and flushes its own writes (labels, migration) persistently. Needs `share=on` to take effect (with `share=off` it is silently ignored); on a non-DAX file QEMU warns and continues without persistence.',
    },
    {
      name: 'readonly',
      type: 'bool',
      default: 'off',
      since: '6.0',
      doc: 'Open the backing file read-only. In QEMU 7.2 this also makes the region **ROM** for the guest: an NVDIMM on it needs `unarmed=on`. In 7.2 a missing file is still created (empty) despite `readonly=on`.',
    },
    {
      name: 'rom',
      type: 'enum',
      values: ['on', 'off', 'auto'],
      default: 'auto',
      since: '8.2',
      doc: 'Whether the guest sees ROM (`on`), writable RAM (`off`) or follows `readonly` (`auto`). **Not in QEMU 7.2**, where `readonly=on` always means ROM.',
    },
  ],
};

export const MEMORY_BACKEND_RAM: TypeInfo = {
  name: 'memory-backend-ram',
  kind: 'object',
  since: '2.1',
  complete: true,
  doc: 'Anonymous host RAM. Accepted as an NVDIMM or virtio-pmem backend, but **nothing persists**: the contents are gone when QEMU exits.',
  properties: [
    ...OBJECT_BASE_PROPERTIES,
    ...commonBackendProperties(
      'off',
      '2.12',
      'Defaults to `off`. The memory is anonymous either way, so nothing persists after QEMU exits; `share=on` only lets other processes (vhost-user) map it.',
    ),
  ],
};

export const MEMORY_BACKEND_MEMFD: TypeInfo = {
  name: 'memory-backend-memfd',
  kind: 'object',
  since: '2.12',
  complete: true,
  doc: 'Anonymous memory from `memfd_create(2)`, shareable with other processes (vhost-user). Linux only. Accepted as an NVDIMM or virtio-pmem backend, but **nothing persists** after QEMU exits.',
  properties: [
    ...OBJECT_BASE_PROPERTIES,
    ...commonBackendProperties('on', '2.12', SHARE_DOC_MEMFD),
    {
      name: 'hugetlb',
      type: 'bool',
      default: 'off',
      since: '2.12',
      doc: 'Allocate the memfd from hugetlbfs. Fails at startup if the host has no free huge pages of the requested size.',
    },
    {
      name: 'hugetlbsize',
      type: 'size',
      default: '0 (host default huge page size)',
      since: '2.12',
      suggestions: ['2M', '1G'],
      doc: 'Huge page size for `hugetlb=on` (a power of two the host supports). Ignored without `hugetlb=on`.',
    },
    {
      name: 'seal',
      type: 'bool',
      default: 'on',
      since: '2.12',
      doc: 'Seal the memfd so it cannot grow or shrink.',
    },
  ],
};

export const MEMORY_BACKEND_EPC: TypeInfo = {
  name: 'memory-backend-epc',
  kind: 'object',
  since: '6.2',
  targets: ['x86_64'],
  complete: true,
  doc: 'Intel SGX enclave page cache, used through `-M sgx-epc.0.memdev=`. Unrelated to persistent memory. Not built into Debian\'s QEMU 7.2 (`invalid object type`).',
  properties: [
    ...OBJECT_BASE_PROPERTIES,
    ...commonBackendProperties('on', '6.2', 'Defaults to `on` for EPC.').map((p) => ({ ...p, advanced: true })),
  ],
};

/** All memory backend types the knowledge base describes. */
export const BACKENDS: readonly TypeInfo[] = [
  MEMORY_BACKEND_FILE,
  MEMORY_BACKEND_RAM,
  MEMORY_BACKEND_MEMFD,
  MEMORY_BACKEND_EPC,
];
