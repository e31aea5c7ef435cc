// Limits that keep one hostile or generated file from costing the others (see docs/cli.md, "Limits").

/**
 * Files whose brackets nest deeper than this are not parsed. TypeScript's parser is recursive: on Node 20 with
 * the default stack (~984 KB) it overflows at 238–700 levels of brackets depending on the construct (258 nested
 * `f(function () {` callbacks, 478 nested object types, 531 nested object literals, 699 nested arrays, measured
 * on a cold process), and a language server's handlers start deeper in the stack than a CLI. 256 leaves about
 * half of the smallest of those as a margin, and is nearly three times the deepest file among 6,241 files of
 * real packages (89: a chain of nested conditionals).
 */
export const MAX_NESTING = 256;

/**
 * Files whose syntax tree is deeper than this are not analyzed. Without brackets a tree can still be as deep as the
 * source is long (`a + a + … + a`, `p.then(…).then(…)…`, `x = y = … = z`): the walks are iterative, but rules walk up
 * from a node to its enclosing function, which costs the depth for each finding. The deepest of 43,632 real files
 * (packages and applications) is 317, an ANTLR-generated lexer; 99.9 % are under 53.
 */
export const MAX_TREE_DEPTH = 1000;

/**
 * The deepest bracket nesting of `text` when it exceeds `limit`, else undefined. Counts `(`, `[` and `{`
 * (so also `${`) and their closers, strings and comments included: a cheap character scan, not a parse. Brackets
 * inside strings and regular expressions rarely pile up, and only a net surplus of `limit` of them could mislead it.
 */
export function nestingBeyond(text: string, limit: number = MAX_NESTING): number | undefined {
  const max = bracketDepth(text);
  return max > limit ? max : undefined;
}

/** The deepest bracket nesting of `text`, counted as `nestingBeyond` says. */
export function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // One table load for most characters: brackets are all below 126 (`}`), most text is not a bracket.
    if (code > 125) continue;
    const step = BRACKET_STEP[code];
    if (step === 0) continue;
    if (step > 0) {
      if (++depth > max) max = depth;
    } else if (depth > 0) depth--;
  }
  return max;
}

/** +1 for `(`, `[` and `{`, -1 for their closers, 0 for any other ASCII character up to `}` (index 125). */
export const BRACKET_STEP: Readonly<Int8Array> = (() => {
  const table = new Int8Array(126);
  for (const open of '([{') table[open.charCodeAt(0)] = 1;
  for (const close of ')]}') table[close.charCodeAt(0)] = -1;
  return table;
})();

/** True for the error V8 throws when the call stack overflows ("Maximum call stack size exceeded"). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** One line saying why something failed: the error's message, never its stack. */
export function errorReason(error: unknown): string {
  if (isStackOverflow(error)) return 'nesting too deep (the call stack overflowed)';
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n', 1)[0].trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line || 'unknown error';
}
