// Reads the tests code makes of its deploy stage: `process.env.NODE_ENV === 'production'`, `app.get('env') !==
// 'development'`, `isProd` / `const dev = process.env.NODE_ENV !== 'production'`, `env.isProduction`, and which side of
// such a test runs in production. Shared by the rules that care what differs between stages. Pure syntax.
import ts from 'typescript';
import { envReadName, isStringLiteralLike, propertyNameText, skipOuterExpressions } from './ast';
import { LOCAL_STAGES } from './knowledge/env';

/**
 * Which stages a side of a test covers: `production` (production, and nothing else for sure), `local` (development
 * and tests only), `not-local` (every stage but development or a test: production among them), `not-production`.
 */
export type StageSide = 'production' | 'local' | 'not-local' | 'not-production';

export interface StageTest {
  /** The stage name compared with (`production`, `development`, `test`), or the flag's name (`isProd`). */
  stage: string;
  whenTrue: StageSide;
  whenFalse: StageSide;
}

/** Variables that name the deploy stage. */
const STAGE_VARIABLES = new Set(['NODE_ENV', 'APP_ENV', 'ENV', 'ENVIRONMENT', 'STAGE', 'NODE_CONFIG_ENV', 'APP_STAGE', 'DEPLOY_ENV', 'RUN_ENV']);
/** Stage flags by name, true in the stage they name: envalid's `env.isProduction`, hand-made `isProd`, `__DEV__`. */
const PRODUCTION_FLAG = /^(is_?prod(uction)?(_?env)?|in_?production)$/i;
const LOCAL_FLAG = /^(is_?dev(elopment)?(_?env)?|__dev__|is_?local|is_?test(ing)?(_?env)?|in_?development)$/i;
const PRODUCTION_NAMES = new Set(['production', 'prod', 'live']);

/**
 * What a file's top-level constants say about the stage: flags holding a stage test (`const dev = process.env.NODE_ENV
 * !== 'production'`) and names holding the stage itself (`const env = process.env.NODE_ENV || 'development'`).
 */
export interface StageFlags {
  readonly tests: ReadonlyMap<string, StageTest>;
  readonly readers: ReadonlySet<string>;
}

const NO_FLAGS: StageFlags = { tests: new Map(), readers: new Set() };

/** The file's top-level `const name = <stage test>` and `const name = <stage read>` (any name: the value says what it is). */
export function collectStageFlags(sourceFile: ts.SourceFile): StageFlags {
  const tests = new Map<string, StageTest>();
  const readers = new Set<string>();
  const flags = { tests, readers };
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
      let value = skipOuterExpressions(decl.initializer);
      // process.env.NODE_ENV || 'development', process.env.NODE_ENV ?? 'production'
      while (ts.isBinaryExpression(value) && (value.operatorToken.kind === ts.SyntaxKind.BarBarToken || value.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
        value = skipOuterExpressions(value.left);
      }
      if (isStageReader(value, flags)) readers.add(decl.name.text);
      const test = readStageTest(decl.initializer, flags);
      if (test) tests.set(decl.name.text, test);
    }
  }
  return flags;
}

/**
 * What a condition says about the stage, or undefined when it is not (only) a stage test. `&&` / `||` with anything
 * else is not read: `isProd && useCache` does not pick a stage on its own.
 */
export function readStageTest(condition: ts.Expression, flags: StageFlags = NO_FLAGS): StageTest | undefined {
  const expr = skipOuterExpressions(condition);
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = readStageTest(expr.operand, flags);
    return inner && { stage: inner.stage, whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
  }
  if (ts.isBinaryExpression(expr)) return readComparison(expr, flags);
  const name = ts.isIdentifier(expr) ? expr.text : ts.isPropertyAccessExpression(expr) ? expr.name.text : undefined;
  if (name === undefined) return undefined;
  if (ts.isIdentifier(expr)) {
    const flag = flags.tests.get(name);
    if (flag) return flag;
  }
  if (PRODUCTION_FLAG.test(name)) return { stage: name, whenTrue: 'production', whenFalse: 'not-production' };
  if (LOCAL_FLAG.test(name)) return { stage: name, whenTrue: 'local', whenFalse: 'not-local' };
  return undefined;
}

function readComparison(expr: ts.BinaryExpression, flags: StageFlags): StageTest | undefined {
  const op = expr.operatorToken.kind;
  const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const unequal = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  // `isProd || isStaging`, `env === 'production' || env === 'staging'`: not read.
  if (!equal && !unequal) return undefined;
  const left = skipOuterExpressions(expr.left);
  const right = skipOuterExpressions(expr.right);
  const [reader, literal] = isStringLiteralLike(right) ? [left, right] : isStringLiteralLike(left) ? [right, left] : [undefined, undefined];
  if (!reader || !literal || !isStageReader(reader, flags)) return undefined;
  // Stage names are lower case; 'PRODUCTION' is some other domain's enum (a customer's environment type).
  const stage = literal.text;
  let side: [StageSide, StageSide];
  if (PRODUCTION_NAMES.has(stage)) side = ['production', 'not-production'];
  else if (LOCAL_STAGES.has(stage)) side = ['local', 'not-local'];
  else return undefined; // staging, qa: which side production is on is not known
  return equal ? { stage, whenTrue: side[0], whenFalse: side[1] } : { stage, whenTrue: side[1], whenFalse: side[0] };
}

/**
 * `process.env.NODE_ENV`, `process.env['APP_ENV']`, `app.get('env')`, `config.NODE_ENV`, `config.env`, a destructured
 * `NODE_ENV`, or a name a top-level constant bound to one of these (`const env = process.env.NODE_ENV || 'dev'`).
 */
