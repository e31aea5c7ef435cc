// Disable comments: `// twelve-factor-disable-next-line <rule>[, <rule>…] [-- reason]` silences the next line,
// `/* twelve-factor-disable <rule> */` silences from there to the end of the file (or to a matching
// `/* twelve-factor-enable <rule> */`). With no rule named, every rule is silenced. In Dockerfiles and `.env`
// files the same three are `#` comments: `# twelve-factor-disable-next-line <rule>` covers the next instruction or
// entry (all its lines), `# twelve-factor-disable <rule>` the rest of the file. JSON has no comments.
import ts from 'typescript';
import type { TextRange } from './languages/language';

export interface Directive {
  kind: 'next-line' | 'disable' | 'enable';
  /** Rule ids named by the comment; empty means every rule. */
  rules: string[];
  /** Offsets of the whole comment. */
  start: number;
  end: number;
  /** Offsets of each named rule id inside the comment, parallel to `rules`. */
  ruleRanges: Array<[number, number]>;
  /** 0-based line the comment silences (next-line only). */
  targetLine: number;
  /** Rule ids (or '*') that silenced at least one finding. */
  used: Set<string>;
}

const DIRECTIVE = /(\/\/|\/\*)[ \t]*twelve-factor-(disable-next-line|disable|enable)(?![\w-])([^\n]*?)(?:\*\/|$)/gm;

/** `lineOf` gives the 0-based line of an offset (the tree's line map by default). */
export function parseDirectives(text: string, sourceFile: ts.SourceFile, lineOf?: (offset: number) => number): Directive[] {
  if (!text.includes('twelve-factor-')) return [];
  const directives: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const start = match.index ?? 0;
    const opener = match[1];
    const kind: Directive['kind'] = match[2] === 'disable-next-line' ? 'next-line' : (match[2] as 'disable' | 'enable');
    if (opener === '//' && kind !== 'next-line') continue;
    if (insideOtherText(text, start) || insideLiteral(sourceFile, start)) continue;
    const body = match[3];
    const bodyStart = start + match[0].length - (match[0].endsWith('*/') ? 2 : 0) - body.length;
    const rules: string[] = [];
    const ruleRanges: Array<[number, number]> = [];
    const listText = body.split(/\s--\s|\s--$/)[0];
    for (const ruleMatch of listText.matchAll(/[^\s,]+/g)) {
      rules.push(ruleMatch[0]);
      const ruleStart = bodyStart + (ruleMatch.index ?? 0);
      ruleRanges.push([ruleStart, ruleStart + ruleMatch[0].length]);
    }
    const end = start + match[0].length;
    const line = lineOf ? lineOf(end) : sourceFile.getLineAndCharacterOfPosition(end).line;
    directives.push({ kind, rules, start, end, ruleRanges, targetLine: line + 1, used: new Set() });
  }
  return directives;
}

const HASH_DIRECTIVE = /^#[ \t]*twelve-factor-(disable-next-line|disable|enable)(?![\w-])([^\r\n]*)$/;

/**
 * Directives in the `#` comments of a Dockerfile or `.env` file (`comments` are the ranges its parser found: a `#`
 * inside a value or a RUN line is no comment). `lineOf` maps an offset to its 0-based line.
 */
export function parseHashDirectives(text: string, comments: readonly TextRange[], lineOf: (offset: number) => number): Directive[] {
  if (!text.includes('twelve-factor-')) return [];
  const directives: Directive[] = [];
  for (const comment of comments) {
    const body = text.slice(comment.start, comment.end);
    const match = HASH_DIRECTIVE.exec(body);
    if (!match) continue;
    const kind: Directive['kind'] = match[1] === 'disable-next-line' ? 'next-line' : (match[1] as 'disable' | 'enable');
    const listStart = comment.start + body.length - match[2].length;
    const rules: string[] = [];
    const ruleRanges: Array<[number, number]> = [];
    for (const ruleMatch of match[2].split(/\s--\s|\s--$/)[0].matchAll(/[^\s,]+/g)) {
      rules.push(ruleMatch[0]);
      const ruleStart = listStart + (ruleMatch.index ?? 0);
      ruleRanges.push([ruleStart, ruleStart + ruleMatch[0].length]);
    }
    const start = comment.start;
    const end = comment.start + body.length;
    directives.push({ kind, rules, start, end, ruleRanges, targetLine: lineOf(end) + 1, used: new Set() });
  }
  return directives;
}

/**
 * True when a directive silences `ruleId` at `offset` (on 0-based `line`); marks the directive used.
 */
export function isSuppressed(directives: Directive[], ruleId: string, offset: number, line: number): boolean {
  let suppressedBy: { directive: Directive; key: string } | undefined;
  for (const directive of directives) {
    const key = directive.rules.length === 0 ? '*' : directive.rules.includes(ruleId) ? ruleId : undefined;
    if (key === undefined) continue;
    if (directive.kind === 'next-line') {
      if (directive.targetLine === line) {
        directive.used.add(key);
        return true;
      }
    } else if (directive.start < offset) {
      // The last disable/enable before the finding decides.
      suppressedBy = directive.kind === 'disable' ? { directive, key } : undefined;
    }
  }
  if (suppressedBy) {
    suppressedBy.directive.used.add(suppressedBy.key);
    return true;
  }
  return false;
}

/**
 * True when the directive-looking text is not the start of a comment of its own: it is quoted inside
 * another comment (docs like this file's header, JSDoc lines starting with `*`) or inside a string.
 */
function insideOtherText(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  if (before.includes('//') || before.includes('/*') || before.includes('`') || /^\s*\*/.test(before)) return true;
  const quotes = (before.match(/'/g)?.length ?? 0) + (before.match(/"/g)?.length ?? 0);
  return quotes % 2 === 1;
}

/**
 * True when the offset lies inside a string, template or JSX text token: a directive written across the lines of a
 * template literal is text of the program (issue 7: fix-all removed such "comments" and changed the string).
 */
function insideLiteral(sourceFile: ts.SourceFile, offset: number): boolean {
  let current: ts.Node = sourceFile;
  for (;;) {
    const next: ts.Node | undefined = ts.forEachChild(current, (child) =>
      child.pos <= offset && offset < child.end ? child : undefined,
    );
    if (!next) break;
    current = next;
  }
  if (current.getStart(sourceFile) > offset) return false; // in the node's leading trivia: a real comment
  return (
    ts.isStringLiteralLike(current) ||
    ts.isTemplateLiteralToken(current) ||
    current.kind === ts.SyntaxKind.JsxText ||
    ts.isRegularExpressionLiteral(current)
  );
}
