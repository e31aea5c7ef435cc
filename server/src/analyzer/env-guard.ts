// Code that runs only when the environment says so: a branch on an environment variable, or the fallback of one.
// `process.env.GIT_COMMIT_SHA ?? execSync('git rev-parse HEAD')` asks git only where the release stage set nothing
// (a developer's machine); `if (process.env.NODE_ENV !== 'production') require('ts-node/register')` loads a compiler
// only in development. Rules on what a release does at run time leave such code alone.
import ts from 'typescript';
import { containsEnvRead, skipOuterExpressions } from './ast';
import { resolveLiteral } from './connection';

/** True when `node` sits in a branch or fallback decided by an environment read (one same-file name deep). */
export function underEnvironmentGuard(node: ts.Node): boolean {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isIfStatement(parent) && current !== parent.expression && readsEnvironment(parent.expression)) return true;
    if (ts.isConditionalExpression(parent) && current !== parent.condition && readsEnvironment(parent.condition)) return true;
    if (ts.isBinaryExpression(parent) && current === parent.right && isFallbackOperator(parent.operatorToken.kind) && readsEnvironment(parent.left)) return true;
    if (ts.isSourceFile(parent)) return false;
  }
  return false;
}

function isFallbackOperator(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken
  );
}

/** The expression reads the environment, directly or through a const set from it (`if (!commit)`). */
function readsEnvironment(expression: ts.Expression): boolean {
  if (containsEnvRead(expression)) return true;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isIdentifier(node)) {
      const value = resolveLiteral(node) ?? letInitializer(node);
      if (value !== undefined && containsEnvRead(value)) found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(skipOuterExpressions(expression));
  return found;
}

/** The initializer of a `let` the name is declared with in an enclosing block (`let commit = process.env.SHA`). */
function letInitializer(id: ts.Identifier): ts.Expression | undefined {
  for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (!(ts.isSourceFile(scope) || ts.isBlock(scope))) continue;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === id.text) return decl.initializer;
      }
    }
  }
  return undefined;
}
