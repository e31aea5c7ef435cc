// Data-driven rule tests: each case becomes one mocha test that runs the real analyzer with one rule.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { analyze } from '../../server/src/analyzer/analyze';
import { languageOf } from '../../server/src/analyzer/languages/index';
import { parseJson } from '../../server/src/analyzer/languages/json';
import { applyEdits, editsFor, editsOverlap } from '../../server/src/analyzer/fixes/edits';
import { DEFAULT_CONFIG, type AnalyzerConfig } from '../../server/src/analyzer/config';
import { EMPTY_PROJECT, type ProjectView } from '../../server/src/analyzer/project';
import type { Finding, RuleDefinition } from '../../server/src/analyzer/rule';

export interface CaseOptions {
  code: string;
  /** Defaults to `src/app.ts` (application code). Use `.js` names to test JavaScript parsing. */
  filename?: string;
  /** This rule's options, as in `.twelvefactorrc.json`. */
  options?: Record<string, unknown>;
  project?: ProjectView;
  /** Why the case exists (shown in the test title): a peer's false positive, an issue number. */
  name?: string;
}

export interface ExpectedError {
  messageId: string;
  /** 1-based, like editors show. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Exact message text, when the case is about the message (e.g. a secret must not be echoed). */
  message?: string;
  /** The finding's severity, when the case is about it (a rule that reports some findings below its level). */
  severity?: Finding['severity'];
  /** Each fix offered for this finding, in order: its title and the whole file after applying it. */
  fixes?: Array<{ title: string; output: string }>;
}

export interface InvalidCase extends CaseOptions {
  errors: ExpectedError[];
}

export interface RuleTests {
  valid: Array<string | CaseOptions>;
  invalid: InvalidCase[];
}

export function runCase(rule: RuleDefinition, testCase: CaseOptions): Finding[] {
  const config: AnalyzerConfig = {
    ...DEFAULT_CONFIG,
    rules: testCase.options ? { [rule.id]: { level: 'default', options: testCase.options } } : {},
  };
  const result = analyze({
    fileName: testCase.filename ?? 'src/app.ts',
    text: testCase.code,
    config,
    project: testCase.project ?? EMPTY_PROJECT,
    rules: [rule],
  });
  // analyze() isolates a rule that throws; in a rule's own test that is a bug to show, not to survive.
  assert.equal(result.failed, undefined, `the file could not be analyzed: ${result.failed}`);
  assert.deepEqual(result.ruleFailures ?? [], [], 'the rule threw');
  return result.findings.filter((finding) => finding.ruleId === rule.id);
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function title(testCase: CaseOptions): string {
  const code = testCase.code.replace(/\s+/g, ' ').trim();
  const short = code.length > 90 ? `${code.slice(0, 87)}...` : code;
  return testCase.name ? `${testCase.name}: ${short}` : short;
}

export function runRuleTests(rule: RuleDefinition, tests: RuleTests): void {
  describe(rule.id, () => {
    describe('valid', () => {
      for (const raw of tests.valid) {
        const testCase = typeof raw === 'string' ? { code: raw } : raw;
        it(title(testCase), () => {
          const findings = runCase(rule, testCase);
          assert.deepEqual(
            findings.map((f) => `${f.messageId} at ${JSON.stringify(lineColumn(testCase.code, f.start))}: ${f.message}`),
            [],
          );
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of tests.invalid) {
        it(title(testCase), () => {
          const findings = runCase(rule, testCase);
          const actual = findings.map((f) => {
            const start = lineColumn(testCase.code, f.start);
            const end = lineColumn(testCase.code, f.end);
            return { messageId: f.messageId, ...start, endLine: end.line, endColumn: end.column, message: f.message, severity: f.severity };
          });
          const expected = testCase.errors.map((e, i) => ({
            messageId: e.messageId,
            line: e.line,
            column: e.column,
            endLine: e.endLine ?? actual[i]?.endLine,
            endColumn: e.endColumn ?? actual[i]?.endColumn,
            message: e.message ?? actual[i]?.message,
            severity: e.severity ?? actual[i]?.severity,
          }));
          assert.deepEqual(actual, expected);
          testCase.errors.forEach((error, i) => {
            if (error.fixes === undefined) return;
            const fileName = testCase.filename ?? 'src/app.ts';
            assert.deepEqual(
              findings[i].fixes.map((fix) => ({ title: fix.title, output: applyEdits(testCase.code, editsFor(fix)) })),
              error.fixes,
              `fixes of error ${i + 1} in ${fileName}`,
            );
          });
          assertFixesSafe(rule, testCase, findings);
        });
      }
    });
  });
}

/** Syntax errors of a text, as its language's parser reports them (TypeScript's: no type checking). */
export function syntaxErrorCount(fileName: string, text: string): number {
  const language = languageOf(fileName)?.id ?? 'typescript';
  if (language === 'json') return parseJson(text).errors.length;
  // Dockerfiles and .env files have no syntax errors: every line means something (or is ignored).
  if (language !== 'typescript') return 0;
  const out = ts.transpileModule(text, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.Latest },
  });
  return (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error).length;
}

/**
 * The safety contract of every fix, checked on every invalid case: its edits do not overlap, applying it
 * parses no worse than before, and the rule then reports fewer findings than before.
 */
export function assertFixesSafe(rule: RuleDefinition, testCase: CaseOptions, findings: Finding[]): void {
  const fileName = testCase.filename ?? 'src/app.ts';
  const before = syntaxErrorCount(fileName, testCase.code);
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      const own = editsFor(fix);
      assert.ok(!editsOverlap(own), `fix "${fix.title}" has overlapping edits`);
      const output = applyEdits(testCase.code, own);
      assert.ok(
        syntaxErrorCount(fileName, output) <= before,
        `fix "${fix.title}" leaves a file that parses worse:\n${output}`,
      );
      const after = runCase(rule, { ...testCase, code: output });
      assert.ok(after.length < findings.length, `fix "${fix.title}" does not remove the finding:\n${output}`);
    }
  }
}
