import ts from 'typescript';
import type { FileFacts, ProjectFactName, ProjectView } from './project';
import type { FileKind } from './file-kind';
import type { ImportMap } from './ast';
import type { LanguageId, LineMap, NodeOf, TextRange, TreeOf } from './languages/index';

export const FACTORS = [
  'codebase',
  'dependencies',
  'config',
  'backing-services',
  'build-release-run',
  'processes',
  'port-binding',
  'concurrency',
  'disposability',
  'dev-prod-parity',
  'logs',
  'admin-processes',
] as const;

export type Factor = (typeof FACTORS)[number];
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleId = `${Factor}/${string}`;

/** A plain text replacement, in UTF-16 offsets of the file it names. */
export interface TextEdit {
  /** Absolute path of another file (e.g. `.env.example`); omitted means the analyzed file. */
  file?: string;
  start: number;
  end: number;
  newText: string;
  /**
   * The fix is wrong without this edit, not just incomplete (a dependency the new code imports): where it cannot be
   * applied (the file changed or is missing), the fix is not offered at all.
   */
  required?: boolean;
}

/** One way to resolve a finding. */
export interface Fix {
  title: string;
  /** Safe fixes cannot change runtime behaviour: they run in fix-all and on save. */
  safe: boolean;
  edits: TextEdit[];
  /** Absolute paths of files the edits expect to exist; a client creates them first when missing. */
  createFiles?: string[];
  /**
   * Files the fix creates with this text (the project's logger module). The fix is not offered where one of them
   * exists already or the client cannot create files: the rest of the fix imports it.
   */
  newFiles?: Array<{ file: string; text: string }>;
}

/** What the analyzer reports. Offsets are UTF-16 code-unit offsets into the analyzed text. */
export interface Finding {
  ruleId: RuleId;
  factor: Factor;
  severity: Severity;
  messageId: string;
  message: string;
  start: number;
  end: number;
  fixes: Fix[];
  /**
   * A project-level fact that, when true, voids this finding (e.g. a SIGTERM handler in another file).
   * Callers resolve it with `resolveProjectFindings` once the project's facts are known.
   */
  unless?: ProjectFactName;
}

export interface ReportOptions {
  /** Overrides the reported range (defaults to the node's range without leading trivia). */
  start?: number;
  end?: number;
  /**
   * Fixes for the finding. Pass a function when computing them costs anything: it runs only when the
   * caller asked for fixes (code actions, tests), never on the per-keystroke diagnostics path or in a scan.
   */
  fixes?: Fix[] | (() => Fix[]);
  unless?: ProjectFactName;
  /**
   * This finding's severity, when it is less sure than the rule's worst case (a debatable credential at warning
   * where the rule reports a known key format at error). It can only lower: the level the user set for the rule,
   * or the rule's default, stays the cap.
   */
  severity?: Severity;
}

export interface RuleContext<M extends string = string> {
  readonly fileName: string;
  /** The file's path below its project root, with forward slashes (the whole name when there is no root). */
  readonly relativePath: string;
  readonly sourceFile: ts.SourceFile;
  readonly text: string;
  readonly fileKind: FileKind;
  /** Options of this rule from `.twelvefactorrc.json`, `{}` when none. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Facts about the other files of the project (package.json, other files' facts). */
  readonly project: ProjectView;
  /** Modules imported or required at the top level of this file, by local name. */
  readonly imports: ImportMap;
  /** This file's own facts. Complete when `end` runs; partial while visiting. */
  readonly facts: FileFacts;
  report(node: ts.Node, messageId: M, data?: Record<string, string | number>, options?: ReportOptions): void;
}

export type NodeHandler = (node: ts.Node) => void;

/** A syntax kind by its name in `ts.SyntaxKind` (`CallExpression`, `StringLiteral`). */
export type SyntaxKindName = keyof typeof ts.SyntaxKind;

export interface RuleListener {
  /**
   * Handlers by the name of a syntax kind (`{ CallExpression(node) {…} }`); the walker calls each one for every node
   * of that kind, in source order. Names, not `[ts.SyntaxKind.CallExpression]` keys: V8 keeps an object with number
   * keys as a dictionary, and building and reading one per rule and file cost about a tenth of the parse.
   */
  visit: Partial<Record<SyntaxKindName, NodeHandler>>;
  /** Called once after the walk. */
  end?: () => void;
}

/** One option of a rule, as `.twelvefactorrc.json` gives it: `["warning", { "<name>": value }]`. */
export interface RuleOption {
  type: 'string' | 'number' | 'boolean' | 'string[]';
  description: string;
  /** For numbers: the smallest value accepted. */
  minimum?: number;
}

