// Syntax helpers shared by the rules. Pure functions over a `ts.SourceFile`; no type checker.
import ts from 'typescript';
import { BRACKET_STEP, bracketDepth } from './limits';
import { someNode } from './walk';

/** Where a local name comes from: `import x from 'm'` → { module: 'm', imported: 'default' }. */
export interface ImportBinding {
  module: string;
  /** 'default', '*' (namespace or a whole `require()`), or the exported name. */
  imported: string;
}

export type ImportMap = ReadonlyMap<string, ImportBinding>;

/**
 * Collects the module bindings declared by top-level statements: ES imports, `import x = require()`,
 * and `const x = require('m')` / `const { a: b } = require('m')` / `const x = require('m').y`.
 * Only top-level statements are read, so this costs one pass over `sourceFile.statements`.
 */
export function collectImports(sourceFile: ts.SourceFile): Map<string, ImportBinding> {
  const map = new Map<string, ImportBinding>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const module = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (!clause) continue;
      if (clause.name) map.set(clause.name.text, { module, imported: 'default' });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) map.set(bindings.name.text, { module, imported: '*' });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          const imported = (element.propertyName ?? element.name).text;
          map.set(element.name.text, { module, imported });
        }
      }
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const ref = statement.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) {
        map.set(statement.name.text, { module: ref.expression.text, imported: '*' });
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) addRequireBinding(decl, map);
    }
  }
  return map;
}

function addRequireBinding(decl: ts.VariableDeclaration, map: Map<string, ImportBinding>): void {
  if (!decl.initializer) return;
  let init: ts.Expression = skipOuterExpressions(decl.initializer);
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(init)) {
    member = init.name.text;
    init = skipOuterExpressions(init.expression);
  }
  const module = requiredModule(init);
  if (module === undefined) return;
  if (ts.isIdentifier(decl.name)) {
    map.set(decl.name.text, { module, imported: member ?? '*' });
  } else if (ts.isObjectBindingPattern(decl.name) && member === undefined) {
    for (const element of decl.name.elements) {
      if (!ts.isIdentifier(element.name)) continue;
      const prop = element.propertyName;
      const imported = prop && (ts.isIdentifier(prop) || ts.isStringLiteral(prop)) ? prop.text : element.name.text;
      map.set(element.name.text, { module, imported });
    }
  }
}

/** `require('m')` → 'm'; also `await import('m')`. */
export function requiredModule(node: ts.Expression): string | undefined {
  let expr = skipOuterExpressions(node);
  if (ts.isAwaitExpression(expr)) expr = skipOuterExpressions(expr.expression);
  if (!ts.isCallExpression(expr) || expr.arguments.length !== 1) return undefined;
  const arg = expr.arguments[0];
  if (!ts.isStringLiteralLike(arg)) return undefined;
  const callee = expr.expression;
  if (ts.isIdentifier(callee) && callee.text === 'require') return arg.text;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return arg.text;
  return undefined;
}

/**
 * The string literal naming the module a declaration or call loads at run time: `import … from 'm'` and `import 'm'`
 * (not `import type`), `export … from 'm'` (not `export type`), `import x = require('m')`, `require('m')` and
 * `import('m')`. Undefined for anything else, a computed specifier included. For the rules that react to a module
 * being loaded; `moduleLoadVisitors` gives them the three declarations.
 */
export function loadedModuleLiteral(node: ts.Node): ts.StringLiteralLike | undefined {
  let literal: ts.Expression | undefined;
  if (ts.isImportDeclaration(node)) literal = node.importClause?.isTypeOnly ? undefined : node.moduleSpecifier;
  else if (ts.isExportDeclaration(node)) literal = node.isTypeOnly ? undefined : node.moduleSpecifier;
  else if (ts.isImportEqualsDeclaration(node)) {
    const ref = node.moduleReference;
    literal = !node.isTypeOnly && ts.isExternalModuleReference(ref) ? ref.expression : undefined;
  } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
    const callee = skipOuterExpressions(node.expression);
    const isLoad = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require' && node.arguments.length === 1);
    literal = isLoad ? node.arguments[0] : undefined;
  }
  return literal !== undefined && ts.isStringLiteralLike(literal) ? literal : undefined;
}

