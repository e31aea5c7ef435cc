// Factor V, build, release, run: "it is impossible to make changes to the code at runtime, since there is no way to
// propagate those changes back to the build stage". A service that runs `npm install` or `git pull` on itself
// changes its code while it runs: every restart is a new, untested build.
// Docs: docs/rules/build-release-run/no-runtime-install.md
import ts from 'typescript';
import { textGate } from '../../ast';
import { ownSimpleGitMethod, ownSimpleGitNames, processCallOf, promisifiedBindings, runsInOwnFolder, type ProgramRef, type ProcessCall } from '../../child-process';
import type { Manifest } from '../../manifest';
import { defineRule } from '../../rule';
import { isDeployedApp } from '../../roles';

const mayRunPrograms = textGate(['child_process', 'execa', 'zx', 'shelljs', 'cross-spawn', 'child-process-promise', 'simple-git'], ['Bun']);

/** Sub-commands that install into the project, by package manager (a bare `yarn` installs too). */
const INSTALLS: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isntall', 'add', 'ci', 'clean-install', 'install-clean', 'update', 'up', 'upgrade']),
  yarn: new Set(['', 'install', 'add', 'upgrade']),
  pnpm: new Set(['install', 'i', 'add', 'update', 'up', 'upgrade']),
  bun: new Set(['install', 'i', 'add', 'update']),
};
/** Options that point the package manager at another folder: it installs for another project. */
const OTHER_FOLDER = /^(--prefix|-C|--dir|--cwd)(=|$)/;

type Found = { messageId: 'install' | 'pull' | 'download'; command: string; program: ProgramRef };

export default defineRule({
  id: 'build-release-run/no-runtime-install',
  factor: 'build-release-run',
  severity: 'warning',
  description: 'Application code does not install packages or pull code at run time (npm install, yarn add, git pull through a child process).',
  messages: {
    install:
      'Installs packages at run time ("{{command}}"): the running release is then no longer the build that was tested. Install dependencies in the build stage (V. Build, release, run).',
    pull: 'Pulls code into the running app ("{{command}}"): code reaches a service only through a new build and release (V. Build, release, run).',
    download:
      'Downloads "{{command}}" at run time: declare it in package.json so the build installs it, and run the installed binary (V. Build, release, run).',
  },
  // Setup scripts, tests and tooling install things on developer machines and CI: that is their job.
  skipIn: ['test', 'script'],
  create(ctx) {
    const project = ctx.project;
    const manifest = project.manifest;
    // Scaffolders and other command-line tools install on purpose; libraries and desktop apps are not deployed services.
    if (!isDeployedApp(project)) return { visit: {} };
    if (!mayRunPrograms(ctx.text)) return { visit: {} };
    let promisified: ReturnType<typeof promisifiedBindings> | undefined;
    let gits: Set<string> | undefined;
    const onCall = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        // simple-git on the app's own folder: `simpleGit().pull()`, `git.pull('origin', 'main')`
        gits ??= ownSimpleGitNames(ctx.sourceFile, ctx.imports);
        if (ownSimpleGitMethod(node, gits, ctx.imports) === 'pull') {
          const name = (node.expression as ts.PropertyAccessExpression).name;
          ctx.report(node, 'pull', { command: 'git pull' }, { start: name.getStart(), end: name.getEnd() });
          return;
        }
      }
      promisified ??= promisifiedBindings(ctx.sourceFile, ctx.imports);
      const call = processCallOf(node as ts.CallExpression | ts.TaggedTemplateExpression, ctx.imports, promisified);
      if (!call) return;
      const found = findRuntimeInstall(call, manifest);
      if (found) ctx.report(node, found.messageId, { command: found.command }, { start: found.program.start, end: found.program.end });
    };
    return {
      visit: {
        CallExpression: onCall,
        TaggedTemplateExpression: onCall,
      },
    };
  },
});

/** The first program of the call that installs packages, downloads one, or pulls code into the app's own folder. */
function findRuntimeInstall(call: ProcessCall, manifest: Manifest | undefined): Found | undefined {
  const afterFailedLoad = inCatchOfRequire(call.node);
  for (const [index, program] of call.programs.entries()) {
    if (program.path === 'relative') continue;
    const found = classify(program, manifest, afterFailedLoad);
    // In another folder (`cwd: project.dir`, `cd ${dir} &&`), it works on files the service manages, not on itself.
    if (found && runsInOwnFolder(call, index)) return found;
  }
  return undefined;
}

function classify(program: ProgramRef, manifest: Manifest | undefined, installsWhatFailedToLoad: boolean): Found | undefined {
  const { name, args } = program;
  if (args.some((arg) => OTHER_FOLDER.test(arg))) return undefined;
  const words = args.filter((arg) => !arg.startsWith('-'));
  const command = (n: number): string => [name, ...args.slice(0, n)].join(' ');
  if (name === 'git') {
    if (args[0] === 'pull') return { messageId: 'pull', command: 'git pull', program };
    return undefined;
  }
  const installs = INSTALLS[name];
  if (installs) {
    const sub = words[0] ?? '';
    if (name !== 'yarn' && sub === '') return undefined;
    // pnpm dlx / yarn dlx fetch a package every time.
    if ((name === 'pnpm' || name === 'yarn') && sub === 'dlx') return downloaded(program, args.slice(args.indexOf('dlx') + 1), manifest, true);
    if (!installs.has(sub)) return undefined;
    // `npm install ${plugin}`: a plugin manager installing what a user chose is the product's feature, not its build;
    // unless it is the install-what-failed-to-load pattern (`catch { npm install ${name} }` after a require).
    if (words.slice(1).some((word) => word.includes('…')) && !installsWhatFailedToLoad) return undefined;
    return { messageId: 'install', command: command(Math.max(1, args.indexOf(sub) + 1)), program };
  }
  if (name === 'npx' || name === 'bunx') return downloaded(program, args, manifest, false);
  return undefined;
}

/**
 * `npx -y pkg@1`, `npx --package=x`, `pnpm dlx x`: the runner fetches the package when the project does not declare
 * it. A bare `npx prisma migrate deploy` runs the installed binary and is left alone.
 */
function downloaded(program: ProgramRef, args: readonly string[], manifest: Manifest | undefined, always: boolean): Found | undefined {
  let fetches = always;
  let pkg: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-y' || arg === '--yes') fetches = true;
    else if (arg === '-p' || arg === '--package') {
      pkg = args[i + 1];
      fetches = true;
      i++;
    } else if (arg.startsWith('--package=')) {
      pkg = arg.slice('--package='.length);
      fetches = true;
    } else if (!arg.startsWith('-')) {
      pkg ??= arg;
      break;
    }
  }
  if (pkg === undefined || pkg.includes('…')) return undefined;
  const at = pkg.lastIndexOf('@');
  const bare = at > 0 ? pkg.slice(0, at) : pkg;
  if (at > 0) fetches = true;
  if (!fetches || manifest?.byName.has(bare)) return undefined;
  return { messageId: 'download', command: `${program.name} ${pkg}`, program };
}

/** In the `catch` of a `try` that loads a module: `try { require(name) } catch { npm install ${name} }`. */
function inCatchOfRequire(node: ts.Node): boolean {
  for (let current: ts.Node = node; current.parent && !ts.isSourceFile(current); current = current.parent) {
    const parent = current.parent;
    if (ts.isCatchClause(parent)) {
      const tryStatement = parent.parent;
      return ts.isTryStatement(tryStatement) && /\brequire(\.resolve)?\s*\(|\bimport\s*\(/.test(tryStatement.tryBlock.getText());
    }
  }
  return false;
}
