// Calls that start another program: child_process (exec, execSync, spawn, spawnSync, execFile, execFileSync, fork,
// and their `util.promisify` forms), execa, zx's `$`, shelljs' `exec`, cross-spawn and Bun.spawn / Bun.$, with the
// program and its arguments resolved where the source says them. Shell command lines are split into their commands
// (`cd dist && git rev-parse HEAD` runs cd, then git), `sh -c '…'` included. Shared by the rules on system tools,
// runtime installs and git version lookups.
import ts from 'typescript';
import { propertyNameText, skipOuterExpressions, type ImportBinding, type ImportMap } from './ast';
import { resolveLiteral } from './connection';

export interface ProgramRef {
  /** The program as the shell looks it up: `ffmpeg` for `/usr/bin/ffmpeg` and `ffmpeg.exe`. */
  name: string;
  /** As written: a bare name (looked up on PATH), a relative path (shipped with the app), or an absolute one. */
  path: 'bare' | 'relative' | 'absolute';
  /** Offsets of the program's word in the file; the whole command's when escapes make them unknowable. */
  start: number;
  end: number;
  /** Its arguments, as far as they are static (a `${…}` substitution reads as `…`). */
  args: string[];
}

export interface ProcessCall {
  node: ts.CallExpression | ts.TaggedTemplateExpression;
  /** 'child_process', 'execa', 'zx', 'shelljs', 'cross-spawn' or 'bun'. */
  module: string;
  /** The function: 'exec', 'spawnSync', 'execaCommand', '$', … */
  api: string;
  /** The command goes through a shell (exec, a `$` template, `spawn(…, { shell: true })`). */
  shell: boolean;
  /** The programs it runs, in order; empty when the command is not written in the source. */
  programs: ProgramRef[];
}

const CHILD_PROCESS_SHELL = new Set(['exec', 'execSync']);
const CHILD_PROCESS_FILE = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']);
const EXECA_FILE = new Set(['execa', 'execaSync', 'execaNode']);
const EXECA_COMMAND = new Set(['execaCommand', 'execaCommandSync', 'command', 'commandSync']);

interface Resolved {
  module: string;
  api: string;
}

/**
 * Local names bound to a process function through `util.promisify`: `const run = promisify(exec)` → run is exec.
 * Read once per file from its top-level statements.
 */
export function promisifiedBindings(sourceFile: ts.SourceFile, imports: ImportMap): Map<string, Resolved> {
  const out = new Map<string, Resolved>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
      const init = skipOuterExpressions(decl.initializer);
      if (!ts.isCallExpression(init) || init.arguments.length !== 1) continue;
      const callee = skipOuterExpressions(init.expression);
      const last = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (last !== 'promisify') continue;
      const target = resolveCallee(init.arguments[0], imports, out);
      if (target) out.set(decl.name.text, target);
    }
  }
  return out;
}