/** Handlers for the declarations that load a module (`loadedModuleLiteral`); calls are the rule's own to read. */
export function moduleLoadVisitors(onModule: (literal: ts.StringLiteralLike, node: ts.Node) => void): {
  ImportDeclaration: (node: ts.Node) => void;
  ExportDeclaration: (node: ts.Node) => void;
  ImportEqualsDeclaration: (node: ts.Node) => void;
} {
  const visit = (node: ts.Node): void => {
    const literal = loadedModuleLiteral(node);
    if (literal !== undefined) onModule(literal, node);
  };
  return { ImportDeclaration: visit, ExportDeclaration: visit, ImportEqualsDeclaration: visit };
}

/** Parentheses, `as`, `satisfies`, `!` and `<T>x`: the wrappers that leave a value as it is. */
function isOuterExpression(node: ts.Node): node is
  | ts.ParenthesizedExpression
  | ts.AsExpression
  | ts.SatisfiesExpression
  | ts.NonNullExpression
  | ts.TypeAssertion {
  // One table load instead of five type guards (or a switch whose every case reads ts.SyntaxKind.X through the
  // bundle's module object): these two helpers run for nearly every call and access.
  return OUTER_KINDS[node.kind] === 1;
}

const OUTER_KINDS = new Uint8Array(ts.SyntaxKind.Count);
for (const kind of [
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.SatisfiesExpression,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.TypeAssertionExpression,
]) {
  OUTER_KINDS[kind] = 1;
}

/** Strips parentheses, `as`, `satisfies`, `!` and type assertions. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  while (isOuterExpression(current)) current = current.expression;
  return current;
}

/** The parent of `node`, skipping parentheses, `as`, `satisfies` and `!` around it. */
export function outerParent(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && isOuterExpression(current.parent)) current = current.parent;
  return current.parent;
}

/** A string literal or a template without substitutions. */
export function isStringLiteralLike(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/** The static text of a property name: identifiers, string and numeric literals, private names. */
export function propertyNameText(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/**
 * The name a value is bound to, looking through parentheses and type assertions:
 * `const dbPassword = …`, `{ password: … }`, `function f(token = …)`, `x.apiKey = …`, `class { secret = … }`,
 * `const { password = … } = …`. Returns undefined when the value is not directly bound to a name.
 */
export function bindingNameOf(value: ts.Expression): string | undefined {
  const parent = outerParent(value);
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && parent.initializer && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent)) return propertyNameText(parent.name);
  if (ts.isParameter(parent) || ts.isBindingElement(parent)) {
    if (ts.isBindingElement(parent) && parent.propertyName) return propertyNameText(parent.propertyName);
    return ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  }
  if (ts.isPropertyDeclaration(parent)) return propertyNameText(parent.name);
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return assignmentTargetName(parent.left);
  }
  return undefined;
}

/** `a.b.password` → 'password', `a['api-key']` → 'api-key', `token` → 'token'. */
export function assignmentTargetName(target: ts.Expression): string | undefined {
  const node = skipOuterExpressions(target);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return node.argumentExpression.text;
  }
  return undefined;
}

/**
 * A read of the environment: `process.env.X`, `process.env['X']`, `process.env` itself, `import.meta.env.X`,
 * `Bun.env.X`, `Deno.env.get('X')`. Looks through `as`, `!` and parentheses.
 */
export function isEnvRead(node: ts.Expression): boolean {
  const expr = skipOuterExpressions(node);
  if (isProcessEnv(expr)) return true;
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
    return isProcessEnv(skipOuterExpressions(expr.expression));
  }
  if (ts.isCallExpression(expr)) {
    const callee = expr.expression;
    // Deno.env.get('X'), config.get('X') style readers are left to the caller.
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'get') {
      return isProcessEnv(skipOuterExpressions(callee.expression));
    }
  }
  return false;
}

/** `process.env`, `import.meta.env`, `Bun.env`, `Deno.env` */
export function isProcessEnv(node: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'env') return false;
  const object = node.expression;
  if (ts.isIdentifier(object)) return object.text === 'process' || object.text === 'Bun' || object.text === 'Deno';
  if (ts.isMetaProperty(object)) return object.keywordToken === ts.SyntaxKind.ImportKeyword;
  // globalThis.process.env
  return (
    ts.isPropertyAccessExpression(object) &&
    object.name.text === 'process' &&
    ts.isIdentifier(object.expression) &&
    object.expression.text === 'globalThis'
  );
}

