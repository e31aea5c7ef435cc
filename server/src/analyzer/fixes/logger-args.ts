// console's arguments → the arguments a logger of each kind needs to record the same information. console prints
// every argument; a logger keeps only what its signature takes (pino drops arguments no `%s` takes, winston keeps one
// meta object, an Error survives JSON only where the logger serializes it). See `LoggerKind` in ../loggers.ts.
import ts from 'typescript';
import { skipOuterExpressions } from '../ast';
import type { LoggerKind } from '../loggers';

/** The argument text to write instead of the call's own, `'keep'` for the same arguments, undefined for no rewrite. */
export type MappedArguments = { text: string } | 'keep' | undefined;

/** Keys a logger sets on every record: a field of that name would be overwritten or overwrite it. */
const RESERVED: Partial<Record<LoggerKind, ReadonlySet<string>>> = {
  pino: new Set(['msg', 'level', 'time', 'pid', 'hostname', 'err']),
  winston: new Set(['message', 'level', 'stack', 'cause']),
};
/** Placeholders both console and pino's formatter fill in. */
const PINO_PLACEHOLDER = /%[sdifjoO]/g;
const ANY_PLACEHOLDER = /%[sdifjoOc]/;
const ERROR_NAME = /^(e|err|error|ex|exc|exception|reason|cause|failure|rejection)$|[a-z0-9](Error|Err|Exception)$/;

/**
 * Maps the arguments of a console call onto `kind`'s signature, so that every value console would have printed is
 * in the record: for pino `('job failed', job.id, err)` → `({ err, jobId: job.id }, 'job failed')`, for winston
 * `('job failed', { jobId: job.id })`. Undefined where no rewrite keeps every value.
 */
export function mapConsoleArguments(kind: LoggerKind, call: ts.CallExpression, sourceFile: ts.SourceFile): MappedArguments {
  const args = [...call.arguments];
  if (args.length === 0) return undefined; // console.log() prints an empty line: nothing to record
  if (args.some((arg) => ts.isSpreadElement(arg))) return kind === 'console-like' || kind === 'bunyan' ? 'keep' : undefined;
  switch (kind) {
    case 'console-like':
      return 'keep';
    case 'nest':
    case 'unknown':
      // Nest takes a trailing string as the context and prints an Error without its stack; an unknown logger may do
      // anything with a value: one string is the one call that means the same to all of them.
      return args.length === 1 && isStringLike(args[0]) ? 'keep' : undefined;
    case 'bunyan':
      return bunyanArguments(args, sourceFile);
    case 'winston':
      return winstonArguments(args, sourceFile);
    case 'pino':
      return pinoArguments(args, sourceFile);
  }
}

/** Bunyan formats everything after an optional fields object with util.format, as console does; an Error counts only first. */
function bunyanArguments(args: ts.Expression[], sourceFile: ts.SourceFile): MappedArguments {
  // A first object is bunyan's fields, serialized as JSON: an Error in it would be {}.
  if (holdsError(args[0])) return undefined;
  const errors = args.filter((arg) => isErrorLike(arg));
  if (errors.length !== 1 || args[0] === errors[0] || !isStringLike(args[0])) return 'keep';
  const rest = args.filter((arg) => arg !== errors[0]);
  return { text: [errors[0], ...rest].map((arg) => arg.getText(sourceFile)).join(', ') };
}

function winstonArguments(args: ts.Expression[], sourceFile: ts.SourceFile): MappedArguments {
  const [first, ...rest] = args;
  if (rest.length === 0) {
    if (isStringLike(first) || ts.isObjectLiteralExpression(skipOuterExpressions(first))) {
      return hasReservedKey(first, 'winston') || holdsError(first) ? undefined : 'keep';
    }
    // A lone Error reaches winston's JSON as {} unless format.errors() is configured; elsewhere a value of unknown type.
    if (isErrorLike(first)) return undefined;
    const fields = new Fields('winston', sourceFile);
    if (!fields.add(first)) return undefined;
    return { text: fields.text() };
  }
  // Without format.splat() placeholders stay as they are and their values are dropped.
  if (!isStringLike(first) || ANY_PLACEHOLDER.test(first.getText(sourceFile))) return undefined;
  const message = first.getText(sourceFile);
  // winston appends a meta Error's message to the record's message and keeps its stack: the one form for an Error.
  if (rest.length === 1 && isErrorLike(rest[0])) return { text: `${message}, ${rest[0].getText(sourceFile)}` };
  if (rest.some((arg) => isErrorLike(arg))) return undefined;
  const fields = new Fields('winston', sourceFile);
  for (const arg of rest) if (!fields.add(arg)) return undefined;
  return { text: `${message}, ${fields.text()}` };
}

