/** Markdown renderings of knowledge-base entries, shared by hover and completion. */
import type { PropInfo, TypeInfo } from '../kb/types';

export function propertyDoc(owner: TypeInfo, p: PropInfo): string {
  const facts: string[] = [];
  facts.push(`type: \`${p.type === 'enum' && p.values ? p.values.join(' | ') : p.type}\``);
  if (p.default !== undefined) facts.push(`default: \`${p.default}\``);
  if (p.required) facts.push('required');
  if (p.readOnly) facts.push('read-only');
  if (p.since) facts.push(`since QEMU ${p.since}`);
  let md = `**${owner.name}.${p.name}** — ${facts.join(' · ')}\n\n${p.doc}`;
  if (p.note) md += `\n\n${p.note}`;
  return md;
}

export function typeDoc(t: TypeInfo): string {
  const facts: string[] = [`${t.kind}`];
  if (t.since) facts.push(`since QEMU ${t.since}`);
  if (t.targets) facts.push(`targets: ${t.targets.join(', ')}`);
  return `**${t.name}** — ${facts.join(' · ')}\n\n${t.doc}`;
}
