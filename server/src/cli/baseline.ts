// `--baseline-write FILE` / `--baseline FILE`: adopting the linter on legacy code. FILE is reviewed and committed; it
// holds, per file and rule, the fingerprints of today's findings (rule + file + the finding's code with whitespace
// collapsed, hashed: see fingerprint.ts) with a count, and the message for the reviewer. Line numbers are left out, so
// that inserting lines moves nothing and re-writing the baseline after unrelated edits changes nothing. The code is
// only hashed and messages never hold a secret in full, so the file never holds a secret.
//
// From ESLint's bulk suppressions (eslint-suppressions.json): per file and rule, counts, a file meant for review,
// entries that no longer occur reported for pruning. Where we differ: ESLint counts per file and rule only, so fixing
// one console.log and adding another elsewhere in the file goes unseen; a fingerprint of the code catches it. From
// detekt's baseline (rule + file + a code signature, no line numbers) and SonarQube's "new code" gate: fail only on
// what is new, keep the old debt visible (the count of matched findings is printed) instead of hidden.
import fs from 'node:fs';
import path from 'node:path';
import type { ScannedFile } from '../project/scan';
import { fingerprintsOf } from './fingerprint';
import { relativePath } from './formatters/report';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  count: number;
  message: string;
}

export interface Baseline {
  version: number;
  tool: string;
  /** Repository-root-relative path → rule id → entries. */
  files: Record<string, Record<string, BaselineEntry[]>>;
}

export interface StaleEntry {
  file: string;
  ruleId: string;
  message: string;
  count: number;
}

type TextOf = (file: string) => string | undefined;

/** Fingerprints of each file's findings, paths relative to `root`. */
function fingerprinted(files: readonly ScannedFile[], root: string, textOf: TextOf): Array<{ file: string; scanned: ScannedFile; prints: string[] }> {
  return files
    .filter((scanned) => scanned.diagnostics.length > 0)
    .map((scanned) => {
      const file = relativePath(root, scanned.file);
      return { file, scanned, prints: fingerprintsOf(file, textOf(scanned.file), scanned.diagnostics) };
    });
}

export function buildBaseline(files: readonly ScannedFile[], root: string, textOf: TextOf): Baseline {
  const out: Baseline['files'] = {};
  for (const { file, scanned, prints } of fingerprinted(files, root, textOf)) {
    const byRule: Record<string, Map<string, BaselineEntry>> = {};
    scanned.diagnostics.forEach((d, i) => {
      const entries = (byRule[d.ruleId] ??= new Map());
      const entry = entries.get(prints[i]);
      if (entry) entry.count++;
      else entries.set(prints[i], { fingerprint: prints[i], count: 1, message: d.message });
    });
    out[file] = {};
    for (const ruleId of Object.keys(byRule).sort()) {
      out[file][ruleId] = [...byRule[ruleId].values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
    }
  }
  const sorted: Baseline['files'] = {};
  for (const file of Object.keys(out).sort()) sorted[file] = out[file];
  return { version: BASELINE_VERSION, tool: 'twelve-factor-lint', files: sorted };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Reads a baseline file; a message (for a one-line usage error) when it is missing or not a baseline. */
export function readBaseline(file: string): Baseline | { error: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `baseline file not found: ${file} (create it with --baseline-write)` : `could not read the baseline ${file}: ${code}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: `the baseline ${file} is not valid JSON (${(error as Error).message})` };
  }
  const candidate = json as Partial<Baseline>;
  if (!candidate || typeof candidate !== 'object' || candidate.version !== BASELINE_VERSION || !isFiles(candidate.files)) {
    return { error: `${file} is not a twelve-factor-lint baseline (version ${BASELINE_VERSION}); write one with --baseline-write` };
  }
  return candidate as Baseline;
}

function isFiles(value: unknown): value is Baseline['files'] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every(
    (rules) =>
      rules &&
      typeof rules === 'object' &&
      Object.values(rules).every(
        (entries) => Array.isArray(entries) && entries.every((e) => e && typeof e.fingerprint === 'string' && Number.isInteger(e.count) && e.count > 0),
      ),
  );
}

export interface BaselineResult {
  /** The files with only the findings the baseline does not hold. */
  files: ScannedFile[];
  /** Findings the baseline held (not reported). */
  matched: number;
  /** Baseline entries (or parts of their counts) that no longer occur in the scanned files. */
  stale: StaleEntry[];
}

/**
 * Keeps the findings the baseline does not hold. Within a file and rule, a fingerprint recorded n times matches the
 * first n findings with it; more are new. Entries of files that were not scanned this time are not called stale.
 */
export function applyBaseline(files: readonly ScannedFile[], baseline: Baseline, root: string, textOf: TextOf): BaselineResult {
  const remaining = new Map<string, number>();
  const key = (file: string, ruleId: string, print: string) => `${file}\u0000${ruleId}\u0000${print}`;
  for (const [file, rules] of Object.entries(baseline.files)) {
    for (const [ruleId, entries] of Object.entries(rules)) for (const e of entries) remaining.set(key(file, ruleId, e.fingerprint), e.count);
  }
  const prints = new Map(fingerprinted(files, root, textOf).map((f) => [f.scanned, f.prints]));
  let matched = 0;
  const kept = files.map((scanned) => {
    const list = prints.get(scanned);
    if (!list) return scanned;
    const file = relativePath(root, scanned.file);
    const diagnostics = scanned.diagnostics.filter((d, i) => {
      const k = key(file, d.ruleId, list[i]);
      const left = remaining.get(k) ?? 0;
      if (left === 0) return true;
      remaining.set(k, left - 1);
      matched++;
      return false;
    });
    return { ...scanned, diagnostics };
  });
  const scannedFiles = new Set(files.map((scanned) => relativePath(root, scanned.file)));
  const stale: StaleEntry[] = [];
  for (const [file, rules] of Object.entries(baseline.files)) {
    if (!scannedFiles.has(file) && fs.existsSync(path.join(root, file))) continue;
    for (const [ruleId, entries] of Object.entries(rules)) {
      for (const e of entries) {
        const left = remaining.get(key(file, ruleId, e.fingerprint)) ?? 0;
        if (left > 0) stale.push({ file, ruleId, message: e.message, count: left });
      }
    }
  }
  return { files: kept, matched, stale };
}
