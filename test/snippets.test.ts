// Snippets teach the twelve factors, so each one must be valid code that our own analyzer finds clean.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { analyze, resolveProjectFindings } from '../server/src/analyzer/analyze';
import { ProjectIndex } from '../server/src/analyzer/project';
import { expandSnippet } from './support/snippet-expander';

const ROOT = resolve(__dirname, '..', '..');
const SNIPPETS_DIR = join(ROOT, 'snippets');
const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;
const EXTENSION: Record<(typeof LANGUAGES)[number], string> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

/** The factors as 12factor.net numbers and names them; a description opens with "<numeral>. <name> — ". */
const FACTORS: ReadonlyArray<readonly [string, string]> = [
  ['I', 'Codebase'],
  ['II', 'Dependencies'],
  ['III', 'Config'],
  ['IV', 'Backing services'],
  ['V', 'Build, release, run'],
  ['VI', 'Processes'],
  ['VII', 'Port binding'],
  ['VIII', 'Concurrency'],
  ['IX', 'Disposability'],
  ['X', 'Dev/prod parity'],
  ['XI', 'Logs'],
  ['XII', 'Admin processes'],
];

interface Snippet {
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

interface SnippetContribution {
  language: string;
  path: string;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function contributions(): SnippetContribution[] {
  const pkg = readJson(join(ROOT, 'package.json')) as { contributes?: { snippets?: SnippetContribution[] } };
  return pkg.contributes?.snippets ?? [];
}

function snippetFiles(): string[] {
  return readdirSync(SNIPPETS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

function loadSnippets(file: string): Array<[string, Snippet]> {
  return Object.entries(readJson(join(SNIPPETS_DIR, file)) as Record<string, Snippet>);
}

function bodyText(snippet: Snippet): string {
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

function prefixes(snippet: Snippet): string[] {
  return Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
}

/** Languages package.json contributes a snippets file for. */
function languagesOf(file: string): string[] {
  return contributions()
    .filter((entry) => entry.path.replace(/^\.\//, '') === `snippets/${file}`)
    .map((entry) => entry.language);
}

/** Syntax errors only: transpileModule reports the parser's diagnostics (and, for .js, TS-only syntax). */
function syntaxErrors(text: string, fileName: string): string[] {
  const result = ts.transpileModule(text, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      jsx: ts.JsxEmit.Preserve,
      allowJs: true,
    },
  });
  return (result.diagnostics ?? []).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : '?';
    return `line ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/**
 * Semantic errors of snippets that need nothing but Node's own types, under strict (and checkJs for .js),
 * keyed by file name. One program for all of them: building one per snippet costs seconds each.
 * The files are virtual but sit under the repository so that node_modules/@types/node resolves.
 */
function typeCheck(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const byPath = new Map([...files].map(([name, text]) => [join(ROOT, 'snippet-typecheck', name), text]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    allowJs: true,
    checkJs: true,
    jsx: ts.JsxEmit.Preserve,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => byPath.has(name) || fileExists.call(host, name);
  host.readFile = (name) => byPath.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, languageVersion, ...rest) => {
    const text = byPath.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, languageVersion, ...rest)
      : ts.createSourceFile(name, text, languageVersion, true);
  };
  const program = ts.createProgram([...byPath.keys()], options, host);
  const result = new Map<string, string[]>();
  for (const [name] of files) {
    const sourceFile = program.getSourceFile(join(ROOT, 'snippet-typecheck', name));
    assert.ok(sourceFile, `${name} is not in the program`);
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    result.set(
      name,
      diagnostics.map((d) => {
        const line = d.start === undefined ? '?' : sourceFile.getLineAndCharacterOfPosition(d.start).line + 1;
        return `line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
  return result;
}

/** Snippets that import nothing and use no free names: these must also type-check, not just parse. */
const SELF_CONTAINED = new Set(['12f-config', '12f-release']);

const EXPRESS_APP = "import express from 'express';\n\nconst app = express();\n\n";

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('snippets', () => {
  const files = snippetFiles();

  it('exist', () => {
    assert.ok(files.length > 0, 'no snippets/*.json');
  });

  describe('package.json contributes.snippets', () => {
    for (const file of files) {
      it(`lists snippets/${file} for each language it is written in`, () => {
        const languages = languagesOf(file);
        // TypeScript bodies carry type annotations, which are syntax errors in JavaScript: the TS file serves
        // ts/tsx and the JS file js/jsx. Between them every one of the four languages gets snippets.
        const expected = file === 'typescript.json' ? ['typescript', 'typescriptreact'] : ['javascript', 'javascriptreact'];
        assert.deepEqual([...languages].sort(), expected.sort());
      });
    }

    it('gives each of the four languages snippets, and every listed path exists', () => {
      const entries = contributions();
      for (const language of LANGUAGES) {
        assert.ok(
          entries.some((entry) => entry.language === language),
          `no snippets contributed for ${language}`,
        );
      }
      for (const entry of entries) {
        assert.ok(files.includes(entry.path.replace(/^\.\/snippets\//, '')), `${entry.path} is not in snippets/`);
      }
    });
  });

  it('docs/snippets.md lists every prefix, and no prefix that does not exist', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'snippets.md'), 'utf8');
    const documented = [...new Set([...docs.matchAll(/`(12f-[a-z0-9-]+)`/g)].map((m) => m[1]))].sort();
    const all = [...new Set(files.flatMap((file) => loadSnippets(file).flatMap(([, s]) => prefixes(s))))].sort();
    assert.deepEqual(documented, all);
  });

  it('the TypeScript and JavaScript files offer the same prefixes', () => {
    const ts = loadSnippets('typescript.json').flatMap(([, s]) => prefixes(s)).sort();
    const js = loadSnippets('javascript.json').flatMap(([, s]) => prefixes(s)).sort();
    assert.deepEqual(js, ts);
  });

  for (const file of files) {
    describe(file, () => {
      const snippets = loadSnippets(file);
      const languages = languagesOf(file) as Array<(typeof LANGUAGES)[number]>;
      const sourceExtension = EXTENSION[languages[0] ?? 'typescript'];

      it('has unique prefixes', () => {
        const all = snippets.flatMap(([, s]) => prefixes(s));
        assert.deepEqual(all, [...new Set(all)]);
      });

      for (const [name, snippet] of snippets) {
        describe(name, () => {
          it('has a 12f- prefix', () => {
            for (const prefix of prefixes(snippet)) assert.match(prefix, /^12f-[a-z0-9-]+$/);
          });

          it('has a description that names its factor', () => {
            const description = snippet.description ?? '';
            const match = /^([IVX]+)\. ([^—]+?) — \S/.exec(description);
            assert.ok(match, `description should open with "<numeral>. <factor> — ": ${description}`);
            const factor = FACTORS.find(([numeral]) => numeral === match[1]);
            assert.ok(factor, `${match[1]} is not a factor numeral`);
            assert.equal(match[2], factor[1], `factor ${match[1]} is "${factor[1]}"`);
          });

          for (const language of languages) {
            it(`parses as ${language} with every default filled`, () => {
              const fileName = `src/snippet${EXTENSION[language]}`;
              const text = expandSnippet(bodyText(snippet), fileName);
              assert.deepEqual(syntaxErrors(text, fileName), [], text);
            });
          }

        });
      }

      it(`type-checks the self-contained snippets (${[...SELF_CONTAINED].join(', ')}) under strict`, function () {
        this.timeout(60000);
        const inputs = new Map<string, string>();
        for (const [, snippet] of snippets) {
          const prefix = prefixes(snippet)[0];
          if (!SELF_CONTAINED.has(prefix)) continue;
          for (const language of languages) {
            const fileName = `${prefix}${EXTENSION[language]}`;
            inputs.set(fileName, expandSnippet(bodyText(snippet), `src/${fileName}`));
          }
        }
        assert.equal(inputs.size, SELF_CONTAINED.size * languages.length, 'a self-contained snippet is missing');
        const errors = [...typeCheck(inputs)].flatMap(([name, list]) => list.map((error) => `${name} ${error}`));
        assert.deepEqual(errors, []);
      });

      // A project made of every snippet of this file, as a user who typed them all would have. Facts are
      // project-wide: `12f-port` listens and `12f-graceful-shutdown` handles SIGTERM, in different files.
      it('is twelve-factor clean by our own analyzer, every snippet with every rule', () => {
        const project = new ProjectIndex('/snippet-project');
        project.setPackageJson({
          name: 'snippet-project',
          dependencies: new Set([
            'bullmq',
            'connect-redis',
            'express',
            'express-session',
            'ioredis',
            'pg',
            'pino',
            'redis',
          ]),
        });
        const texts = snippets.map(([name, snippet]) => {
          const prefix = prefixes(snippet)[0];
          const fileName = `/snippet-project/src/${prefix}${sourceExtension}`;
          const body = expandSnippet(bodyText(snippet), fileName);
          // Snippets that use an `app` they do not create are inserted into an Express app's file: give the
          // rules the same context (e.g. handle-sigterm only knows `app.listen` starts a server from it).
          const text = /\bapp\.\w+\(/.test(body) && !/\b(const|let|var) app\b/.test(body) ? EXPRESS_APP + body : body;
          return { name, fileName, text };
        });
        for (const { fileName, text } of texts) project.setFile(fileName, analyze({ fileName, text }).facts);

        const problems: string[] = [];
        for (const { name, fileName, text } of texts) {
          const { findings, skipped } = analyze({ fileName, text, project });
          assert.equal(skipped, undefined, `${name} was skipped`);
          for (const finding of resolveProjectFindings(findings, project, fileName)) {
            problems.push(`${name}:${lineOf(text, finding.start)} ${finding.ruleId}: ${finding.message}`);
          }
        }
        assert.deepEqual(problems, []);
      });
    });
  }
});

describe('snippet expander', () => {
  const cases: Array<[string, string]> = [
    ['const ${1:port} = 1; $1++;$0', 'const port = 1; port++;'],
    ["level: '${2|info,debug|}'", "level: 'info'"],
    ['${1:outer ${2:inner}} $2', 'outer inner inner'],
    ['`\\${name}` costs \\$5 \\} \\\\', '`${name}` costs $5 } \\'],
    ["'\\n'", "'\\n'"],
    ['$TM_FILENAME_BASE ${TM_SELECTED_TEXT:fallback}', 'snippet fallback'],
    ['a $ b', 'a $ b'],
    ['${1|a\\,b,c|}', 'a,b'],
    ['${1:x} ${1/(.*)/${1:/upcase}/}', 'x x'],
  ];
  for (const [body, expected] of cases) {
    it(`${body} → ${expected}`, () => {
      assert.equal(expandSnippet(body), expected);
    });
  }

  it('rejects an unescaped ${ in a template literal', () => {
    assert.throws(() => expandSnippet('`${name.length}`'), /escape a literal \$/);
  });

  it('rejects an unknown variable (VS Code would insert its name)', () => {
    assert.throws(() => expandSnippet('cost: $price'), /unknown snippet variable/);
  });

  it('rejects an unterminated placeholder', () => {
    assert.throws(() => expandSnippet('${1:port'), /unterminated/);
  });

  it('the type check catches a type error, in TypeScript and in JSDoc-typed JavaScript', function () {
    this.timeout(60000);
    const result = typeCheck(
      new Map([
        ['bad.ts', 'export const x: number = process.env.PORT;'],
        ['bad.js', '/** @type {number} */\nexport const x = process.env.PORT;'],
        ['good.ts', 'export const x: string | undefined = process.env.PORT;'],
      ]),
    );
    assert.notDeepEqual(result.get('bad.ts'), []);
    assert.notDeepEqual(result.get('bad.js'), []);
    assert.deepEqual(result.get('good.ts'), []);
  });

  it('the syntax check catches TypeScript-only syntax in JavaScript', () => {
    assert.notDeepEqual(syntaxErrors('const x: number = 1;', 'src/snippet.js'), []);
    assert.deepEqual(syntaxErrors('const x: number = 1;', 'src/snippet.ts'), []);
  });
});
