// Fingerprints of findings that survive unrelated edits: rule + file + the finding's code with whitespace collapsed,
// hashed. Never the line number (a line inserted above moves every finding below it) and never the code itself
// (it may hold a secret). Shared by `--baseline` and SARIF's `partialFingerprints`.
import { createHash } from 'node:crypto';

export interface FingerprintInput {
  ruleId: string;
  line: number;
  endLine: number;
}

/** The finding's lines, whitespace runs collapsed to one space and trimmed: indentation and blank lines do not count. */
export function normalizedCode(lines: readonly string[], line: number, endLine: number): string {
  return lines
    .slice(line - 1, Math.max(line, endLine))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A 16-hex-digit hash of rule, file and normalized code. */
export function fingerprint(ruleId: string, file: string, code: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${file}\u0000${code}`).digest('hex').slice(0, 16);
}

/**
 * Fingerprints of a file's findings, in the order given. `file` is the path the fingerprint names (relative to the
 * repository root, forward slashes); `text` is the file's content, or undefined when it can no longer be read (the
 * rule and file alone then identify the finding).
 */
export function fingerprintsOf(file: string, text: string | undefined, findings: readonly FingerprintInput[]): string[] {
  const lines = text === undefined ? [] : text.split(/\r?\n/);
  return findings.map((f) => fingerprint(f.ruleId, file, normalizedCode(lines, f.line, f.endLine)));
}
