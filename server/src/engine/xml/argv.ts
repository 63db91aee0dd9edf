/**
 * LibvirtDomain → the memory-related QEMU arguments libvirt 9.0.0's QEMU
 * driver generates (qemu_command.c, qemu_domain.c, qemu_alias.c), in JSON
 * `-object`/`-device` form as used with QEMU 7.2:
 *
 *   -machine TYPE,usb=off,dump-guest-core=off[,mem-merge=off][,nvdimm=on][,memory-backend=pc.ram]
 *   -m size=<initial>k,slots=S,maxmem=<max>k      (with <maxMemory>; else -m <MiB>)
 *   -object {default RAM backend}                   (no NUMA cells)
 *   -object {ram-nodeN backend} -numa node,...      (per NUMA cell) [-numa dist,...]
 *   -no-acpi                                        (x86 without <features><acpi/>)
 *   -object {mem<alias> backend} -device {...}      (per <memory> device)
 *
 * Sizes are aligned as libvirt does before building the command line
 * (qemuDomainAlignMemorySizes): initial memory and NUMA cells up to 1 MiB
 * (256 MiB on ppc64), memory modules up to 2 MiB (256 MiB on ppc64; ppc64
 * nvdimm: guest area aligned down to 256 MiB, plus the label).
 * Key orders were checked against `virsh domxml-to-native` 9.0.0 output.
 *
 * Each word is synthetic, mapped to the XML element it came from.
 */
import { synthetic } from '../mapped';
import type { ShellWord } from '../shell/types';
import type { Span } from '../text';
import { cpuRanges } from './scaled';
import type { GeneratedArgs, LibvirtDomain, MemoryDevice, NumaCell, QemuArgvOptions, XmlError } from './types';

/** Machine aliases as QEMU 7.2 resolves them (what libvirt writes into argv). */
export const QEMU72_MACHINE_ALIASES: Readonly<Record<string, string>> = {
  pc: 'pc-i440fx-7.2',
  q35: 'pc-q35-7.2',
  pseries: 'pseries-7.2',
  virt: 'virt-7.2',
};

type JsonVal = string | bigint | number | boolean | readonly number[];

/** JSON object text with keys in the given order. */
function jsonObject(entries: readonly (readonly [string, JsonVal])[]): string {
  let out = '{';
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i];
    let t: string;
    if (typeof v === 'string') t = JSON.stringify(v);
    else if (typeof v === 'bigint' || typeof v === 'number') t = String(v);
    else if (typeof v === 'boolean') t = v ? 'true' : 'false';
    else t = `[${v.join(',')}]`;
    out += `${i ? ',' : ''}${keyJson(k)}:${t}`;
  }
  return out + '}';
}

/** JSON string literals of the keys (a fixed few, met once per device). */
const KEY_JSON = new Map<string, string>();
function keyJson(k: string): string {
  let j = KEY_JSON.get(k);
  if (j === undefined) {
    j = JSON.stringify(k);
    KEY_JSON.set(k, j);
  }
  return j;
}

function roundUp(v: bigint, a: bigint): bigint {
  return ((v + a - 1n) / a) * a;
}

const KNOWN_MODELS = ['dimm', 'nvdimm', 'virtio-pmem', 'virtio-mem'] as const;
type Model = (typeof KNOWN_MODELS)[number];

const DRIVER: Readonly<Record<Model, string>> = {
  dimm: 'pc-dimm',
  nvdimm: 'nvdimm',
  'virtio-pmem': 'virtio-pmem-pci',
  'virtio-mem': 'virtio-mem-pci',
};
const ALIAS_PREFIX: Readonly<Record<Model, string>> = {
  dimm: 'dimm',
  nvdimm: 'nvdimm',
  'virtio-pmem': 'virtiopmem',
  'virtio-mem': 'virtiomem',
};

