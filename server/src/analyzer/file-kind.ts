/** How a file is used, judged from its path inside its project and its first line. */
export interface FileKind {
  /** Tests, specs, mocks and fixtures. */
  test: boolean;
  /** Build, tooling and command-line scripts: a shebang, `bin/`, `scripts/`, `*.config.*`. */
  script: boolean;
}

const TEST_DIR = /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|specs?|e2e|fixtures?|mocks?|test-utils|testing)\//i;
const TEST_NAME = /(\.(test|spec|e2e-spec|e2e|stories|story|bench)\.[cm]?[jt]sx?$)|((^|\/)(tests?|specs?)\.[cm]?[jt]sx?$)/i;
const SCRIPT_DIR = /(^|\/)(bin|scripts?|tools|tasks|migrations|seeds?|seeders|ci|\.github|\.husky)\//i;
const SCRIPT_NAME =
  /(^|\/)([\w.-]+\.config|\.[\w-]*rc|gulpfile|gruntfile|jakefile|webpack\.[\w.-]+|rollup\.[\w.-]+|vite\.[\w.-]+|seed|seeds|migrate)\.[cm]?[jt]sx?$/i;

/**
 * @param relativePath path of the file relative to its project root, with forward slashes
 * @param text the file's text (only the first line is read)
 */
export function classifyFile(relativePath: string, text: string): FileKind {
  const path = relativePath.replace(/\\/g, '/');
  const test = TEST_DIR.test(path) || TEST_NAME.test(path);
  const script = text.startsWith('#!') || SCRIPT_DIR.test(path) || SCRIPT_NAME.test(path);
  return { test, script };
}
