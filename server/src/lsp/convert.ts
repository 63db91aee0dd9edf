/** Engine results to LSP shapes. The only place that knows both. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentSymbol,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  TextEdit,
} from 'vscode-languageserver';
import type { LineIndex } from '../engine/text';
import type { Finding, Severity, TextEdit as EngineEdit } from '../engine/rules/types';
import type { CompletionEntry } from '../engine/features/completion';
import type { OutlineSymbol } from '../engine/features/symbols';
import type { CodeActionResult } from '../engine/features/code-actions';

export const SOURCE = 'qemu-pmem';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** docs/rules/<code>.md shipped next to the bundle (dist/../docs). */
export function ruleDocUri(code: string): string {
  // Asked once per diagnostic (thousands on a generated script): one URL per code.
  let uri = docUris.get(code);
  if (uri === undefined) {
    uri = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules', `${code}.md`)).toString();
    if (docUris.size < 1024) docUris.set(code, uri);
  }
  return uri;
}
const docUris = new Map<string, string>();

export function toDiagnostic(lines: LineIndex, uri: string, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: lines.rangeOf(f.span),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: ruleDocUri(f.code) },
    source: SOURCE,
    message: f.message,
  };
  if (f.tags?.length) {
    d.tags = f.tags.map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  }
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri, range: lines.rangeOf(r.span) }, message: r.message }));
  }
  return d;
}

export function toTextEdit(lines: LineIndex, e: EngineEdit): TextEdit {
  return { range: lines.rangeOf(e.span), newText: e.newText };
}

const COMPLETION_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  option: CompletionItemKind.Keyword,
  device: CompletionItemKind.Class,
  object: CompletionItemKind.Class,
  machine: CompletionItemKind.Module,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
};

export function toCompletionItem(lines: LineIndex, c: CompletionEntry): CompletionItem {
  const item: CompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    detail: c.detail,
    sortText: c.sortText,
    filterText: c.label,
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range: lines.rangeOf(c.replace), newText: c.insertText },
  };
  if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
  if (c.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  if (c.deprecated) item.tags = [CompletionItemTag.Deprecated];
  return item;
}

const SYMBOL_KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  invocation: SymbolKind.Function,
  machine: SymbolKind.Module,
  memory: SymbolKind.Number,
  numa: SymbolKind.Namespace,
  backend: SymbolKind.Object,
  device: SymbolKind.Class,
};

/**
 * `s` as an LSP DocumentSymbol; its spans are relative to `origin`. An empty
 * detail and an empty children list are left out (both optional): a big
 * script's outline is megabytes of JSON, and its size is most of what
 * documentSymbol costs both ends.
 */
export function toDocumentSymbol(lines: LineIndex, s: OutlineSymbol, origin = 0): DocumentSymbol {
  const symbol: DocumentSymbol = {
    name: s.name || '?',
    kind: SYMBOL_KIND[s.kind],
    range: { start: lines.positionAt(s.span.start + origin), end: lines.positionAt(s.span.end + origin) },
    selectionRange: { start: lines.positionAt(s.selection.start + origin), end: lines.positionAt(s.selection.end + origin) },
  };
  if (s.detail) symbol.detail = s.detail;
  if (s.children.length) symbol.children = s.children.map((c) => toDocumentSymbol(lines, c, origin));
  return symbol;
}

export function toCodeAction(lines: LineIndex, uri: string, a: CodeActionResult, diagnostics: Diagnostic[]): CodeAction {
  const action: CodeAction = {
    title: a.title,
    kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.SourceFixAll,
    edit: { changes: { [uri]: a.edits.map((e) => toTextEdit(lines, e)) } },
  };
  if (a.preferred) action.isPreferred = true;
  if (a.finding) {
    const f = a.finding;
    const match = diagnostics.filter((d) => d.code === f.code && d.message === f.message);
    action.diagnostics = match.length ? match : [toDiagnostic(lines, uri, f)];
  }
  return action;
}