function modelOf(d: MemoryDevice): Model | undefined {
  const m = d.model?.text;
  return (KNOWN_MODELS as readonly string[]).includes(m ?? '') ? (m as Model) : undefined;
}

/** The machine's default RAM object id (QEMU's default-ram-id). */
function defaultRamId(machine: string, arch: string): string | undefined {
  if (/^(pc|q35|pc-|isapc|microvm)/.test(machine) || (machine === '' && /^(x86_64|i686)$/.test(arch))) return 'pc.ram';
  if (machine.startsWith('pseries')) return 'ppc_spapr.ram';
  if (machine.startsWith('virt')) return 'mach-virt.ram';
  return undefined;
}

function defaultMachine(arch: string): string {
  if (arch === 'x86_64' || arch === 'i686') return 'pc';
  if (arch.startsWith('ppc64')) return 'pseries';
  if (arch === 'aarch64' || arch === 'armv7l' || arch.startsWith('riscv')) return 'virt';
  return '';
}

/** Whether the machine's PCI root bus is PCIe ("pcie.0") rather than "pci.0". */
function isPcieMachine(machine: string): boolean {
  return /^(q35|pc-q35-)/.test(machine) || machine.startsWith('virt');
}

interface Resolved {
  access?: string;
  discard?: string;
}

/** Whether a hugepage size (KiB) differs from the 4 KiB system page size. */
function isHuge(kib: bigint | undefined): boolean {
  return kib !== undefined && kib !== 4n;
}

/** libvirt's nodeset match for <hugepages><page nodeset>. */
function nodesetHas(nodeset: string | undefined, node: number): boolean {
  if (nodeset === undefined) return true;
  for (const part of nodeset.split(',')) {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (m && node >= Number(m[1]) && node <= Number(m[2] ?? m[1])) return true;
  }
  return false;
}

/**
 * Generates the memory-related QEMU arguments for a domain. Never throws;
 * what cannot be generated (a device without a size, say) is left out and
 * reported in `problems`.
 */
