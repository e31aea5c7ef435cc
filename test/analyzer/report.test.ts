import assert from 'node:assert/strict';
import { FACTOR_INFO, factorInfo } from '../../server/src/analyzer/factors';
import { buildReport, worstSeverity, type ReportFinding } from '../../server/src/analyzer/report';
import { FACTORS } from '../../server/src/analyzer/rule';
import { RULES } from '../../server/src/analyzer/rules/index';

function finding(over: Partial<ReportFinding>): ReportFinding {
  return { file: 'src/a.ts', line: 1, column: 1, ruleId: 'logs/no-console', factor: 'logs', severity: 'info', message: 'm', ...over };
}

describe('twelve-factor report', () => {
  it('lists the twelve factors in the manifesto order, numbered I to XII', () => {
    assert.deepEqual(FACTOR_INFO.map((f) => f.slug), [...FACTORS]);
    assert.deepEqual(FACTOR_INFO.map((f) => f.numeral), ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']);
    assert.equal(factorInfo('logs').summary, 'Treat logs as event streams.');
    assert.throws(() => factorInfo('nope'));
  });

  it('counts findings per factor, rule and file, most severe first', () => {
    const report = buildReport(
      [
        finding({ file: 'src/b.ts', line: 9 }),
        finding({ file: 'src/b.ts', line: 2 }),
        finding({ file: 'src/a.ts' }),
        finding({ ruleId: 'logs/no-log-files', severity: 'warning', file: 'src/log.ts' }),
        finding({ ruleId: 'config/no-hardcoded-secret', factor: 'config', severity: 'error' }),
      ],
      RULES,
      { filesScanned: 3 },
    );
    assert.equal(report.factors.length, 12);
    assert.deepEqual(report.counts, { error: 1, warning: 1, info: 3, hint: 0 });
    const logs = report.factors.find((row) => row.factor.slug === 'logs')!;
    assert.equal(logs.state, 'findings');
    assert.deepEqual(logs.counts, { error: 0, warning: 1, info: 3, hint: 0 });
    // The warning's rule comes before the rule with more, but milder, findings; rules without findings come last.
    assert.deepEqual(logs.rules.map((r) => r.ruleId).slice(0, 2), ['logs/no-log-files', 'logs/no-console']);
    assert.ok(logs.rules.slice(2).every((r) => r.files.length === 0));
    const consoleRow = logs.rules[1];
    assert.deepEqual(consoleRow.files.map((f) => [f.file, f.counts.info]), [['src/b.ts', 2], ['src/a.ts', 1]]);
    assert.deepEqual(consoleRow.files[0].findings.map((f) => f.line), [2, 9]);
    assert.equal(logs.docsPath, 'docs/factors/logs.md');
    assert.equal(worstSeverity(logs.counts), 'warning');
    assert.equal(report.filesScanned, 3);
  });

  it('tells clean factors from factors no enabled rule checks', () => {
    const report = buildReport([], RULES, { disabledRules: new Set(['logs/no-console']) });
    const state = (slug: string) => report.factors.find((row) => row.factor.slug === slug)!.state;
    assert.equal(state('port-binding'), 'clean');
    assert.equal(state('logs'), 'clean', 'no-log-files still checks logs');
    const logRules = RULES.filter((rule) => rule.factor === 'logs').map((rule) => rule.id);
    const off = buildReport([], RULES, { disabledRules: new Set(logRules) });
    assert.equal(off.factors.find((row) => row.factor.slug === 'logs')!.state, 'not-checkable');
    assert.equal(worstSeverity(off.counts), undefined);
  });
});