export function isStageReader(node: ts.Expression, flags: StageFlags = NO_FLAGS): boolean {
  const expr = skipOuterExpressions(node);
  const envName = envReadName(expr);
  if (envName !== undefined) return STAGE_VARIABLES.has(envName);
  if (ts.isCallExpression(expr)) {
    // Express: app.get('env')
    const callee = skipOuterExpressions(expr.expression);
    const [first] = expr.arguments;
    return ts.isPropertyAccessExpression(callee) && callee.name.text === 'get' && first !== undefined && isStringLiteralLike(first) && first.text === 'env';
  }
  if (ts.isPropertyAccessExpression(expr)) {
    // A destructured or re-exported env object: `env.NODE_ENV`, `config.NODE_ENV`, `config.env`; Express's
    // `app.settings.env`.
    if (STAGE_VARIABLES.has(expr.name.text)) return true;
    if (expr.name.text !== 'env') return false;
    const owner = skipOuterExpressions(expr.expression);
    return ts.isIdentifier(owner) || (ts.isPropertyAccessExpression(owner) && owner.name.text === 'settings');
  }
  // const { NODE_ENV } = process.env; `env` alone only when the file binds it to the stage.
  return ts.isIdentifier(expr) && (STAGE_VARIABLES.has(expr.text) || /^(nodeEnv|appEnv)$/.test(expr.text) || flags.readers.has(expr.text));
}

/** The side a stage name stands for, as a key of an env-keyed map (`{ development: …, production: … }`). */
export function stageOfKey(key: string): StageSide | undefined {
  if (PRODUCTION_NAMES.has(key)) return 'production';
  if (LOCAL_STAGES.has(key)) return 'local';
  return undefined;
}

/** True when a side covers production for sure or among others. */
export function includesProduction(side: StageSide): boolean {
  return side === 'production' || side === 'not-local';
}

/** True when a side is development or a test only, or every stage but production. */
export function excludesProduction(side: StageSide): boolean {
  return side === 'local' || side === 'not-production';
}

/** The keys of an object literal that are stage names, with their values. */
export function stageKeyedEntries(object: ts.ObjectLiteralExpression): Array<{ stage: string; side: StageSide; value: ts.Expression; node: ts.Node }> {
  const entries: Array<{ stage: string; side: StageSide; value: ts.Expression; node: ts.Node }> = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const key = propertyNameText(property.name);
    const side = key === undefined ? undefined : stageOfKey(key);
    if (key !== undefined && side !== undefined) entries.push({ stage: key, side, value: property.initializer, node: property.name });
  }
  return entries;
}

/**
 * Whether a condition, when it has `value`, keeps production out: `NODE_ENV !== 'production'` when true, `isProd`
 * when false, `isDev && x` when true (`&&` holds only where both sides do), `isProd || x` never (it holds wherever x
 * does). A condition that is no stage test says nothing: false.
 */
export function excludesProductionWhen(condition: ts.Expression, value: boolean, flags: StageFlags = NO_FLAGS): boolean {
  const expr = skipOuterExpressions(condition);
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken) return excludesProductionWhen(expr.operand, !value, flags);
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    const left = (v: boolean): boolean => excludesProductionWhen(expr.left, v, flags);
    const right = (v: boolean): boolean => excludesProductionWhen(expr.right, v, flags);
    // True only where both sides are; false wherever either is.
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return value ? left(true) || right(true) : left(false) && right(false);
    if (op === ts.SyntaxKind.BarBarToken) return value ? left(true) && right(true) : left(false) || right(false);
  }
  const test = readStageTest(expr, flags);
  return test !== undefined && excludesProduction(value ? test.whenTrue : test.whenFalse);
}

/**
 * Whether `node` runs only outside production: in the arm of an `if` or `?:`, or the right side of `&&` / `||`,
 * that a stage test keeps production out of (`if (NODE_ENV !== 'production') {…}`, the `else` of `if (isProd)`,
 * `isDev && app.get(…)`), or after a guard that leaves production out (`if (isProduction) return;`). A function
 * declared there counts as such too: the climb goes on past function boundaries.
 */
export function runsOnlyOutsideProduction(node: ts.Node, flags: StageFlags = NO_FLAGS): boolean {
  let child: ts.Node = node;
  for (let parent = node.parent; parent !== undefined && !ts.isSourceFile(parent); child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent)) {
      if (child !== parent.expression && excludesProductionWhen(parent.expression, child === parent.thenStatement, flags)) return true;
    } else if (ts.isConditionalExpression(parent)) {
      if (child !== parent.condition && excludesProductionWhen(parent.condition, child === parent.whenTrue, flags)) return true;
    } else if (ts.isBinaryExpression(parent) && child === parent.right) {
      const op = parent.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken && excludesProductionWhen(parent.left, true, flags)) return true;
      if (op === ts.SyntaxKind.BarBarToken && excludesProductionWhen(parent.left, false, flags)) return true;
    } else if (ts.isBlock(parent) && afterProductionGuard(parent.statements, child, flags)) {
      return true;
    }
  }
  return false;
}

/** An earlier statement of the block is `if (<production test>) return;` (or throws): what follows runs elsewhere only. */
function afterProductionGuard(statements: ts.NodeArray<ts.Statement>, child: ts.Node, flags: StageFlags): boolean {
  for (const statement of statements) {
    if (statement === child) return false;
    if (!ts.isIfStatement(statement) || statement.elseStatement !== undefined || !leaves(statement.thenStatement)) continue;
    if (excludesProductionWhen(statement.expression, false, flags)) return true;
  }
  return false;
}

/** `return`, `throw`, or a block that ends in one of them and holds nothing else. */
function leaves(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.length === 1 && leaves(statement.statements[0]);
}
