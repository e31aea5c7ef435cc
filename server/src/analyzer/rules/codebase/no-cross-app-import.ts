// Factor I, codebase: "there is always a one-to-one correlation between the codebase and the app"; code that apps
// share is a library, declared as a dependency. A relative import into another workspace package's folder ties two
// apps' sources together behind the package manager's back.
// Docs: docs/rules/codebase/no-cross-app-import.md
import path from 'node:path';
import ts from 'typescript';
import { requiredModule } from '../../ast';
import { defineRule, type RuleListener } from '../../rule';

type MessageId = 'crossPackage';

/** Not code: an asset or a stylesheet from another package is a build concern, not a module dependency. */
const ASSET_EXTENSION = /^\.(svg|png|jpe?g|gif|webp|avif|ico|bmp|css|scss|sass|less|styl|pcss|md|mdx|html?|txt|csv|ya?ml|toml|woff2?|ttf|otf|eot|mp[34]|webm|wav|wasm|graphql|gql|hbs|ejs|pug)$/i;

export default defineRule<MessageId>({
  id: 'codebase/no-cross-app-import',
  factor: 'codebase',
  severity: 'warning',
  description:
    'Reports relative imports that leave their package for the sources of another workspace package, instead of importing it by its declared name.',
  messages: {
    crossPackage:
      '"{{specifier}}" reaches into the sources of workspace package "{{target}}"; import it by name and declare it ("{{target}}": "workspace:*"), so that each app is its own codebase (I. Codebase).',
  },
  // Tests and tooling at a workspace's top import what they exercise from anywhere.
  skipIn: ['test', 'script'],
  create(ctx) {
    const workspace = ctx.project.workspace;
    const root = ctx.project.root;
    // Only a relative specifier that climbs out of the file's folder can leave its package.
    if (!workspace || workspace.packages.size < 2 || root === '' || !ctx.text.includes('../')) return { visit: {} };
    const owners = ownersOf(workspace.packages);
    const fileDir = path.dirname(path.resolve(root, ctx.relativePath));
    const ownRoot = path.resolve(root);
    const check = (literal: ts.StringLiteralLike): void => {
      const specifier = literal.text;
      if (!specifier.startsWith('../')) return;
      // A bundler query (`./styles.css?inline`, `?raw`) is not part of the path.
      const target = path.resolve(fileDir, specifier.replace(/[?#].*$/, ''));
      if (ASSET_EXTENSION.test(path.extname(target))) return;
      // The deepest member folder holding the target: a shared folder that is no package has none.
      const owner = owners.find((candidate) => isInside(candidate.dir, target));
      if (!owner || owner.dir === ownRoot) return;
      // The file's own package nested in that member without being one (a Vite widget with its own package.json
      // under erxes's payment_api/src/widget/): an import that stays inside it stays home.
      if (ownRoot.length > owner.dir.length && isInside(owner.dir, ownRoot) && isInside(ownRoot, target)) return;
      // Another package's manifest read for its version or name shares no sources (typebot's embed snippets).
      if (target === path.join(owner.dir, 'package.json')) return;
      ctx.report(literal, 'crossPackage', { specifier, target: owner.name });
    };
    return { visit: visitors(check) };
  },
});

/** The workspace's members, deepest folder first; per workspace (every file of it asks), as the map is never changed. */
function ownersOf(packages: ReadonlyMap<string, string>): ReadonlyArray<{ name: string; dir: string }> {
  let owners = ownersCache.get(packages);
  if (!owners) {
    owners = [...packages].map(([name, dir]) => ({ name, dir: path.resolve(dir) })).sort((a, b) => b.dir.length - a.dir.length);
    ownersCache.set(packages, owners);
  }
  return owners;
}
const ownersCache = new WeakMap<ReadonlyMap<string, string>, ReadonlyArray<{ name: string; dir: string }>>();

function visitors(check: (literal: ts.StringLiteralLike) => void): RuleListener['visit'] {
  return {
    ImportDeclaration(node: ts.Node) {
      const decl = node as ts.ImportDeclaration;
      // A type-only import leaves nothing at run time: the front end typing its calls with the API's types.
      if (decl.importClause?.isTypeOnly || isTypeOnlyNamed(decl.importClause)) return;
      if (ts.isStringLiteral(decl.moduleSpecifier)) check(decl.moduleSpecifier);
    },
    ExportDeclaration(node: ts.Node) {
      const decl = node as ts.ExportDeclaration;
      if (!decl.isTypeOnly && decl.moduleSpecifier && ts.isStringLiteral(decl.moduleSpecifier)) check(decl.moduleSpecifier);
    },
    CallExpression(node: ts.Node) {
      const call = node as ts.CallExpression;
      const [arg] = call.arguments;
      if (arg && ts.isStringLiteralLike(arg) && requiredModule(call) !== undefined) check(arg);
    },
    ImportEqualsDeclaration(node: ts.Node) {
      const ref = (node as ts.ImportEqualsDeclaration).moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) check(ref.expression);
    },
  };
}

/** `import { type A, type B } from '…'`: every binding is a type, nothing is loaded at run time. */
function isTypeOnlyNamed(clause: ts.ImportClause | undefined): boolean {
  const bindings = clause?.namedBindings;
  return clause?.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function isInside(dir: string, target: string): boolean {
  const relative = path.relative(dir, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