export function generateQemuArgs(domain: LibvirtDomain, options: QemuArgvOptions = {}): GeneratedArgs {
  const words: ShellWord[] = [];
  const problems: XmlError[] = [];
  const add = (span: Span, ...texts: string[]) => {
    for (const t of texts) words.push({ value: synthetic(t, span), span });
  };

  const domSpan = domain.element.startTagSpan;
  const arch = domain.os?.type?.arch?.text ?? 'x86_64';
  const ppc64 = arch.startsWith('ppc64');
  const x86 = arch === 'x86_64' || arch === 'i686';
  const writtenMachine = domain.os?.type?.machine?.text ?? defaultMachine(arch);
  const table = options.expandMachine === true ? QEMU72_MACHINE_ALIASES : options.expandMachine || undefined;
  const machine = table?.[writtenMachine] ?? writtenMachine;
  const ramDir = options.memoryBackingDir ?? '/var/lib/libvirt/qemu/ram';
  const hugeMount = options.hugetlbfsMount ?? '/dev/hugepages';
  // virDomainDefGetShortName: "<id>-<name>", the name cut to 20 characters.
  const shortName = `${options.domainId ?? -1}-${[...(domain.name?.text ?? '')].slice(0, 20).join('')}`;

  const memAlign = ppc64 ? 262144n : 1024n; // KiB
  const moduleAlign = ppc64 ? 262144n : 2048n; // KiB

  const mb = domain.memoryBacking;
  const cells: readonly NumaCell[] = domain.cpu?.numa?.cells ?? [];

  // --- sizes -------------------------------------------------------------
  const cellKiB = cells.map((c, i) => {
    if (c.memory.kib === undefined) {
      problems.push({ message: `NUMA cell ${i} has no valid memory size`, span: c.memory.error?.span ?? c.element.startTagSpan });
      return 0n;
    }
    return roundUp(c.memory.kib, memAlign);
  });

  interface Dev {
    d: MemoryDevice;
    model: Model;
    rawKiB: bigint;
    kib: bigint;
  }
  const devs: Dev[] = [];
  for (const d of domain.memoryDevices) {
    const model = modelOf(d);
    if (!model) {
      problems.push({ message: `memory device model '${d.model?.text ?? ''}' is not supported by the argv generator`, span: d.model?.span ?? d.element.startTagSpan });
      continue;
    }
    const size = d.target?.size?.kib;
    if (size === undefined) {
      problems.push({ message: 'memory device has no valid <target><size>', span: d.target?.size?.error?.span ?? d.target?.element.span ?? d.element.startTagSpan });
      continue;
    }
    let kib: bigint;
    if (model === 'nvdimm' && ppc64) {
      // qemuDomainNVDimmAlignSizePseries: align the guest area down.
      const label = d.target?.label?.size?.kib ?? 0n;
      const area = size - label;
      if (area < 262144n) {
        problems.push({ message: 'XML error: minimum target size for the NVDIMM must be 256MB plus the label size', span: d.target!.size!.span });
        continue;
      }
      kib = (area / 262144n) * 262144n + label;
    } else {
      kib = roundUp(size, moduleAlign);
    }
    devs.push({ d, model, rawKiB: size, kib });
  }

  let initialKiB: bigint | undefined;
  if (cells.length) {
    initialKiB = cellKiB.reduce((a, b) => a + b, 0n);
  } else if (domain.memory?.size.kib !== undefined) {
    const total = domain.memory.size.kib;
    const hot = devs.reduce((a, x) => a + x.rawKiB, 0n);
    initialKiB = roundUp(total > hot ? total - hot : 0n, memAlign);
  } else {
    problems.push({ message: 'no valid <memory> size and no NUMA cells', span: domain.memory?.size.error?.span ?? domSpan });
  }

  // --- share / discard inheritance ---------------------------------------
  const cellOf = (node: bigint | undefined): NumaCell | undefined =>
    node !== undefined && node < BigInt(cells.length) ? cells[Number(node)] : undefined;
  const mbAccess = mb?.access?.mode?.text;
  const mbDiscard = mb?.discard ? 'yes' : undefined;
  const sourceType = mb?.source?.type?.text;
  const allocImmediate = mb?.allocation?.mode?.text === 'immediate';

  /** Hugepage size (KiB) from <memoryBacking><hugepages> for a guest NUMA node (or the whole guest). */
  const hugepageFor = (node: number | undefined): bigint | undefined => {
    if (!mb?.hugepages) return undefined;
    const pages = mb.hugepages.pages;
    if (!pages.length) return 2048n; // the host's default huge page size, assumed 2 MiB
    const specific = pages.find((p) => p.nodeset && node !== undefined && nodesetHas(p.nodeset.text, node));
    const generic = pages.find((p) => !p.nodeset);
    return (specific ?? generic)?.size.kib;
  };

  interface BackendReq {
    id: string;
    /** The file name used under the memory backing dir. */
    fileName: string;
    bytes: bigint;
    res: Resolved;
    hugeKiB?: bigint;
    path?: string;
    prealloc: boolean;
    systemRam?: boolean;
    virtioMem?: boolean;
    align?: bigint;
    pmem?: boolean;
    hostNodes?: readonly number[];
  }
  /** The backend object, preceded by a thread-context object when needed. */
  const backend = (r: BackendReq): string[] => {
    const e: [string, JsonVal][] = [];
    const huge = isHuge(r.hugeKiB) && r.path === undefined;
    let type: string;
    if (r.path !== undefined) type = 'file';
    else if (sourceType === 'memfd') type = 'memfd';
    else if (huge || sourceType === 'file' || r.res.access !== undefined) type = 'file';
    else type = 'ram';
    e.push(['qom-type', `memory-backend-${type}`], ['id', r.id]);
    if (type === 'file') {
      const memPath = r.path ?? (huge ? `${hugeMount}/libvirt/qemu/${shortName}` : `${ramDir}/${shortName}/${r.fileName}`);
      e.push(['mem-path', memPath]);
      if (r.path === undefined && r.res.discard === 'yes') e.push(['discard-data', true]);
    } else if (type === 'memfd' && huge) {
      e.push(['hugetlb', true], ['hugetlbsize', r.hugeKiB! * 1024n]);
    }
    if (r.res.access === 'shared' || r.res.access === 'private') e.push(['share', r.res.access === 'shared']);
    if (r.systemRam && type !== 'ram') e.push(['x-use-canonical-path-for-ramblock-id', false]);
    if (r.virtioMem) e.push(['reserve', false]);
    if (r.prealloc || huge) e.push(['prealloc', true]);
    e.push(['size', r.bytes]);
    if (r.align !== undefined) e.push(['align', r.align]);
    if (r.pmem) e.push(['pmem', true]);
    if (r.hostNodes) e.push(['host-nodes', r.hostNodes], ['policy', 'bind']);
    // Preallocation bound to host nodes runs in a thread-context pinned to
    // them (libvirt with QEMU >= 7.2).
    if ((r.prealloc || huge) && r.hostNodes?.length) {
      const tc = `tc-${r.id}`;
      e.push(['prealloc-context', tc]);
      return [jsonObject([['qom-type', 'thread-context'], ['id', tc], ['node-affinity', r.hostNodes]]), jsonObject(e)];
    }
    return [jsonObject(e)];
  };
  const addObjects = (span: Span, objects: string[]) => {
    for (const o of objects) add(span, '-object', o);
  };

  // --- -machine ------------------------------------------------------------
  const osTypeSpan = domain.os?.type?.element.span ?? domSpan;
  const ramId = defaultRamId(machine, arch);
  {
    let m = `${machine},usb=off`;
    const dump = domain.memory?.dumpCore?.text;
    m += `,dump-guest-core=${dump === 'on' ? 'on' : 'off'}`;
    if (mb?.nosharepages) m += ',mem-merge=off';
    if (devs.some((x) => x.model === 'nvdimm')) m += ',nvdimm=on';
    if (!cells.length && ramId) m += `,memory-backend=${ramId}`;
    add(osTypeSpan, '-machine', m);
  }

  // --- -m ------------------------------------------------------------------
  const max = domain.maxMemory;
  const mSpan = max?.element.span ?? domain.memory?.element.span ?? domSpan;
  if (initialKiB !== undefined) {
    if (max) {
      const slots = max.slots?.number ?? 0n;
      if (max.size.kib === undefined) {
        problems.push({ message: '<maxMemory> has no valid size', span: max.size.error?.span ?? max.element.span });
      } else {
        add(mSpan, '-m', `size=${initialKiB}k,slots=${slots},maxmem=${roundUp(max.size.kib, memAlign)}k`);
      }
    } else {
      add(mSpan, '-m', `${initialKiB / 1024n}`);
    }
  }

  // --- default RAM backend (no NUMA) ------------------------------------------
  if (!cells.length && ramId && initialKiB !== undefined) {
    const huge = hugepageFor(undefined);
    addObjects(domain.memory?.element.span ?? domSpan, backend({
      id: ramId,
      fileName: ramId,
      bytes: initialKiB * 1024n,
      res: { access: mbAccess, discard: mbDiscard },
      hugeKiB: huge,
      prealloc: allocImmediate,
      systemRam: true,
    }));
  }

  // --- NUMA cells ----------------------------------------------------------
  if (cells.length) {
    // qemuDomainDefNumaCPUsRectify: vCPUs in no cell all go to cell 0.
    const cpuLists = cells.map((c) => c.cpuList ?? []);
    const vcpus = Number(domain.vcpu?.count?.number ?? 1n);
    const counted = cpuLists.reduce((a, l) => a + l.length, 0);
    if (counted < vcpus) {
      const others = new Set(cpuLists.slice(1).flat());
      cpuLists[0] = [...Array(vcpus).keys()].filter((c) => !others.has(c));
    }
    cells.forEach((c, i) => {
      const span = c.element.span;
      const id = `ram-node${i}`;
      addObjects(span, backend({
        id,
        fileName: id,
        bytes: cellKiB[i] * 1024n,
        res: { access: c.memAccess?.text ?? mbAccess, discard: c.discard?.text ?? mbDiscard },
        hugeKiB: hugepageFor(i),
        prealloc: allocImmediate,
      }));
      const cpus = cpuRanges(cpuLists[i]).map((r) => `,cpus=${r}`).join('');
      add(span, '-numa', `node,nodeid=${i}${cpus},memdev=${id}`);
    });
    // Distances: the full matrix as soon as one is given (defaults 10 local,
    // 20 remote; an unset reverse distance mirrors the given one).
    if (cells.some((c) => c.distances.length)) {
      const n = cells.length;
      const dist: (bigint | undefined)[][] = cells.map(() => Array<bigint | undefined>(n).fill(undefined));
      cells.forEach((c, i) => {
        for (const s of c.distances) {
          const j = s.id?.number;
          if (j !== undefined && j < BigInt(n) && s.value?.number !== undefined) dist[i][Number(j)] = s.value.number;
        }
      });
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const v = dist[i][j] ?? dist[j][i] ?? (i === j ? 10n : 20n);
          add(cells[i].element.span, '-numa', `dist,src=${i},dst=${j},val=${v}`);
        }
      }
    }
  }

  // --- ACPI ----------------------------------------------------------------
  if (x86 && !domain.features?.acpi) add(domain.features?.element.span ?? domSpan, '-no-acpi');

  // --- memory devices -----------------------------------------------------------
  // Slots (qemuDomainAssignMemorySlots): slots given in the XML are taken
  // first, then each dimm/nvdimm without one gets the lowest free slot. A
  // non-dimm address on a dimm/nvdimm is turned into a dimm address without
  // clearing it (libvirt 9.0.0): the pci domain becomes the slot and the
  // pci slot/function the base.
  const slotCount = Number(max?.slots?.number ?? 0n);
  const used = new Set<number>();
  const dimmAddr = new Map<Dev, { slot: number; base: bigint }>();
  for (const x of devs) {
    if (x.model !== 'dimm' && x.model !== 'nvdimm') continue;
    const a = x.d.address;
    if (!a) continue;
    if (a.type?.text === 'dimm') {
      if (a.slot?.number === undefined) continue;
      dimmAddr.set(x, { slot: Number(a.slot.number), base: a.base?.number ?? 0n });
    } else if (a.type?.text === 'pci') {
      dimmAddr.set(x, {
        slot: Number(a.domain?.number ?? 0n),
        base: (a.slot?.number ?? 0n) + ((a.function?.number ?? 0n) << 32n),
      });
    } else continue;
    used.add(dimmAddr.get(x)!.slot);
  }
  // Slots are only ever taken, so the lowest free one never moves down:
  // searching on from the last answer gives the same slot without going
  // over the taken ones again (quadratic with 10,000 DIMMs).
  let s = 0;
  for (const x of devs) {
    if ((x.model !== 'dimm' && x.model !== 'nvdimm') || dimmAddr.has(x)) continue;
    while (used.has(s)) s++;
    if (s >= slotCount) {
      problems.push({ message: 'internal error: failed to find an empty memory slot', span: x.d.element.startTagSpan });
      continue;
    }
    used.add(s);
    dimmAddr.set(x, { slot: s, base: 0n });
  }

  const perModel = new Map<Model, number>();
  for (const x of devs) {
    const { d, model } = x;
    const span = d.element.span;
    const usesSlot = model === 'dimm' || model === 'nvdimm';
    const addr = dimmAddr.get(x);
    if (usesSlot && !addr) continue;
    let alias: string;
    const userAlias = d.alias?.name?.text;
    if (userAlias?.startsWith('ua-')) alias = userAlias;
    else if (usesSlot) alias = `${ALIAS_PREFIX[model]}${addr!.slot}`;
    else {
      const n = perModel.get(model) ?? 0;
      perModel.set(model, n + 1);
      alias = `${ALIAS_PREFIX[model]}${n}`;
    }
    const memdev = `mem${alias}`;
    const node = model === 'virtio-pmem' ? undefined : d.target?.node?.number;
    const cell = cellOf(node);

    // Which XML parts libvirt reads depends on the model (domain_conf.c).
    const isNv = model === 'nvdimm';
    const path = isNv || model === 'virtio-pmem' ? d.source?.path?.text : undefined;
    const pmem = isNv && d.source?.pmem !== undefined;
    const access = model === 'virtio-pmem' ? d.access?.text ?? 'shared' : d.access?.text ?? cell?.memAccess?.text ?? mbAccess;
    const discard = d.discard?.text ?? cell?.discard?.text ?? mbDiscard;
    let hugeKiB: bigint | undefined;
    if (model === 'dimm' || model === 'virtio-mem') {
      const ps = d.source?.pagesize?.kib;
      hugeKiB = ps !== undefined ? ps : hugepageFor(node === undefined ? undefined : Number(node));
    }
    const nodemask = model === 'dimm' || model === 'virtio-mem' ? d.source?.nodemask?.text : undefined;
    let hostNodes: number[] | undefined;
    if (nodemask !== undefined) {
      hostNodes = [];
      for (const part of nodemask.split(',')) {
        const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
        if (m) for (let k = Number(m[1]); k <= Number(m[2] ?? m[1]); k++) hostNodes.push(k);
      }
    }

    addObjects(span, backend({
      id: memdev,
      fileName: alias,
      bytes: x.kib * 1024n,
      res: { access, discard },
      hugeKiB,
      path,
      prealloc: allocImmediate || (isNv && !pmem) || (isHuge(hugeKiB) && path === undefined),
      virtioMem: model === 'virtio-mem',
      // libvirt keeps these in KiB (rounded up) and passes that on.
      align: isNv && d.source?.alignsize?.kib !== undefined ? d.source.alignsize.kib * 1024n : undefined,
      pmem,
      hostNodes,
    }));

    const e: [string, JsonVal][] = [['driver', DRIVER[model]]];
    if (node !== undefined) e.push(['node', node]);
    if (isNv && d.target?.label?.size?.kib !== undefined) e.push(['label-size', d.target.label.size.kib * 1024n]);
    if (model === 'virtio-mem') {
      if (d.target?.block?.bytes !== undefined) e.push(['block-size', d.target.block.bytes]);
      if (d.target?.requested?.bytes !== undefined) e.push(['requested-size', d.target.requested.bytes]);
    }
    if (isNv && ppc64 && d.uuid && d.uuid.text) e.push(['uuid', d.uuid.text.trim()]);
    if (isNv && d.target?.readonly) e.push(['unarmed', true]);
    e.push(['memdev', memdev], ['id', alias]);
    if (usesSlot) {
      e.push(['slot', addr!.slot]);
      if (addr!.base !== 0n) e.push(['addr', addr!.base]);
    } else if (d.address?.type?.text === 'pci') {
      const a = d.address;
      const bus = a.bus?.number ?? 0n;
      e.push(['bus', bus === 0n ? (isPcieMachine(machine) ? 'pcie.0' : 'pci.0') : `pci.${bus}`]);
      const fn = a.function?.number ?? 0n;
      e.push(['addr', `0x${(a.slot?.number ?? 0n).toString(16)}${fn ? `.0x${fn.toString(16)}` : ''}`]);
      if (a.multifunction?.text === 'on') e.push(['multifunction', true]);
    }
    add(span, '-device', jsonObject(e));
  }

  return { words, args: words.map((w) => w.value.text), problems };
}
