// The analyzer's entry point: parse once, walk once, dispatch nodes to the rules that asked for them.
import ts from 'typescript';
import { collectImports } from './ast';
import { DEFAULT_CONFIG, type AnalyzerConfig } from './config';
import { classifyFile, type FileKind } from './file-kind';
import { EMPTY_PROJECT, FactsCollector, emptyFacts, type FileFacts, type ProjectView } from './project';
import { removeUnusedDirectiveFix } from './fixes/disable';
import {
  formatMessage,
  type Finding,
  type Fix,
  type NodeHandler,
  type RuleContext,
  type RuleDefinition,
  type Severity,
} from './rule';
import { RULES, UNUSED_DISABLE_RULE_ID } from './rules/index';
import { isSuppressed, parseDirectives } from './suppress';

const FIRST_NODE = ts.SyntaxKind.FirstNode;

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** The TypeScript script kind for a file name, or undefined when it is not a source file we read. */
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
  /** Absolute path (or any unique name; only its extension and its path below the project root matter). */
  fileName: string;
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

export interface AnalyzeResult {
  findings: Finding[];
  facts: FileFacts;
  /** The parsed tree; undefined when the file was skipped. */
  sourceFile?: ts.SourceFile;
  fileKind?: FileKind;
  /** Set when the file was not analyzed, saying why. */
  skipped?: string;
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

export function parse(fileName: string, text: string): ts.SourceFile {
  const kind = scriptKindOf(fileName) ?? ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, text, PARSE_OPTIONS, true, kind);
}

/** Analyzes one file. Pure: reads nothing but its arguments. Never throws on malformed source. */
export function analyze(input: AnalyzeInput): AnalyzeResult {
  const config = input.config ?? DEFAULT_CONFIG;
  const project = input.project ?? EMPTY_PROJECT;
  const { text, fileName } = input;
  const skipped = skipReason(text, config);
  if (skipped) return { findings: [], facts: emptyFacts(), skipped };

  const sourceFile = input.sourceFile ?? parse(fileName, text);
  const relative = relativeTo(project.root, fileName);
  const fileKind = classifyFile(project.pathPrefix ? `${project.pathPrefix}/${relative}` : relative, text);
  const imports = collectImports(sourceFile);
  const collector = new FactsCollector(imports, sourceFile);
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
  const ends: Array<() => void> = [];
  const activeRules = new Set<string>();
  for (const rule of input.rules ?? RULES) {
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
  for (const end of ends) end();

  const kept = applyDirectives(findings, sourceFile, text, activeRules, config);
  kept.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { findings: kept, facts, sourceFile, fileKind };
}

function isSkippedKind(rule: RuleDefinition, kind: FileKind): boolean {
  return (kind.test && rule.skipIn.includes('test')) || (kind.script && rule.skipIn.includes('script'));
}

function applyDirectives(
  findings: Finding[],
  sourceFile: ts.SourceFile,
  text: string,
  activeRules: ReadonlySet<string>,
  config: AnalyzerConfig,
): Finding[] {
  const directives = parseDirectives(text, sourceFile);
  if (directives.length === 0) return findings;
  const kept = findings.filter(
    (finding) =>
      !isSuppressed(directives, finding.ruleId, finding.start, sourceFile.getLineAndCharacterOfPosition(finding.start).line),
  );
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
