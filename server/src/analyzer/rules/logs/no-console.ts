// Factor XI, logs: a service emits its log as an event stream, best as structured lines from a logger on stdout.
// Docs: docs/rules/logs/no-console.md
import ts from 'typescript';
import { normalizeModule, skipOuterExpressions, textGate } from '../../ast';
import { consoleFixes } from '../../fixes/logger';
import { someNode } from '../../walk';
import { CLI_MODULES } from '../../knowledge/roles';
import { hasTrait, isFrontEndDependencies, isFrontEndDependency, servesRequests } from '../../roles';
import { looksPublished, type Manifest } from '../../manifest';
import { collectStageFlags, runsOnlyOutsideProduction, type StageFlags } from '../../stage';
import { defineRule, type Fix } from '../../rule';

/** Methods that print. `assert` only prints on a failed invariant; `time`, `group` ends and `clear` print nothing useful. */
const PRINTING_METHODS = new Set([
  'log',
  'info',
  'warn',
  'error',
  'debug',
  'trace',
  'dir',
  'dirxml',
  'table',
  'group',
  'groupCollapsed',
  'timeLog',
  'timeEnd',
  'count',
]);

// Front-end code runs in a browser, where console is the only log there is.
// `next/navigation` is left out: server actions import `redirect` from it. Tauri's JS API runs only in its webview.
const FRONTEND_MODULE =
  /^(react|react-dom|react-native|preact|vue|svelte|solid-js|lit|jquery|next\/(router|link|image|head|dynamic|script|font))(\/|$)|^(@angular|@vue|@sveltejs|@remix-run\/react|@tauri-apps|@tanstack\/(react|vue|solid|svelte)-[\w-]+)(\/|$)|^@?react-|^\$app\//;

const STYLE_IMPORT = /\.(css|scss|sass|less|styl|pcss|vue|svelte)(\?.*)?$/i;
// Command-line programs print for a human reading a terminal; that output is their interface, not a log (CLI_MODULES).
const DOM_GLOBALS = new Set(['window', 'navigator', 'localStorage', 'sessionStorage']);
const DOCUMENT_MEMBERS = new Set([
  'getElementById',
  'getElementsByClassName',
  'getElementsByTagName',
  'querySelector',
  'querySelectorAll',
  'createElement',
  'addEventListener',
  'body',
  'head',
  'cookie',
  'documentElement',
  'readyState',
  'title',
]);
// `info`, `warn`, `logError`, `printWarning`, `emitWarning`, `debug`: named like a logging function.
const LOGGER_METHOD =
  /^(logs?|logger|print|write|emit|output)?(info|warn|warning|error|err|debug|trace|fatal|verbose|silly|notice|critical|message|msg)?$/i;
const LOGGER_CLASS = /(logger|log|logging)$/i;

interface Candidate {
  node: ts.PropertyAccessExpression | ts.ElementAccessExpression;
  method: string;
}

/** `console` as a word, found by the shared gate scan (looser at `$`, which only lets more files through). */
const mayNameConsole = textGate([], ['console']);

