// What the rules know about environment variables and `.env` files: which names the platform, the OS or the tools
// set (a deploy does not list them), which files document names rather than hold a deploy's values, and which
// stage names belong to deploys.

/** Names set by the OS, the shell, Node, npm, CI systems and hosting platforms; never the app's own config. */
const PLATFORM_NAMES = new Set([
  'NODE_ENV', 'PORT', 'HOME', 'PATH', 'PWD', 'OLDPWD', 'USER', 'USERNAME', 'LOGNAME', 'SHELL', 'TMPDIR', 'TEMP', 'TMP',
  'LANG', 'LANGUAGE', 'LC_ALL', 'TZ', 'TERM', 'CI', 'DEBUG', 'HOSTNAME', 'FORCE_COLOR', 'NO_COLOR', 'INIT_CWD',
  'NODE_OPTIONS', 'NODE_DEBUG', 'NODE_PATH', 'NODE_EXTRA_CA_CERTS', 'NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_APP_INSTANCE',
  'NODE_UNIQUE_ID', 'UV_THREADPOOL_SIZE', 'JEST_WORKER_ID', 'VITEST', 'VITEST_WORKER_ID', 'TS_NODE_PROJECT',
  'DYNO', 'NETLIFY', 'VERCEL', 'VERCEL_ENV', 'VERCEL_URL', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION',
  'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_EXECUTION_ENV',
  'LAMBDA_TASK_ROOT', 'pm_id', 'NEXT_RUNTIME', 'NEXT_PHASE', 'NEXT_PUBLIC_VERCEL_URL', 'APPDATA', 'LOCALAPPDATA',
  'USERPROFILE', 'COMSPEC', 'SYSTEMROOT', 'WINDIR', 'PROGRAMFILES', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME',
  'EXPO_OS', 'EDITOR', 'VISUAL', 'PAGER', 'SSH_AUTH_SOCK', 'DISPLAY', 'COLUMNS', 'LINES', 'npm_lifecycle_event',
]);

/** Prefixes of names CI systems and platforms set: `GITHUB_SHA`, `npm_package_version`, `RENDER_EXTERNAL_URL`. */
const PLATFORM_PREFIXES = [
  'npm_', 'GITHUB_', 'RUNNER_', 'GITLAB_', 'CI_', 'CIRCLE', 'TRAVIS', 'BUILDKITE', 'BITBUCKET_', 'DRONE', 'JENKINS_',
  'VERCEL_', 'NETLIFY_', 'HEROKU_', 'RENDER_', 'RAILWAY_', 'FLY_', 'AWS_LAMBDA_', 'FUNCTION_', 'KUBERNETES_',
  'WEBSITE_', 'AZURE_FUNCTIONS_', 'CF_PAGES', 'GAE_', 'CODESPACE', 'GITPOD_', 'REPL_', 'NX_', 'TURBO_', 'VSCODE_',
  'ELECTRON_', 'DOTENV_',
];

/** Vite's own `import.meta.env` names. */
const BUNDLER_NAMES = new Set(['MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL']);

export function isPlatformVariable(name: string, via: 'process' | 'import.meta'): boolean {
  if (PLATFORM_NAMES.has(name)) return true;
  if (via === 'import.meta' && BUNDLER_NAMES.has(name)) return true;
  return PLATFORM_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** Files that document the names a deploy sets, with placeholder values: `.env.example`, `.env.sample`, … */
export function isEnvExampleName(base: string): boolean {
  return /^\.env[.-](example|sample|template|dist|defaults?)$|^(example|sample|template)\.env$|^\.env\.[\w.-]+\.(example|sample|template)$/i.test(base);
}

/**
 * Files that hold values for tests or CI only (`.env.test`, `.env.ci`, and the suffix spelling `ci.env`,
 * `app.test.env` that docker-compose `env_file:` entries use): test config, not a deploy's.
 */
export function isTestEnvName(base: string): boolean {
  return /^\.env\.(test|testing|ci|e2e|spec)(\.local)?$/i.test(base) || /^([\w-]+[.-])?(test|testing|ci|e2e|spec)\.env$/i.test(base);
}

/** Deploy stages: config named after them is the "environments" grouping factor III warns about. */
export const DEPLOY_STAGES = new Set(['production', 'prod', 'staging', 'stage', 'preprod', 'pre-prod', 'preproduction', 'qa', 'uat', 'live']);
/** Stage names of a developer's machine and tests. */
export const LOCAL_STAGES = new Set(['development', 'dev', 'local', 'test', 'testing', 'ci', 'e2e']);
