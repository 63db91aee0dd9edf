/**
 * Writes docs/rules/libvirt-*.md, one page per libvirt rule: what libvirt
 * does, why it matters, a bad and a good example (the differing lines of the
 * rule's corpus cases, which the differential suite runs through real
 * libvirt), and the exact message.
 *
 *   node --import tsx test/libvirt/write-docs.ts
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LIBVIRT_RULE_LIST, QEMU_START_ERROR_CODES } from '../../server/src/engine/libvirt-rules';
import { CORPUS, type CorpusCase } from './corpus';

export const RULE_DOCS: Readonly<Record<string, { what: string; why: string }>> = {
  'libvirt-memory-attribute-invalid': {
    what: "libvirt's parser requires `model` on every `<memory>` device and accepts only its known values for `model` (`dimm`, `nvdimm`, `virtio-pmem`, `virtio-mem`, `sgx-epc`), `access` (`shared`, `private`) and `discard` (`yes`, `no`). An empty value is invalid too.",
    why: '`virsh define` refuses the whole domain.',
  },
  'libvirt-memory-target-missing': {
    what: 'Every `<memory>` device needs a `<target>` with a non-empty `<size>`.',
    why: '`virsh define` refuses the domain. The schema requires both as well.',
  },
  'libvirt-memory-size-invalid': {
    what: 'Sizes are a non-negative integer plus an optional `unit` (default KiB). libvirt refuses text that is not a number, unknown units and values that overflow. Only sizes libvirt reads for the model are checked (an `<alignsize>` on virtio-pmem is never read).',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-memory-node-invalid': {
    what: '`<target><node>` must be a non-negative integer (leading white space and `+` are accepted; an empty `<node></node>` means no node).',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-label-too-small': {
    what: 'An nvdimm namespace label must be at least 128 KiB. libvirt keeps the label in KiB, rounded up, so 131071 bytes passes and QEMU gets `label-size=131072`.',
    why: '`virsh define` refuses the domain; QEMU itself also refuses labels below 128 KiB.',
  },
  'libvirt-label-too-large': {
    what: 'The label is carved out of the nvdimm, so it must be smaller than `<target><size>`. A size of 0 fails the same check even without a label.',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-memory-address-invalid': {
    what: "An `<address>` needs a known `type`. A `type='dimm'` address needs a decimal `slot` (the schema makes it optional, the C parser requires it) and takes an optional hexadecimal `base`.",
    why: '`virsh define` refuses the domain. The quick fix adds the lowest free slot.',
  },
  'libvirt-nodemask-invalid': {
    what: 'For dimm and virtio-mem devices, `<source><nodemask>` must parse as a host node set and select at least one node.',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-nvdimm-uuid-malformed': {
    what: "An nvdimm `<uuid>` must be 32 hexadecimal digits (dashes allowed between byte pairs). libvirt parses it before checking whether the architecture takes one.",
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-slots-invalid': {
    what: '`<maxMemory slots>` must be an unsigned integer.',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-devices-exceed-memory': {
    what: 'Without NUMA cell sizes, `<memory>` is the total: boot RAM plus every memory device. The devices cannot add up to more than it. (With NUMA cells, `virsh define` recomputes `<memory>` as cells plus devices instead.)',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-memory-size-missing': {
    what: 'The boot memory — `<memory>` minus the devices, or the NUMA cells — must not be 0.',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-maxmemory-slots-pair': {
    what: 'libvirt 9.0.0 needs `<maxMemory>` and its `slots` together; `slots=\'0\'` counts as missing. (libvirt 9.4 and later accept `<maxMemory>` without slots.)',
    why: '`virsh define` refuses the domain. The quick fix adds `slots=\'16\'` (or one per device when there are more).',
  },
  'libvirt-maxmemory-too-small': {
    what: '`<maxMemory>` must be at least the total memory: the NUMA cells plus the devices (or `<memory>` without cells).',
    why: '`virsh define` refuses the domain. The quick fix raises it to the next whole GiB.',
  },
  'libvirt-memory-node-out-of-range': {
    what: '`<target><node>` must name an existing guest NUMA cell (0 to cells − 1).',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-memory-path-required': {
    what: 'nvdimm and virtio-pmem devices are file-backed: they need `<source><path>`. (`<pagesize>`/`<nodemask>` are dimm options and are ignored on them.)',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-memory-discard-unsupported': {
    what: "`discard='yes'` is refused on nvdimm and virtio-pmem; `discard='no'` is fine.",
    why: '`virsh define` refuses the domain; discarding would throw away the persistent data.',
  },
  'libvirt-nvdimm-label-required': {
    what: 'On ppc64 (pseries) an nvdimm needs `<label><size>`: the pseries NVDIMM has no label-less mode.',
    why: '`virsh define` refuses the domain. The quick fix adds a 128 KiB label.',
  },
  'libvirt-nvdimm-uuid-unsupported': {
    what: 'Only pseries nvdimms take a `<uuid>`; on x86 and other architectures libvirt refuses it.',
    why: '`virsh define` refuses the domain. The quick fix removes the `<uuid>`.',
  },
  'libvirt-virtio-pmem-access-private': {
    what: "virtio-pmem must be mapped shared. Without `access` libvirt uses shared; an explicit `access='private'` is refused.",
    why: '`virsh define` refuses the domain; a private mapping would drop every guest write.',
  },
  'libvirt-virtio-pmem-node': {
    what: 'virtio-pmem is a PCI device, not RAM of a guest NUMA node: it takes no `<target><node>`.',
    why: '`virsh define` refuses the domain. The quick fix removes `<node>`.',
  },
  'libvirt-maxmemory-required': {
    what: "The QEMU driver puts every `<memory>` device (virtio-pmem included) in hotplug space, which `<maxMemory slots=…>` creates (`-m size=…,slots=…,maxmem=…`).",
    why: '`virsh define` refuses the domain. The quick fix adds `<maxMemory>` sized from `<memory>` (or the NUMA cells plus the devices), in whole GiB.',
  },
  'libvirt-numa-required': {
    what: 'On every architecture but ppc64, memory hotplug (`<maxMemory>`) needs at least one guest NUMA cell, with or without memory devices. A `<numa>` with no `<cell>` is refused by the parser.',
    why: '`virsh define` refuses the domain. The quick fix adds one cell holding all vCPUs and the boot memory (`<memory>` minus the devices).',
  },
  'libvirt-memory-node-required': {
    what: 'When the guest has NUMA cells, nvdimm, dimm and virtio-mem devices must say which cell they belong to.',
    why: '`virsh define` refuses the domain. The quick fix adds `<node>0</node>` after `<size>`.',
  },
  'libvirt-memory-slots-exceeded': {
    what: 'Every memory device, virtio-pmem included, counts against `<maxMemory slots>`. When a dimm/nvdimm still needs a slot, define fails earlier with `internal error: failed to find an empty memory slot`.',
    why: '`virsh define` refuses the domain. The quick fix raises `slots` to the device count.',
  },
  'libvirt-dimm-slot-out-of-range': {
    what: 'A dimm slot must be below `<maxMemory slots>` (slots count from 0).',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-dimm-slot-duplicate': {
    what: 'Two dimm/nvdimm devices cannot share a slot (a PCI address on an nvdimm counts as the slot of its PCI domain, see libvirt-nvdimm-pci-address).',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-dimm-base-duplicate': {
    what: 'Two dimm/nvdimm devices cannot have the same non-zero `base`.',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-virtio-pmem-address-type': {
    what: 'virtio-pmem is a virtio PCI device: only `type=\'pci\'` addresses are accepted.',
    why: '`virsh define` refuses the domain. The quick fix removes the address so libvirt assigns a PCI one.',
  },
  'libvirt-nvdimm-too-small-ppc64': {
    what: 'On pseries the NVDIMM guest area (size minus label) is aligned down to 256 MiB, so it must be at least 256 MiB.',
    why: '`virsh define` refuses the domain.',
  },
  'libvirt-nvdimm-pci-address': {
    what: "nvdimm and dimm devices sit in memory slots. libvirt 9.0.0 does not refuse another address type: it relabels the address as `dimm` without clearing it, so `<address type='pci' domain='0x0000' … slot='0x06'/>` becomes `slot='0' base='0x6'` (QEMU gets `\"slot\":0,\"addr\":6`). The intended check (\"only 'dimm' addresses are supported for the pc-dimm device\") never runs.",
    why: 'A non-zero base made from a PCI slot is not aligned: `virsh define` succeeds but QEMU refuses to start (reported as an error). With PCI slot 0 the address is merely ignored (a warning). The quick fix replaces the address with the lowest free dimm slot.',
  },
  'libvirt-ignored-element': {
    what: 'libvirt reads only some elements per model: nvdimm reads `<path>`, `<alignsize>`, `<pmem/>`, `<label>`, `<readonly/>`, `<uuid>`; virtio-pmem reads only `<path>` and `<size>`; dimm/virtio-mem read `<pagesize>`/`<nodemask>`. Everything else is dropped without an error.',
    why: 'A setting you wrote (a label, read-only, an alignment, pmem=on) silently does nothing. The quick fix removes the element.',
  },
  'libvirt-size-rounded': {
    what: "libvirt's QEMU driver aligns memory module sizes before building the command line: up to 2 MiB on x86 (and most architectures), up to 256 MiB on ppc64, and for a pseries nvdimm the area after the label down to 256 MiB. The XML keeps the written value.",
    why: 'QEMU maps more (or, on pseries, less) of the backing file than the XML says; a file smaller than the aligned size is grown (regular file) or QEMU fails (device DAX).',
  },
  'libvirt-relative-path': {
    what: 'The schema wants an absolute `<path>`, but libvirt 9.0.0 accepts a relative one and passes it unchanged to QEMU as `mem-path`.',
    why: "QEMU resolves it against its own working directory (`/` for the system daemon), not this file's: the guest may get a new, empty file.",
  },
  'libvirt-nvdimm-no-acpi': {
    what: 'libvirt accepts an nvdimm or dimm without `<features><acpi/>` and starts QEMU with `-no-acpi`. QEMU plugs DIMMs (NVDIMMs included) only through the ACPI device, so it refuses the device (checked with QEMU 7.2). virtio-pmem needs no ACPI.',
    why: '`virsh define` succeeds without a word, and the domain never starts. Even with an older QEMU, x86 guests find NVDIMMs only in the ACPI NFIT table. The quick fix adds `<acpi/>`.',
  },
  'libvirt-pmem-not-shared': {
    what: "The backend's `share` comes from the device's `access`, else its NUMA cell's `memAccess`, else `<memoryBacking><access mode>`. Private gives `share=false`; nothing at all gives no `share`, and QEMU's default is off.",
    why: 'QEMU maps the backing file privately (MAP_PRIVATE): nothing the guest writes reaches the file, and neither libvirt nor QEMU warns. The quick fix sets `access=\'shared\'` on the device.',
  },
};

/** [first, end) of the lines of `a` that differ from `b` (names aside). */
function diffRange(a: string, b: string): [number, number, string[]] {
  const la = a.split('\n');
  const lb = b.split('\n');
  const norm = (l: string) => l.replace(/<name>[^<]*<\/name>/, '<name/>');
  let s = 0;
  while (s < la.length && s < lb.length && norm(la[s]) === norm(lb[s])) s++;
  let ea = la.length;
  let eb = lb.length;
  while (ea > s && eb > s && norm(la[ea - 1]) === norm(lb[eb - 1])) {
    ea--;
    eb--;
  }
  return [s, ea, la];
}

