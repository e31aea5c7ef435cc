// Factor V, build, release, run: "every release should always have a unique release ID"; the release stage assigns
// it. A service that asks git for its version at run time needs the repository and the git binary in production, and
// reports whatever checkout it happens to run from, not the release that was deployed.
// Docs: docs/rules/build-release-run/no-git-version-at-runtime.md
import ts from 'typescript';
import { loadedModuleLiteral, moduleLoadVisitors, normalizeModule, skipOuterExpressions, textGate } from '../../ast';
import { isOwnFolder, ownSimpleGitMethod, ownSimpleGitNames, processCallOf, promisifiedBindings, runsInOwnFolder, type ProgramRef } from '../../child-process';
import { underEnvironmentGuard } from '../../env-guard';
import { packageNameOf } from '../../knowledge/modules';
import { defineRule } from '../../rule';
import { isDeployedApp } from '../../roles';

/** Modules that read the current commit, tag or branch from the working copy. */
const GIT_INFO_MODULES: ReadonlySet<string> = new Set([
  'git-rev-sync',
  'git-repo-info',
  'git-rev',
  'git-last-commit',
  'git-describe',
  'git-commit-info',
  'git-commit-id',
  'git-repo-version',
  'current-git-branch',
  'git-branch',
]);

const mayAskGit = textGate(['child_process', 'execa', 'zx', 'shelljs', 'cross-spawn', 'child-process-promise', '.git', 'simple-git', ...GIT_INFO_MODULES], ['Bun']);

/** git sub-commands that change a repository: a file running them is git tooling, not a service reading its version. */
const GIT_WRITES: ReadonlySet<string> = new Set(['commit', 'push', 'checkout', 'switch', 'add', 'merge', 'rebase', 'reset', 'stash', 'clone', 'fetch', 'pull', 'init', 'cherry-pick', 'am', 'apply']);

function changesRepository(args: readonly string[]): boolean {
  const [sub, ...rest] = args;
  if (sub === 'tag') return rest.some((arg) => !arg.startsWith('-') || /^-(a|d|s|f)$/.test(arg)) && !rest.some((arg) => /^(-l|--list|--contains|--points-at)/.test(arg));
  return sub !== undefined && GIT_WRITES.has(sub);
}

/** Files of `.git` that name the checked-out commit. */
const GIT_REF_FILE = /(^|[\\/])\.git[\\/](HEAD|ORIG_HEAD|FETCH_HEAD|packed-refs|refs([\\/]|$))/;

export default defineRule({
  id: 'build-release-run/no-git-version-at-runtime',
  factor: 'build-release-run',
  severity: 'warning',
  description: 'The release version and commit come from the release stage (an environment variable), not from git at run time.',
  messages: {
    command:
      'Reads the version from git at run time ("{{command}}"): a release has no repository or git binary, and the checkout is not the release. Have the release stage set it in the environment (GIT_COMMIT_SHA, RELEASE_VERSION) (V. Build, release, run).',
    file: 'Reads "{{file}}" at run time: a release has no .git folder. Have the release stage set the commit in the environment (GIT_COMMIT_SHA) (V. Build, release, run).',
    module:
      '"{{module}}" reads the commit from the working copy at run time: a release has no .git folder. Have the release stage set it in the environment (GIT_COMMIT_SHA, RELEASE_VERSION) (V. Build, release, run).',
  },
  // A build script or bundler config that stamps the version from git is the build stage doing its job.
  skipIn: ['test', 'script'],
  create(ctx) {
    // Git tools, libraries and desktop apps read repositories as their work.
    if (!isDeployedApp(ctx.project)) return { visit: {} };
    if (!mayAskGit(ctx.text)) return { visit: {} };
    let promisified: ReturnType<typeof promisifiedBindings> | undefined;
    let gits: Set<string> | undefined;
    const onModule = (literal: ts.StringLiteralLike): void => {
      const name = packageNameOf(normalizeModule(literal.text));
      if (name !== undefined && GIT_INFO_MODULES.has(name)) ctx.report(literal, 'module', { module: name });
    };
    const onCall = (node: ts.CallExpression | ts.TaggedTemplateExpression): void => {
      promisified ??= promisifiedBindings(ctx.sourceFile, ctx.imports);
      const call = processCallOf(node, ctx.imports, promisified);
      if (!call) return;
      for (const [index, program] of call.programs.entries()) {
        if (program.name === 'git' && changesRepository(program.args)) writesGit = true;
        const command = versionLookup(program);
        // In another folder it reads a repository the service works on (a git-backed wiki, a deploy tool).
        if (command && runsInOwnFolder(call, index) && !underEnvironmentGuard(node)) {
          pending.push({ node, command, start: program.start, end: program.end });
          break;
        }
      }
    };
    // A file that also commits, tags or pushes is release tooling: it reads the version to make the release.
    let writesGit = false;
    const pending: Array<{ node: ts.Node; command: string; start: number; end: number }> = [];
    return {
      visit: {
        ...moduleLoadVisitors(onModule),
        TaggedTemplateExpression: (node) => onCall(node as ts.TaggedTemplateExpression),
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const callee = skipOuterExpressions(call.expression);
          const [first] = call.arguments;
          const loaded = loadedModuleLiteral(call);
          if (loaded !== undefined) {
            onModule(loaded);
            return;
          }
          const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
          if (name !== undefined && /^(readFile|readFileSync|readdir|readdirSync|existsSync)$/.test(name) && first) {
            const file = gitRefPath(first);
            if (file !== undefined && !underEnvironmentGuard(call)) ctx.report(first, 'file', { file });
            return;
          }
          // simple-git on the app's own folder: `git.revparse(['HEAD'])`, `git.log({ maxCount: 1 })`; a pull or a commit makes it tooling.
          gits ??= ownSimpleGitNames(ctx.sourceFile, ctx.imports);
          const method = ownSimpleGitMethod(call, gits, ctx.imports);
          if (method !== undefined) {
            if (GIT_WRITES.has(method) || method === 'addTag') writesGit = true;
            const [arg] = call.arguments;
            if (method === 'revparse' && arg && /\bHEAD\b/.test(arg.getText()) && !arg.getText().includes('abbrev-ref') && !underEnvironmentGuard(call)) {
              const name = (call.expression as ts.PropertyAccessExpression).name;
              pending.push({ node: call, command: 'git rev-parse HEAD', start: name.getStart(), end: name.getEnd() });
            }
            return;
          }
          onCall(call);
        },
      },
      end() {
        if (writesGit) return;
        for (const { node, command, start, end } of pending) ctx.report(node, 'command', { command }, { start, end });
      },
    };
  },
});

