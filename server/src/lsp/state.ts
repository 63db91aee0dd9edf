/**
 * Per-server state: open documents, settings, and one cached analysis per
 * document version. Everything here is LSP glue; the analysis itself is the
 * engine's.
 */
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { ErrorCodes, LSPErrorCodes, ResponseError, TextDocuments } from 'vscode-languageserver';
import { InvalidParamsError } from './validate';
import { Document } from './document';
import { uriToPath } from './uri';
import { analyze, type AnalyzeOptions, type DocumentAnalysis } from '../engine/analyze';
import { composeChange, reanalyze, type TextChange } from '../engine/incremental';
import { OUTLINE } from '../engine/features/symbols';
import type { Severity } from '../engine/rules/types';
import { turnCachedHost } from './host';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';

export interface Cached {
  readonly version: number;
  readonly generation: number;
  readonly analysis: DocumentAnalysis;
  /** Set when the document is over the size limit and was not analysed. */
  readonly skipped: boolean;
}

/** The last full analysis of a document, and the edits made to its text since. */
interface Base {
  readonly analysis: DocumentAnalysis;
  readonly generation: number;
  /** All edits since, as one replaced range; undefined: none yet. */
  change?: TextChange;
  /** An edit replaced the whole text: the next analysis is a full one. */
  reset: boolean;
}

export class ServerState {
  /** Open documents; edits are also recorded (as offsets) for incremental analysis. */
  readonly documents = new TextDocuments<Document>({
    create: Document.create,
    update: (doc, changes, version) => {
      doc.update(changes, version, (start, end, length) => this.noteEdit(doc.uri, start, end, length));
      return doc;
    },
  });
  settings: Settings = DEFAULT_SETTINGS;
  /** Bumped when settings change, so cached analyses are redone. */
  generation = 0;
  hasConfigurationCapability = false;
  private cache = new Map<string, Cached>();
  private bases = new Map<string, Base>();
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
    this.bases.delete(uri);
  }

  /** Records an edit of [start, end) (offsets before it) by `length` characters; start -1: the whole text. */
  private noteEdit(uri: string, start: number, end: number, length: number): void {
    const b = this.bases.get(uri);
    if (!b || b.reset) return;
    if (start < 0) b.reset = true;
    else b.change = composeChange(b.change, start, end, length);
  }

  /** Makes `analysis` of the current version the base of later incremental analyses. */
  private setBase(uri: string, analysis: DocumentAnalysis, generation: number): void {
    this.bases.set(uri, { analysis, generation, reset: false });
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
        analysis: { kind: 'other', text, lines: doc.lines, vms: [], findings: [] },
      };
    } else {
      const disabled = new Set<string>();
      const severity = new Map<string, Severity>();
      for (const [code, v] of Object.entries(s.rules)) {
        if (v === 'off') disabled.add(code);
        else if (v !== 'default') severity.set(code, v);
      }
      const options: AnalyzeOptions = {
        languageId: doc.languageId,
        fileName: uriToPath(uri),
        qemuVersion: s.qemuVersion,
        host: s.hostChecks ? turnCachedHost() : undefined,
        disabled,
        severity,
        onRuleError: (code, error) => this.ruleError(code, error),
        // VS Code asks for the outline right after every open and edit: made while each VM is built.
        derive: [OUTLINE],
        lines: doc.lines,
      };
      // After an edit inside one invocation, only that invocation is read again.
      const base = this.bases.get(uri);
      const version = doc.version;
      const generation = this.generation;
      let analysis: DocumentAnalysis | undefined;
      if (base && !base.reset && base.change && base.generation === generation) {
        analysis = reanalyze(base.analysis, text, base.change, options, (full) => {
          // Computed in full later (something asked for every VM): start from it if nothing changed since.
          if (this.documents.get(uri)?.version === version && this.generation === generation) this.setBase(uri, full, generation);
        });
      }
      if (!analysis) {
        analysis = analyze(text, options);
        this.setBase(uri, analysis, generation);
      }
      entry = { version, generation, skipped: false, analysis };
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

  /**
   * Runs a request handler. Malformed params (InvalidParamsError) are answered
   * with ErrorCodes.InvalidParams, a request cancelled before it ran with
   * LSPErrorCodes.RequestCancelled; any other exception is logged and answered
   * with `fallback`, so the server never dies on a bad request.
   */
  guard<T>(what: string, fallback: T, fn: () => T, token?: CancellationToken): T | ResponseError<void> {
    if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${what} cancelled`);
    try {
      return fn();
    } catch (e) {
      if (e instanceof InvalidParamsError) return new ResponseError(ErrorCodes.InvalidParams, `${what}: ${e.message}`);
      return this.logFailure(what, e, fallback);
    }
  }

  /** Runs non-request work (publishing diagnostics); an exception is logged and `fallback` used. */
  safely<T>(what: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      return this.logFailure(what, e, fallback);
    }
  }

  private logFailure<T>(what: string, e: unknown, fallback: T): T {
    this.connection.console.error(`qemu-pmem: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return fallback;
  }
}
