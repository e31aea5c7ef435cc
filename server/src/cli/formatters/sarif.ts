// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Artifact URIs are relative
// to %SRCROOT% (the current folder), which `originalUriBaseIds` pins to an absolute file URI.
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { ruleDocsUrl, type RuleDefinition, type Severity } from '../../analyzer/rule';
import { escapeJsonForTerminal } from './escape';
import { relativePath, runProblems, type Report, type ToolInfo } from './report';

const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(report: Report, tool: ToolInfo, rules: readonly RuleDefinition[]): string {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(sorted.map((rule, i) => [rule.id as string, i]));
  const descriptors: Sarif.ReportingDescriptor[] = sorted.map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.description },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['twelve-factor', rule.factor] },
  }));

  const results: Sarif.Result[] = [];
  for (const scanned of report.files) {
    const uri = encodeUriPath(relativePath(report.cwd, scanned.file));
    for (const d of scanned.diagnostics) {
      results.push({
        ruleId: d.ruleId,
        ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: SRCROOT },
              region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
            },
          },
        ],
      });
    }
  }

  // A file or rule that failed makes the run unsuccessful, each named in a notification (SARIF 3.20.21, 3.58).
  const notifications: Sarif.Notification[] = runProblems(report).map((problem) => ({
    level: 'error',
    message: { text: problem.ruleId ? `${problem.ruleId}: ${problem.message}` : problem.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeUriPath(relativePath(report.cwd, problem.file)), uriBaseId: SRCROOT } } }],
    ...(problem.ruleId !== undefined
      ? { associatedRule: { id: problem.ruleId, ...(ruleIndex.has(problem.ruleId) ? { index: ruleIndex.get(problem.ruleId) } : {}) } }
      : {}),
  }));
  const invocation: Sarif.Invocation =
    notifications.length > 0 ? { executionSuccessful: false, toolExecutionNotifications: notifications } : { executionSuccessful: true };

  let root = pathToFileURL(report.cwd).href;
  if (!root.endsWith('/')) root += '/';
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: tool.name, version: tool.version, informationUri: tool.informationUri, rules: descriptors },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: root } },
        columnKind: 'utf16CodeUnits',
        invocations: [invocation],
        results,
      },
    ],
  };
  return `${escapeJsonForTerminal(JSON.stringify(log, null, 2))}\n`;
}

/** Percent-encodes each segment of a relative path (spaces, `#`, `%`), keeping the slashes. */
function encodeUriPath(relative: string): string {
  return relative
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/');
}
