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

/** Rule ids of `settings.rules` that no rule has, each with the closest known id when one is near. */
export function unknownRuleIds(settings: Settings): Array<{ id: string; suggestion?: string }> {
  return Object.keys(settings.rules)
    .filter((id) => !RULE_IDS.has(id))
    .sort()
    .map((id) => {
      const suggestion = closestRuleId(id);
      return suggestion ? { id, suggestion } : { id };
    });
}

/** The known rule id within a third of its length in edits of `id` (or sharing its name after the slash). */
function closestRuleId(id: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of RULE_IDS) {
    const distance = known.endsWith(`/${id}`) || id.endsWith(`/${known.split('/')[1]}`) ? 1 : editDistance(id, known);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