/** The process call `node` makes, or undefined when it starts no program we know of. */
export function processCallOf(
  node: ts.CallExpression | ts.TaggedTemplateExpression,
  imports: ImportMap,
  promisified: ReadonlyMap<string, Resolved> = new Map(),
): ProcessCall | undefined {
  if (ts.isTaggedTemplateExpression(node)) {
    const tag = skipOuterExpressions(node.tag);
    const resolved = resolveTag(tag, imports);
    if (!resolved) return undefined;
    return { node, ...resolved, shell: true, programs: shellPrograms(templatePieces(node.template)) };
  }
  const resolved = resolveCallee(node.expression, imports, promisified);
  if (!resolved) return undefined;
  const [first, second, third] = node.arguments;
  const { module, api } = resolved;
  const shellApi =
    (module === 'child_process' && CHILD_PROCESS_SHELL.has(api)) ||
    (module === 'execa' && EXECA_COMMAND.has(api)) ||
    (module === 'shelljs' && api === 'exec');
  if (shellApi) return { node, module, api, shell: true, programs: first ? shellPrograms(piecesOf(first)) : [] };
  if (module === 'bun') {
    // Bun.spawn(['ffmpeg', '-i', x]) or Bun.spawn({ cmd: [...] })
    const array = first && ts.isArrayLiteralExpression(skipOuterExpressions(first)) ? (skipOuterExpressions(first) as ts.ArrayLiteralExpression) : cmdOption(first);
    if (!array) return { node, module, api, shell: false, programs: [] };
    const [program, ...rest] = array.elements;
    const ref = program && fileProgram(program, rest);
    return { node, module, api, shell: false, programs: ref ? [ref] : [] };
  }
  if (!first) return { node, module, api, shell: false, programs: [] };
  if (module === 'child_process' && api === 'fork') {
    // fork() runs a Node module, never a system program.
    return { node, module, api, shell: false, programs: [] };
  }
  const argsNode = second && ts.isArrayLiteralExpression(skipOuterExpressions(second)) ? (skipOuterExpressions(second) as ts.ArrayLiteralExpression) : undefined;
  const options = argsNode ? third : second;
  if (options && hasShellOption(options) && !argsNode) {
    return { node, module, api, shell: true, programs: shellPrograms(piecesOf(first)) };
  }
  const ref = fileProgram(first, argsNode ? [...argsNode.elements] : []);
  return { node, module, api, shell: false, programs: ref ? [ref] : [] };
}