/** The variable name of an env read: `process.env.PORT` → 'PORT', `process.env['DB_URL']` → 'DB_URL'. */
export function envReadName(node: ts.Expression): string | undefined {
  const expr = skipOuterExpressions(node);
  if (ts.isPropertyAccessExpression(expr) && isProcessEnv(skipOuterExpressions(expr.expression))) return expr.name.text;
  if (
    ts.isElementAccessExpression(expr) &&
    isProcessEnv(skipOuterExpressions(expr.expression)) &&
    ts.isStringLiteralLike(expr.argumentExpression)
  ) {
    return expr.argumentExpression.text;
  }
  return undefined;
}

/** True when any sub-expression of `node` reads the environment. Bounded: stops at functions. */
export function containsEnvRead(node: ts.Node): boolean {
  return someNode(node, (child) => ts.isExpression(child) && isEnvRead(child), ts.isFunctionLike);
}

/**
 * A literal used as the fallback of an environment read, where it only applies when the variable is unset:
 * `process.env.X ?? '…'`, `process.env.X || '…'`, `process.env.X ? process.env.X : '…'`,
 * `const { PORT = 3000 } = process.env`, `parseInt(process.env.PORT || '3000')`,
 * `Number(process.env.PORT) || 3000`, `env('X', '…')`-style calls whose first argument names a variable.
 */
export function isEnvFallback(value: ts.Expression): boolean {
  let child: ts.Node = value;
  let parent = outerParent(value);
  for (let depth = 0; parent && depth < 4; depth++) {
    if (ts.isBinaryExpression(parent) && parent.right === skipToChild(parent.right, child)) {
      const op = parent.operatorToken.kind;
      if (
        (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) &&
        containsEnvRead(parent.left)
      ) {
        return true;
      }
    }
    if (ts.isConditionalExpression(parent) && containsEnvRead(parent.condition)) return true;
    if (ts.isBindingElement(parent) && parent.initializer === child) {
      const pattern = parent.parent;
      const decl = pattern.parent;
      if (ts.isVariableDeclaration(decl) && decl.initializer && isEnvRead(decl.initializer)) return true;
      return false;
    }
    if (ts.isCallExpression(parent) && parent.arguments.length >= 2) {
      // env('PORT', 3000), getEnv("REDIS_URL", "redis://localhost"), config.get('x', default) keeps it configurable.
      const first = parent.arguments[0];
      if (child !== first && ts.isStringLiteralLike(first) && /^[A-Z][A-Z0-9_]*$/.test(first.text)) return true;
    }
    if (
      ts.isCallExpression(parent) ||
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isPrefixUnaryExpression(parent) ||
      ts.isTemplateSpan(parent) ||
      ts.isTemplateExpression(parent) ||
      (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken)
    ) {
      child = parent;
      parent = parent.parent;
      continue;
    }
    if (ts.isBinaryExpression(parent)) {
      child = parent;
      parent = parent.parent;
      continue;
    }
    return false;
  }
  return false;
}

function skipToChild(expr: ts.Expression, child: ts.Node): ts.Node {
  let current: ts.Node = expr;
  while (current !== child && (ts.isParenthesizedExpression(current) || ts.isAsExpression(current))) {
    current = current.expression;
  }
  return current;
}

/** `a.b.c(…)` → 'a.b.c', `f(…)` → 'f', `new X(…)` → 'X'; undefined for computed callees. */
export function calleeText(call: ts.CallExpression | ts.NewExpression): string | undefined {
  return dottedName(call.expression);
}

/** `a.b.c` → 'a.b.c', `this.x` → 'this.x'; undefined when any part is computed. */
export function dottedName(node: ts.Expression): string | undefined {
  // A loop down the chain, not recursion: `a.b.c…` chains parse at any length.
  const names: string[] = [];
  let expr = skipOuterExpressions(node);
  for (;;) {
    if (ts.isPropertyAccessExpression(expr)) names.push(expr.name.text);
    else if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)) names.push(expr.argumentExpression.text);
    else break;
    expr = skipOuterExpressions(expr.expression);
  }
  let root: string;
  if (ts.isIdentifier(expr)) root = expr.text;
  else if (expr.kind === ts.SyntaxKind.ThisKeyword) root = 'this';
  else return undefined;
  if (names.length === 0) return root;
  names.push(root);
  return names.reverse().join('.');
}

