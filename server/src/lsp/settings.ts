/** The server's view of the `qemuPmem.*` settings. */
import type { Severity } from '../engine/rules/types';
import { DEFAULT_MAX_SHOWN } from '../engine/shown';

export type RuleSetting = 'off' | 'default' | Severity;

export interface Settings {
  diagnostics: { enable: boolean; debounceMs: number; maxPerFile: number };
  rules: Record<string, RuleSetting>;
  qemuVersion: string;
  hostChecks: boolean;
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: Settings = {
  diagnostics: { enable: true, debounceMs: 100, maxPerFile: DEFAULT_MAX_SHOWN },
  rules: {},
  qemuVersion: '7.2',
  hostChecks: true,
  maxFileSize: 5 * 1024 * 1024,
};

/** Merges a (possibly partial or malformed) settings object over the defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const s: Settings = JSON.parse(JSON.stringify(DEFAULT_SETTINGS));
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  const d = r.diagnostics as Record<string, unknown> | undefined;
  if (d && typeof d === 'object') {
    if (typeof d.enable === 'boolean') s.diagnostics.enable = d.enable;
    if (typeof d.debounceMs === 'number' && d.debounceMs >= 0 && d.debounceMs <= 5000) s.diagnostics.debounceMs = d.debounceMs;
    if (typeof d.maxPerFile === 'number' && Number.isInteger(d.maxPerFile) && d.maxPerFile >= 1) s.diagnostics.maxPerFile = d.maxPerFile;
  }
  if (r.rules && typeof r.rules === 'object') {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && ['off', 'default', 'error', 'warning', 'information', 'hint'].includes(v)) s.rules[k] = v as RuleSetting;
      else if (v === false) s.rules[k] = 'off';
    }
  }
  if (typeof r.qemuVersion === 'string' && /^\d+\.\d+/.test(r.qemuVersion)) s.qemuVersion = r.qemuVersion;
  if (typeof r.hostChecks === 'boolean') s.hostChecks = r.hostChecks;
  if (typeof r.maxFileSize === 'number' && r.maxFileSize > 0) s.maxFileSize = r.maxFileSize;
  return s;
}