function resolveCallee(expression: ts.Expression, imports: ImportMap, promisified: ReadonlyMap<string, Resolved>): Resolved | undefined {
  const callee = skipOuterExpressions(expression);
  if (ts.isIdentifier(callee)) {
    const local = promisified.get(callee.text);
    if (local) return local;
    const binding = imports.get(callee.text);
    return binding ? fromBinding(binding, undefined) : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const member = callee.name.text;
  const object = skipOuterExpressions(callee.expression);
  if (ts.isIdentifier(object)) {
    if (object.text === 'Bun' && !imports.has('Bun') && (member === 'spawn' || member === 'spawnSync')) return { module: 'bun', api: member };
    const binding = imports.get(object.text);
    return binding ? fromBinding(binding, member) : undefined;
  }
  // require('child_process').exec(…)
  if (ts.isCallExpression(object) && ts.isIdentifier(object.expression) && object.expression.text === 'require') {
    const [arg] = object.arguments;
    if (arg && ts.isStringLiteralLike(arg)) return fromBinding({ module: arg.text, imported: '*' }, member);
  }
  return undefined;
}

/** What `binding` (optionally `.member` of it) is, as a process function. */
function fromBinding(binding: ImportBinding, member: string | undefined): Resolved | undefined {
  const module = moduleName(binding.module);
  const whole = binding.imported === '*' || binding.imported === 'default';
  const api = whole ? member : member === undefined ? binding.imported : undefined;
  switch (module) {
    case 'child_process':
      if (api && (CHILD_PROCESS_SHELL.has(api) || CHILD_PROCESS_FILE.has(api))) return { module, api };
      return undefined;
    case 'execa':
      // v5: execa(file, args) as the default export, execa.command/sync; v6+: named execa, execaCommand, execaSync.
      if (whole && member === undefined) return { module, api: 'execa' };
      if (whole && binding.imported === 'default' && (member === 'sync' || member === 'command' || member === 'commandSync')) {
        return { module, api: member === 'sync' ? 'execaSync' : member };
      }
      if (api && (EXECA_FILE.has(api) || EXECA_COMMAND.has(api))) return { module, api };
      return undefined;
    case 'shelljs':
      return api === 'exec' ? { module, api } : undefined;
    case 'cross-spawn':
      if (whole && member === undefined) return { module, api: 'spawn' };
      if (whole && member === 'sync') return { module, api: 'spawnSync' };
      return undefined;
    case 'child-process-promise':
      return api === 'exec' || api === 'spawn' || api === 'execFile' ? { module: 'child_process', api } : undefined;
    default:
      return undefined;
  }
}

function resolveTag(tag: ts.Expression, imports: ImportMap): Resolved | undefined {
  // $({ cwd })`…` (execa, zx): the options call returns the tag.
  const base = ts.isCallExpression(tag) ? skipOuterExpressions(tag.expression) : tag;
  if (ts.isIdentifier(base)) {
    const binding = imports.get(base.text);
    if (binding && binding.imported === '$') {
      const module = moduleName(binding.module);
      if (module === 'zx' || module === 'execa' || module === 'bun') return { module, api: '$' };
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(base) && base.name.text === '$' && ts.isIdentifier(base.expression) && base.expression.text === 'Bun') {
    return { module: 'bun', api: '$' };
  }
  return undefined;
}

function moduleName(module: string): string {
  const m = module.startsWith('node:') ? module.slice(5) : module;
  if (m === 'zx' || m.startsWith('zx/')) return 'zx';
  return m;
}

function hasShellOption(options: ts.Expression): boolean {
  const object = skipOuterExpressions(options);
  if (!ts.isObjectLiteralExpression(object)) return false;
  return object.properties.some(
    (p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'shell' && p.initializer.kind !== ts.SyntaxKind.FalseKeyword,
  );
}

function cmdOption(options: ts.Expression | undefined): ts.ArrayLiteralExpression | undefined {
  const object = options && skipOuterExpressions(options);
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'cmd') {
      const value = skipOuterExpressions(p.initializer);
      return ts.isArrayLiteralExpression(value) ? value : undefined;
    }
  }
  return undefined;
}

// --- programs -----------------------------------------------------------------------------------------------

/** A static piece of command text and where it starts in the file (undefined: escapes make offsets unknowable). */
interface Piece {
  text: string;
  start: number | undefined;
  /** The range to report when `start` is unknown. */
  node: ts.Node;
}

/** A stand-in for a `${…}` substitution or a value the source does not spell out. */
const DYNAMIC = '\u0000';

/** The static text of a command expression: a literal, a same-file constant, a template, or `'a ' + b` concatenations. */
function piecesOf(expression: ts.Expression, depth = 0): Piece[] {
  const expr = skipOuterExpressions(expression);
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [literalPiece(expr)];
  if (ts.isTemplateExpression(expr)) return templatePieces(expr);
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken && depth < 8) {
    return [...piecesOf(expr.left, depth + 1), ...piecesOf(expr.right, depth + 1)];
  }
  if ((ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr)) && depth < 8) {
    const resolved = resolveLiteral(expr);
    if (resolved && (ts.isStringLiteralLike(resolved) || ts.isTemplateExpression(resolved))) {
      // The command is spelled elsewhere: report at the use, where the call is.
      return piecesOf(resolved, depth + 1).map((piece) => ({ text: piece.text, start: undefined, node: expr }));
    }
  }
  return [{ text: DYNAMIC, start: undefined, node: expr }];
}

function literalPiece(literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): Piece {
  const raw = literal.getText();
  const inner = raw.slice(1, -1);
  return { text: literal.text, start: inner === literal.text ? literal.getStart() + 1 : undefined, node: literal };
}

function templatePieces(template: ts.TemplateLiteral): Piece[] {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return [literalPiece(template)];
  const pieces: Piece[] = [];
  const part = (literal: ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail, open: number, close: number): void => {
    const raw = literal.getText();
    const inner = raw.slice(open, raw.length - close);
    pieces.push({ text: literal.text, start: inner === literal.text ? literal.getStart() + open : undefined, node: literal });
  };
  part(template.head, 1, 2);
  for (const span of template.templateSpans) {
    pieces.push({ text: DYNAMIC, start: undefined, node: span.expression });
    part(span.literal, 1, ts.isTemplateTail(span.literal) ? 1 : 2);
  }
  return pieces;
}

