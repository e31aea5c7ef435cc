/** How a file is used, judged from its path inside its project and its first line. */
export interface FileKind {
  /** Tests, specs, mocks, fixtures, benchmarks, and examples or demos shipped beside a library. */
  test: boolean;
  /** Build, tooling and command-line scripts: a shebang, `bin/`, `scripts/`, `*.config.*`. */
  script: boolean;
}

const TEST_DIR =
  /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|specs?|e2e|fixtures?|mocks?|test-utils|testing|test-tsd|integration|benchmarks?|examples?|demos?|samples?)\//i;
const TEST_NAME =
  /(\.(test|spec|e2e-spec|e2e|stories|story|bench|test-d|tst)\.[cm]?[jt]sx?$)|((^|\/)(tests?|specs?)\.[cm]?[jt]sx?$)/i;
const SCRIPT_DIR = /(^|\/)(bin|([\w.]+[-_])?scripts?|tools|tasks|migrations|seeds?|seeders|ci|\.github|\.husky)\//i;
// Tool configuration: any `*.config.*` at the project's top, or a known tool's config anywhere. A NestJS
// `src/config/database.config.ts` is application configuration, not tooling.
const ROOT_CONFIG = /^[\w.-]+\.config\.[cm]?[jt]sx?$/i;
const SCRIPT_NAME =
  /(^|\/)((webpack|vite|vitest|rollup|jest|babel|eslint|prettier|tailwind|postcss|next|nuxt|svelte|astro|playwright|cypress|karma|tsup|esbuild|commitlint|lint-staged|stylelint|metro|craco|docusaurus)(\.[\w-]+)*\.config|\.[\w-]*rc|gulpfile|gruntfile|jakefile|knexfile|seed|seeds|migrate)\.[cm]?[jt]sx?$/i;

/**
 * @param relativePath path of the file relative to its project root, with forward slashes
 * @param text the file's text (only the first line is read)
 */
export function classifyFile(relativePath: string, text: string): FileKind {
  const path = relativePath.replace(/\\/g, '/');
  const test = TEST_DIR.test(path) || TEST_NAME.test(path);
  const script = text.startsWith('#!') || SCRIPT_DIR.test(path) || SCRIPT_NAME.test(path) || ROOT_CONFIG.test(path);
  return { test, script };
}
