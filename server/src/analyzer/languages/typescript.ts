// TypeScript and JavaScript: the TypeScript compiler's parser (no type checker), with incremental updates for the
// editor. The rules' walk, with its kind-indexed dispatch, lives in analyze.ts; `walk` here is the plain one.
import ts from 'typescript';
import type { Language } from './language';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** The TypeScript script kind for a file name, or undefined when it is not a source file we read (`.d.ts` included). */
export function scriptKindOf(fileName: string): ts.ScriptKind | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.d.ts') || lower.endsWith('.d.mts') || lower.endsWith('.d.cts')) return undefined;
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return ts.ScriptKind.TS;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs')) return ts.ScriptKind.JS;
  return undefined;
}

/**
 * No rule reads JSDoc, so its comments are left unparsed (`JSDocParsingMode.ParseNone`): the tree is otherwise the
 * same, and on JSDoc-heavy code (library sources, tsc output) the parse takes ~40 % less time. `ts.updateSourceFile`
 * keeps the mode of the tree it updates.
 */
const PARSE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};

export function parseTypeScript(fileName: string, text: string): ts.SourceFile {
  const kind = scriptKindOf(fileName) ?? ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, text, PARSE_OPTIONS, true, kind);
}

/**
 * The tree of `newText`, reusing `previous` for everything outside the changed span (`ts.updateSourceFile`).
 * Undefined when the incremental parser gives up; parse from scratch then.
 */
export function updateTypeScript(
  previous: ts.SourceFile,
  newText: string,
  change: { start: number; length: number; newLength: number },
): ts.SourceFile | undefined {
  try {
    return ts.updateSourceFile(previous, newText, { span: { start: change.start, length: change.length }, newLength: change.newLength });
  } catch {
    return undefined;
  }
}

export const typescriptLanguage: Language<ts.SourceFile, ts.Node> = {
  id: 'typescript',
  name: 'TypeScript/JavaScript',
  matches: (fileName) => scriptKindOf(fileName) !== undefined,
  parse: parseTypeScript,
  walk(tree, visit) {
    // Iterative, in source order: deep nesting costs heap, never the call stack.
    const stack: ts.Node[] = [];
    const push = (node: ts.Node): void => {
      stack.push(node);
    };
    ts.forEachChild(tree, push);
    stack.reverse();
    while (stack.length > 0) {
      const node = stack.pop() as ts.Node;
      visit(node);
      const children: ts.Node[] = [];
      ts.forEachChild(node, (child) => {
        children.push(child);
      });
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  },
  comments: { line: '//', block: ['/*', '*/'] },
  headerEnd(text) {
    if (!text.startsWith('#!')) return 0;
    const end = text.indexOf('\n');
    return end === -1 ? text.length : end + 1;
  },
};
