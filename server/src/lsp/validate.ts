/**
 * Parameter checks for request handlers. A request whose params lack what the
 * method needs is answered with an InvalidParams error (not a crash, not a
 * silent null), as LSP asks; see ServerState.guard.
 */
import type { Position, Range } from 'vscode-languageserver';

/** Thrown by the checks below; ServerState.guard turns it into ErrorCodes.InvalidParams. */
export class InvalidParamsError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isUint(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** params.textDocument.uri (or params.uri for our own requests). */
export function requireUri(params: unknown, own = false): string {
  const holder = own ? params : isObject(params) ? params.textDocument : undefined;
  if (!isObject(holder) || typeof holder.uri !== 'string') {
    throw new InvalidParamsError(own ? 'params.uri must be a string' : 'params.textDocument.uri must be a string');
  }
  return holder.uri;
}

export function isPosition(v: unknown): v is Position {
  return isObject(v) && isUint(v.line) && isUint(v.character);
}

export function requirePosition(params: unknown): Position {
  const p = isObject(params) ? params.position : undefined;
  if (!isPosition(p)) throw new InvalidParamsError('params.position must be {line, character} with non-negative integers');
  return p;
}

export function requireRange(params: unknown): Range {
  const r = isObject(params) ? params.range : undefined;
  if (!isObject(r) || !isPosition(r.start) || !isPosition(r.end)) throw new InvalidParamsError('params.range must be {start, end} positions');
  return r as unknown as Range;
}

/** An optional non-negative integer field (our qemuPmem/invocation `line`). */
export function optionalUint(params: unknown, key: string): number | undefined {
  const v = isObject(params) ? params[key] : undefined;
  if (v === undefined || v === null) return undefined;
  if (!isUint(v)) throw new InvalidParamsError(`params.${key} must be a non-negative integer`);
  return v;
}