function pinoArguments(args: ts.Expression[], sourceFile: ts.SourceFile): MappedArguments {
  const first = args[0];
  // An object literal with an Error in it goes through the fields, where the Error moves under `err`.
  if (args.length === 1 && !holdsError(first)) return hasReservedKey(first, 'pino') ? undefined : 'keep';
  // pino's own order: a merge object, then the message.
  if (args.length === 2 && ts.isObjectLiteralExpression(skipOuterExpressions(first)) && isStringLike(args[1]) && !hasPlaceholder(args[1], sourceFile) && !holdsError(first)) {
    return hasReservedKey(first, 'pino') ? undefined : 'keep';
  }
  const messageIndex = args.findIndex((arg) => isStringLike(arg));
  const message = messageIndex === -1 ? undefined : args[messageIndex];
  const values = args.filter((arg) => arg !== message);
  if (message && messageIndex === 0) {
    const placeholders = message.getText(sourceFile).replace(/%%/g, '').match(/%[a-zA-Z]/g) ?? [];
    if (placeholders.length > 0) {
      // printf-style: kept when pino fills every placeholder as console does, and takes every argument.
      const supported = placeholders.every((p) => new RegExp(PINO_PLACEHOLDER.source).test(p));
      return supported && placeholders.length === values.length ? 'keep' : undefined;
    }
  } else if (message && hasPlaceholder(message, sourceFile)) {
    return undefined;
  }
  const fields = new Fields('pino', sourceFile);
  let text = message?.getText(sourceFile);
  for (const value of values) {
    // console('a', 'b', 42) prints "a b 42": literals join the message.
    const literal = skipOuterExpressions(value);
    if (text !== undefined && message && ts.isStringLiteral(message) && (ts.isStringLiteral(literal) || ts.isNumericLiteral(literal))) {
      text = appendToStringLiteral(text, literal.text);
      continue;
    }
    if (!fields.add(value)) return undefined;
  }
  if (fields.isEmpty()) return text === undefined ? undefined : { text };
  return { text: text === undefined ? fields.text() : `${fields.text()}, ${text}` };
}

/** The fields object being built: each value under a name taken from its expression, an Error under the logger's key. */
class Fields {
  private readonly entries: string[] = [];
  private readonly keys = new Set<string>();
  private hasError = false;

  constructor(
    private readonly kind: 'pino' | 'winston',
    private readonly sourceFile: ts.SourceFile,
  ) {}

  /** False when the value cannot be recorded without loss (a second Error, a key clash inside an object literal). */
  add(value: ts.Expression): boolean {
    const expr = skipOuterExpressions(value);
    if (ts.isObjectLiteralExpression(expr)) {
      // An object literal's own properties are the fields, as pino's merge object and winston's meta take them.
      for (const property of expr.properties) {
        const name = property.name && ts.isIdentifier(property.name) ? property.name.text : property.name && ts.isStringLiteral(property.name) ? property.name.text : undefined;
        if (ts.isSpreadAssignment(property)) {
          this.entries.push(property.getText(this.sourceFile));
          continue;
        }
        const value = ts.isShorthandPropertyAssignment(property) ? property.name : ts.isPropertyAssignment(property) ? property.initializer : undefined;
        if (value && isErrorLike(value)) {
          // JSON makes an Error {}: pino serializes it under `err` only; winston keeps it nowhere in an object.
          if (this.kind !== 'pino' || !this.addError(value)) return false;
          continue;
        }
        if (name === undefined || this.keys.has(name) || RESERVED[this.kind]?.has(name)) return false;
        this.keys.add(name);
        this.entries.push(property.getText(this.sourceFile));
      }
      return true;
    }
    if (this.kind === 'pino' && isErrorLike(expr)) return this.addError(expr);
    let key = fieldName(expr);
    if (RESERVED[this.kind]?.has(key)) key = `${key}Value`;
    const base = key;
    for (let n = 2; this.keys.has(key); n++) key = `${base}${n}`;
    this.keys.add(key);
    this.entries.push(ts.isIdentifier(expr) && expr.text === key ? key : `${key}: ${expr.getText(this.sourceFile)}`);
    return true;
  }

  private addError(expr: ts.Expression): boolean {
    if (this.hasError || this.keys.has('err')) return false;
    this.hasError = true;
    this.keys.add('err');
    this.entries.unshift(ts.isIdentifier(expr) && expr.text === 'err' ? 'err' : `err: ${expr.getText(this.sourceFile)}`);
    return true;
  }

  isEmpty(): boolean {
    return this.entries.length === 0;
  }

  text(): string {
    return `{ ${this.entries.join(', ')} }`;
  }
}

