import assert from 'node:assert/strict';
import ts from 'typescript';
import { collectStageFlags, readStageTest } from '../../server/src/analyzer/stage';

function condition(code: string): { expr: ts.Expression; file: ts.SourceFile } {
  const file = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const last = file.statements[file.statements.length - 1] as ts.ExpressionStatement;
  return { expr: last.expression, file };
}

describe('stage tests (stage.ts)', () => {
  const cases: Array<[string, string, string] | [string, undefined]> = [
    ["process.env.NODE_ENV === 'production'", 'production', 'not-production'],
    ["'production' !== process.env.NODE_ENV", 'not-production', 'production'],
    ["process.env['APP_ENV'] == 'development'", 'local', 'not-local'],
    ["app.get('env') === 'development'", 'local', 'not-local'],
    ["process.env.NODE_ENV !== 'test'", 'not-local', 'local'],
    ["!isProduction", 'not-production', 'production'],
    ['config.isDev', 'local', 'not-local'],
    ["process.env.NODE_ENV === 'staging'", undefined],
    ["process.env.DB_CLIENT === 'production'", undefined],
    ["isProd && useCache", undefined],
    ["mode === 'production'", undefined],
    // `env` alone is anyone's variable (trigger.dev's customer environments); upper case is another domain's enum.
    ["env === 'production'", undefined],
    ["process.env.NODE_ENV === 'PRODUCTION'", undefined],
  ];
  for (const [code, whenTrue, whenFalse] of cases) {
    it(`${code} → ${whenTrue ?? 'not a stage test'}`, () => {
      const test = readStageTest(condition(code).expr);
      if (whenTrue === undefined) assert.equal(test, undefined);
      else assert.deepEqual([test?.whenTrue, test?.whenFalse], [whenTrue, whenFalse]);
    });
  }

  it('reads a name a top-level const bound to the stage', () => {
    const { expr, file } = condition("const env = process.env.NODE_ENV || 'development';\nenv === 'production';");
    const test = readStageTest(expr, collectStageFlags(file));
    assert.deepEqual([test?.whenTrue, test?.whenFalse], ['production', 'not-production']);
  });

  it('follows a top-level const derived from a stage test, whatever its name', () => {
    const { expr, file } = condition("const dev = process.env.NODE_ENV !== 'production';\ndev;");
    const test = readStageTest(expr, collectStageFlags(file));
    assert.deepEqual([test?.whenTrue, test?.whenFalse], ['not-production', 'production']);
  });
});
