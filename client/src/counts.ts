// Finding counts in words, shared by the view and the status item. Pure: no VS Code API (unit-tested in Node).
import type { SeverityCounts } from '../../server/src/analyzer/report';

const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
const PLURAL: Record<(typeof SEVERITIES)[number], [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['info', 'infos'],
  hint: ['hint', 'hints'],
};

export function total(counts: SeverityCounts): number {
  return counts.error + counts.warning + counts.info + counts.hint;
}

/** "1 error · 5 warnings · 116 hints" (zero counts left out), or '' when there is nothing. */
export function countsText(counts: SeverityCounts): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s].toLocaleString('en-US')} ${PLURAL[s][counts[s] === 1 ? 0 : 1]}`)
    .join(' · ');
}
