// The languages the extension analyzes, in one place: the VS Code client's document selector, the activation events
// and snippet contributions in package.json (checked by test/meta.test.ts) and the server's documents all follow it.
// A new file kind (package.json, Dockerfile, .env) is added here first.

/** VS Code language id → the file extension the analyzer gives a document of that language when its name has none. */
export const LANGUAGE_EXTENSIONS = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
} as const satisfies Record<string, string>;

export type LanguageId = keyof typeof LANGUAGE_EXTENSIONS;

export const LANGUAGES = Object.keys(LANGUAGE_EXTENSIONS) as LanguageId[];

/**
 * The files around the code the server analyzes, chosen by name whatever their language id (`.env` files are
 * `dotenv`, `properties` or plain text depending on the extensions installed), and Dockerfiles by their language id.
 * test/meta.test.ts checks these against the analyzer's list of the files it reads.
 */
export const FILE_PATTERNS = [
  '**/package.json',
  '**/.twelvefactorrc.json',
  '**/{Dockerfile,dockerfile,Containerfile,containerfile}',
  '**/{Dockerfile,dockerfile,Containerfile,containerfile}.*',
  '**/*.{Dockerfile,dockerfile,Containerfile,containerfile}',
  '**/.env',
  '**/.env.*',
  '**/*.env',
] as const;

/** Language ids selected whatever the file name. */
export const OTHER_LANGUAGES = ['dockerfile'] as const;
