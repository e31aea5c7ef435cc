// JSON files the analyzer reads: package.json (the manifest: dependencies, scripts) and `.twelvefactorrc.json`.
// Parsed with jsonc-parser's tree, which keeps offsets and survives the half-typed file an editor holds. JSON has
// no comments: findings in it are suppressed through `.twelvefactorrc.json`.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Language } from './language';

export type { JsonNode };

export interface JsonTree {
  /** Undefined for an empty or hopeless text. */
  root: JsonNode | undefined;
  errors: ParseError[];
}

/** Base names of the JSON files the analyzer reads. */
export const JSON_FILE_NAMES = ['package.json', '.twelvefactorrc.json'] as const;

export function parseJson(text: string): JsonTree {
  const errors: ParseError[] = [];
  // A byte-order mark is not JSON; npm ignores it. A space keeps every offset where it was.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  return { root, errors };
}

/** The value node of `key` in an object node. */
export function jsonProperty(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  for (const property of node.children) {
    const [name, value] = property.children ?? [];
    if (name?.type === 'string' && name.value === key) return value;
  }
  return undefined;
}

/** The properties of an object node as [key node, value node] pairs, in order. */
export function jsonEntries(node: JsonNode | undefined): Array<[JsonNode, JsonNode]> {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: Array<[JsonNode, JsonNode]> = [];
  for (const property of node.children) {
    const [name, value] = property.children ?? [];
    if (name?.type === 'string' && value) out.push([name, value]);
  }
  return out;
}

export const jsonLanguage: Language<JsonTree, JsonNode> = {
  id: 'json',
  name: 'JSON',
  matches(fileName) {
    const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    return (JSON_FILE_NAMES as readonly string[]).includes(fileName.slice(slash + 1));
  },
  parse: (_fileName, text) => parseJson(text),
  walk(tree, visit) {
    if (!tree.root) return;
    const stack: JsonNode[] = [tree.root];
    while (stack.length > 0) {
      const node = stack.pop() as JsonNode;
      visit(node);
      const children = node.children;
      if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  },
  headerEnd: () => 0,
};