/** The module a dotted callee's root identifier is bound to: `fs.writeFileSync` with `import fs from 'fs'` → 'fs'. */
export function rootModule(expr: ts.Expression, imports: ImportMap): ImportBinding | undefined {
  let current = skipOuterExpressions(expr);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isCallExpression(current)) {
    current = skipOuterExpressions(current.expression);
  }
  return ts.isIdentifier(current) ? imports.get(current.text) : undefined;
}

/** Strips a `node:` prefix: 'node:fs/promises' → 'fs/promises'. */
export function normalizeModule(module: string): string {
  return module.startsWith('node:') ? module.slice(5) : module;
}

/** True when the node is inside a type position (type annotation, interface, type alias, enum member). */
export function isInTypeContext(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isTypeNode(current) || ts.isEnumMember(current) || ts.isTypeAliasDeclaration(current)) return true;
    if (ts.isInterfaceDeclaration(current)) return true;
    if (ts.isStatement(current) || ts.isSourceFile(current)) return false;
  }
  return false;
}

/** The nearest enclosing function-like node, or undefined at module level. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return current;
  }
  return undefined;
}

/** Start of the node's own text, after leading trivia. */
export function nodeStart(node: ts.Node, sourceFile: ts.SourceFile): number {
  return node.getStart(sourceFile);
}

/**
 * Top-level `const name = call(…)` declarations (any of const/let/var; parentheses and casts around the call
 * skipped): where a file binds a local alias such as `const MemoryStore = require('memorystore')(session)`.
 */
export function topLevelCallBindings(sourceFile: ts.SourceFile): Array<{ name: string; call: ts.CallExpression }> {
  const bindings: Array<{ name: string; call: ts.CallExpression }> = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
      const init = skipOuterExpressions(decl.initializer);
      if (ts.isCallExpression(init)) bindings.push({ name: decl.name.text, call: init });
    }
  }
  return bindings;
}

/**
 * Gates for rules that can only report where the source names something (a module, a method, a global): a text
 * search costs one memchr-speed pass, where running the rule costs a walk with handlers. True when `text` may name
 * one of `words` as a whole word (not inside a longer identifier: `port` but not `import`). Names spelled with escape
 * sequences (`'f\x73'`, `requir\u0065`, octal escapes, line continuations) hide from a text search, so in a text that
 * has any the answer is always true. For several words, or words several rules look for, see `textGate`.
 */
export function mayMentionWord(text: string, ...words: string[]): boolean {
  for (const word of words) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
      if (!isIdentifierCode(text.charCodeAt(at - 1)) && !isIdentifierCode(text.charCodeAt(at + word.length))) return true;
    }
  }
  return hasEscapes(text);
}

/** ASCII identifier characters; anything else (including NaN off either end) counts as a boundary, which errs towards true. */
function isIdentifierCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

const ESCAPE = /\\[ux0-7\r\n\u2028\u2029]/;
let escapesOf: { text: string; has: boolean } | undefined;

/** Computed once per text: several rules gate on the same file. */
function hasEscapes(text: string): boolean {
  if (escapesOf?.text !== text) escapesOf = { text, has: ESCAPE.test(text) };
  return escapesOf.has;
}

/**
 * A gate over many words at once: each rule declares its own at load (`const mayLog = textGate(['winston', 'pino'])`),
 * and the words of every gate are found in one regular-expression scan per text, shared by all gates, instead of one
 * search per word. `words` must appear as whole words, `names` anywhere (a module name inside a longer specifier),
 * `endings` at the end of a word (`env` in `process.env` and `nodeEnv`, not in `environment`: `/env\b/`).
 * Exact as `mayMentionWord` is (escapes included), and errs the same way: towards true.
 */
export function textGate(names: readonly string[], words: readonly string[] = [], endings: readonly string[] = []): (text: string) => boolean {
  const keys = [...names, ...words, ...endings];
  const declare = (word: string, mode: GateMode): void => {
    // A word declared twice is searched the looser way (more matches): a name, then an ending, then a whole word.
    const known = gateWords.get(word);
    if (known === undefined || mode < known) gateWords.set(word, mode);
  };
  for (const name of names) declare(name, GateMode.Anywhere);
  for (const ending of endings) declare(ending, GateMode.WordEnd);
  for (const word of words) declare(word, GateMode.Whole);
  gateScanner = undefined;
  lastScan = undefined;
  return (text) => {
    const found = wordsIn(text);
    return found === undefined || keys.some((key) => found.has(key));
  };
}

