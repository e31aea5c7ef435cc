// The analyzer's entry point: parse once, walk once, dispatch nodes to the rules that asked for them. A file is
// read as the language its name says (languages/); a rule that does not read that language costs it nothing.
import ts from 'typescript';
import { bracketDepthAndGateWords, collectImports } from './ast';
import { DEFAULT_CONFIG, type AnalyzerConfig } from './config';
import { dockerFacts, dotenvFacts } from './file-facts';
import { classifyFile, isSkippedIn, type FileKind } from './roles';
import { LANGUAGES, LineMap, languageOf, type LanguageId, type NodeOf, type TreeOf } from './languages/index';
import { linkTree, parseTypeScript, parseUnlinked } from './languages/typescript';
import { EMPTY_PROJECT, FactsCollector, emptyFacts, factsFromText, type DirectiveFact, type FileFacts, type ProjectView } from './project';
import { removeUnusedDirectiveFix } from './fixes/disable';
import {
  cappedSeverity,
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
  type RuleId,
  type RuleListener,
  type Severity,
} from './rule';
import { RULES, UNUSED_DISABLE_RULE_ID } from './rules/index';
import { isSuppressed, parseDirectives, parseHashDirectives, type Directive } from './suppress';
import { errorReason, isStackOverflow, MAX_NESTING, MAX_TREE_DEPTH, nestingBeyond } from './limits';

export { SOURCE_EXTENSIONS, scriptKindOf } from './languages/typescript';

/** `ts.SyntaxKind` read by name (a rule's `visit` keys); its reverse entries (number → name) are strings. */
const KIND_BY_NAME = ts.SyntaxKind as unknown as Readonly<Record<string, number | string | undefined>>;

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
   * without and computes them for code actions; the CLI scan never applies them. A function computes them only
   * for the findings it accepts (the ones a code-action request is about).
   */
  fixes?: boolean | ((finding: { ruleId: RuleId; start: number; end: number }) => boolean);
}

/** A parsed file of any language, with its line map. */
export type ParsedFile = { [L in LanguageId]: { language: L; tree: TreeOf<L>; lines: LineMap } }[LanguageId];

export interface AnalyzeResult {
  findings: Finding[];
  facts: FileFacts;
  /** The TypeScript tree; undefined when the file was skipped or is of another language. */
  sourceFile?: ts.SourceFile;
  /** The parsed file, whatever its language; undefined when the file was skipped or failed. */
  parsed?: ParsedFile;
  fileKind?: FileKind;
  /** Set when the file was not analyzed on purpose (binary, too large, minified), saying why. */
  skipped?: string;
  /**
   * Set when the file could not be analyzed (nesting beyond the parser's limit, an internal error outside any
   * rule), saying why in one line. There are then no findings and no facts: the run is incomplete.
   */
  failed?: string;
  /**
   * Rules that threw on this file, each with the reason in one line. Their findings for the file are dropped; the
   * other rules' findings are complete.
   */
  ruleFailures?: RuleFailure[];
}

export interface RuleFailure {
  ruleId: RuleId;
  message: string;
}

export const parse = parseTypeScript;

/**
 * Analyzes one file. Pure: reads nothing but its arguments. Never throws: a rule that throws is dropped for this
 * file (`ruleFailures`), and a file that cannot be parsed or walked is reported as `failed`.
 */
export function analyze(input: AnalyzeInput): AnalyzeResult {
  const config = input.config ?? DEFAULT_CONFIG;
  const { text } = input;
  const skipped = skipReason(text, config);
  if (skipped) return { findings: [], facts: emptyFacts(), skipped };
  const language = input.language ?? languageOf(input.fileName)?.id ?? 'typescript';
  if (language !== 'typescript') {
    const nested = language === 'json' ? nestingBeyond(text) : undefined;
    if (nested !== undefined) return failedResult(text, `brackets nested ${nested} deep, beyond the limit of ${MAX_NESTING}; not analyzed`);
    try {
      return analyzeOther(language, input, config);
    } catch (error) {
      return failedResult(text, `analysis failed: ${errorReason(error)}`);
    }
  }
  // One pass over the text counts the brackets and finds the rules' gate words (ast.ts).
  const nesting = bracketDepthAndGateWords(text);
  const depth = nesting > MAX_NESTING ? nesting : undefined;
  if (depth !== undefined) return failedResult(text, `brackets nested ${depth} deep, beyond the limit of ${MAX_NESTING}; not analyzed`);
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = input.sourceFile ?? parseUnlinked(input.fileName, text); // analyzeTree links it
  } catch (error) {
    return failedResult(text, isStackOverflow(error) ? 'nesting too deep for the parser; not analyzed' : `the parser failed: ${errorReason(error)}`);
  }
  try {
    return analyzeTree(input, config, sourceFile);
  } catch (error) {
    if (error instanceof TooDeep) return failedResult(text, `syntax nested more than ${MAX_TREE_DEPTH} levels deep; not analyzed`);
    return failedResult(text, `analysis failed: ${errorReason(error)}`);
  }
}

