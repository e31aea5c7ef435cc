// Runs the project checks of rules (RuleDefinition.project) over an indexed project, and hands back their findings
// by the file they land in. The findings honour the target file's disable comments and the rules' levels, like
// per-file findings; the callers (the CLI's scan, the language server) decide when the index is complete.
import { DEFAULT_CONFIG, type AnalyzerConfig } from './config';
import { LineMap } from './languages/line-map';
import type { FileFacts, ProjectView } from './project';
import { formatMessage, type Finding, type RuleDefinition, type Severity } from './rule';
import { RULES } from './rules/index';
import { isSkippedIn } from './roles';

/** Findings of project checks, by absolute path of the file they are in. */
export type ProjectFindings = Map<string, Finding[]>;

export interface ProjectRuleOptions {
  config?: AnalyzerConfig;
  rules?: readonly RuleDefinition[];
  /** Compute fixes (default false: diagnostics alone do not need them). */
  fixes?: boolean;
  /** Facts to use instead of the index's for some files (a code action's fresh analysis of the open buffer). */
  overrides?: ReadonlyMap<string, FileFacts>;
}

/** True when any of the rules (all registered by default) has a project check the config leaves on. */
export function hasProjectRules(config: AnalyzerConfig = DEFAULT_CONFIG, rules: readonly RuleDefinition[] = RULES): boolean {
  return rules.some((rule) => rule.project && config.rules[rule.id]?.level !== 'off');
}

export function runProjectRules(project: ProjectView, options: ProjectRuleOptions = {}): ProjectFindings {
  const config = options.config ?? DEFAULT_CONFIG;
  const out: ProjectFindings = new Map();
  if (!project.files) return out;
  const overrides = options.overrides;
  const view: ProjectView = overrides && overrides.size > 0 ? withOverrides(project, overrides) : project;
  const factsOf = (file: string): FileFacts | undefined => {
    if (overrides?.has(file)) return overrides.get(file);
    if (view.factsOf) return view.factsOf(file);
    for (const [name, facts] of view.files!()) if (name === file) return facts;
    return undefined;
  };
  for (const rule of options.rules ?? RULES) {
    if (!rule.project) continue;
    const setting = config.rules[rule.id];
    if (setting?.level === 'off') continue;
    const severity: Severity = setting && setting.level !== 'default' ? setting.level : rule.severity;
    rule.project.check({
      project: view,
      options: setting?.options ?? {},
      report(target, messageId, data, reportOptions) {
        const facts = factsOf(target.file);
        if (facts?.role && !config.includeTestsAndScripts) {
          if (isSkippedIn(facts.role, rule.skipIn)) return;
        }
        if (facts && isSuppressedIn(facts, rule.id, target.start)) return;
        const template = (rule.messages as Record<string, string>)[messageId];
        const fixes = reportOptions?.fixes;
        const finding: Finding = {
          ruleId: rule.id,
          factor: rule.factor,
          severity,
          messageId,
          message: formatMessage(template ?? messageId, data),
          start: target.start,
          end: target.end,
          fixes: !options.fixes || !fixes ? [] : typeof fixes === 'function' ? fixes() : fixes,
        };
        const list = out.get(target.file);
        if (list) list.push(finding);
        else out.set(target.file, [finding]);
      },
    });
  }
  for (const list of out.values()) list.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return out;
}

/** A file's disable comments applied to a project finding at `offset` (next-line ones need the file's text). */
function isSuppressedIn(facts: FileFacts, ruleId: string, offset: number): boolean {
  const directives = facts.directives;
  if (!directives || directives.length === 0) return false;
  const text = facts.dotenv?.text ?? facts.docker?.text;
  const line = text !== undefined ? new LineMap(text).lineOf(offset) : undefined;
  let disabled = false;
  for (const directive of directives) {
    if (directive.rules.length > 0 && !directive.rules.includes(ruleId)) continue;
    if (directive.kind === 'next-line') {
      if (line !== undefined && directive.targetLine === line) return true;
    } else if (directive.start <= offset) {
      disabled = directive.kind === 'disable';
    }
  }
  return disabled;
}

function withOverrides(project: ProjectView, overrides: ReadonlyMap<string, FileFacts>): ProjectView {
  const files = function* (): Iterable<[string, FileFacts]> {
    const seen = new Set<string>();
    for (const [file, facts] of project.files!()) {
      seen.add(file);
      yield [file, overrides.get(file) ?? facts];
    }
    for (const [file, facts] of overrides) if (!seen.has(file)) yield [file, facts];
  };
  return new Proxy(project, {
    get(target, property, receiver) {
      if (property === 'files') return files;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