/** A program given as a file (spawn, execFile, execa): its first argument, with the array's static arguments. */
function fileProgram(program: ts.Expression, args: readonly ts.Expression[]): ProgramRef | undefined {
  const pieces = piecesOf(program);
  if (pieces.length !== 1 || pieces[0].text.includes(DYNAMIC)) return undefined;
  const [piece] = pieces;
  const text = piece.text;
  const node = piece.node;
  const start = piece.start !== undefined ? piece.start : node.getStart();
  const end = piece.start !== undefined ? piece.start + text.length : node.getEnd();
  return {
    ...programName(text),
    start,
    end,
    args: args.map((arg) => {
      const p = piecesOf(arg);
      return p.map((x) => (x.text === DYNAMIC ? '…' : x.text)).join('');
    }),
  };
}

function programName(word: string): { name: string; path: ProgramRef['path'] } {
  const path: ProgramRef['path'] = /^\.{1,2}[\\/]/.test(word) ? 'relative' : /^([\\/]|[A-Za-z]:[\\/])/.test(word) ? 'absolute' : 'bare';
  const base = word.split(/[\\/]/).pop() ?? word;
  return { name: base.replace(/\.exe$/i, ''), path };
}

/** Words that run the command after them: `sudo convert …`, `nice -n 10 ffmpeg …`, `env A=1 node …`. */
const PREFIX_WORDS = new Set(['sudo', 'nice', 'nohup', 'time', 'exec', 'env', 'command', 'stdbuf', 'ionice', 'timeout', 'xargs']);

interface Word {
  text: string;
  start: number | undefined;
  node: ts.Node;
  /** Quote it was written in ('' for none). */
  quoted: string;
}

/** The programs a shell command line runs, in order. */
function shellPrograms(pieces: readonly Piece[], depth = 0): ProgramRef[] {
  const commands = splitCommands(tokenize(pieces));
  const out: ProgramRef[] = [];
  for (const words of commands) {
    let i = 0;
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].text) && !words[i].quoted) i++;
    while (i < words.length && PREFIX_WORDS.has(words[i].text)) {
      i++;
      // `nice -n 10`, `timeout 30`, `env -i`, `env A=1`: options and assignments of the prefix word.
      while (i < words.length && (words[i].text.startsWith('-') || /^\d+[smhd]?$/.test(words[i].text) || /^[A-Za-z_]\w*=/.test(words[i].text))) i++;
    }
    const word = words[i];
    if (!word || word.text.includes(DYNAMIC)) continue;
    const rest = words.slice(i + 1);
    if ((word.text === 'sh' || word.text === 'bash' || word.text === 'zsh') && depth < 2) {
      const c = rest.findIndex((w) => w.text === '-c' || w.text === '-lc');
      const script = c >= 0 ? rest[c + 1] : undefined;
      if (script) {
        out.push(...shellPrograms([{ text: script.text, start: script.quoted && script.start !== undefined ? script.start : undefined, node: script.node }], depth + 1));
        continue;
      }
    }
    const start = word.start ?? word.node.getStart();
    const end = word.start !== undefined ? word.start + word.text.length : word.node.getEnd();
    out.push({ ...programName(word.text), start, end, args: rest.map((w) => w.text.replace(new RegExp(DYNAMIC, 'g'), '…')) });
  }
  return out;
}

const OPERATOR = '\u0001';