class TooDeep extends Error {}

/** No findings; facts from the text alone (`factsFromText`), so that a failed file does not cause findings elsewhere. */
function failedResult(text: string, failed: string): AnalyzeResult {
  return { findings: [], facts: factsFromText(text), failed };
}

/** Who registered a handler: a rule's index in the active list, or the facts collector. */
const COLLECTOR = -1;

function analyzeTree(input: AnalyzeInput, config: AnalyzerConfig, sourceFile: ts.SourceFile): AnalyzeResult {
  // One pass sets every node's parent and lists the nodes in the order the rules meet them (pre-order, children in
  // source order), before anything reads the tree. The depth is bounded (MAX_TREE_DEPTH): rules walk up from a node
  // to its enclosing function or statement, and on a 100,000-deep chain those walks would cost the square of its
  // length.
  const order: ts.Node[] = [];
  if (linkTree(sourceFile, order, MAX_TREE_DEPTH)) throw new TooDeep();
  return analyzeLinked(input, config, sourceFile, order);
}

function analyzeLinked(input: AnalyzeInput, config: AnalyzerConfig, sourceFile: ts.SourceFile, order: readonly ts.Node[]): AnalyzeResult {
  const project = input.project ?? EMPTY_PROJECT;
  const { text, fileName } = input;
  const relative = relativeTo(project.root, fileName);
  const fileKind = fileKindOf(relative, text, project, config);
  const imports = collectImports(sourceFile);
  const collector = new FactsCollector(imports, sourceFile);
  const findings: Finding[] = [];
  const fixesWanted = input.fixes ?? true;
  const wantFixes = (ruleId: RuleId, start: number, end: number): boolean =>
    typeof fixesWanted === 'function' ? fixesWanted({ ruleId, start, end }) : fixesWanted;

  // Indexed by kind: an array load per node instead of a Map lookup. The facts collector's handlers come first, as
  // the first thing each node meets (a switch on the kind here cost three property loads per case and node).
  // `owners` runs parallel to `handlers`: which rule registered each handler, to drop that rule when it throws.
  const handlers: Array<NodeHandler[] | undefined> = [];
  const owners: Array<number[] | undefined> = [];
  const addHandler = (kind: ts.SyntaxKind, handler: NodeHandler, owner: number): void => {
    const list = handlers[kind];
    if (list) {
      list.push(handler);
      (owners[kind] as number[]).push(owner);
    } else {
      handlers[kind] = [handler];
      owners[kind] = [owner];
    }
  };
  const visitAccess = (node: ts.Node): void => collector.visitPropertyAccess(node as ts.PropertyAccessExpression);
  addHandler(ts.SyntaxKind.CallExpression, (node) => collector.visitCall(node as ts.CallExpression), COLLECTOR);
  addHandler(ts.SyntaxKind.PropertyAccessExpression, visitAccess, COLLECTOR);
  addHandler(ts.SyntaxKind.ElementAccessExpression, visitAccess, COLLECTOR);
  addHandler(ts.SyntaxKind.ForOfStatement, (node) => collector.visitForOf(node as ts.ForOfStatement), COLLECTOR);
  addHandler(ts.SyntaxKind.VariableDeclaration, (node) => collector.visitVariableDeclaration(node as ts.VariableDeclaration), COLLECTOR);
  const ends: Array<{ owner: number; end: () => void }> = [];
  const activeRules = new Set<string>();
  const active: RuleDefinition[] = [];
  const failures = new Map<RuleId, string>();
  const fail = (owner: number, error: unknown): void => {
    // The facts collector is not a rule: without it the file's facts are wrong, so the whole file fails.
    if (owner === COLLECTOR) throw error;
    const rule = active[owner];
    if (failures.has(rule.id)) return;
    failures.set(rule.id, errorReason(error));
    for (let kind = 0; kind < owners.length; kind++) {
      const list = owners[kind];
      if (list) for (let i = 0; i < list.length; i++) if (list[i] === owner) (handlers[kind] as NodeHandler[])[i] = NOOP;
    }
  };
  for (const rule of input.rules ?? RULES) {
    if (!rule.create) continue;
    const setting = config.rules[rule.id];
    if (setting?.level === 'off') continue;
    if (!config.includeTestsAndScripts && isSkippedKind(rule, fileKind)) continue;
    activeRules.add(rule.id);
    const owner = active.length;
    active.push(rule);
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
        const start = options?.start ?? node.getStart(sourceFile);
        const end = options?.end ?? node.getEnd();
        findings.push({
          ruleId: rule.id,
          factor: rule.factor,
          severity: cappedSeverity(severity, options?.severity),
          messageId,
          message: formatMessage(template ?? messageId, data),
          start,
          end,
          fixes: !options?.fixes || !wantFixes(rule.id, start, end) ? [] : typeof options.fixes === 'function' ? options.fixes() : options.fixes,
          ...(options?.unless ? { unless: options.unless } : {}),
        });
      },
    };
    let listener: RuleListener;
    try {
      listener = rule.create(ctx);
    } catch (error) {
      fail(owner, error);
      continue;
    }
    const visit = listener.visit as Record<string, NodeHandler | undefined>;
    for (const name in visit) {
      const handler = visit[name];
      // The type (RuleListener) takes names only; `ts.SyntaxKind`'s reverse entries (number → name) are strings.
      const kind = KIND_BY_NAME[name];
      if (handler && typeof kind === 'number') addHandler(kind, handler, owner);
    }
    if (listener.end) ends.push({ owner, end: listener.end });
  }

  dispatch(order, handlers, owners, fail);
  const facts = collector.finish();
  facts.role = fileKind;
  for (const { owner, end } of ends) {
    if (failures.has(active[owner].id)) continue;
    try {
      end();
    } catch (error) {
      fail(owner, error);
    }
  }

  const reported = failures.size === 0 ? findings : findings.filter((finding) => !failures.has(finding.ruleId));
  const lines = new LineMap(text);
  const directives = parseDirectives(text, sourceFile, (offset) => lines.lineOf(offset));
  if (directives.length > 0) facts.directives = directives.map(directiveFact);
  const kept = applyDirectives(dedupe(reported), directives, (offset) => lines.lineOf(offset), text, activeRules, config);
  kept.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  const result: AnalyzeResult = { findings: kept, facts, sourceFile, parsed: { language: 'typescript', tree: sourceFile, lines }, fileKind };
  if (failures.size > 0) result.ruleFailures = [...failures].map(([ruleId, message]) => ({ ruleId, message }));
  return result;
}

