// `.env` files: `.env`, `.env.example`, `.env.production`, `app.env`. The entries are read with the expression
// `dotenv` itself uses (its default parser), so a key and a value here are what `dotenv.parse` returns, with the
// offsets of both in the original text (CRLF, lone CR and a byte-order mark included). Node's own parser
// (`process.loadEnvFile`, `util.parseEnv`) agrees on everything but malformed lines; test/languages/dotenv.test.ts
// checks both and lists where they part.
import type { Language } from './language';

export interface DotenvEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The value as dotenv reads it: outer quotes removed, `\n` and `\r` expanded inside double quotes. */
  value: string;
  /** Range of the value as written (quotes included); an empty range after the `=` when there is none. */
  valueStart: number;
  valueEnd: number;
  quote?: '"' | "'" | '`';
  /** Written `export KEY=…`. */
  exported: boolean;
  /** From the first character of the line (or of `export`) to the end of the value. */
  start: number;
  end: number;
}

export interface DotenvComment {
  /** Offset of the `#`. */
  start: number;
  /** End of the line. */
  end: number;
  /** The text after `#`. */
  text: string;
}

export interface DotenvTree {
  /** In file order; a key written twice appears twice (the last one wins, as in dotenv). */
  entries: DotenvEntry[];
  /** Whole-line comments (a `#` first on its line, outside a quoted value). */
  comments: DotenvComment[];
}

// dotenv's LINE expression (lib/main.js), with the operator captured too so an empty value has a position.
const LINE =
  /(?:^|^)\s*(export\s+)?([\w.-]+)(\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

export function parseDotenv(text: string): DotenvTree {
  const { normalized, toOriginal } = normalizeNewlines(text);
  const entries: DotenvEntry[] = [];
  LINE.lastIndex = 0;
  for (let match = LINE.exec(normalized); match !== null; match = LINE.exec(normalized)) {
    const indices = match.indices!;
    const [keyStart, keyEnd] = indices[2]!;
    const operatorEnd = indices[3]![1];
    const raw = match[4] ?? '';
    let valueStart = operatorEnd;
    let valueEnd = operatorEnd;
    if (match[4] !== undefined) {
      const lead = raw.length - raw.trimStart().length;
      valueStart = indices[4]![0] + lead;
      valueEnd = valueStart + raw.trim().length;
    }
    const trimmed = raw.trim();
    const first = trimmed[0];
    const stripped = trimmed.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
    const quoted = stripped !== trimmed;
    const value = first === '"' ? stripped.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : stripped;
    const start = indices[1] ? indices[1][0] : keyStart;
    entries.push({
      key: match[2],
      keyStart: toOriginal(keyStart),
      keyEnd: toOriginal(keyEnd),
      value,
      valueStart: toOriginal(valueStart),
      valueEnd: toOriginal(valueEnd),
      ...(quoted ? { quote: first as '"' | "'" | '`' } : {}),
      exported: indices[1] !== undefined,
      start: toOriginal(start),
      end: toOriginal(Math.max(valueEnd, keyEnd)),
    });
    // An empty match cannot happen (a key is required), so lastIndex always moves on.
  }
  return { entries, comments: commentsOf(text, entries) };
}

/** dotenv reads `\r\n` and a lone `\r` as `\n`; offsets in the normalized text map back through `toOriginal`. */
function normalizeNewlines(text: string): { normalized: string; toOriginal: (offset: number) => number } {
  if (!text.includes('\r')) return { normalized: text, toOriginal: (offset) => offset };
  const map: number[] = [];
  let normalized = '';
  for (let i = 0; i < text.length; i++) {
    map.push(i);
    if (text.charCodeAt(i) === 13) {
      normalized += '\n';
      if (text.charCodeAt(i + 1) === 10) i++;
    } else {
      normalized += text[i];
    }
  }
  map.push(text.length);
  return { normalized, toOriginal: (offset) => map[offset] ?? text.length };
}

function commentsOf(text: string, entries: readonly DotenvEntry[]): DotenvComment[] {
  const comments: DotenvComment[] = [];
  // Only multi-line quoted values can hide a line that starts with `#`.
  const spans = entries.filter((entry) => entry.quote !== undefined).map((entry) => [entry.valueStart, entry.valueEnd] as const);
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    let first = lineStart;
    while (first < lineEnd && (text[first] === ' ' || text[first] === '\t' || text.charCodeAt(first) === 0xfeff)) first++;
    if (text[first] === '#' && !spans.some(([start, end]) => start < first && first < end)) {
      comments.push({ start: first, end: lineEnd, text: text.slice(first + 1, lineEnd) });
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
  }
  return comments;
}

/** `.env`, `.env.example`, `.env.production.local`, `production.env`; not `.envrc` (direnv's shell script). */
export function isDotenvFileName(fileName: string): boolean {
  const base = baseName(fileName);
  // Not an env file: an editor's swap file, a REUSE licence sidecar (`.env.license` says whose `.env` it is), or a
  // scaffolder's template (`.env.hbs`, `.env.ejs`: vendure's create/templates/), whose values are template
  // expressions and which nothing loads as it is.
  if (base === '.env' || base.startsWith('.env.')) return !/\.(swp|license|hbs|handlebars|ejs|mustache|njk|jinja|j2|liquid|tpl|tmpl|eta)$/i.test(base);
  return /^[\w-]+\.env$/i.test(base) && !/^(tsconfig|package)\b/i.test(base);
}

function baseName(fileName: string): string {
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return fileName.slice(slash + 1);
}

/** What `.env` files are: entries in order; a `#` starts a comment line. */
export const dotenvLanguage: Language<DotenvTree, DotenvEntry> = {
  id: 'dotenv',
  name: 'dotenv',
  matches: isDotenvFileName,
  parse: (_fileName, text) => parseDotenv(text),
  walk(tree, visit) {
    for (const entry of tree.entries) visit(entry);
  },
  comments: { line: '#' },
  directiveComments: (tree) => tree.comments.map((comment) => ({ start: comment.start, end: comment.end })),
  headerEnd: () => 0,
  // A quoted value may run over several lines; a comment above the entry covers all of them.
  statementStart: (tree, offset) => tree.entries.find((entry) => entry.start <= offset && offset <= entry.end)?.start,
};
