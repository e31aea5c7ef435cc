// The analyzer's entry point: parse once, walk once, dispatch nodes to the rules that asked for them. A file is
// read as the language its name says (languages/); a rule that does not read that language costs it nothing.
import ts from 'typescript';
import { collectImports } from './ast';
import { DEFAULT_CONFIG, type AnalyzerConfig } from './config';
import { dockerFacts, dotenvFacts } from './file-facts';
import { classifyFile, type FileKind } from './file-kind';
import { LANGUAGES, LineMap, languageOf, type LanguageId, type NodeOf, type TreeOf } from './languages/index';
import { parseTypeScript } from './languages/typescript';
import { EMPTY_PROJECT, FactsCollector, emptyFacts, type DirectiveFact, type FileFacts, type ProjectView } from './project';
import { removeUnusedDirectiveFix } from './fixes/disable';
import {
  formatMessage,
  type FileListener,
  type FileRuleContext,
  type Finding,
  type Fix,
  type NodeHandler,
  type OtherLanguageId,
  type ReportOptions,
  type RuleContext,
  type RuleDefinition,
  type Severity,
} from './rule';
import { RULES, UNUSED_DISABLE_RULE_ID } from './rules/index';
import { isSuppressed, parseDirectives, parseHashDirectives, type Directive } from './suppress';

export { SOURCE_EXTENSIONS, scriptKindOf } from './languages/typescript';

const FIRST_NODE = ts.SyntaxKind.FirstNode;

/**
 * Why a text is not analyzed (binary, too large, minified), or undefined when it is.
 * Cheap: looks at the length and at most the first 64 KiB.
 */
export function skipReason(text: string, config: AnalyzerConfig = DEFAULT_CONFIG): string | undefined {
  if (text.length > config.maxFileSize) {
    return `larger than maxFileSize (${Math.round(text.length / 1024)} KiB > ${Math.round(config.maxFileSize / 1024)} KiB)`;
  }
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (head.includes('\u0000')) return 'binary content';
  if (head.length >= 20000) {
    let lines = 1;
    for (let i = head.indexOf('\n'); i !== -1; i = head.indexOf('\n', i + 1)) lines++;
    if (head.length / lines > 500) return 'minified or generated (very long lines)';
  }
  return undefined;
}

export interface AnalyzeInput {
  /** Absolute path (or any unique name; only its name and its path below the project root matter). */
  fileName: string;
  /** The language to read it as; by default the one its name says, TypeScript when none does. */
  language?: LanguageId;
  text: string;
  config?: AnalyzerConfig;
  project?: ProjectView;
  /** A tree of this text already parsed (e.g. by `ts.updateSourceFile`), to avoid parsing twice. */
  sourceFile?: ts.SourceFile;
  /** The rules to run; all registered rules by default. */
  rules?: readonly RuleDefinition[];
  /**
   * Compute fixes (default true). Diagnostics alone do not need them: the language server publishes
   * without and computes them for code actions; the CLI scan never applies them.
   */
  fixes?: boolean;
}

/** A parsed file of any language, with its line map. */
export type ParsedFile = { [L in LanguageId]: { language: L; tree: TreeOf<L>; lines: LineMap } }[LanguageId];

export interface AnalyzeResult {
  findings: Finding[];
  facts: FileFacts;
  /** The TypeScript tree; undefined when the file was skipped or is of another language. */
  sourceFile?: ts.SourceFile;
  /** The parsed file, whatever its language; undefined when the file was skipped. */
  parsed?: ParsedFile;
  fileKind?: FileKind;
  /** Set when the file was not analyzed, saying why. */
  skipped?: string;
}

export const parse = parseTypeScript;

