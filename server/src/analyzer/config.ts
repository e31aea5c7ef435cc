// Analyzer configuration: defaults, and the shared `.twelvefactorrc.json` file (JSONC).
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { RuleOptionsSchema, Severity } from './rule';
import { roleOverrideProblem, type FileRole } from './roles';
import { compileUserPattern } from './user-regex';

export const CONFIG_FILE_NAME = '.twelvefactorrc.json';

export type RuleLevel = Severity | 'off';

export interface RuleConfig {
  level: RuleLevel | 'default';
  options: Record<string, unknown>;
}

export interface AnalyzerConfig {
  /** Per-rule overrides by id; rules not listed run at their default severity. */
  rules: Record<string, RuleConfig>;
  /** Glob patterns (relative to the project root) of files never analyzed. */
  ignorePatterns: string[];
  /** Run rules in tests, fixtures and scripts too (off by default: they would mostly be noise there). */
  includeTestsAndScripts: boolean;
  /** Files larger than this many bytes are skipped (bundles, generated code). */
  maxFileSize: number;
  /** Roles set by the team: glob (relative to the project root) → role, over what the classifier decides. */
  roles?: Record<string, FileRole>;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export const DEFAULT_CONFIG: AnalyzerConfig = Object.freeze({
  rules: {},
  ignorePatterns: [],
  includeTestsAndScripts: false,
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
}) as AnalyzerConfig;

export interface ConfigProblem {
  message: string;
  /** 0-based offset in the config text, when known. */
  offset?: number;
}

export interface ParsedConfig {
  config: AnalyzerConfig;
  problems: ConfigProblem[];
}

const LEVELS = new Set(['error', 'warning', 'warn', 'info', 'hint', 'off', 'default']);

function normalizeLevel(value: unknown): RuleLevel | 'default' | undefined {
  if (typeof value !== 'string' || !LEVELS.has(value)) return undefined;
  return value === 'warn' ? 'warning' : (value as RuleLevel | 'default');
}

/**
 * The rules a config may name: their ids, or (to check options too) each id with its options schema. A rule whose
 * schema is undefined takes no options.
 */
export type KnownRules = ReadonlySet<string> | ReadonlyMap<string, RuleOptionsSchema | undefined>;

/**
 * Parses `.twelvefactorrc.json` text. Never throws: every problem is returned with a message that says what
 * to change (and the offset it is at), and whatever parsed cleanly is kept (a typo in one rule does not drop the
 * others). An unknown rule, an unknown option of a rule and an option of the wrong type are problems.
 *
 * Shape: `{ "rules": { "<rule id>": "off" | "error" | "warning" | "info" | "hint" | [level, { options }] },
 *           "ignorePatterns": ["dist/**"], "includeTestsAndScripts": false, "maxFileSize": 2097152 }`
 */
export function parseConfig(
  text: string,
  knownRules: KnownRules,
  regexOptionsOf: (ruleId: string) => readonly string[] | undefined = () => undefined,
): ParsedConfig {
  const errors: ParseError[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const tree = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ConfigProblem[] = errors.map((error) => ({
    message: `JSON syntax error: ${printParseErrorCode(error.error)}`,
    offset: error.offset,
  }));
  const config: AnalyzerConfig = { ...DEFAULT_CONFIG, rules: {}, ignorePatterns: [] };
  if (errors.length > 0) return { config, problems };
  if (!tree || tree.type !== 'object') {
    problems.push({ message: 'the file must hold a JSON object', offset: tree?.offset ?? 0 });
    return { config, problems };
  }
  const record = valueOf(tree) as Record<string, unknown>;
  const valueAt = (...location: string[]): number | undefined => findNodeAtLocation(tree, location)?.offset;
  const at = (offset: number | undefined): { offset?: number } => (offset === undefined ? {} : { offset });
  for (const [key, keyNode] of properties(tree)) {
    if (!['rules', 'ignorePatterns', 'includeTestsAndScripts', 'maxFileSize', 'roles', '$schema'].includes(key)) {
      problems.push({ message: `unknown key "${key}" (expected rules, ignorePatterns, includeTestsAndScripts, maxFileSize, roles)`, offset: keyNode.offset });
    }
  }
  const rulesNode = propertyNode(tree, 'rules');
  const rules = record.rules;
  if (rules !== undefined) {
    if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
      problems.push({ message: '"rules" must be an object of rule id to level', offset: rulesNode?.offset });
    } else {
      for (const [id, idNode] of properties(rulesNode)) {
        const value = (rules as Record<string, unknown>)[id];
        const valueNode = propertyNode(rulesNode, id);
        if (!knownRules.has(id)) {
          problems.push({ message: `unknown rule "${id}"${suggestion(id, [...knownRules.keys()])}`, offset: idNode.offset });
          continue;
        }
        const [levelValue, options] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
        const level = normalizeLevel(levelValue);
        if (level === undefined) {
          problems.push({ message: `rule "${id}": level must be one of off, error, warning, info, hint`, offset: valueNode?.offset });
          continue;
        }
        if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
          problems.push({ message: `rule "${id}": options must be an object`, offset: valueNode?.offset });
          continue;
        }
        const ruleOptions = (options as Record<string, unknown> | undefined) ?? {};
        const regexOptions = regexOptionsOf(id) ?? [];
        for (const name of regexOptions) problems.push(...regexOptionProblems(text, id, name, ruleOptions[name]));
        const optionsNode = valueNode?.type === 'array' ? valueNode.children?.[1] : undefined;
        const kept = knownRules instanceof Map ? checkOptions(id, knownRules.get(id), ruleOptions, optionsNode, problems, regexOptions) : ruleOptions;
        config.rules[id] = { level, options: kept };
      }
    }
  }
  const ignore = record.ignorePatterns;
  if (ignore !== undefined) {
    if (Array.isArray(ignore) && ignore.every((p) => typeof p === 'string')) {
      // A pattern that names nothing is reported at its line and left out; the others apply.
      (ignore as string[]).forEach((pattern, i) => {
        const problem = ignorePatternProblem(pattern);
        if (problem === undefined) config.ignorePatterns.push(pattern);
        else problems.push({ message: `"ignorePatterns" entry ${JSON.stringify(pattern)} ${problem}`, offset: tree && findNodeAtLocation(tree, ['ignorePatterns', i])?.offset });
      });
    } else {
      problems.push({ message: '"ignorePatterns" must be an array of glob strings', ...at(valueAt('ignorePatterns')) });
    }
  }
  const include = record.includeTestsAndScripts;
  if (include !== undefined) {
    if (typeof include === 'boolean') config.includeTestsAndScripts = include;
    else problems.push({ message: '"includeTestsAndScripts" must be true or false', ...at(valueAt('includeTestsAndScripts')) });
  }
  const maxFileSize = record.maxFileSize;
  if (maxFileSize !== undefined) {
    if (typeof maxFileSize === 'number' && maxFileSize > 0) config.maxFileSize = maxFileSize;
    else problems.push({ message: '"maxFileSize" must be a positive number of bytes', ...at(valueAt('maxFileSize')) });
  }
  const roles = record.roles;
  if (roles !== undefined) {
    const rolesNode = propertyNode(tree, 'roles');
    if (roles === null || typeof roles !== 'object' || Array.isArray(roles)) {
      problems.push({ message: '"roles" must be an object of glob to role', offset: rolesNode?.offset });
    } else {
      // An entry that cannot be used is reported at its line and left out; the others apply.
      const kept: Record<string, FileRole> = {};
      for (const [glob, globNode] of properties(rolesNode)) {
        const role = (roles as Record<string, unknown>)[glob];
        const problem = roleOverrideProblem(glob, role);
        if (problem === undefined) kept[glob] = role as FileRole;
        else problems.push({ message: `"roles" entry ${JSON.stringify(glob)}: ${problem}`, offset: (problem.startsWith('role') ? propertyNode(rolesNode, glob) : undefined)?.offset ?? globNode.offset });
      }
      if (Object.keys(kept).length > 0) config.roles = kept;
    }
  }
  return { config, problems };
}

