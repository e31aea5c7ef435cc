import ts from 'typescript';
import type { FileFacts, ProjectFactName, ProjectView } from './project';
import type { FileKind } from './file-kind';
import type { ImportMap } from './ast';

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

export interface RuleListener {
  /** Handlers by syntax kind; the walker calls each one for every node of that kind, in source order. */
  visit: Partial<Record<ts.SyntaxKind, NodeHandler>>;
  /** Called once after the walk. */
  end?: () => void;
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
  create(ctx: RuleContext<M>): RuleListener;
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

/** Where the rule documentation pages (docs/rules/<id>.md) are published; shared by the LSP and the CLI. */
export const RULE_DOCS_BASE_URL = 'https://github.com/twelve-factor-lint/twelve-factor-lint/blob/main/docs/rules/';

/** The documentation page of a rule. */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}
