// Finding → LSP Diagnostic. The fixes travel in `Diagnostic.data` (LSP 3.16), so code actions need no server cache.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { ruleDocsUrl, type Finding, type Fix, type Severity } from '../analyzer/rule';
import { UNUSED_DISABLE_RULE_ID } from '../analyzer/rules/index';

export const DIAGNOSTIC_SOURCE = 'twelve-factor';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for the code-action step: the finding's fixes, offsets into the analyzed text. */
export interface DiagnosticData {
  ruleId: string;
  messageId: string;
  /** Document version the offsets refer to; a code action for another version recomputes. */
  version: number;
  fixes: Fix[];
}

export function toDiagnostic(finding: Finding, document: TextDocument): Diagnostic {
  const data: DiagnosticData = {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    version: document.version,
    fixes: finding.fixes,
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
  return typeof record.ruleId === 'string' && Array.isArray(record.fixes);
}
