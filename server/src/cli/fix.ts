// `--fix`, `--fix-dry-run`, `--fix-type`: the analyzer's own fixes — the edits the editor's code actions offer — applied
// from the command line. Safe fixes (those that cannot change behaviour) by default; the behaviour-changing ones only
// with `--fix-type suggestion`, and then only each finding's preferred fix (the remedy the factor prescribes, as the
// editor's "Auto Fix" picks it). Edits to other files (a line added to `.env.example`) are part of a fix.
//
// Per pass, each file is analyzed with fixes against its project's facts (taken from a full scan first, so names of
// environment variables never collide and `unless` findings stay voided), the compatible fixes are applied, and the
// file's facts are updated before the next file. Passes repeat until nothing changes, at most MAX_PASSES times (a
// fix can reveal another, as ESLint's ten passes allow). A file whose fixed text parses with more syntax errors than
// before is left as it was: a fix that breaks a file is a bug, and the file is named.
import path from 'node:path';
import ts from 'typescript';
import { analyze, applyEdits, compatibleFixes, editsFor, editsOverlap, parse, resolveProjectFindings, type Finding, type Fix, type TextEdit } from '../analyzer';
import { analyzeJob, readJobFile, ScanSession, type FileJob, type ScanOptions } from '../project/scan';
import { readTextFile } from '../project/loader';
import type { FixType } from './args';

export const MAX_PASSES = 10;
const SECRET_RULE = 'config/no-hardcoded-secret';

export interface FileChange {
  /** Undefined for a file the fixes create. */
  before: string | undefined;
  after: string;
}

export interface FixResult {
  /** Absolute path → its text before and after, for every file the fixes change. */
  changes: Map<string, FileChange>;
  /** Fixes applied, over all passes. */
  applied: number;
  /** Files left unchanged because their fixed text did not parse. */
  rejected: string[];
  /** Secret literals found in the original texts (masked in a printed diff). */
  secrets: Set<string>;
}

/** The fix to apply for a finding, or undefined. */
export function chooseFix(finding: Finding, types: readonly FixType[]): Fix | undefined {
  if (types.includes('safe')) {
    const safe = finding.fixes.find((fix) => fix.safe);
    if (safe) return safe;
  }
  if (types.includes('suggestion')) return finding.fixes.find((fix) => !fix.safe && isPreferred(fix));
  return undefined;
}

/** The editor's preferred fix (lsp/code-actions.ts): a `preferred` flag where the rule gives one, else the same rule. */
function isPreferred(fix: Fix): boolean {
  const flag = (fix as Fix & { preferred?: boolean }).preferred;
  if (flag !== undefined) return flag;
  return fix.title.startsWith('Move to environment variable');
}

export function computeFixes(paths: readonly string[], options: ScanOptions, types: readonly FixType[]): FixResult {
  const session = new ScanSession(paths, options);
  const jobs: FileJob[] = [];
  for (const { job, result } of session.jobs()) {
    jobs.push(job);
    session.accept(job, result, analyzeJob(job, readJobFile(job), session.projectIndex(job.projectRoot), options.rules));
  }
  const scanned = session.finish();
  const withFindings = new Set(scanned.files.filter((f) => f.diagnostics.length > 0).map((f) => f.file));

  const texts = new Map<string, string>();
  const originals = new Map<string, string | undefined>();
  const current = (file: string): string | undefined => (texts.has(file) ? texts.get(file) : readTextFile(file));
  const remember = (file: string) => {
    if (!originals.has(file)) originals.set(file, readTextFile(file));
  };
  const secrets = new Set<string>();
  const rejected = new Set<string>();
  let applied = 0;
  let candidates = jobs.filter((job) => withFindings.has(job.file));

  for (let pass = 0; pass < MAX_PASSES && candidates.length > 0; pass++) {
    const changed: FileJob[] = [];
    for (const job of candidates) {
      if (rejected.has(job.file)) continue;
      const text = current(job.file);
      if (text === undefined) continue;
      const project = session.projectIndex(job.projectRoot);
      if (project.root) project.envExampleText = current(path.join(project.root, '.env.example'));
      const analyzed = analyze({ fileName: job.file, text, config: job.config, project, rules: options.rules, fixes: true });
      if (!analyzed.sourceFile) continue;
      const findings = resolveProjectFindings(analyzed.findings, project, job.file);
      if (pass === 0) {
        for (const f of findings) if (f.ruleId === SECRET_RULE) secrets.add(text.slice(f.start, f.end));
      }
      const picked = findings.map((f) => chooseFix(f, types)).filter((fix): fix is Fix => fix !== undefined);
      const fixes = withoutClashes(compatibleFixes(picked));
      if (fixes.length === 0) continue;

      let next: string;
      try {
        next = applyEdits(text, fixes.flatMap((fix) => editsFor(fix)));
      } catch {
        continue;
      }
      const after = analyze({ fileName: job.file, text: next, config: job.config, project, rules: [], fixes: false });
      const tree = after.sourceFile ?? parse(job.file, next);
      if (syntaxErrors(tree) > syntaxErrors(analyzed.sourceFile)) {
        rejected.add(job.file);
        continue;
      }
      // Other files (e.g. .env.example): applied against their current text; a fix whose edits no longer fit is dropped
      // as a whole, before anything of it is written.
      const others = applyOtherFiles(fixes, current);
      if (others === undefined) continue;
      remember(job.file);
      texts.set(job.file, next);
      for (const [file, otherText] of others) {
        remember(file);
        texts.set(file, otherText);
      }
      if (after.facts) project.setFile(job.file, after.facts);
      applied += fixes.length;
      changed.push(job);
    }
    candidates = changed;
  }

  const changes = new Map<string, FileChange>();
  for (const [file, after] of texts) {
    const before = originals.get(file);
    if (before !== after) changes.set(file, { before, after });
  }
  return { changes, applied, rejected: [...rejected], secrets };
}

