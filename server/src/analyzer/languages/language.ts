// What the analyzer needs to know about a kind of file: how to recognise it, parse it, walk it, and where its
// comments are (for disable comments and the fixes that write them). One object per kind in this folder; the
// list in ./index.ts is the one list that discovery, watchers, the client's document selector and the CLI use.

export type LanguageId = 'typescript' | 'json' | 'dockerfile' | 'dotenv';

/** A half-open range of UTF-16 offsets. */
export interface TextRange {
  start: number;
  end: number;
}

export interface CommentSyntax {
  /** A comment to the end of the line: `//`, `#`. */
  line?: string;
  /** A block comment: `['/*', '*\/']`. */
  block?: readonly [open: string, close: string];
}

export interface Language<Tree, Node> {
  readonly id: LanguageId;
  /** How people call it (messages, docs). */
  readonly name: string;
  /** True for a file name of this kind (base name and extension; reads nothing from disk). */
  matches(fileName: string): boolean;
  /** Never throws: a broken file yields a partial tree. */
  parse(fileName: string, text: string): Tree;
  /** Calls `visit` for every node, in source order. */
  walk(tree: Tree, visit: (node: Node) => void): void;
  /** Its comment syntax; undefined when the format has no comments (JSON: suppress through `.twelvefactorrc.json`). */
  readonly comments?: CommentSyntax;
  /**
   * The comments a disable directive may stand in, when the language knows them from its tree (`#` languages,
   * where `#` inside a value is not a comment). Without it, directives are found in the text (TypeScript).
   */
  directiveComments?(tree: Tree, text: string): TextRange[];
  /** Where a file-wide disable comment goes: after a shebang, or a Dockerfile's parser directives. */
  headerEnd(text: string, tree: Tree): number;
  /**
   * The offset a disable-next-line comment must stand above to cover `offset`: the start of its line, or of the
   * instruction or entry that spans several lines. Default: the start of the line.
   */
  statementStart?(tree: Tree, offset: number): number | undefined;
}
