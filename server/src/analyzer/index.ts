// The analyzer's one public face. The language server, the CLI and the file-discovery adapters (server/src/lsp,
// server/src/cli, server/src/project) import from here and nowhere else inside the analyzer (test/meta.test.ts
// checks it), so the inside can move without touching them.

// Analysis
export { analyze, parse, resolveProjectFindings, skipReason, type AnalyzeInput, type AnalyzeResult, type ParsedFile, type RuleFailure } from './analyze';

// Rules, findings and fixes
export {
  FACTORS,
  SEVERITY_RANK,
  formatMessage,
  ruleDocsUrl,
  RULE_DOCS_BASE_URL,
  type Factor,
  type Finding,
  type Fix,
  type FileRuleContext,
  type ProjectRuleContext,
  type RuleDefinition,
  type RuleId,
  type RuleOption,
  type RuleOptionsSchema,
  type Severity,
  type TextEdit,
} from './rule';
export { RULES, RULE_IDS, RULE_OPTIONS, UNUSED_DISABLE_RULE_ID, regexOptionsOf } from './rules/index';
export { disableFileFix, disableFileFixFor, disableLineFix, disableLineFixFor, removeUnusedDirectiveFix } from './fixes/disable';
export { applyEdits, compatibleFixes, editsFor, editsOverlap } from './fixes/edits';

// Configuration
export {
  CONFIG_FILE_NAME,
  DEFAULT_CONFIG,
  DEFAULT_MAX_FILE_SIZE,
  mergeConfig,
  parseConfig,
  type AnalyzerConfig,
  type ConfigProblem,
  type KnownRules,
  type ParsedConfig,
  type RuleConfig,
  type RuleLevel,
} from './config';

// The project index and the manifest
export {
  EMPTY_PROJECT,
  ProjectIndex,
  emptyFacts,
  packageInfoOf,
  parsePackageJson,
  type FileFacts,
  type PackageJsonInfo,
  type ProjectFactName,
  type ProjectView,
  type WorkspaceView,
} from './project';
export type { ModuleAliases } from './knowledge/modules';
export { hasProjectRules, runProjectRules, type ProjectFindings, type ProjectRuleOptions } from './project-rules';
export { DEPENDENCY_FIELDS, EMPTY_MANIFEST, parseManifest, parsePnpmWorkspace, type DependencyKind, type Manifest } from './manifest';

// Languages and the files the analyzer reads
export {
  EDITOR_LANGUAGE_IDS,
  LANGUAGES,
  LANGUAGE_IDS,
  LineMap,
  SUPPORTED_FILE_GLOBS,
  analysisNameFor,
  isSupportedFile,
  languageOf,
  type Language,
  type LanguageId,
  type LinePosition,
  type TextRange,
} from './languages/index';
export { SOURCE_EXTENSIONS, parseTypeScript, scriptKindOf, updateTypeScript } from './languages/typescript';

// What a file and a package are: the one classifier every rule and project fact asks (docs/file-roles.md)
export {
  FILE_ROLES,
  classifyFile,
  entryStems,
  isSkippedIn,
  packageRoleOf,
  type FileKind,
  type FileRole,
  type FileTrait,
  type PackageRole,
  type RoleContext,
} from './roles';

// The twelve factors and the report model
export { FACTOR_INFO, factorDocsPath, factorInfo, type FactorInfo } from './factors';
export {
  buildReport,
  emptyCounts,
  worstSeverity,
  type BuildReportOptions,
  type FactorRow,
  type FactorState,
  type ReportFinding,
  type ReportRule,
  type RuleRow,
  type SeverityCounts,
  type TwelveFactorReport,
} from './report';