/**
 * Hands every node to the handlers of its kind, in walk order. A function of its own, small and called once per
 * file: inside analyzeLinked the loop was compiled on the stack (OSR) as part of that large function, and V8
 * threw that code away and rebuilt it several times a run (8 optimizing compiles of analyzeLinked over the bench
 * corpus, a third of a second of compiler time).
 */
function dispatch(
  order: readonly ts.Node[],
  handlers: ReadonlyArray<NodeHandler[] | undefined>,
  owners: ReadonlyArray<number[] | undefined>,
  fail: (owner: number, error: unknown) => void,
): void {
  for (let n = 0; n < order.length; n++) {
    const node = order[n];
    const kind = node.kind;
    const list = kind < handlers.length ? handlers[kind] : undefined;
    if (list === undefined) continue;
    for (let i = 0; i < list.length; i++) {
      try {
        list[i](node);
      } catch (error) {
        fail((owners[kind] as number[])[i], error);
      }
    }
  }
}

/**
 * JSON, Dockerfiles and `.env` files: one parse, one walk over the language's nodes, for the rules that read it. A
 * rule that throws is dropped for the file, as for TypeScript.
 */
function analyzeOther(language: OtherLanguageId, input: AnalyzeInput, config: AnalyzerConfig): AnalyzeResult {
  const project = input.project ?? EMPTY_PROJECT;
  const { text, fileName } = input;
  const definition = LANGUAGES[language];
  const tree = definition.parse(fileName, text);
  const lines = new LineMap(text);
  const relative = relativeTo(project.root, fileName);
  const fileKind = fileKindOf(relative, text, project, config);
  const findings: Finding[] = [];
  const fixesWanted = input.fixes ?? true;
  const wantFixes = (ruleId: RuleId, start: number, end: number): boolean =>
    typeof fixesWanted === 'function' ? fixesWanted({ ruleId, start, end }) : fixesWanted;
  const listeners: Array<{ rule: RuleDefinition; listener: FileListener<NodeOf<typeof language>> }> = [];
  const activeRules = new Set<string>();
  const failures = new Map<RuleId, string>();
  for (const rule of input.rules ?? RULES) {
    const create = rule.languages?.[language] as ((ctx: FileRuleContext<typeof language>) => FileListener<NodeOf<typeof language>>) | undefined;
    if (!create) continue;
    const setting = config.rules[rule.id];
    if (setting?.level === 'off') continue;
    if (!config.includeTestsAndScripts && isSkippedKind(rule, fileKind)) continue;
    activeRules.add(rule.id);
    const severity: Severity = setting && setting.level !== 'default' ? setting.level : rule.severity;
    try {
      const listener = create({
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
          findings.push(findingOf(rule, severity, messageId, data, range.start, range.end, wantFixes(rule.id, range.start, range.end), options));
        },
      });
      listeners.push({ rule, listener });
    } catch (error) {
      failures.set(rule.id, errorReason(error));
    }
  }
  const run = (rule: RuleDefinition, call: () => void): void => {
    if (failures.has(rule.id)) return;
    try {
      call();
    } catch (error) {
      failures.set(rule.id, errorReason(error));
    }
  };
  if (listeners.some(({ listener }) => listener.visit)) {
    const walk = definition.walk as (tree: TreeOf<typeof language>, visit: (node: NodeOf<typeof language>) => void) => void;
    walk(tree as TreeOf<typeof language>, (node) => {
      for (const { rule, listener } of listeners) if (listener.visit) run(rule, () => listener.visit!(node));
    });
  }
  for (const { rule, listener } of listeners) if (listener.end) run(rule, listener.end);

  const facts: FileFacts = { ...emptyFacts(), language, role: fileKind };
  if (language === 'dotenv') facts.dotenv = dotenvFacts(tree as TreeOf<'dotenv'>, text);
  else if (language === 'dockerfile') facts.docker = dockerFacts(tree as TreeOf<'dockerfile'>, text);
  const directives = hashDirectives(language, tree, text, lines);
  if (directives.length > 0) facts.directives = directives.map(directiveFact);
  const statementStart = definition.statementStart as ((tree: TreeOf<typeof language>, offset: number) => number | undefined) | undefined;
  const lineOf = (offset: number): number => lines.lineOf(statementStart?.(tree as TreeOf<typeof language>, offset) ?? offset);
  const reported = failures.size === 0 ? findings : findings.filter((finding) => !failures.has(finding.ruleId));
  const kept = applyDirectives(dedupe(reported), directives, lineOf, text, activeRules, config);
  kept.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  const result: AnalyzeResult = { findings: kept, facts, parsed: { language, tree, lines } as ParsedFile, fileKind };
  if (failures.size > 0) result.ruleFailures = [...failures].map(([ruleId, message]) => ({ ruleId, message }));
  return result;
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
    severity: cappedSeverity(severity, options?.severity),
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

const NOOP: NodeHandler = () => undefined;

/**
 * One finding per rule and range: a rule can meet the same node from two handlers (a call and its callee, on
 * token soup), and two findings there would offer the same edits twice. The first one reported is kept.
 */
function dedupe(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const finding of findings) {
    const key = `${finding.ruleId}\u0000${finding.start}\u0000${finding.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(finding);
  }
  return out.length === findings.length ? findings : out;
}

function isSkippedKind(rule: RuleDefinition, kind: FileKind): boolean {
  return isSkippedIn(kind, rule.skipIn);
}

/** The file's role (roles.ts), from its path in the workspace, its text, its package.json and the config's overrides. */
export function fileKindOf(relative: string, text: string, project: ProjectView, config: AnalyzerConfig): FileKind {
  const path = project.pathPrefix ? `${project.pathPrefix}/${relative}` : relative;
  return classifyFile(path, text, { manifest: project.manifest, overrides: config.roles, projectPath: relative });
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
