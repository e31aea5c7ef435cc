// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, checked by Microsoft's SARIF
// Multitool with GitHub's rules (`validate --rule-kind "Gh;Sarif"`, test/cli/sarif-multitool.test.ts). Artifact URIs
// are relative to %SRCROOT%, the repository root, which `originalUriBaseIds` pins to an absolute file URI.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { factorInfo, ruleDocsUrl, type RuleDefinition, type Severity } from '../../analyzer';
import { fingerprintsOf } from '../fingerprint';
import { ruleHelp } from '../rule-help';
import { escapeJsonForTerminal } from './escape';
import { relativePath, runProblems, type Report, type ToolInfo } from './report';

const SRCROOT = '%SRCROOT%';
/** Our own fingerprint scheme (see fingerprint.ts); versioned so that a change of scheme never matches old alerts. */
export const FINGERPRINT_KEY = 'twelveFactorLint/v1';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * GitHub shows a rule with a `security-severity` (0–10, as CVSS) and the `security` tag as a security alert.
 * A credential in the source is CWE-798; 7.5 ranks it "high", as CodeQL ranks its hard-coded credentials queries.
 */
const SECURITY: Record<string, { severity: string; tags: string[] }> = {
  'config/no-hardcoded-secret': { severity: '7.5', tags: ['security', 'external/cwe/cwe-798'] },
};

export interface SarifOptions {
  /** Where docs/rules/ ships (the tool's package root); help falls back to the description without it. */
  docsRoot?: string;
}

export function formatSarif(report: Report, tool: ToolInfo, rules: readonly RuleDefinition[], options: SarifOptions = {}): string {
  const root = report.root ?? report.cwd;
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(sorted.map((rule, i) => [rule.id as string, i]));
  const descriptors: Sarif.ReportingDescriptor[] = sorted.map((rule) => {
    const factor = factorInfo(rule.factor);
    const security = SECURITY[rule.id];
    return {
      id: rule.id,
      name: pascalCase(rule.id),
      shortDescription: { text: rule.description },
      fullDescription: { text: `${rule.description} (${factor.numeral}. ${factor.title}: ${factor.summary})` },
      help: ruleHelp(rule, options.docsRoot),
      helpUri: ruleDocsUrl(rule.id),
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: {
        tags: ['twelve-factor', rule.factor, ...(security?.tags ?? ['maintainability'])],
        ...(security ? { 'security-severity': security.severity, precision: 'high' } : { precision: 'medium' }),
      },
    };
  });

  const textOf = report.textOf ?? readText;
  const results: Sarif.Result[] = [];
  for (const scanned of report.files) {
    if (scanned.diagnostics.length === 0) continue;
    const relative = relativePath(root, scanned.file);
    const uri = encodeUriPath(relative);
    const prints = fingerprintsOf(relative, textOf(scanned.file), scanned.diagnostics);
    const seen = new Map<string, number>();
    scanned.diagnostics.forEach((d, i) => {
      // Identical code twice in a file (two `console.log(x)`): the occurrence number keeps their alerts apart.
      const occurrence = (seen.get(prints[i]) ?? 0) + 1;
      seen.set(prints[i], occurrence);
      results.push({
        ruleId: d.ruleId,
        ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
        level: LEVEL[d.severity],
        message: { text: sentence(d.message) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: SRCROOT },
              region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: `${prints[i]}:${occurrence}` },
      });
    });
  }

  // A file or rule that failed makes the run unsuccessful, each named in a notification (SARIF 3.20.21, 3.58).
  const notifications: Sarif.Notification[] = runProblems(report).map((problem) => ({
    level: 'error',
    message: { text: problem.ruleId ? `${problem.ruleId}: ${problem.message}` : problem.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeUriPath(relativePath(root, problem.file)), uriBaseId: SRCROOT } } }],
    ...(problem.ruleId !== undefined
      ? { associatedRule: { id: problem.ruleId, ...(ruleIndex.has(problem.ruleId) ? { index: ruleIndex.get(problem.ruleId) } : {}) } }
      : {}),
  }));
  const invocation: Sarif.Invocation =
    notifications.length > 0 ? { executionSuccessful: false, toolExecutionNotifications: notifications } : { executionSuccessful: true };

  let rootUri = pathToFileURL(root).href;
  if (!rootUri.endsWith('/')) rootUri += '/';
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: descriptors,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        invocations: [invocation],
        results,
      },
    ],
  };
  return `${escapeJsonForTerminal(JSON.stringify(log, null, 2))}\n`;
}

/** `logs/no-console` → `LogsNoConsole`: SARIF's `name` is an identifier-like, human-readable rule name. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

/** SARIF messages should be complete sentences ending with a period. */
function sentence(message: string): string {
  return /[.!?]$/.test(message.trim()) ? message : `${message}.`;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Percent-encodes each segment of a relative path (spaces, `#`, `%`), keeping the slashes. */
function encodeUriPath(relative: string): string {
  return relative
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/');
}
