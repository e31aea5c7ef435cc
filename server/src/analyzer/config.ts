// Analyzer configuration: defaults, and the shared `.twelvefactorrc.json` file (JSONC).
import { findNodeAtLocation, parse as parseJsonc, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Severity } from './rule';
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
 * Parses `.twelvefactorrc.json` text. Never throws: every problem is returned with a message that says what
 * to change, and whatever parsed cleanly is kept (a typo in one rule does not drop the others).
 *
 * Shape: `{ "rules": { "<rule id>": "off" | "error" | "warning" | "info" | "hint" | [level, { options }] },
 *           "ignorePatterns": ["dist/**"], "includeTestsAndScripts": false, "maxFileSize": 2097152 }`
 */
export function parseConfig(
  text: string,
  knownRuleIds: ReadonlySet<string>,
  regexOptionsOf: (ruleId: string) => readonly string[] | undefined = () => undefined,
): ParsedConfig {
  const errors: ParseError[] = [];
  const json: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ConfigProblem[] = errors.map((error) => ({
    message: `JSON syntax error: ${printParseErrorCode(error.error)}`,
    offset: error.offset,
  }));
  const config: AnalyzerConfig = { ...DEFAULT_CONFIG, rules: {}, ignorePatterns: [] };
  if (errors.length > 0) return { config, problems };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    problems.push({ message: 'the file must hold a JSON object' });
    return { config, problems };
  }
  const record = json as Record<string, unknown>;
  // Where a key or value sits, so an editor can flag the line of the problem (the key's property for a name, the value
  // for a wrong value).
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const keyAt = (...location: string[]): number | undefined => (tree ? findNodeAtLocation(tree, location)?.parent?.offset : undefined);
  const valueAt = (...location: string[]): number | undefined => (tree ? findNodeAtLocation(tree, location)?.offset : undefined);
  const at = (offset: number | undefined): { offset?: number } => (offset === undefined ? {} : { offset });
  for (const key of Object.keys(record)) {
    if (!['rules', 'ignorePatterns', 'includeTestsAndScripts', 'maxFileSize', '$schema'].includes(key)) {
      problems.push({ message: `unknown key "${key}" (expected rules, ignorePatterns, includeTestsAndScripts, maxFileSize)`, ...at(keyAt(key)) });
    }
  }
  const rules = record.rules;
  if (rules !== undefined) {
    if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
      problems.push({ message: '"rules" must be an object of rule id to level', ...at(valueAt('rules')) });
    } else {
      for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
        if (!knownRuleIds.has(id)) {
          problems.push({ message: `unknown rule "${id}"`, ...at(keyAt('rules', id)) });
          continue;
        }
        const [levelValue, options] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
        const level = normalizeLevel(levelValue);
        if (level === undefined) {
          problems.push({ message: `rule "${id}": level must be one of off, error, warning, info, hint`, ...at(valueAt('rules', id)) });
          continue;
        }
        if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
          problems.push({ message: `rule "${id}": options must be an object`, ...at(valueAt('rules', id)) });
          continue;
        }
        const ruleOptions = (options as Record<string, unknown> | undefined) ?? {};
        for (const name of regexOptionsOf(id) ?? []) problems.push(...regexOptionProblems(text, id, name, ruleOptions[name]));
        config.rules[id] = { level, options: ruleOptions };
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
  return { config, problems };
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
  };
}