export default defineRule({
  id: 'logs/no-console',
  factor: 'logs',
  // A hint, not an info: console output reaches stdout, so it is advice (structure your events), not a defect. On real
  // back ends console calls were 71 % of all findings (39 of 55 on four repositories; 25 of 26 on one tutorial) and, as
  // infos, filled the Problems panel around the warnings that mattered. Hints stay in the editor (faint dots, hover,
  // quick fix), the Twelve-Factor view and the CLI, and leave the Problems panel to what needs fixing. docs/rules/logs/no-console.md.
  severity: 'hint',
  description: 'console output in application code; log structured events to stdout with a logger.',
  messages: {
    console: 'console.{{method}} in application code; log structured events to stdout with a logger (XI. Logs).',
  },
  skipIn: ['test', 'script'],
  options: {
    allow: { type: 'string[]', description: 'console methods that are not reported, as in ESLint no-console.' },
    loggerImport: { type: 'string', description: "The import line of the project's logger, added by the quick fix to files that have none." },
  },
  create(ctx) {
    // Only `console.x` is reported: a file that never names console has nothing to find.
    if (!mayNameConsole(ctx.text)) return { visit: {} };
    // What the file is comes from the classifier (roles.ts): browser code (.tsx/.jsx, public/, frontend/), a front-end
    // package, a command-line tool (a `bin` that does not start its own server; review: hoppscotch-cli), the project's
    // logger module (where console belongs, if anywhere), CLI commands. Tests and scripts are skipped by skipIn.
    const kind = ctx.fileKind;
    if (kind.role === 'browser' || kind.role === 'cli') return { visit: {} };
    if (isFrontEndDependencies(ctx.project.dependencies)) return { visit: {} };
    if (ctx.project.isCli) return { visit: {} };
    // A published library that serves nothing (botpress's zai and llmz): where its output goes is its caller's
    // choice, and factor XI is about the app that runs. A library that is also a server still reports.
    if (isPublishedLibrary(ctx.project)) return { visit: {} };
    // Meteor never loads a `client/` folder on the server.
    if (ctx.project.dependencies.has('meteor-node-stubs') && hasTrait(kind, 'client')) return { visit: {} };
    if (hasTrait(kind, 'logger') || hasTrait(kind, 'commands')) return { visit: {} };

    const allowed = new Set(allowOption(ctx.options.allow));
    const candidates: Candidate[] = [];
    const shadows: ts.Node[] = [];
    let quiet = false;

    const onAccess = (node: ts.Node): void => {
      if (quiet) return;
      const access = node as ts.PropertyAccessExpression | ts.ElementAccessExpression;
      const object = skipOuterExpressions(access.expression);
      if (!ts.isIdentifier(object)) {
        // import.meta.env / import.meta.hot: a Vite-style front-end bundle.
        if (ts.isMetaProperty(object) && ['env', 'hot'].includes(memberName(access) ?? '')) quiet = true;
        return;
      }
      const name = object.text;
      const member = memberName(access);
      if (name === 'console') {
        if (member === undefined || !PRINTING_METHODS.has(member) || allowed.has(member)) return;
        const parent = access.parent;
        if (!parent || !ts.isCallExpression(parent)) return;
        // console.log(…) or a callback such as .catch(console.error); not console.log.bind(console) or { logger: console }.
        if (parent.expression !== access && !parent.arguments.includes(access)) return;
        candidates.push({ node: access, method: member });
        return;
      }
      if (DOM_GLOBALS.has(name)) quiet = true;
      else if (name === 'document' && member !== undefined && DOCUMENT_MEMBERS.has(member)) quiet = true;
      else if (name === 'process' && member === 'argv') quiet = true;
    };

    const onDeclaration = (node: ts.Node): void => {
      const name = (node as ts.NamedDeclaration).name;
      if (name && ts.isIdentifier(name) && name.text === 'console') shadows.push(node);
    };

    return {
      visit: {
        PropertyAccessExpression: onAccess,
        ElementAccessExpression: onAccess,
        VariableDeclaration: onDeclaration,
        Parameter: onDeclaration,
        BindingElement: onDeclaration,
        FunctionDeclaration: onDeclaration,
        ClassDeclaration: onDeclaration,
        ImportClause: onDeclaration,
        ImportSpecifier: onDeclaration,
        NamespaceImport: onDeclaration,
        ImportEqualsDeclaration: onDeclaration,
        JsxElement: () => (quiet = true),
        JsxSelfClosingElement: () => (quiet = true),
        JsxFragment: () => (quiet = true),
        TypeOfExpression: (node) => {
          // `typeof window !== 'undefined'`: universal code that also runs in a browser.
          const operand = skipOuterExpressions((node as ts.TypeOfExpression).expression);
          if (ts.isIdentifier(operand) && (operand.text === 'window' || operand.text === 'document')) quiet = true;
        },
      },
      end() {
        // The header check reads every top-level statement: done only for files that have a console call at all.
        if (quiet || candidates.length === 0 || isFrontendOrCliByHeader(ctx.sourceFile, !servesRequests(ctx.project.dependencies))) return;
        const scopes = shadows.map(scopeOf).filter((scope): scope is ts.Node => scope !== undefined);
        const eslintAllowed = eslintNoConsoleSuppressions(ctx.sourceFile);
        let stageFlags: StageFlags | undefined;
        const reported = candidates.filter(({ node }) => {
          if (scopes.some((scope) => scope.pos <= node.pos && node.end <= scope.end)) return false;
          if (eslintAllowed(node.getStart(ctx.sourceFile))) return false;
          if (isInsideLoggerImplementation(node) || isStructuredLine(node) || isInDevelopmentBranch(node)) return false;
          // The shared stage reader: `if (env.NODE_ENV !== 'production')` on a validated env object (t3-env), the
          // `else` of a production test, a guard that returns in production, `isDev && console.log(…)`.
          return !runsOnlyOutsideProduction(node, (stageFlags ??= collectStageFlags(ctx.sourceFile)));
        });
        if (reported.length === 0) return;
        // The fixes of every call come from one pass (a file-wide logger and free names): computed once, and only
        // when the caller wants fixes.
        let fixes: Fix[][] | undefined;
        const fixesOf = (i: number): Fix[] => (fixes ??= consoleFixes(reported, { ...ctx, loggerImport: ctx.options.loggerImport }))[i];
        reported.forEach(({ node, method }, i) => ctx.report(node, 'console', { method }, { fixes: () => fixesOf(i) }));
      },
    };
  },
});