/**
 * Checks a rule's options against its schema: an unknown option or one of the wrong type is a problem and is left
 * out, so the rule sees its default instead of a value it cannot read.
 */
function checkOptions(
  id: string,
  schema: RuleOptionsSchema | undefined,
  options: Record<string, unknown>,
  node: JsonNode | undefined,
  problems: ConfigProblem[],
  regexOptions: readonly string[],
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  const names = Object.keys(schema ?? {});
  for (const [name, value] of Object.entries(options)) {
    const offset = node ? properties(node).find(([key]) => key === name)?.[1].offset : undefined;
    const option = schema?.[name];
    if (!option) {
      const known = names.length === 0 ? 'it takes no options' : `known: ${names.join(', ')}`;
      problems.push({ message: `rule "${id}": unknown option "${name}" (${known})`, offset });
      continue;
    }
    // Lists of regular expressions are checked, and reported, by regexOptionProblems.
    if (regexOptions.includes(name)) {
      kept[name] = value;
      continue;
    }
    const ok =
      option.type === 'string[]'
        ? Array.isArray(value) && value.every((item) => typeof item === 'string')
        : typeof value === option.type && (option.type !== 'number' || option.minimum === undefined || (value as number) >= option.minimum);
    if (!ok) {
      const expected = option.type === 'string[]' ? 'an array of strings' : option.minimum !== undefined ? `a number of at least ${option.minimum}` : `a ${option.type}`;
      problems.push({ message: `rule "${id}": option "${name}" must be ${expected}`, offset });
      continue;
    }
    kept[name] = value;
  }
  return kept;
}