/** `git rev-parse HEAD`, `git describe --tags`, `git log -1 --format=%H`: the command, when it asks for the version. */
function versionLookup(program: ProgramRef): string | undefined {
  if (program.name !== 'git' || program.path === 'relative') return undefined;
  const [sub, ...rest] = program.args;
  // `git -C <dir> …` and `--git-dir` read another repository.
  if (sub === undefined || sub.startsWith('-')) return undefined;
  const dynamic = rest.some((arg) => arg.includes('…'));
  switch (sub) {
    case 'rev-parse':
      // --show-toplevel, --git-dir: where the repository is, not which commit; --abbrev-ref: the branch, which release
      // tooling checks.
      return !rest.includes('--abbrev-ref') && rest.some((arg) => /^(HEAD|@)|^--(short|verify)/.test(arg)) && !dynamic ? `git rev-parse ${rest.join(' ')}`.trim() : undefined;
    case 'describe':
      return dynamic ? undefined : `git ${[sub, ...rest].join(' ')}`;
    case 'log':
    case 'show':
      // One commit's hash or date (`-1 --format=%H`); `git log -- file` is a file's history, which a wiki shows.
      if (dynamic || rest.includes('--')) return undefined;
      return rest.some((arg) => /^(-1|-n1|--max-count=1|-n)$/.test(arg) || sub === 'show') && rest.some((arg) => /^--(format|pretty)=.*%(H|h|cd|ci|ct|cI|ad)|^-s$/.test(arg) || /%[Hh]/.test(arg))
        ? `git ${[sub, ...rest].join(' ')}`
        : undefined;
    case 'rev-list':
      return rest.includes('--count') && !dynamic ? `git ${[sub, ...rest].join(' ')}` : undefined;
    default:
      return undefined;
  }
}

/** The `.git` ref file a path names in the app's own folder: '.git/HEAD', path.join(__dirname, '..', '.git', 'HEAD'). */
function gitRefPath(expression: ts.Expression): string | undefined {
  const expr = skipOuterExpressions(expression);
  if (ts.isStringLiteralLike(expr)) return GIT_REF_FILE.test(expr.text) && !/^[\\/]/.test(expr.text) ? expr.text : undefined;
  if (ts.isCallExpression(expr) && /^(path\.)?(join|resolve)$/.test(skipOuterExpressions(expr.expression).getText())) {
    const parts: string[] = [];
    for (const [i, arg] of expr.arguments.entries()) {
      const value = skipOuterExpressions(arg);
      if (ts.isStringLiteralLike(value)) parts.push(value.text);
      else if (i === 0 && isOwnFolder(value)) continue;
      else return undefined;
    }
    const joined = parts.join('/');
    return GIT_REF_FILE.test(joined) && !/^[\\/]/.test(joined) ? joined.replace(/^(\.\.?\/)+/, '') : undefined;
  }
  return undefined;
}