const ESLINT_DIRECTIVE = /(\/\/|\/\*)\s*eslint-(disable-next-line|disable-line|disable|enable)(?![\w-])([^\n]*?)(?:\*\/|$)/gm;

/**
 * Where the author already silenced ESLint's `no-console` (`// eslint-disable-next-line no-console`,
 * `// eslint-disable-line no-console`, a `/* eslint-disable no-console *\/` … `/* eslint-enable *\/` block, or a
 * bare `eslint-disable`): that console call is a decision, not an oversight (review: k8s-express-api-example).
 */
function eslintNoConsoleSuppressions(sourceFile: ts.SourceFile): (offset: number) => boolean {
  const text = sourceFile.text;
  if (!text.includes('eslint-')) return () => false;
  const lines = new Set<number>();
  const blocks: Array<[number, number]> = [];
  let openAt: number | undefined;
  for (const match of text.matchAll(ESLINT_DIRECTIVE)) {
    const rules = match[3].split(/\s--\s/)[0].trim();
    const names = rules === '' ? [] : rules.split(/[\s,]+/);
    if (names.length > 0 && !names.includes('no-console')) continue;
    const at = match.index ?? 0;
    const line = sourceFile.getLineAndCharacterOfPosition(at).line;
    switch (match[2]) {
      case 'disable-next-line':
        lines.add(line + 1);
        break;
      case 'disable-line':
        lines.add(line);
        break;
      case 'disable':
        if (match[1] === '/*') openAt ??= at;
        break;
      case 'enable':
        if (openAt !== undefined) blocks.push([openAt, at]);
        openAt = undefined;
        break;
    }
  }
  if (openAt !== undefined) blocks.push([openAt, text.length]);
  return (offset) =>
    lines.has(sourceFile.getLineAndCharacterOfPosition(offset).line) ||
    blocks.some(([start, end]) => start <= offset && offset < end);
}

/** Published (not private, with `exports` or publishing fields) and depending on nothing that serves requests. */
function isPublishedLibrary(project: { readonly manifest?: Manifest; readonly dependencies: ReadonlySet<string> }): boolean {
  return project.manifest !== undefined && looksPublished(project.manifest) && !servesRequests(project.dependencies);
}

