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

/** The tree of a file, every node's `parent` set (`linkTree`). */
export function parseTypeScript(fileName: string, text: string): ts.SourceFile {
  const sourceFile = parseUnlinked(fileName, text);
  linkTree(sourceFile, undefined, Number.POSITIVE_INFINITY);
  return sourceFile;
}

/**
 * The tree of a file with no `parent` set below the root: for a caller that runs `linkTree` itself before anything
 * reads the tree (the analyzer, which collects its walk order in the same pass).
 */
export function parseUnlinked(fileName: string, text: string): ts.SourceFile {
  const kind = scriptKindOf(fileName) ?? ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, text, PARSE_OPTIONS, false, kind);
}

const FIRST_NODE = ts.SyntaxKind.FirstNode;

// The pass `linkTree` is making: the children waiting, their depths, and the node being expanded. Module-level so
// that one callback serves every node (no closure per node); the pass calls nothing that could start another.
const linkStack: ts.Node[] = [];
const linkDepths: number[] = [];
let linkParent: ts.Node | undefined;

/**
 * Sets the `parent` of every node below `root`, as `ts.createSourceFile(…, setParentNodes = true)` does, and appends
 * those nodes to `order` (when given) in pre-order, children in source order. Returns whether some node deeper than
 * `maxDepth` (the root's children are at depth 1) has a child; the whole tree is linked all the same.
 *
 * TypeScript's own pass gathers each node's children into a fresh array and costs about twice this one, which was
 * an eighth of the analyzer's time; collecting the order here spares the analyzer's walk a second `forEachChild`
 * per node. The tree is the same: with JSDoc left unparsed (PARSE_OPTIONS) no node has `jsDoc`, the only children
 * TypeScript links that `forEachChild` does not visit. Iterative: a left-deep `a + a + …` chain is as deep as it is
 * long.
 */
export function linkTree(root: ts.Node, order: ts.Node[] | undefined, maxDepth: number): boolean {
  const stack = linkStack;
  const depths = linkDepths;
  let tooDeep = false;
  try {
    pushChildren(root, 1);
    while (stack.length > 0) {
      const node = stack.pop() as ts.Node;
      const depth = depths.pop() as number;
      if (order !== undefined) order.push(node);
      if (node.kind < FIRST_NODE) continue; // tokens, identifiers and literals have no children
      const before = stack.length;
      pushChildren(node, depth + 1);
      if (depth >= maxDepth && stack.length > before) tooDeep = true;
    }
  } finally {
    stack.length = 0;
    depths.length = 0;
    linkParent = undefined;
  }
  return tooDeep;
}

/** Pushes the children of `node` (their parent set) so that the first one is popped first. */
function pushChildren(node: ts.Node, depth: number): void {
  const stack = linkStack;
  const from = stack.length;
  linkParent = node;
  ts.forEachChild(node, linkChild);
  for (let i = from, j = stack.length - 1; i < j; i++, j--) {
    const swap = stack[i];
    stack[i] = stack[j];
    stack[j] = swap;
  }
  while (linkDepths.length < stack.length) linkDepths.push(depth);
}

function linkChild(child: ts.Node): undefined {
  (child as { parent: ts.Node | undefined }).parent = linkParent;
  linkStack.push(child);
  return undefined;
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
