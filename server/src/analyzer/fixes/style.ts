// The file's own conventions, read from its text, so that inserted code looks like the code around it.
import ts from 'typescript';
import { forEachDescendant, someNode } from '../walk';

export interface SourceStyle {
  quote: "'" | '"';
  /** Statements end with `;`. */
  semicolons: boolean;
  /** One level of indentation: a tab or some spaces. */
  indentUnit: string;
  newline: '\n' | '\r\n';
}

/**
 * Quote from the module specifiers (else the first string literal), semicolons from the top-level statements,
 * indentation from the smallest indented line. Defaults: single quotes, semicolons, two spaces.
 */
export function sourceStyle(sourceFile: ts.SourceFile): SourceStyle {
  const text = sourceFile.text;
  return {
    quote: quoteOf(sourceFile),
    semicolons: usesSemicolons(sourceFile),
    indentUnit: indentUnitOf(text),
    newline: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

function quoteOf(sourceFile: ts.SourceFile): "'" | '"' {
  const text = sourceFile.text;
  for (const statement of sourceFile.statements) {
    const specifier = ts.isImportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    if (specifier) return text[specifier.getStart(sourceFile)] === '"' ? '"' : "'";
  }
  let found: "'" | '"' | undefined;
  someNode(sourceFile, (node) => {
    if (!ts.isStringLiteral(node) || ts.isJsxAttribute(node.parent)) return false;
    found = text[node.getStart(sourceFile)] === '"' ? '"' : "'";
    return true;
  });
  return found ?? "'";
}

/** Statements whose end tells whether the author writes semicolons. */
function usesSemicolons(sourceFile: ts.SourceFile): boolean {
  let withSemicolon = 0;
  let without = 0;
  forEachDescendant(sourceFile, (node) => {
    if (
      ts.isImportDeclaration(node) ||
      ts.isExpressionStatement(node) ||
      ts.isVariableStatement(node) ||
      ts.isReturnStatement(node) ||
      ts.isThrowStatement(node)
    ) {
      if (node.getText(sourceFile).endsWith(';')) withSemicolon++;
      else without++;
    }
    return withSemicolon + without < 50;
  });
  return withSemicolon >= without;
}

function indentUnitOf(text: string): string {
  let smallest: string | undefined;
  for (const match of text.matchAll(/^([ \t]+)\S/gm)) {
    const indent = match[1];
    if (indent.startsWith('\t')) return '\t';
    // A lone space before `*` continues a block comment; it is not indentation.
    if (indent.length === 1 && text[(match.index ?? 0) + 1] === '*') continue;
    if (smallest === undefined || indent.length < smallest.length) smallest = indent;
  }
  return smallest ?? '  ';
}

/** Indentation of the line that holds `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))?.[0] ?? '';
}

/**
 * Where to insert a new statement after the one ending at `end`: the end of its line when only whitespace or a
 * line comment follows (so the comment stays with its statement), else right after the statement.
 */
export function afterStatement(text: string, end: number): number {
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  if (lineEnd > end && text[lineEnd - 1] === '\r') lineEnd--;
  const rest = text.slice(end, lineEnd);
  return /^\s*(\/\/.*)?$/.test(rest) || /^\s*\/\*[^\n]*?\*\/\s*$/.test(rest) ? lineEnd : end;
}

/**
 * Every identifier written anywhere in the file, except property names after a dot and in object literals:
 * a name absent from this set can be declared at the top level without shadowing or being shadowed.
 */
export function namesInUse(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  forEachDescendant(sourceFile, (node) => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isMemberName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isMethodDeclaration(parent) && parent.name === node) ||
        (ts.isPropertyDeclaration(parent) && parent.name === node);
      if (!isMemberName) names.add(node.text);
    }
  });
  return names;
}

/** `base`, else `alternatives` in order, else `base2`, `base3`…: the first name not in use. */
export function freeName(used: ReadonlySet<string>, base: string, alternatives: readonly string[] = []): string {
  for (const name of [base, ...alternatives]) if (!used.has(name)) return name;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}