function allowOption(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function memberName(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(access)) return access.name.text;
  return ts.isStringLiteralLike(access.argumentExpression) ? access.argumentExpression.text : undefined;
}

/**
 * Reads the imports and directives at the top of the file: front-end frameworks, stylesheets, CLI libraries. In a
 * package that serves nothing (`inertPackage`), an editor or UI family too (`@tiptap/core`, `prosemirror-view`): the
 * file is an editor extension, even where the package.json leaves those dependencies to the workspace root (docmost's
 * editor-ext). A server's own file importing them (headless rendering, a collaboration hook) is still reported.
 */
function isFrontendOrCliByHeader(sourceFile: ts.SourceFile, inertPackage: boolean): boolean {
  const frontEnd = (module: string): boolean => isFrontendOrCliModule(module) || (inertPackage && isFrontEndDependency(module));
  for (const statement of sourceFile.statements) {
    if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) {
      if (statement.expression.text === 'use client') return true;
      continue;
    }
    let module: string | undefined;
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      module = statement.moduleSpecifier.text;
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const ref = statement.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) module = ref.expression.text;
    } else if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const required = decl.initializer && requireOf(decl.initializer);
        if (required !== undefined && frontEnd(required)) return true;
      }
    } else if (ts.isExpressionStatement(statement)) {
      const required = requireOf(statement.expression);
      if (required !== undefined && STYLE_IMPORT.test(required)) return true;
    }
    if (module !== undefined && frontEnd(module)) return true;
  }
  return false;
}

function isFrontendOrCliModule(module: string): boolean {
  const name = normalizeModule(module);
  return FRONTEND_MODULE.test(name) || STYLE_IMPORT.test(name) || CLI_MODULES.has(name);
}

/** `require('m')`, also `require('m').x` and `require('m')(…)`. */
function requireOf(expr: ts.Expression): string | undefined {
  let current = skipOuterExpressions(expr);
  while (ts.isPropertyAccessExpression(current) || (ts.isCallExpression(current) && !isRequireCall(current))) {
    current = skipOuterExpressions(current.expression);
  }
  if (ts.isCallExpression(current) && isRequireCall(current)) {
    const [arg] = current.arguments;
    return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
  }
  return undefined;
}

function isRequireCall(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && call.expression.text === 'require' && call.arguments.length === 1;
}

/** The region where a local declaration named `console` hides the global one. */
function scopeOf(declaration: ts.Node): ts.Node | undefined {
  let node = declaration;
  while (ts.isBindingElement(node)) node = node.parent.parent;
  if (ts.isParameter(node)) return node.parent;
  if (ts.isImportClause(node) || ts.isImportSpecifier(node) || ts.isNamespaceImport(node) || ts.isImportEqualsDeclaration(node)) {
    return node.getSourceFile();
  }
  if (ts.isVariableDeclaration(node)) {
    if (ts.isCatchClause(node.parent)) return node.parent;
    const list = node.parent;
    const blockScoped = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.BlockScoped) !== 0;
    return blockScoped ? enclosingBlock(list) : enclosingFunctionOrFile(list);
  }
  if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) return enclosingBlock(node);
  return undefined;
}

function enclosingBlock(node: ts.Node): ts.Node {
  for (let current = node.parent; current; current = current.parent) {
    if (
      ts.isBlock(current) ||
      ts.isSourceFile(current) ||
      ts.isModuleBlock(current) ||
      ts.isCaseBlock(current) ||
      ts.isForStatement(current) ||
      ts.isForOfStatement(current) ||
      ts.isForInStatement(current)
    ) {
      return current;
    }
  }
  return node.getSourceFile();
}

function enclosingFunctionOrFile(node: ts.Node): ts.Node {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) || ts.isSourceFile(current)) return current;
  }
  return node.getSourceFile();
}