/** `job.id` → `jobId`, `user` → `user`, `this.port` → `port`, `req.headers['x-id']` → `headersXId`; else `value`. */
export function fieldName(expr: ts.Expression): string {
  const parts: string[] = [];
  let current: ts.Expression = skipOuterExpressions(expr);
  while (parts.length < 3) {
    if (ts.isIdentifier(current)) {
      parts.unshift(current.text);
      break;
    }
    if (ts.isPropertyAccessExpression(current)) {
      parts.unshift(current.name.text);
      current = skipOuterExpressions(current.expression);
      continue;
    }
    if (ts.isElementAccessExpression(current) && ts.isStringLiteralLike(current.argumentExpression)) {
      parts.unshift(current.argumentExpression.text);
      current = skipOuterExpressions(current.expression);
      continue;
    }
    if (current.kind === ts.SyntaxKind.ThisKeyword) break;
    return 'value';
  }
  const words = parts.slice(-2).flatMap((part) => part.split(/[^A-Za-z0-9]+/)).filter(Boolean);
  if (words.length === 0) return 'value';
  const name = words.map((word, i) => (i === 0 ? word[0].toLowerCase() + word.slice(1) : word[0].toUpperCase() + word.slice(1))).join('');
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : 'value';
}

/** A string for sure: a string or template literal, or a `+` chain with one in it (walked without recursion). */
function isStringLike(node: ts.Expression): boolean {
  const stack: ts.Expression[] = [node];
  while (stack.length > 0) {
    const expr = skipOuterExpressions(stack.pop() as ts.Expression);
    if (ts.isStringLiteralLike(expr) || ts.isTemplateExpression(expr)) return true;
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) stack.push(expr.right, expr.left);
  }
  return false;
}

/** An object literal with a property that is probably an Error: `{ path, error }`. */
function holdsError(node: ts.Expression): boolean {
  const expr = skipOuterExpressions(node);
  return (
    ts.isObjectLiteralExpression(expr) &&
    expr.properties.some((property) =>
      ts.isShorthandPropertyAssignment(property) ? isErrorLike(property.name) : ts.isPropertyAssignment(property) && isErrorLike(property.initializer),
    )
  );
}

function hasPlaceholder(node: ts.Expression, sourceFile: ts.SourceFile): boolean {
  return ANY_PLACEHOLDER.test(node.getText(sourceFile).replace(/%%/g, ''));
}

/** An object literal argument with a key the logger sets itself (`{ level }` for pino): the value would be lost. */
function hasReservedKey(node: ts.Expression, kind: 'pino' | 'winston'): boolean {
  const expr = skipOuterExpressions(node);
  if (!ts.isObjectLiteralExpression(expr)) return false;
  const reserved = RESERVED[kind] ?? new Set<string>();
  return expr.properties.some((property) => {
    const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
    return name !== undefined && reserved.has(name) && !(kind === 'pino' && name === 'err');
  });
}

/**
 * Probably an Error: `new XError(…)`, the variable of a `catch`, the parameter of a `.catch()` or `'error'` handler,
 * or a name that says so (`err`, `error`, `e`, `reason`, `dbError`). Decides where the value goes: pino serializes
 * an Error only under `err`, bunyan only as the first argument, winston only as the one meta value.
 */
export function isErrorLike(node: ts.Expression): boolean {
  const expr = skipOuterExpressions(node);
  if (ts.isNewExpression(expr)) {
    const callee = skipOuterExpressions(expr.expression);
    return ts.isIdentifier(callee) && /Error$/.test(callee.text);
  }
  if (!ts.isIdentifier(expr)) return false;
  if (ERROR_NAME.test(expr.text)) return true;
  for (let current: ts.Node | undefined = expr.parent; current; current = current.parent) {
    if (ts.isCatchClause(current)) {
      const decl = current.variableDeclaration;
      if (decl && ts.isIdentifier(decl.name) && decl.name.text === expr.text) return true;
    }
    if (ts.isFunctionLike(current) && current.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === expr.text)) {
      return isErrorCallback(current);
    }
  }
  return false;
}

/** `promise.catch((x) => …)`, `emitter.on('error', (x) => …)`. */
function isErrorCallback(fn: ts.SignatureDeclaration): boolean {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call)) return false;
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  if (callee.name.text === 'catch') return call.arguments[0] === fn;
  const [event] = call.arguments;
  return ['on', 'once'].includes(callee.name.text) && event !== undefined && ts.isStringLiteralLike(event) && event.text === 'error';
}

/** `'job failed'` + ` 42` → `'job failed 42'`, in the literal's own quotes. */
function appendToStringLiteral(literalText: string, value: string): string {
  const quote = literalText[0];
  const escaped = value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `${literalText.slice(0, -1)} ${escaped}${quote}`;
}