/** Analyzes one file. Pure: reads nothing but its arguments. Never throws on malformed source. */
export function analyze(input: AnalyzeInput): AnalyzeResult {
  const config = input.config ?? DEFAULT_CONFIG;
  const project = input.project ?? EMPTY_PROJECT;
  const { text, fileName } = input;
  const skipped = skipReason(text, config);
  if (skipped) return { findings: [], facts: emptyFacts(), skipped };
  const language = input.language ?? languageOf(fileName)?.id ?? 'typescript';
  if (language !== 'typescript') return analyzeOther(language, input, config, project);

  const sourceFile = input.sourceFile ?? parse(fileName, text);
  const relative = relativeTo(project.root, fileName);
  const fileKind = classifyFile(project.pathPrefix ? `${project.pathPrefix}/${relative}` : relative, text);
  const imports = collectImports(sourceFile);
  const collector = new FactsCollector(imports);
  const findings: Finding[] = [];
  const wantFixes = input.fixes !== false;

  // Indexed by kind: an array load per node instead of a Map lookup. The facts collector's handlers come first, as
  // the first thing each node meets (a switch on the kind here cost three property loads per case and node).
  const handlers: Array<NodeHandler[] | undefined> = [];
  const visitAccess = (node: ts.Node): void => collector.visitPropertyAccess(node as ts.PropertyAccessExpression);
  handlers[ts.SyntaxKind.CallExpression] = [(node) => collector.visitCall(node as ts.CallExpression)];
  handlers[ts.SyntaxKind.PropertyAccessExpression] = [visitAccess];
  handlers[ts.SyntaxKind.ElementAccessExpression] = [visitAccess];
  handlers[ts.SyntaxKind.ForOfStatement] = [(node) => collector.visitForOf(node as ts.ForOfStatement)];
  handlers[ts.SyntaxKind.VariableDeclaration] = [(node) => collector.visitVariableDeclaration(node as ts.VariableDeclaration)];
  const ends: Array<() => void> = [];
  const activeRules = new Set<string>();
  for (const rule of input.rules ?? RULES) {
    if (!rule.create) continue;
    const setting = config.rules[rule.id];
    if (setting?.level === 'off') continue;
    if (!config.includeTestsAndScripts && isSkippedKind(rule, fileKind)) continue;
    activeRules.add(rule.id);
    const severity: Severity = setting && setting.level !== 'default' ? setting.level : rule.severity;
    const ctx: RuleContext = {
      fileName,
      relativePath: relative,
      sourceFile,
      text,
      fileKind,
      options: setting?.options ?? {},
      project,
      imports,
      facts: collector.facts,
      report(node, messageId, data, options) {
        const template = rule.messages[messageId];
        findings.push({
          ruleId: rule.id,
          factor: rule.factor,
          severity,
          messageId,
          message: formatMessage(template ?? messageId, data),
          start: options?.start ?? node.getStart(sourceFile),
          end: options?.end ?? node.getEnd(),
          fixes: !wantFixes || !options?.fixes ? [] : typeof options.fixes === 'function' ? options.fixes() : options.fixes,
          ...(options?.unless ? { unless: options.unless } : {}),
        });
      },
    };
    const listener = rule.create(ctx);
    for (const [kindKey, handler] of Object.entries(listener.visit)) {
      if (!handler) continue;
      const kind = Number(kindKey) as ts.SyntaxKind;
      const list = handlers[kind];
      if (list) list.push(handler);
      else handlers[kind] = [handler];
    }
    if (listener.end) ends.push(listener.end);
  }

  const visit = (node: ts.Node): void => {
    const kind = node.kind;
    const list = kind < handlers.length ? handlers[kind] : undefined;
    if (list !== undefined) for (let i = 0; i < list.length; i++) list[i](node);
    // Tokens, identifiers and literals (every kind before FirstNode) have no children: about half of all nodes.
    if (kind >= FIRST_NODE) ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  const facts = collector.finish();
  facts.role = fileKind;
  for (const end of ends) end();

  const lines = new LineMap(text);
  const directives = parseDirectives(text, (offset) => lines.lineOf(offset));
  if (directives.length > 0) facts.directives = directives.map(directiveFact);
  const kept = applyDirectives(findings, directives, (offset) => lines.lineOf(offset), text, activeRules, config);
  kept.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { findings: kept, facts, sourceFile, parsed: { language: 'typescript', tree: sourceFile, lines }, fileKind };
}

/** JSON, Dockerfiles and `.env` files: one parse, one walk over the language's nodes, for the rules that read it. */
function analyzeOther(language: OtherLanguageId, input: AnalyzeInput, config: AnalyzerConfig, project: ProjectView): AnalyzeResult {
  const { text, fileName } = input;
  const definition = LANGUAGES[language];
  const tree = definition.parse(fileName, text);
  const lines = new LineMap(text);
  const relative = relativeTo(project.root, fileName);
  const fileKind = classifyFile(project.pathPrefix ? `${project.pathPrefix}/${relative}` : relative, text);
  const findings: Finding[] = [];
  const wantFixes = input.fixes !== false;
  const listeners: Array<FileListener<NodeOf<typeof language>>> = [];
  const activeRules = new Set<string>();
  for (const rule of input.rules ?? RULES) {
    const create = rule.languages?.[language] as ((ctx: FileRuleContext<typeof language>) => FileListener<NodeOf<typeof language>>) | undefined;
    if (!create) continue;
    const setting = config.rules[rule.id];
    if (setting?.level === 'off') continue;
    if (!config.includeTestsAndScripts && isSkippedKind(rule, fileKind)) continue;
    activeRules.add(rule.id);
    const severity: Severity = setting && setting.level !== 'default' ? setting.level : rule.severity;
    listeners.push(
      create({
        fileName,
        relativePath: relative,
        language,
        tree: tree as TreeOf<typeof language>,
        text,
        lines,
        fileKind,
        options: setting?.options ?? {},
        project,
        report(range, messageId, data, options) {
          findings.push(findingOf(rule, severity, messageId, data, range.start, range.end, wantFixes, options));
        },
      }),
    );
  }
  if (listeners.some((listener) => listener.visit)) {
    const walk = definition.walk as (tree: TreeOf<typeof language>, visit: (node: NodeOf<typeof language>) => void) => void;
    walk(tree as TreeOf<typeof language>, (node) => {
      for (const listener of listeners) listener.visit?.(node);
    });
  }
  for (const listener of listeners) listener.end?.();

  const facts: FileFacts = { ...emptyFacts(), language, role: fileKind };
  if (language === 'dotenv') facts.dotenv = dotenvFacts(tree as TreeOf<'dotenv'>, text);
  else if (language === 'dockerfile') facts.docker = dockerFacts(tree as TreeOf<'dockerfile'>, text);
  const directives = hashDirectives(language, tree, text, lines);
  if (directives.length > 0) facts.directives = directives.map(directiveFact);
  const statementStart = definition.statementStart as ((tree: TreeOf<typeof language>, offset: number) => number | undefined) | undefined;
  const lineOf = (offset: number): number => lines.lineOf(statementStart?.(tree as TreeOf<typeof language>, offset) ?? offset);
  const kept = applyDirectives(findings, directives, lineOf, text, activeRules, config);
  kept.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { findings: kept, facts, parsed: { language, tree, lines } as ParsedFile, fileKind };
}

function hashDirectives(language: OtherLanguageId, tree: unknown, text: string, lines: LineMap): Directive[] {
  const definition = LANGUAGES[language];
  if (!definition.comments?.line || !definition.directiveComments) return [];
  const comments = (definition.directiveComments as (tree: unknown, text: string) => Array<{ start: number; end: number }>)(tree, text);
  return parseHashDirectives(text, comments, (offset) => lines.lineOf(offset));
}

function findingOf(
  rule: RuleDefinition,
  severity: Severity,
  messageId: string,
  data: Record<string, string | number> | undefined,
  start: number,
  end: number,
  wantFixes: boolean,
  options: ReportOptions | undefined,
): Finding {
  const template = (rule.messages as Record<string, string>)[messageId];
  return {
    ruleId: rule.id,
    factor: rule.factor,
    severity,
    messageId,
    message: formatMessage(template ?? messageId, data),
    start,
    end,
    fixes: !wantFixes || !options?.fixes ? [] : typeof options.fixes === 'function' ? options.fixes() : options.fixes,
    ...(options?.unless ? { unless: options.unless } : {}),
  };
}

function directiveFact(directive: Directive): DirectiveFact {
  return { kind: directive.kind, rules: directive.rules, start: directive.start, targetLine: directive.targetLine };
}

function isSkippedKind(rule: RuleDefinition, kind: FileKind): boolean {
  return (kind.test && rule.skipIn.includes('test')) || (kind.script && rule.skipIn.includes('script'));
}

function applyDirectives(
  findings: Finding[],
  directives: Directive[],
  lineOf: (offset: number) => number,
  text: string,
  activeRules: ReadonlySet<string>,
  config: AnalyzerConfig,
): Finding[] {
  if (directives.length === 0) return findings;
  const kept = findings.filter((finding) => !isSuppressed(directives, finding.ruleId, finding.start, lineOf(finding.start)));
  const unusedSetting = config.rules[UNUSED_DISABLE_RULE_ID];
  if (unusedSetting?.level === 'off') return kept;
  const severity: Severity = unusedSetting && unusedSetting.level !== 'default' ? unusedSetting.level : 'hint';
  const known = new Set<string>(RULES.map((rule) => rule.id));
  for (const directive of directives) {
    if (directive.kind === 'enable') continue;
    if (directive.rules.length === 0) {
      if (directive.used.size === 0) {
        const fix = removeUnusedDirectiveFix(text, directive, undefined);
        kept.push(unusedFinding(directive.start, directive.end, 'This disable comment silences nothing; remove it.', severity, fix));
      }
      continue;
    }
    directive.rules.forEach((ruleId, i) => {
      if (directive.used.has(ruleId)) return;
      const [start, end] = directive.ruleRanges[i];
      const unusedCount = directive.rules.filter((id) => !directive.used.has(id)).length;
      const fix = removeUnusedDirectiveFix(text, directive, unusedCount === directive.rules.length ? undefined : i);
      if (!known.has(ruleId)) {
        kept.push(unusedFinding(start, end, `Unknown rule "${ruleId}" in a disable comment.`, severity, fix));
      } else if (activeRules.has(ruleId)) {
        kept.push(unusedFinding(start, end, `"${ruleId}" reports nothing here; remove it from the disable comment.`, severity, fix));
      }
    });
  }
  return kept;
}

function unusedFinding(start: number, end: number, message: string, severity: Severity, fix: Fix): Finding {
  return {
    ruleId: UNUSED_DISABLE_RULE_ID,
    factor: 'codebase',
    severity,
    messageId: 'unused',
    message,
    start,
    end,
    fixes: [fix],
  };
}

/** Drops findings voided by project-level facts (see `Finding.unless`). */
export function resolveProjectFindings(findings: Finding[], project: ProjectView, fileName?: string): Finding[] {
  if (!findings.some((finding) => finding.unless)) return findings;
  return findings.filter((finding) => !finding.unless || !project.hasFact(finding.unless, fileName));
}

function relativeTo(root: string, fileName: string): string {
  const normalized = fileName.replace(/\\/g, '/');
  const base = root.replace(/\\/g, '/').replace(/\/$/, '');
  if (base && normalized.startsWith(base + '/')) return normalized.slice(base.length + 1);
  return normalized;
}
