// Finding → LSP Diagnostic. `Diagnostic.data` (LSP 3.16) names the rule, message and version; code actions
// recompute fixes from a fresh analysis (see code-actions.ts), so diagnostics never carry them.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { UNUSED_DISABLE_RULE_ID, ruleDocsUrl, type Finding, type Severity } from '../analyzer';

export const DIAGNOSTIC_SOURCE = 'twelve-factor';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for the code-action step, to match it with a fresh finding. */
export interface DiagnosticData {
  ruleId: string;
  messageId: string;
  /** Document version the diagnostic was computed for. */
  version: number;
}

export function toDiagnostic(finding: Finding, document: TextDocument): Diagnostic {
  const data: DiagnosticData = {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    version: document.version,
  };
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    // The same page the CLI's SARIF helpUri names (analyzer/rule.ts keeps the one base URL).
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    message: finding.message,
    data,
  };
  // An unused disable comment is dead text: editors fade it.
  if (finding.ruleId === UNUSED_DISABLE_RULE_ID) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return typeof record.ruleId === 'string' && typeof record.messageId === 'string';
}