/** The rule ids of `known` that differ from `id` by a typo (or a factor), as a hint. */
function suggestion(id: string, known: string[]): string {
  const name = id.split('/').pop() ?? id;
  const close = known.find((candidate) => candidate.split('/').pop() === name) ?? known.find((candidate) => distance(candidate, id) <= 2);
  return close ? ` (did you mean "${close}"?)` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function valueOf(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key] of properties(node)) {
        const value = propertyNode(node, key);
        if (value) out[key] = valueOf(value);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value;
  }
}

/** An object node's keys with their key nodes, in order. */
function properties(node: JsonNode | undefined): Array<[string, JsonNode]> {
  if (!node || node.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const key = property.children?.[0];
    return key && typeof key.value === 'string' ? [[key.value, key] as [string, JsonNode]] : [];
  });
}

function propertyNode(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  let found: JsonNode | undefined;
  for (const property of node.children ?? []) {
    if (property.children?.[0]?.value === key) found = property.children[1];
  }
  return found;
}

/** Problems of one regular-expression option: not a list of strings, or patterns that fail `compileUserPattern`. */
function regexOptionProblems(text: string, ruleId: string, name: string, value: unknown): ConfigProblem[] {
  if (value === undefined) return [];
  const tree = parseTree(text);
  const at = (...path: Array<string | number>) => (tree && findNodeAtLocation(tree, ['rules', ruleId, 1, name, ...path])?.offset) ?? undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    return [{ message: `rule "${ruleId}": "${name}" must be an array of regular expressions (strings)`, offset: at() }];
  }
  const problems: ConfigProblem[] = [];
  (value as string[]).forEach((source, i) => {
    const compiled = compileUserPattern(source);
    if (compiled.error !== undefined) {
      problems.push({ message: `rule "${ruleId}": "${name}" pattern ${JSON.stringify(short(source))} ${compiled.error}`, offset: at(i) });
    }
  });
  return problems;
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * Why an ignore pattern cannot be used, or undefined when it can. Patterns are relative to the project root; a
 * leading `/` anchors one there, as in `.gitignore`.
 */
export function ignorePatternProblem(pattern: string): string | undefined {
  const clean = pattern.trim().replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (pattern.trim() === '') return 'is empty; remove it';
  if (clean === '' || clean === '.') return 'names the project root itself; use "**" to ignore every file';
  if (/^[A-Za-z]:[\\/]/.test(pattern) || pattern.startsWith('\\\\')) return 'is an absolute path; patterns are relative to the project root';
  if (clean.split('/').includes('..')) return 'goes above the project root ("..")';
  if (pattern.length > 1000) return 'is longer than 1,000 characters';
  return undefined;
}

/** Later layers override earlier ones rule by rule (defaults ← config file ← editor settings). */
export function mergeConfig(base: AnalyzerConfig, override: Partial<AnalyzerConfig>): AnalyzerConfig {
  return {
    rules: { ...base.rules, ...override.rules },
    ignorePatterns: [...base.ignorePatterns, ...(override.ignorePatterns ?? [])],
    includeTestsAndScripts: override.includeTestsAndScripts ?? base.includeTestsAndScripts,
    maxFileSize: override.maxFileSize ?? base.maxFileSize,
    // The same object when only the base has roles: the compiled globs are cached by it (roles.ts).
    ...(override.roles ? { roles: { ...base.roles, ...override.roles } } : base.roles ? { roles: base.roles } : {}),
  };
}