function changedLines(a: string, b: string): number {
  const [s, e] = diffRange(a, b);
  return e - s;
}

/** The lines where two XMLs differ (names aside), with a line of context. */
export function differingLines(a: string, b: string): string {
  const [s, ea, la] = diffRange(a, b);
  const from = Math.max(0, s - 1);
  const to = Math.min(la.length, ea + 1);
  const lines = la.slice(from, to);
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

function page(code: string): string {
  const rule = LIBVIRT_RULE_LIST.find((r) => r.meta.code === code)!;
  const d = RULE_DOCS[code];
  const mine = CORPUS.filter((c) => c.rule === code);
  // The bad/good pair that differs least (both sides changed), to show just the point.
  let best: [CorpusCase, CorpusCase] | undefined;
  let bestSize = Infinity;
  for (const b of mine.filter((c) => c.reports)) {
    for (const g of mine.filter((c) => !c.reports)) {
      const x = changedLines(b.xml, g.xml);
      const y = changedLines(g.xml, b.xml);
      const size = x && y ? x + y : 1000 + x + y;
      if (size < bestSize) {
        best = [b, g];
        bestSize = size;
      }
    }
  }
  const [bad, good] = best!;
  const m = rule.meta;
  const out = [
    `# ${m.code}`,
    '',
    `**${m.title}** — severity: ${m.severity}${
      QEMU_START_ERROR_CODES.has(code)
        ? ' (libvirt accepts the domain; QEMU refuses to start it)'
        : m.severity === 'error'
          ? ' (libvirt refuses the domain)'
          : ' (libvirt accepts the domain)'
    }`,
    '',
    '## What libvirt does',
    '',
    d.what,
    '',
    '## Why it matters',
    '',
    d.why,
    '',
    '## Bad',
    '',
    '```xml',
    differingLines(bad.xml, good.xml),
    '```',
    '',
    '## Good',
    '',
    '```xml',
    differingLines(good.xml, bad.xml),
    '```',
    '',
  ];
  if (m.upstreamMessage) {
    if (code === 'libvirt-nvdimm-no-acpi') out.push('## QEMU message', '', '```', m.upstreamMessage, '```', '');
    else out.push('## libvirt message', '', '```', m.upstreamMessage, '```', '');
    if (code === 'libvirt-nvdimm-pci-address') out.push('libvirt 9.0.0 never prints it: the check is skipped (see above).', '');
  } else {
    out.push('## libvirt message', '', 'None: libvirt 9.0.0 accepts this silently.', '');
  }
  out.push(
    `Checked against libvirt 9.0.0 (\`virsh define\`, \`virsh domxml-to-native\`) by the differential suite \`test/libvirt/differential.test.ts\`${bad.oracle === false ? ' (ppc64 cases: unit tests only, they need qemu-system-ppc64)' : ''}.`,
    '',
  );
  return out.join('\n');
}

export function writeDocs(dir: string): string[] {
  const written: string[] = [];
  for (const r of LIBVIRT_RULE_LIST) {
    const file = join(dir, `${r.meta.code}.md`);
    writeFileSync(file, page(r.meta.code));
    written.push(file);
  }
  return written;
}

/** The repository root (the sources run from test/ or compiled from out/test/). */
export function repoRoot(): string {
  let d = __dirname;
  while (!existsSync(join(d, 'package.json')) && dirname(d) !== d) d = dirname(d);
  return d;
}

export function renderDoc(code: string): string {
  return page(code);
}

if (process.argv[1] && /write-docs\.[jt]s$/.test(process.argv[1])) {
  const files = writeDocs(join(repoRoot(), 'docs', 'rules'));
  console.log(`wrote ${files.length} pages`);
}