/** Splits command text into words and operators, keeping quotes out of words and offsets where they are known. */
function tokenize(pieces: readonly Piece[]): Word[] {
  const words: Word[] = [];
  let current: Word | undefined;
  let quote = '';
  const flush = (): void => {
    if (current && (current.text.length > 0 || current.quoted)) words.push(current);
    current = undefined;
  };
  for (const piece of pieces) {
    if (piece.text === DYNAMIC) {
      current ??= { text: '', start: undefined, node: piece.node, quoted: '' };
      current.text += DYNAMIC;
      continue;
    }
    const text = piece.text;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      const at = piece.start === undefined ? undefined : piece.start + i;
      if (quote) {
        if (ch === quote) {
          quote = '';
          continue;
        }
        current ??= { text: '', start: at, node: piece.node, quoted: quote };
        if (current.text === '' && current.start === undefined) current.start = at;
        current.text += ch;
        continue;
      }
      if (ch === '"' || ch === "'") {
        quote = ch;
        current ??= { text: '', start: at === undefined ? undefined : at + 1, node: piece.node, quoted: ch };
        current.quoted = ch;
        continue;
      }
      if (/\s/.test(ch)) {
        flush();
        continue;
      }
      if (ch === '&' || ch === '|' || ch === ';' || ch === '(' || ch === ')' || ch === '`') {
        flush();
        if (ch === '&' && text[i + 1] === '&') i++;
        else if (ch === '|' && text[i + 1] === '|') i++;
        words.push({ text: OPERATOR, start: at, node: piece.node, quoted: '' });
        continue;
      }
      if (ch === '$' && text[i + 1] === '(') {
        flush();
        words.push({ text: OPERATOR, start: at, node: piece.node, quoted: '' });
        i++;
        continue;
      }
      current ??= { text: '', start: at, node: piece.node, quoted: '' };
      current.text += ch;
    }
    // A word that runs into the next piece keeps its start; a new piece of unknown offsets makes it unknown.
    if (current && piece.start === undefined) current.start = undefined;
  }
  flush();
  return words;
}

function splitCommands(words: readonly Word[]): Word[][] {
  const commands: Word[][] = [[]];
  for (const word of words) {
    if (word.text === OPERATOR) commands.push([]);
    else commands[commands.length - 1].push(word);
  }
  return commands.filter((command) => command.length > 0);
}

// --- where a command runs -----------------------------------------------------------------------------------

/**
 * The options object a process call passes (`{ cwd, detached, stdio }`): 'none' when it passes none, 'unknown' when
 * they come from a variable the call does not spell out (`exec(cmd, options)`).
 */
export function processOptions(call: ProcessCall): ts.ObjectLiteralExpression | 'none' | 'unknown' {
  const node = call.node;
  if (ts.isTaggedTemplateExpression(node)) {
    // $({ cwd })`…`
    const tag = skipOuterExpressions(node.tag);
    if (!ts.isCallExpression(tag)) return 'none';
    const [first] = tag.arguments;
    const object = first && skipOuterExpressions(first);
    return object && ts.isObjectLiteralExpression(object) ? object : object ? 'unknown' : 'none';
  }
  for (const arg of node.arguments.slice(1)) {
    const value = skipOuterExpressions(arg);
    if (ts.isObjectLiteralExpression(value)) return value;
    // A named callback is no options object; a name that says options is.
    if ((ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) && /opt|config|settings|cwd/i.test(value.getText())) return 'unknown';
  }
  return 'none';
}

/** A property of an options object literal, shorthand (`{ cwd }`) included. */
export function optionValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/**
 * The program at `index` of `call` runs in the app's own folder: no `cwd` option, or one that names the app's folder
 * (`process.cwd()`, `__dirname`, a relative path, `path.join(__dirname, '..')`), and no `cd` elsewhere before it on
 * the command line. A command run in another folder works on other files (a repository the service manages, a
 * project it builds for a user), not on the app itself.
 */
export function runsInOwnFolder(call: ProcessCall, index: number): boolean {
  const options = processOptions(call);
  if (options === 'unknown') return false;
  if (options !== 'none') {
    const cwd = optionValue(options, 'cwd');
    if (cwd !== undefined && !isOwnFolder(cwd)) return false;
  }
  for (const program of call.programs.slice(0, index)) {
    if ((program.name === 'cd' || program.name === 'pushd') && !program.args.every(isRelativeStaticPath)) return false;
  }
  return true;
}