/**
 * Inside a hand-written logger: a method named like a log level (`info(msg) { console.log(…) }`), a class named
 * `…Logger`, or a variable `logger = { … }`. That wrapper is the one place to change, and often already writes
 * structured lines.
 */
function isInsideLoggerImplementation(node: ts.Node): boolean {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (
      ts.isMethodDeclaration(current) ||
      ts.isFunctionDeclaration(current) ||
      ts.isPropertyAssignment(current) ||
      ts.isPropertyDeclaration(current) ||
      ts.isVariableDeclaration(current)
    ) {
      const name = current.name && ts.isIdentifier(current.name) ? current.name.text : undefined;
      if (name !== undefined && name !== '' && LOGGER_METHOD.test(name)) return true;
      if (name !== undefined && ts.isVariableDeclaration(current) && LOGGER_CLASS.test(name)) return true;
    }
    if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // this.debug = (...args) => console.error(...args)
      const target = skipOuterExpressions(current.left);
      const name = ts.isPropertyAccessExpression(target) ? target.name.text : ts.isIdentifier(target) ? target.text : '';
      if (name !== '' && LOGGER_METHOD.test(name)) return true;
    }
    if ((ts.isClassDeclaration(current) || ts.isClassExpression(current)) && current.name) {
      if (LOGGER_CLASS.test(current.name.text)) return true;
    }
  }
  return false;
}

/** `console.log(JSON.stringify({ level, msg }))` already writes one structured event to stdout. */
function isStructuredLine(node: ts.Node): boolean {
  const call = node.parent;
  if (!ts.isCallExpression(call) || call.expression !== node || call.arguments.length !== 1) return false;
  const arg = skipOuterExpressions(call.arguments[0]);
  if (!ts.isCallExpression(arg)) return false;
  const callee = skipOuterExpressions(arg.expression);
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'stringify' &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'JSON'
  );
}

/**
 * Inside `if (process.env.NODE_ENV !== 'production')` or `if (process.env.DEBUG)`, also read through another object
 * (`env.NODE_ENV`, `config.LOG_DEBUG`, `this.config['APP_ENV']`): output the author kept out of production.
 */
function isInDevelopmentBranch(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let current = node.parent; current && !ts.isSourceFile(current); child = current, current = current.parent) {
    if (ts.isIfStatement(current) && current.thenStatement === child && conditionReadsDevFlag(current.expression)) {
      return true;
    }
    if (
      ts.isBinaryExpression(current) &&
      current.right === child &&
      current.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      conditionReadsDevFlag(current.left)
    ) {
      return true;
    }
    if (ts.isFunctionLike(current)) return false;
  }
  return false;
}

function conditionReadsDevFlag(condition: ts.Node): boolean {
  return someNode(condition, readsDevFlag);
}

/** Variables whose test makes a branch development-only output, whatever they are compared with. */
const DEV_FLAG_VARIABLE = /^(NODE_ENV|DEBUG|VERBOSE|APP_ENV|ENV|ENVIRONMENT)$|DEBUG|VERBOSE/;

function readsDevFlag(condition: ts.Node): boolean {
  if (ts.isExpression(condition)) {
    // The variable's name decides, not the object it is read from: t3-env's `env.NODE_ENV` (typebot), a config
    // object's `config.NODE_ENV` or `config['LOG_DEBUG']` hold what `process.env` held.
    const name = ts.isPropertyAccessExpression(condition) || ts.isElementAccessExpression(condition) ? memberName(condition) : undefined;
    if (name !== undefined && DEV_FLAG_VARIABLE.test(name)) return true;
    // isDev, debugMode, VERBOSE, ENABLE_LOGGING, LOGGING_ENABLED (also as a property: `Calculator.ENABLE_LOGGING`)
    if (ts.isIdentifier(condition) && /^(is|enable|enabled)?_?(dev|development|debug|verbose|logging)(_?(mode|enabled))?$/i.test(condition.text)) return true;
  }
  return false;
}
