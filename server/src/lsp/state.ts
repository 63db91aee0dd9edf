/**
 * Per-server state: open documents, settings, and one cached analysis per
 * document version. Everything here is LSP glue; the analysis itself is the
 * engine's.
 */
import type { Connection } from 'vscode-languageserver';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from './uri';
import { analyze, type DocumentAnalysis } from '../engine/analyze';
import { LineIndex } from '../engine/text';
import type { Severity } from '../engine/rules/types';
import { nodeHost } from './host';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';

export interface Cached {
  readonly version: number;
  readonly generation: number;
  readonly analysis: DocumentAnalysis;
  /** Set when the document is over the size limit and was not analysed. */
  readonly skipped: boolean;
}

export class ServerState {
  readonly documents = new TextDocuments(TextDocument);
  settings: Settings = DEFAULT_SETTINGS;
  /** Bumped when settings change, so cached analyses are redone. */
  generation = 0;
  hasConfigurationCapability = false;
  private cache = new Map<string, Cached>();
  private reportedRuleErrors = new Set<string>();

  constructor(readonly connection: Connection) {}

  async refreshSettings(): Promise<void> {
    if (!this.hasConfigurationCapability) return;
    try {
      const raw = await this.connection.workspace.getConfiguration({ section: 'qemuPmem' });
      this.settings = normalizeSettings(raw);
    } catch {
      this.settings = DEFAULT_SETTINGS;
    }
    this.generation++;
  }

  setSettings(raw: unknown): void {
    this.settings = normalizeSettings(raw);
    this.generation++;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The analysis of an open document, or undefined when it is not open. */
  get(uri: string): Cached | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const hit = this.cache.get(uri);
    if (hit && hit.version === doc.version && hit.generation === this.generation) return hit;
    const text = doc.getText();
    const s = this.settings;
    let entry: Cached;
    if (text.length > s.maxFileSize) {
      entry = {
        version: doc.version,
        generation: this.generation,
        skipped: true,
        analysis: { kind: 'other', text, lines: new LineIndex(text), vms: [], findings: [] },
      };
    } else {
      const disabled = new Set<string>();
      const severity = new Map<string, Severity>();
      for (const [code, v] of Object.entries(s.rules)) {
        if (v === 'off') disabled.add(code);
        else if (v !== 'default') severity.set(code, v);
      }
      const analysis = analyze(text, {
        languageId: doc.languageId,
        fileName: uriToPath(uri),
        qemuVersion: s.qemuVersion,
        host: s.hostChecks ? nodeHost : undefined,
        disabled,
        severity,
        onRuleError: (code, error) => this.ruleError(code, error),
      });
      entry = { version: doc.version, generation: this.generation, skipped: false, analysis };
    }
    this.cache.set(uri, entry);
    return entry;
  }

  /** A crashing rule is logged once; the other rules still report. */
  private ruleError(code: string, error: unknown): void {
    if (this.reportedRuleErrors.has(code)) return;
    this.reportedRuleErrors.add(code);
    const msg = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    this.connection.console.error(`qemu-pmem: rule ${code} failed and was skipped: ${msg}`);
  }

  /** Runs a request handler; an exception is logged and answered with `fallback`. */
  guard<T>(what: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      this.connection.console.error(`qemu-pmem: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  }
}
