// Editor settings (`twelveFactor.*`). DEFAULT_SETTINGS mirrors `contributes.configuration` in package.json;
// test/meta.test.ts checks that the two agree.
import { DEFAULT_CONFIG, RULE_IDS, mergeConfig, type AnalyzerConfig, type RuleConfig, type RuleLevel } from '../analyzer';

export type RunMode = 'onType' | 'onSave';
export type TraceLevel = 'off' | 'messages' | 'verbose';
export type RuleSettingLevel = RuleLevel | 'default';

export interface Settings {
  enable: boolean;
  run: RunMode;
  /** Rule id → level; overrides `.twelvefactorrc.json` for this editor only. */
  rules: Record<string, RuleSettingLevel>;
  /** Also lint tests, fixtures and scripts. `false` leaves the project's `.twelvefactorrc.json` in charge. */
  includeTestsAndScripts: boolean;
  /**
   * The import line of the project's own logger (e.g. `import { logger } from '@/lib/logger'`), used by
   * "Replace with logger" when a file has none; '' leaves `.twelvefactorrc.json` or pino in charge.
   */
  loggerImport: string;
  trace: { server: TraceLevel };
}

export const SETTINGS_SECTION = 'twelveFactor';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  run: 'onType',
  rules: {},
  includeTestsAndScripts: false,
  loggerImport: '',
  trace: { server: 'off' },
}) as Readonly<Settings>;

const NO_CONSOLE = 'logs/no-console';

const LEVELS: ReadonlySet<string> = new Set(['off', 'error', 'warning', 'info', 'hint', 'default']);

/** Reads what the client sent for the `twelveFactor` section; anything malformed falls back to its default. */
export function toSettings(raw: unknown): Settings {
  const record = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const rules: Record<string, RuleSettingLevel> = {};
  if (record.rules !== null && typeof record.rules === 'object' && !Array.isArray(record.rules)) {
    for (const [id, level] of Object.entries(record.rules as Record<string, unknown>)) {
      const normalized = level === 'warn' ? 'warning' : level;
      if (typeof normalized === 'string' && LEVELS.has(normalized)) rules[id] = normalized as RuleSettingLevel;
    }
  }
  const trace = record.trace !== null && typeof record.trace === 'object' ? (record.trace as Record<string, unknown>) : {};
  return {
    enable: typeof record.enable === 'boolean' ? record.enable : DEFAULT_SETTINGS.enable,
    run: record.run === 'onSave' || record.run === 'onType' ? record.run : DEFAULT_SETTINGS.run,
    rules,
    includeTestsAndScripts:
      typeof record.includeTestsAndScripts === 'boolean'
        ? record.includeTestsAndScripts
        : DEFAULT_SETTINGS.includeTestsAndScripts,
    loggerImport: typeof record.loggerImport === 'string' ? record.loggerImport.trim() : DEFAULT_SETTINGS.loggerImport,
    trace: {
      server: trace.server === 'messages' || trace.server === 'verbose' ? trace.server : DEFAULT_SETTINGS.trace.server,
    },
  };
}

/**
 * What is wrong with the `twelveFactor.rules` setting: rule ids that name no rule, levels that are not one. Said to
 * the user (they are left out of the settings, so a typo would otherwise silently do nothing).
 */
export function settingsProblems(raw: unknown): string[] {
  const record = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const rules = record.rules;
  if (rules === undefined || rules === null) return [];
  if (typeof rules !== 'object' || Array.isArray(rules)) return ['twelveFactor.rules must be an object of rule id to level'];
  const problems: string[] = [];
  for (const [id, level] of Object.entries(rules as Record<string, unknown>)) {
    if (!RULE_IDS.has(id)) problems.push(`twelveFactor.rules: unknown rule "${id}"`);
    else if (!(typeof level === 'string' && (LEVELS.has(level) || level === 'warn'))) {
      problems.push(`twelveFactor.rules: "${id}" must be one of off, error, warning, info, hint, default`);
    }
  }
  return problems;
}

/** The analyzer configuration for a document: defaults ← `.twelvefactorrc.json` ← editor settings. */
export function effectiveConfig(fileConfig: AnalyzerConfig = DEFAULT_CONFIG, settings: Settings): AnalyzerConfig {
  const rules: Record<string, RuleConfig> = {};
  for (const [id, level] of Object.entries(settings.rules)) {
    // A level from the editor keeps the rule's options from the config file.
    rules[id] = { level, options: fileConfig.rules[id]?.options ?? {} };
  }
  const consoleOptions = (rules[NO_CONSOLE] ?? fileConfig.rules[NO_CONSOLE])?.options ?? {};
  if (settings.loggerImport && consoleOptions.loggerImport === undefined) {
    // The project's config file wins over one editor's setting.
    const level = rules[NO_CONSOLE]?.level ?? fileConfig.rules[NO_CONSOLE]?.level ?? 'default';
    rules[NO_CONSOLE] = { level, options: { ...consoleOptions, loggerImport: settings.loggerImport } };
  }
  return mergeConfig(fileConfig, {
    rules,
    includeTestsAndScripts: settings.includeTestsAndScripts || fileConfig.includeTestsAndScripts,
  });
}