/**
 * The deepest bracket nesting of `text` (limits.ts `bracketDepth`), counted in the same pass that finds the gate
 * words, which are kept for the rules' gates on this text: the analyzer reads each file once before parsing it.
 */
export function bracketDepthAndGateWords(text: string): number {
  if (lastScan?.text === text && lastScan.depth !== undefined) return lastScan.depth;
  if (hasEscapes(text)) {
    const depth = bracketDepth(text);
    lastScan = { text, found: undefined, depth };
    return depth;
  }
  gateScanner ??= buildGateScanner();
  const found = gateScanner.scan(text);
  lastScan = { text, found, depth: gateScanner.lastDepth };
  return gateScanner.lastDepth;
}

/** Where a gate word must stand, loosest first. */
const enum GateMode {
  Anywhere = 0,
  /** A word boundary after it (`\b` at its end). */
  WordEnd = 1,
  /** A word boundary on both sides. */
  Whole = 2,
}

/** Every gate word, with where it must stand (the loosest of the ways it was declared). */
const gateWords = new Map<string, GateMode>();
let gateScanner: GateScanner | undefined;
let lastScan: { text: string; found: Set<string> | undefined; depth?: number } | undefined;

/** The gate words in `text`, or undefined when the text has escapes and every gate must pass. */
function wordsIn(text: string): Set<string> | undefined {
  if (lastScan?.text === text) return lastScan.found;
  let found: Set<string> | undefined;
  if (!hasEscapes(text)) {
    gateScanner ??= buildGateScanner();
    found = gateScanner.scan(text);
  }
  lastScan = { text, found };
  return found;
}

interface GateEntry {
  word: string;
  /** Needs a word boundary before it. */
  whole: boolean;
  /** Needs a word boundary after it. */
  ends: boolean;
  /** Shorter gate words inside this one: found with it (they may stand where the longer word is, e.g. `port` in `passport`). */
  implied: readonly string[];
}

/**
 * Finds every gate word in one pass over the text: at each position, the words starting with its two characters
 * (a table of ASCII pairs; a map for the rest), compared in place once the third character can start one of them.
 * A regular expression alternating a few hundred words tries each one at each position, which cost several times
 * this over a large repository; comparing at every matching pair (`in`, `re`, `co` start most lines of code) still
 * cost half of it. Whole words need a word boundary (as `\b`: letters, digits and `_` are word characters) on both
 * sides.
 */
class GateScanner {
  /** For each ASCII pair of characters (first * 128 + second): 1 + the index of its entries in `lists`, or 0. */
  private readonly asciiPairs = new Int32Array(128 * 128);
  private readonly lists: GateEntry[][] = [];
  /**
   * Per list, four 32-bit masks of the ASCII third characters its words have (bit `c & 31` of mask `c >> 5`): a
   * pair whose next character is in none of its words is passed over without comparing.
   */
  private readonly thirds: Int32Array;
  /** Per list, 1 when a word of it is two characters long or has a third character outside ASCII: always compared. */
  private readonly always: Uint8Array;
  /** Words starting with a character outside ASCII, or one character long: by their first character. */
  private readonly others = new Map<number, GateEntry[]>();
  /** The deepest bracket nesting of the last text scanned, counted on the way (limits.ts `bracketDepth`). */
  lastDepth = 0;

  constructor(words: ReadonlyMap<string, GateMode>) {
    const all = [...words.keys()];
    const thirds: number[] = [];
    const always: number[] = [];
    for (const word of all) {
      if (word.length === 0) continue;
      const mode = words.get(word);
      const entry: GateEntry = {
        word,
        whole: mode === GateMode.Whole,
        ends: mode !== GateMode.Anywhere,
        implied: all.filter((other) => other !== word && word.includes(other)),
      };
      const first = word.charCodeAt(0);
      const second = word.length > 1 ? word.charCodeAt(1) : -1;
      if (first < 128 && second >= 0 && second < 128) {
        const key = first * 128 + second;
        if (this.asciiPairs[key] === 0) {
          this.asciiPairs[key] = this.lists.push([]);
          thirds.push(0, 0, 0, 0);
          always.push(0);
        }
        const slot = this.asciiPairs[key] - 1;
        this.lists[slot].push(entry);
        const third = word.length > 2 ? word.charCodeAt(2) : -1;
        if (third >= 0 && third < 128) thirds[slot * 4 + (third >> 5)] |= 1 << (third & 31);
        else always[slot] = 1;
      } else {
        const list = this.others.get(first);
        if (list) list.push(entry);
        else this.others.set(first, [entry]);
      }
    }
    this.thirds = Int32Array.from(thirds);
    this.always = Uint8Array.from(always);
  }

