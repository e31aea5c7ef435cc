// The "Move to environment variable" fix: naming from context, quoting, numbers, .env.example, and the
// positions where it is never offered.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { parse } from '../../server/src/analyzer/analyze';
import { collectImports } from '../../server/src/analyzer/ast';
import { applyEdits, editsFor } from '../../server/src/analyzer/fixes/edits';
import { moveToEnvFix, toEnvName } from '../../server/src/analyzer/fixes/env';
import { ProjectIndex, emptyFacts } from '../../server/src/analyzer/project';

function literalAt(sourceFile: ts.SourceFile, marker: string): ts.StringLiteral | ts.NumericLiteral {
  const offset = sourceFile.text.indexOf(marker);
  assert.ok(offset >= 0, `marker ${marker} not found`);
  let found: ts.StringLiteral | ts.NumericLiteral | undefined;
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNumericLiteral(node)) && node.getStart(sourceFile) === offset) found = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  assert.ok(found, `no literal at ${marker}`);
  return found;
}

function project(envNames: string[] = [], envExample?: string): ProjectIndex {
  const index = new ProjectIndex('/proj');
  index.setFile('/proj/src/other.ts', { ...emptyFacts(), envNames });
  index.envExampleText = envExample;
  return index;
}

function fix(code: string, marker: string, secret: boolean, proj = project(), fallbackName?: string) {
  const sourceFile = parse('/proj/src/app.ts', code);
  const literal = literalAt(sourceFile, marker);
  const result = moveToEnvFix(literal, sourceFile, collectImports(sourceFile), proj, { secret, fallbackName });
  return result && { title: result.title, output: applyEdits(code, editsFor(result)), fix: result };
}

describe('fixes/env: Move to environment variable', () => {
  it('converts names to UPPER_SNAKE_CASE', () => {
    assert.equal(toEnvName('dbPassword'), 'DB_PASSWORD');
    assert.equal(toEnvName('baseURL'), 'BASE_URL');
    assert.equal(toEnvName('api-key'), 'API_KEY');
    assert.equal(toEnvName('stripeSecretKey'), 'STRIPE_SECRET_KEY');
  });

  it('names a secret after its variable and gives it no default', () => {
    const result = fix("const dbPassword = 'hunter2hunter2';\n", "'hunter2", true);
    assert.equal(result?.title, 'Move to environment variable DB_PASSWORD');
    assert.equal(result?.output, 'const dbPassword = process.env.DB_PASSWORD;\n');
  });

  it('composes a nested config path and keeps a non-secret value as fallback with its quotes', () => {
    const result = fix('export default { redis: { url: "redis://cache:6379" } };\n', '"redis', false);
    assert.equal(result?.output, 'export default { redis: { url: process.env.REDIS_URL ?? "redis://cache:6379" } };\n');
  });

  it('keeps numbers numbers', () => {
    const result = fix('app.listen(3000);\n', '3000', false, project(), 'PORT');
    assert.equal(result?.output, 'app.listen(Number(process.env.PORT ?? 3000));\n');
  });

  it('uses the URL scheme when the literal has no name of its own', () => {
    const result = fix("mongoose.connect('mongodb://db:27017/shop');\n", "'mongodb", false);
    assert.equal(result?.output, "mongoose.connect(process.env.MONGODB_URI ?? 'mongodb://db:27017/shop');\n");
  });

  it('uses the client module for generic option names', () => {
    const code = "import mysql from 'mysql2';\nmysql.createConnection({ host: '10.0.0.5' });\n";
    assert.equal(fix(code, "'10.0.0.5'", false)?.title, 'Move to environment variable MYSQL2_HOST');
  });

  it('does not clash with a name the project already reads', () => {
    const result = fix("const dbPassword = 'hunter2hunter2';\n", "'hunter2", true, project(['DB_PASSWORD']));
    assert.equal(result?.title, 'Move to environment variable DB_PASSWORD_2');
  });

  it('parenthesizes the fallback where ?? would bind wrongly', () => {
    const result = fix("const url = 'https://api.example.com' + path;\n", "'https", false);
    assert.equal(result?.output, "const url = (process.env.API_BASE_URL ?? 'https://api.example.com') + path;\n");
  });

  it('adds NAME= to an existing .env.example, once', () => {
    const result = fix("const apiToken = 'abc';\n", "'abc'", true, project([], 'PORT=3000'));
    const edit = result?.fix.edits.find((e) => e.file === '/proj/.env.example');
    assert.deepEqual(edit, { file: '/proj/.env.example', start: 9, end: 9, newText: '\nAPI_TOKEN=\n' });
    assert.equal(result?.fix.createFiles, undefined);
    const again = fix("const apiToken = 'abc';\n", "'abc'", true, project([], 'API_TOKEN=\n'));
    assert.equal(again?.fix.edits.length, 1);
  });

  it('creates .env.example when it is missing, never writing the secret there', () => {
    const result = fix("const apiToken = 'abcdefgh';\n", "'abc", true);
    assert.deepEqual(result?.fix.createFiles, ['/proj/.env.example']);
    const edit = result?.fix.edits.find((e) => e.file === '/proj/.env.example');
    assert.equal(edit?.newText, 'API_TOKEN=\n');
  });

  for (const [name, code, marker] of [
    ['a type position', "type Db = { url: 'postgres://db/x' };\n", "'postgres"],
    ['an enum member', "enum Urls { Db = 'postgres://db/x' }\n", "'postgres"],
    ['a decorator argument', "@Module({ url: 'postgres://db/x' })\nclass A {}\n", "'postgres"],
    ['a case label', "switch (x) { case 'postgres://db/x': break; }\n", "'postgres"],
  ] as const) {
    it(`is not offered in ${name}`, () => {
      assert.equal(fix(code, marker, false), undefined);
    });
  }
});