/** The options a rule takes, by name. A rule without a schema takes none; anything else given is reported. */
export type RuleOptionsSchema = Readonly<Record<string, RuleOption>>;

/** The languages other than TypeScript, whose rules get a typed tree and report ranges. */
export type OtherLanguageId = Exclude<LanguageId, 'typescript'>;

/** What a rule sees of a file of another language: its typed tree, and a report taking offsets. */
export interface FileRuleContext<L extends OtherLanguageId, M extends string = string> {
  readonly fileName: string;
  readonly relativePath: string;
  readonly language: L;
  readonly tree: TreeOf<L>;
  readonly text: string;
  readonly lines: LineMap;
  readonly fileKind: FileKind;
  readonly options: Readonly<Record<string, unknown>>;
  readonly project: ProjectView;
  report(range: TextRange, messageId: M, data?: Record<string, string | number>, options?: ReportOptions): void;
}

export interface FileListener<Node> {
  /** Called for every node the language's walk yields, in source order. */
  visit?: (node: Node) => void;
  /** Called once after the walk. */
  end?: () => void;
}

/** Listeners for the languages other than TypeScript that a rule reads, by language. */
export type LanguageCreators<M extends string> = {
  [L in OtherLanguageId]?: (ctx: FileRuleContext<L, M>) => FileListener<NodeOf<L>>;
};

/** Where a project rule reports: any file of the project. */
export interface ProjectReportTarget extends TextRange {
  /** Absolute path. */
  file: string;
}

/** What a project rule sees: the whole project once indexed (manifest, every file's facts), and a report into any file. */
export interface ProjectRuleContext<M extends string = string> {
  readonly project: ProjectView;
  readonly options: Readonly<Record<string, unknown>>;
  report(target: ProjectReportTarget, messageId: M, data?: Record<string, string | number>, options?: { fixes?: Fix[] | (() => Fix[]) }): void;
}

export interface RuleDefinition<M extends string = string> {
  id: RuleId;
  factor: Factor;
  severity: Severity;
  /** One line, shown in docs and SARIF. */
  description: string;
  messages: Record<M, string>;
  /**
   * Kinds of file where the rule stays quiet by default (tests, fixtures, build and CLI scripts).
   * An empty list means the rule runs everywhere.
   */
  skipIn: ReadonlyArray<'test' | 'script'>;
  /**
   * Options that hold lists of regular expressions. The config parser checks each one (syntax, and shapes that
   * backtrack without bound: see user-regex.ts) and reports the bad ones at their line; the rule compiles them
   * with `compileUserPattern`, which bounds the input they see.
   */
  regexOptions?: readonly string[];
  /** The options it takes; none when omitted. */
  options?: RuleOptionsSchema;
  /** TypeScript and JavaScript files: a listener over the TypeScript tree. */
  create?(ctx: RuleContext<M>): RuleListener;
  /** The other languages it reads, each with a listener over that language's tree. */
  languages?: LanguageCreators<M>;
  /**
   * A check of the whole project, run once its files are indexed (the end of a CLI scan; in the editor, whenever
   * a file's facts change). It may report into any file of the project; `reportsInto` names their languages.
   */
  project?: {
    reportsInto: readonly LanguageId[];
    check(ctx: ProjectRuleContext<M>): void;
  };
}

/** The languages a rule reads per file: TypeScript when it has `create`, and the keys of `languages`. */
export function ruleLanguages(rule: RuleDefinition): LanguageId[] {
  const languages: LanguageId[] = rule.create ? ['typescript'] : [];
  for (const key of Object.keys(rule.languages ?? {})) languages.push(key as LanguageId);
  return languages;
}

export function defineRule<M extends string>(rule: RuleDefinition<M>): RuleDefinition<M> {
  return rule;
}

/** Replaces `{{name}}` in a message template. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(data, key) ? String(data[key]) : whole,
  );
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The severity a finding is reported at: the one it asks for, never above the rule's level (`cap`). */
export function cappedSeverity(cap: Severity, requested: Severity | undefined): Severity {
  return requested !== undefined && SEVERITY_RANK[requested] > SEVERITY_RANK[cap] ? requested : cap;
}

/** Where the rule documentation pages (docs/rules/<id>.md) are published; shared by the LSP and the CLI. */
export const RULE_DOCS_BASE_URL = 'https://github.com/twelve-factor-lint/twelve-factor-lint/blob/main/docs/rules/';

/** The documentation page of a rule. */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}