  scan(text: string): Set<string> {
    const found = new Set<string>();
    const pairs = this.asciiPairs;
    const thirds = this.thirds;
    const always = this.always;
    const others = this.others.size > 0 ? this.others : undefined;
    const last = text.length - 1;
    let depth = 0;
    let max = 0;
    let first = text.charCodeAt(0);
    for (let i = 0; i < last; i++) {
      const second = text.charCodeAt(i + 1);
      if (first <= 125) {
        const step = BRACKET_STEP[first];
        if (step > 0) {
          if (++depth > max) max = depth;
        } else if (step < 0 && depth > 0) depth--;
      }
      if ((first | second) < 128) {
        const entry = pairs[(first << 7) | second];
        if (entry !== 0) {
          const slot = entry - 1;
          if (always[slot] !== 0) this.matchAll(text, i, this.lists[slot], found);
          else {
            // Past the end, charCodeAt is NaN: no bit, and no word of three characters fits there anyway.
            const third = text.charCodeAt(i + 2);
            if (third < 128 && (thirds[(slot << 2) | (third >> 5)] & (1 << (third & 31))) !== 0) this.matchAll(text, i, this.lists[slot], found);
          }
        }
      }
      if (others !== undefined) {
        const list = others.get(first);
        if (list !== undefined) this.matchAll(text, i, list, found);
      }
      first = second;
    }
    if (last >= 0) {
      const end = text.charCodeAt(last);
      if (end <= 125 && BRACKET_STEP[end] > 0 && ++depth > max) max = depth;
      const list = others?.get(end);
      if (list !== undefined) this.matchAll(text, last, list, found);
    }
    this.lastDepth = max;
    return found;
  }

  private matchAll(text: string, at: number, list: readonly GateEntry[], found: Set<string>): void {
    for (let k = 0; k < list.length; k++) {
      const entry = list[k];
      const word = entry.word;
      if (!text.startsWith(word, at)) continue;
      if (entry.ends && !isBoundary(text, at + word.length)) continue;
      if (entry.whole && !isBoundary(text, at)) continue;
      found.add(word);
      for (const inner of entry.implied) found.add(inner);
    }
  }
}

function buildGateScanner(): GateScanner {
  return new GateScanner(gateWords);
}

/** A word boundary as `\b` has it: a word character ([A-Za-z0-9_]) on exactly one side of `at`. */
function isBoundary(text: string, at: number): boolean {
  return isRegexWordCode(text.charCodeAt(at - 1)) !== isRegexWordCode(text.charCodeAt(at));
}

/** A word character as `\b` has it without the `u` flag: [A-Za-z0-9_]. */
function isRegexWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** The regular expression the scanner replaced, kept as the reference its test compares against. */
export function gateReferenceWords(text: string): Set<string> {
  const all = [...gateWords.keys()].sort((a, b) => b.length - a.length);
  const implied = new Map<string, string[]>();
  for (const word of all) implied.set(word, all.filter((other) => other !== word && word.includes(other)));
  const source = all
    .map((word) => {
      const escaped = word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      const mode = gateWords.get(word);
      return mode === GateMode.Whole ? `\\b${escaped}\\b` : mode === GateMode.WordEnd ? `${escaped}\\b` : escaped;
    })
    .join('|');
  const regex = new RegExp(source, 'g');
  const found = new Set<string>();
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    found.add(match[0]);
    for (const inner of implied.get(match[0]) ?? []) found.add(inner);
    regex.lastIndex = match.index + 1;
  }
  return found;
}

/** The gate words the scanner finds in `text` (escapes aside): for tests. */
export function gateWordsIn(text: string): Set<string> {
  gateScanner ??= buildGateScanner();
  return gateScanner.scan(text);
}

