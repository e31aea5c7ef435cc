// Tree walks whose depth comes from the input, without recursion. A syntax tree is as deep as its source is
// nested, and a left-deep chain (`a + a + … + a`, `p.then(…).then(…)…`) parses into a tree as deep as it is long:
// the parser handles 2,000,000 terms, but a recursive walk overflows the stack at a few thousand. Every walk over
// a subtree of unknown depth goes through these helpers (or keeps its own explicit stack).
import ts from 'typescript';

/** Returned by a `forEachDescendant` visitor: do not walk into this node's children. */
export const SKIP_CHILDREN = false;

/**
 * Calls `visit` for every node below `root` (not `root` itself), in source order (pre-order, as a recursive
 * `ts.forEachChild` walk would). A visitor that returns `false` (`SKIP_CHILDREN`) prunes that node's children.
 */
export function forEachDescendant(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [];
  pushChildren(root, stack);
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (visit(node) === SKIP_CHILDREN) continue;
    pushChildren(node, stack);
  }
}

/**
 * True when `root` or a node below it satisfies `test`, in source order. `prune` stops the search below a node
 * (it is still tested itself): the iterative form of `test(n) || forEachChild(n, recurse)` with a stop condition.
 */
export function someNode(root: ts.Node, test: (node: ts.Node) => boolean, prune?: (node: ts.Node) => boolean): boolean {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (test(node)) return true;
    if (!prune?.(node)) pushChildren(node, stack);
  }
  return false;
}

/** Pushes the children of `node` so that the first child is popped first. */
export function pushChildren(node: ts.Node, stack: ts.Node[]): void {
  const from = stack.length;
  // One callback for every call (no closure allocated per node): the walk runs this for half of all nodes.
  const outer = target;
  target = stack;
  ts.forEachChild(node, pushToTarget);
  target = outer;
  for (let i = from, j = stack.length - 1; i < j; i++, j--) {
    const swap = stack[i];
    stack[i] = stack[j];
    stack[j] = swap;
  }
}

let target: ts.Node[] = [];
function pushToTarget(child: ts.Node): undefined {
  target.push(child);
  return undefined;
}