/** A path the source spells as the app's own folder or a folder inside it. */
export function isOwnFolder(expression: ts.Expression, depth = 0): boolean {
  const expr = skipOuterExpressions(expression);
  if (ts.isStringLiteralLike(expr)) return isRelativeStaticPath(expr.text);
  if (ts.isIdentifier(expr) && expr.text === '__dirname') return true;
  if (ts.isPropertyAccessExpression(expr) && expr.getText() === 'import.meta.dirname') return true;
  if (ts.isCallExpression(expr)) {
    const callee = skipOuterExpressions(expr.expression);
    const text = callee.getText();
    if (text === 'process.cwd') return expr.arguments.length === 0;
    // path.join(__dirname, '..'), resolve('api'), path.resolve(process.cwd(), 'web')
    if (/^(path\.)?(join|resolve)$/.test(text) && expr.arguments.length > 0 && depth < 4) {
      const [first, ...rest] = expr.arguments;
      return isOwnFolder(first, depth + 1) && rest.every((arg) => ts.isStringLiteralLike(skipOuterExpressions(arg)) && !/^[\\/]/.test((skipOuterExpressions(arg) as ts.StringLiteralLike).text));
    }
    return false;
  }
  if ((ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr)) && depth < 4) {
    const value = resolveLiteral(expr);
    return value !== undefined && isOwnFolder(value, depth + 1);
  }
  return false;
}

function isRelativeStaticPath(text: string): boolean {
  return !text.includes('…') && !text.includes(DYNAMIC) && !/^([\\/~]|[A-Za-z]:[\\/]|\$)/.test(text);
}

// --- simple-git ---------------------------------------------------------------------------------------------

/**
 * The local names bound to a simple-git instance on the app's own folder: `const git = simpleGit()`,
 * `const git = require('simple-git')(path.join(__dirname, '..'))`. Read once per file from its top-level statements.
 */
export function ownSimpleGitNames(sourceFile: ts.SourceFile, imports: ImportMap): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (ts.isIdentifier(decl.name) && decl.initializer && isOwnSimpleGit(decl.initializer, imports)) names.add(decl.name.text);
    }
  }
  return names;
}

/** `simpleGit()`, `simpleGit({ baseDir: __dirname })`, `require('simple-git')()`: a simple-git instance on the app's folder. */
export function isOwnSimpleGit(expression: ts.Expression, imports: ImportMap): boolean {
  const expr = skipOuterExpressions(expression);
  if (!ts.isCallExpression(expr)) return false;
  const callee = skipOuterExpressions(expr.expression);
  let fromSimpleGit = false;
  if (ts.isIdentifier(callee)) {
    const binding = imports.get(callee.text);
    fromSimpleGit = binding !== undefined && moduleName(binding.module) === 'simple-git' && (binding.imported === 'default' || binding.imported === '*' || binding.imported === 'simpleGit');
  } else if (ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require') {
    const [arg] = callee.arguments;
    fromSimpleGit = arg !== undefined && ts.isStringLiteralLike(arg) && arg.text === 'simple-git';
  }
  if (!fromSimpleGit) return false;
  const [base] = expr.arguments;
  if (base === undefined) return true;
  const value = skipOuterExpressions(base);
  if (ts.isObjectLiteralExpression(value)) {
    const dir = optionValue(value, 'baseDir');
    return dir === undefined || isOwnFolder(dir);
  }
  return isOwnFolder(value);
}

/** `git.pull()` / `simpleGit().revparse(['HEAD'])`: the simple-git method a call makes on the app's own folder, if any. */
export function ownSimpleGitMethod(call: ts.CallExpression, names: ReadonlySet<string>, imports: ImportMap): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const object = skipOuterExpressions(callee.expression);
  const own = ts.isIdentifier(object) ? names.has(object.text) : isOwnSimpleGit(object, imports);
  return own ? callee.name.text : undefined;
}