/** NODE_ENV values of a developer's machine or a test run, never of a deploy. */
const DEV_STAGES = /^(development|dev|local|test|testing)$/;
/** Flags that projects derive from NODE_ENV: `isDev`, `IS_DEVELOPMENT`, `__DEV__`, `config.isLocal`. */
const DEV_FLAG = /^(__DEV__|is_?(dev|development|local)|(dev|development)_?mode)$/i;
const PROD_FLAG = /^(__PROD__|is_?(prod|production)|(prod|production)_?mode)$/i;

/**
 * Whether a condition holds on a developer's machine only (true), in production only (false), or says nothing
 * about it (undefined): `process.env.NODE_ENV !== 'production'`, `NODE_ENV === 'development'`, `isDev`,
 * `!isProduction`, `app.get('env') === 'development'`, and `&&` of such a condition with any other.
 */
export function devOnlyCondition(condition: ts.Expression): boolean | undefined {
  const expr = skipOuterExpressions(condition);
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken) {
    // `!(isDev && x)` holds wherever x does not: only a plain condition turns around.
    const operand = skipOuterExpressions(expr.operand);
    if (ts.isBinaryExpression(operand) && operand.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return undefined;
    const inner = devOnlyCondition(operand);
    return inner === undefined ? undefined : !inner;
  }
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    // `isDev && x`: true only where isDev is; `isProd && x` says nothing about dev-only-ness of the other branch.
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      return devOnlyCondition(expr.left) === true || devOnlyCondition(expr.right) === true ? true : undefined;
    }
    const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (!equal && !notEqual) return undefined;
    const [env, stage] = isStringLiteralLike(expr.right) ? [expr.left, expr.right.text] : isStringLiteralLike(expr.left) ? [expr.right, expr.left.text] : [];
    if (env === undefined || stage === undefined || !isStageRead(env)) return undefined;
    if (DEV_STAGES.test(stage)) return equal ? true : undefined;
    if (stage === 'production' || stage === 'prod') return notEqual;
    return undefined;
  }
  const name = ts.isIdentifier(expr) ? expr.text : ts.isPropertyAccessExpression(expr) ? expr.name.text : undefined;
  if (name === undefined) return undefined;
  if (DEV_FLAG.test(name)) return true;
  if (PROD_FLAG.test(name)) return false;
  return undefined;
}

/** `process.env.NODE_ENV`, `process.env['NODE_ENV']`, a `NODE_ENV`/`env` binding, `app.get('env')`, `import.meta.env.MODE`. */
function isStageRead(node: ts.Expression): boolean {
  const expr = skipOuterExpressions(node);
  const envName = envReadName(expr);
  if (envName !== undefined) return envName === 'NODE_ENV' || envName === 'MODE' || envName === 'APP_ENV';
  if (ts.isIdentifier(expr)) return /^(node_?env|env|environment|app_?env|mode)$/i.test(expr.text);
  if (ts.isPropertyAccessExpression(expr)) return /^(node_?env|env|environment|app_?env)$/i.test(expr.name.text);
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'get') {
    const first = expr.arguments[0];
    return first !== undefined && isStringLiteralLike(first) && first.text === 'env';
  }
  return false;
}

/**
 * True when `node` only runs (or is only chosen) on a developer's machine: inside the branch of an `if`, a `?:`,
 * or a `&&`/`||` that a dev-only condition guards (see `devOnlyCondition`). Stops at the enclosing function's
 * boundary only for functions declared inside such a branch, which count as dev-only too.
 */
export function isInDevOnlyBranch(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let parent = node.parent; parent && !ts.isSourceFile(parent); child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      const dev = devOnlyCondition(parent.expression);
      if (dev !== undefined && (child === parent.thenStatement) === dev) return true;
    } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      const dev = devOnlyCondition(parent.condition);
      if (dev !== undefined && (child === parent.whenTrue) === dev) return true;
    } else if (ts.isBinaryExpression(parent) && child === parent.right) {
      const op = parent.operatorToken.kind;
      const dev = devOnlyCondition(parent.left);
      if (op === ts.SyntaxKind.AmpersandAmpersandToken && dev === true) return true;
      if (op === ts.SyntaxKind.BarBarToken && dev === false) return true;
    }
  }
  return false;
}
