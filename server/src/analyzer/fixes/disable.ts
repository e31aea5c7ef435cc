// Fixes that write and remove disable comments. Offered for every finding of every rule.
import ts from 'typescript';
import type { ParsedFile } from '../analyze';
import { LANGUAGES } from '../languages/index';
import type { Directive } from '../suppress';
import type { Fix, TextEdit } from '../rule';

/** The deepest node whose own text (without leading trivia) contains `offset`. */
function nodeAt(sourceFile: ts.SourceFile, offset: number): ts.Node {
  let current: ts.Node = sourceFile;
  for (;;) {
    const next: ts.Node | undefined = ts.forEachChild(current, (child) =>
      child.getStart(sourceFile) <= offset && offset < child.getEnd() ? child : undefined,
    );
    if (!next) return current;
    current = next;
  }
}

function isJsxChild(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    const parent = current.parent;
    if (!parent) return false;
    if ((ts.isJsxElement(parent) || ts.isJsxFragment(parent)) && parent.children.some((child) => child === current)) {
      return true;
    }
    if (current.getStart() !== node.getStart()) return false;
  }
  return false;
}

/**
 * "Disable <rule> for this line": a `// twelve-factor-disable-next-line` comment above the finding's line,
 * with that line's indentation; `{/* … *\/}` among JSX children. Undefined where a comment line would land
 * inside a string or template literal (the comment would become text).
 */
export function disableLineFix(sourceFile: ts.SourceFile, ruleId: string, findingStart: number): Fix | undefined {
  const text = sourceFile.text;
  const { line } = sourceFile.getLineAndCharacterOfPosition(findingStart);
  const lineStart = sourceFile.getPositionOfLineAndCharacter(line, 0);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))?.[0] ?? '';
  const first = lineStart + indent.length;
  const node = nodeAt(sourceFile, first);
  const inLiteral =
    (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || node.kind === ts.SyntaxKind.JsxText) &&
    node.getStart(sourceFile) < first;
  if (inLiteral) return undefined;
  const jsx = node.kind !== ts.SyntaxKind.SourceFile && isJsxChild(node) && node.getStart(sourceFile) === first;
  const comment = jsx
    ? `{/* twelve-factor-disable-next-line ${ruleId} */}`
    : `// twelve-factor-disable-next-line ${ruleId}`;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    title: `Disable ${ruleId} for this line`,
    safe: false,
    edits: [{ start: lineStart, end: lineStart, newText: `${indent}${comment}${newline}` }],
  };
}

/** "Disable <rule> for this file": `/* twelve-factor-disable <rule> *\/` at the top, after a shebang. */
export function disableFileFix(sourceFile: ts.SourceFile, ruleId: string): Fix {
  const text = sourceFile.text;
  let offset = 0;
  if (text.startsWith('#!')) {
    const end = text.indexOf('\n');
    offset = end === -1 ? text.length : end + 1;
  }
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const prefix = offset === text.length && offset > 0 && !text.endsWith('\n') ? newline : '';
  return {
    title: `Disable ${ruleId} for this file`,
    safe: false,
    edits: [{ start: offset, end: offset, newText: `${prefix}/* twelve-factor-disable ${ruleId} */${newline}` }],
  };
}

/**
 * Removes an unused rule from a disable comment, or the whole comment (and its line, when it stands alone)
 * when nothing else in it is used. Safe: a comment that silences nothing changes no behaviour.
 */
export function removeUnusedDirectiveFix(text: string, directive: Directive, ruleIndex: number | undefined): Fix {
  const removeAll = ruleIndex === undefined || directive.rules.length <= 1;
  let edit: TextEdit;
  if (removeAll) {
    const lineStart = text.lastIndexOf('\n', directive.start - 1) + 1;
    let lineEnd = text.indexOf('\n', directive.end);
    if (lineEnd === -1) lineEnd = text.length;
    const before = text.slice(lineStart, directive.start);
    const after = text.slice(directive.end, lineEnd);
    let start = directive.start;
    let end = directive.end;
    // `{/* … */}` in JSX: take the braces too.
    if (/\{\s*$/.test(before) && /^\s*\}/.test(after)) {
      start = lineStart + before.search(/\{\s*$/);
      end = directive.end + after.indexOf('}') + 1;
    }
    const restBefore = text.slice(lineStart, start);
    const restAfter = text.slice(end, lineEnd);
    if (/^\s*$/.test(restBefore) && /^\s*$/.test(restAfter)) {
      start = lineStart;
      end = lineEnd < text.length ? lineEnd + 1 : lineEnd;
    }
    edit = { start, end, newText: '' };
  } else {
    const [start, end] = directive.ruleRanges[ruleIndex];
    // Take the separator on one side so that "a, b, c" becomes "a, c".
    const tail = /^\s*,\s*/.exec(text.slice(end, end + 20));
    if (tail) edit = { start, end: end + tail[0].length, newText: '' };
    else {
      const head = /\s*,\s*$/.exec(text.slice(Math.max(0, start - 20), start));
      edit = { start: head ? start - head[0].length : start, end, newText: '' };
    }
  }
  const title =
    removeAll || ruleIndex === undefined
      ? 'Remove unused disable comment'
      : `Remove ${directive.rules[ruleIndex]} from the disable comment`;
  return { title, safe: true, edits: [edit] };
}

/**
 * "Disable <rule> for this line" in a file of any language: the TypeScript form above, or a `#` comment above the
 * Dockerfile instruction or `.env` entry holding the finding (above its first line when it spans several). JSON has
 * no comments: undefined (its findings are turned off in `.twelvefactorrc.json`).
 */
export function disableLineFixFor(parsed: ParsedFile, ruleId: string, findingStart: number): Fix | undefined {
  if (parsed.language === 'typescript') return disableLineFix(parsed.tree, ruleId, findingStart);
  const marker = LANGUAGES[parsed.language].comments?.line;
  if (!marker) return undefined;
  const statementStart = LANGUAGES[parsed.language].statementStart as ((tree: unknown, offset: number) => number | undefined) | undefined;
  const anchor = statementStart?.(parsed.tree, findingStart) ?? findingStart;
  const lines = parsed.lines;
  const lineStart = lines.lineStart(lines.lineOf(anchor));
  const text = lines.text;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))?.[0] ?? '';
  return {
    title: `Disable ${ruleId} for this line`,
    safe: false,
    edits: [{ start: lineStart, end: lineStart, newText: `${indent}${marker} twelve-factor-disable-next-line ${ruleId}${lines.newline}` }],
  };
}

/** "Disable <rule> for this file" in a file of any language; after a Dockerfile's parser directives. Undefined for JSON. */
export function disableFileFixFor(parsed: ParsedFile, ruleId: string): Fix | undefined {
  if (parsed.language === 'typescript') return disableFileFix(parsed.tree, ruleId);
  const language = LANGUAGES[parsed.language];
  const marker = language.comments?.line;
  if (!marker) return undefined;
  const text = parsed.lines.text;
  const offset = (language.headerEnd as (text: string, tree: unknown) => number)(text, parsed.tree);
  const newline = parsed.lines.newline;
  const prefix = offset === text.length && offset > 0 && !/[\r\n]$/.test(text) ? newline : '';
  return {
    title: `Disable ${ruleId} for this file`,
    safe: false,
    edits: [{ start: offset, end: offset, newText: `${prefix}${marker} twelve-factor-disable ${ruleId}${newline}` }],
  };
}