/** Drops fixes whose edits to another file overlap an earlier fix's (the analyzed file's are checked by compatibleFixes). */
function withoutClashes(fixes: readonly Fix[]): Fix[] {
  const taken = new Map<string, TextEdit[]>();
  const chosen: Fix[] = [];
  for (const fix of fixes) {
    const others = fix.edits.filter((edit) => edit.file !== undefined);
    const clash = others.some((edit) => editsOverlap([...(taken.get(edit.file!) ?? []), ...others.filter((o) => o.file === edit.file)]));
    if (clash) continue;
    for (const edit of others) taken.set(edit.file!, [...(taken.get(edit.file!) ?? []), edit]);
    chosen.push(fix);
  }
  return chosen;
}

/** The new texts of the other files the fixes edit, or undefined when one of their edits does not fit. */
function applyOtherFiles(fixes: readonly Fix[], current: (file: string) => string | undefined): Map<string, string> | undefined {
  const creatable = new Set(fixes.flatMap((fix) => fix.createFiles ?? []).map((file) => path.normalize(file)));
  const byFile = new Map<string, TextEdit[]>();
  for (const fix of fixes) {
    for (const edit of fix.edits) {
      if (edit.file === undefined) continue;
      const file = path.normalize(edit.file);
      byFile.set(file, [...(byFile.get(file) ?? []), edit]);
    }
  }
  const out = new Map<string, string>();
  for (const [file, edits] of byFile) {
    const text = current(file) ?? (creatable.has(file) ? '' : undefined);
    if (text === undefined) return undefined;
    try {
      out.set(file, applyEdits(text, edits));
    } catch {
      return undefined;
    }
  }
  return out;
}

function syntaxErrors(sourceFile: ts.SourceFile): number {
  return (sourceFile as ts.SourceFile & { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics?.length ?? 0;
}

/** A unified diff of the changes, paths relative to `cwd`; secret literals show only their first four characters. */
export function unifiedDiff(result: FixResult, cwd: string): string {
  const { createTwoFilesPatch } = require('diff') as typeof import('diff');
  let out = '';
  for (const [file, change] of [...result.changes].sort(([a], [b]) => a.localeCompare(b))) {
    const name = path.relative(cwd, file).split(path.sep).join('/');
    const patch = createTwoFilesPatch(
      change.before === undefined ? '/dev/null' : `a/${name}`,
      `b/${name}`,
      change.before ?? '',
      change.after,
      undefined,
      undefined,
      { context: 3 },
    );
    // createTwoFilesPatch opens with a "====" line; git's format starts at "---".
    out += patch.replace(/^=+\n/, '');
  }
  return maskSecrets(out, result.secrets);
}

function maskSecrets(text: string, secrets: ReadonlySet<string>): string {
  let out = text;
  for (const literal of [...secrets].sort((a, b) => b.length - a.length)) {
    const inner = literal.replace(/^['"`]|['"`]$/g, '');
    if (inner.length < 4) continue;
    out = out.split(inner).join(`${inner.slice(0, 4)}…`);
  }
  return out;
}
