// The rule registry, sorted by id. A rule file's path is its id.
import type { RuleDefinition, RuleOptionsSchema } from '../rule';
import noAdminRoute from './admin-processes/no-admin-route';
import noHardcodedHost from './backing-services/no-hardcoded-host';
import noHardcodedServiceUrl from './backing-services/no-hardcoded-service-url';
import noGitVersionAtRuntime from './build-release-run/no-git-version-at-runtime';
import noRuntimeInstall from './build-release-run/no-runtime-install';
import noRuntimeTranspiler from './build-release-run/no-runtime-transpiler';
import noCrossAppImport from './codebase/no-cross-app-import';
import noUnusedDisable from './codebase/no-unused-disable';
import noSelfDaemonize from './concurrency/no-self-daemonize';
import noCommittedEnvFile from './config/no-committed-env-file';
import noEnvFileInImage from './config/no-env-file-in-image';
import noEnvironmentGroups from './config/no-environment-groups';
import noHardcodedSecret from './config/no-hardcoded-secret';
import noUndocumentedEnv from './config/no-undocumented-env';
import noSystemTool from './dependencies/no-system-tool';
import noUndeclaredImport from './dependencies/no-undeclared-import';
import noStageSpecificBackingService from './dev-prod-parity/no-stage-specific-backing-service';
import exitOnUncaught from './disposability/exit-on-uncaught';
import handleSigterm from './disposability/handle-sigterm';
import noConsole from './logs/no-console';
import noLogFiles from './logs/no-log-files';
import noLogShipping from './logs/no-log-shipping';
import noHardcodedPort from './port-binding/no-hardcoded-port';
import noInMemorySession from './processes/no-in-memory-session';
import noLocalFileState from './processes/no-local-file-state';

export const UNUSED_DISABLE_RULE_ID = 'codebase/no-unused-disable' as const;

export const RULES: readonly RuleDefinition[] = [
  noAdminRoute,
  noHardcodedHost,
  noHardcodedServiceUrl,
  noGitVersionAtRuntime,
  noRuntimeInstall,
  noRuntimeTranspiler,
  noCrossAppImport,
  noUnusedDisable,
  noSelfDaemonize,
  noCommittedEnvFile,
  noEnvFileInImage,
  noEnvironmentGroups,
  noHardcodedSecret,
  noUndocumentedEnv,
  noSystemTool,
  noUndeclaredImport,
  noStageSpecificBackingService,
  exitOnUncaught,
  handleSigterm,
  noConsole,
  noLogFiles,
  noLogShipping,
  noHardcodedPort,
  noInMemorySession,
  noLocalFileState,
] as readonly RuleDefinition[];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.id));

/** Each rule's options schema (undefined: it takes none), to check `.twelvefactorrc.json` against. */
export const RULE_OPTIONS: ReadonlyMap<string, RuleOptionsSchema | undefined> = new Map(RULES.map((rule) => [rule.id, rule.options]));

const RULES_BY_ID = new Map<string, RuleDefinition>(RULES.map((rule) => [rule.id, rule]));

/** The options of a rule that hold regular expressions (checked when a config file is read). */
export function regexOptionsOf(ruleId: string): readonly string[] | undefined {
  return RULES_BY_ID.get(ruleId)?.regexOptions;
}
