import assert from 'node:assert/strict';
import ts from 'typescript';
import { collectStageFlags, readStageTest, runsOnlyOutsideProduction } from '../../server/src/analyzer/stage';

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
    // Express keeps NODE_ENV in app.settings.env.
    ["app.settings.env === 'development'", 'local', 'not-local'],
    ["req.settings.environment === 'development'", undefined],
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

  describe('code that runs only outside production (runsOnlyOutsideProduction)', () => {
    /** Whether the call `target()` in `code` runs only outside production. */
    const outside = (code: string): boolean => {
      const file = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
      let found: ts.Node | undefined;
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'target') found = node;
        ts.forEachChild(node, visit);
      };
      visit(file);
      assert.ok(found, 'the case calls target()');
      return runsOnlyOutsideProduction(found, collectStageFlags(file));
    };
    const yes = [
      "if (process.env.NODE_ENV !== 'production') { app.get('/x', () => target()); }",
      "if (isDev) target();",
      "if (isProduction) serve(); else target();",
      "if (process.env.NODE_ENV === 'production') { serve(); } else if (x) { target(); }",
      "const dev = process.env.NODE_ENV !== 'production';\nif (dev && flag) target();",
      "isDev && target();",
      "isProd || target();",
      "const f = isProd ? serve : () => target();",
      "function mount(app) {\n  if (process.env.NODE_ENV === 'production') return;\n  app.get('/seed', () => target());\n}",
      "function mount(app) {\n  if (isProd) { throw new Error('no'); }\n  target();\n}",
      "if (!(process.env.NODE_ENV === 'production' || isStaging)) target();",
    ];
    const no = [
      'target();',
      "if (isProd) target();",
      "if (process.env.NODE_ENV !== 'development') target();",
      "if (process.env.NODE_ENV === 'staging') target();",
      "if (isDev || force) target();",
      "if (!isDev) target();",
      "isProd && target();",
      "if (isDev) log(); target();",
      "function mount(app) {\n  if (isProd) log('prod');\n  target();\n}",
      "function mount(app) {\n  target();\n  if (isProd) return;\n}",
      "function mount(app) {\n  if (!user) return;\n  target();\n}",
      "if (isDev) { } else { target(); }",
    ];
    for (const code of yes) it(`yes: ${code.replace(/\n/g, ' ')}`, () => assert.equal(outside(code), true));
    for (const code of no) it(`no: ${code.replace(/\n/g, ' ')}`, () => assert.equal(outside(code), false));
  });
});
