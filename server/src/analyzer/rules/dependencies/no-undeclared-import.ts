// Factor II, dependencies: an app declares every package it uses, in package.json, and never relies on one being
// there by accident (hoisted from a workspace, installed globally, a dev dependency left out of production).
// Docs: docs/rules/dependencies/no-undeclared-import.md
import ts from 'typescript';
import { isInTypeContext, skipOuterExpressions } from '../../ast';
import { FRAMEWORK_BUNDLED, classifySpecifier, isHostModule, isRuntimeProvided } from '../../knowledge/modules';
import { BUNDLERS, FRONT_END_FRAMEWORKS, declaresAny } from '../../knowledge/packages';
import type { Manifest } from '../../manifest';
import type { ProjectView } from '../../project';
import { hasTrait } from '../../roles';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'dependencies/no-undeclared-import',
  factor: 'dependencies',
  severity: 'warning',
  description: 'Packages the code imports are declared in the nearest package.json, and application code does not import dev dependencies.',
  messages: {
    undeclared: '"{{name}}" is imported but package.json does not declare it; add it to dependencies (II. Dependencies).',
    workspace:
      'Workspace package "{{name}}" is imported but package.json does not declare it; add it to dependencies so the workspace links it (II. Dependencies).',
    devOnly:
      '"{{name}}" is only a devDependency, but application code imports it: an install without dev dependencies (npm ci --omit=dev) leaves it out; move it to dependencies (II. Dependencies).',
  },
  // Tests and fixtures import what the test runner provides; scripts may use dev dependencies (checked below).
  skipIn: ['test'],
  create(ctx) {
    const manifest = ctx.project.manifest;
    // Without a package.json (or with one half-typed in the editor) there is nothing to check against.
    if (!manifest || manifest.broken || !ctx.project.root) return { visit: {} };
    const declared = new Declarations(manifest, ctx.project);
    const devAllowed = ctx.fileKind.script || isBuilt(manifest, ctx.project) || !isInstalledForProduction(manifest);
    // Tool configs (`metro.config.js`, `.eslintrc.js`) load the tool's own dependencies, which the tool brings.
    const toolConfig = hasTrait(ctx.fileKind, 'tool-config');
    // A scaffolder's template is copied into the project it generates, where its imports resolve (vendure's CLI:
    // `commands/add/dashboard/templates/index.template.tsx`).
    if (hasTrait(ctx.fileKind, 'template')) return { visit: {} };
    let typeUses: TypeUses | undefined;
    /**
     * Every name the import binds is used only as a type: in TypeScript the compiler erases it, as it does `import
     * type`. A JavaScript file runs its imports as written.
     */
    const compiled = (ctx.sourceFile.flags & ts.NodeFlags.JavaScriptFile) === 0;
    const erased = (localNames: readonly string[], used: 'used' | 'or unused'): boolean => {
      if (!compiled || localNames.length === 0) return false;
      typeUses ??= new TypeUses(ctx.sourceFile);
      return localNames.every((local) => typeUses!.onlyTypes(local) && (used === 'or unused' || typeUses!.usedAsType(local)));
    };
    const check = (literal: ts.StringLiteralLike, typeOnly: boolean, localNames: readonly string[]): void => {
      const info = classifySpecifier(literal.text, ctx.project.moduleAliases);
      if (info.kind !== 'package' || info.packageName === undefined) return;
      const name = info.packageName;
      if (name === manifest.name || isHostModule(name, manifest.engines) || declared.bundledByFramework(name)) return;
      if (isOptionalLoad(literal)) return;
      const kinds = declared.kindsOf(name);
      if (kinds.length === 0) {
        // Types are erased: the deploy does not need them (a type import needs only its types, and `@types/x`
        // declared with `x` imported is taken as types too).
        // (hedgedoc: `import { FastifyRequest } from 'fastify'`, a type that @nestjs/platform-fastify brings.)
        if (toolConfig || typeOnly || declared.has(`@types/${typesName(name)}`) || erased(localNames, 'used')) return;
        if (declared.inWorkspaceRoot(name) || isFrameworkAlias(literal.text, manifest)) return;
        // npm has refused new package names with capital letters since 2017: an undeclared `FieldTypes` is a name a
        // bundler is given in code (browserify `expose`, webpack `resolve.alias`; keystone-classic), far more often
        // than a legacy package such as JSONStream.
        if (name !== name.toLowerCase()) return;
        const workspacePackage = ctx.project.workspace?.packages.has(name) === true;
        // Tooling at the workspace's top (`scripts/codegen/…`) runs inside the monorepo, where npm and Yarn link
        // every member into the root's node_modules (vendure).
        if (workspacePackage && ctx.fileKind.script && ctx.project.workspace?.root === ctx.project.root) return;
        // Declared by another member of the workspace: installed with the workspace and resolved by hoisting. Often
        // deliberate (internal packages built into the apps that declare it); said only for packages no member declares.
        if (!workspacePackage && ctx.project.workspace?.declared?.has(name)) return;
        const messageId = workspacePackage ? 'workspace' : 'undeclared';
        ctx.report(literal, messageId, { name });
        return;
      }
      if (devAllowed || typeOnly || !kinds.every((kind) => kind === 'dev')) return;
      if (isRuntimeProvided(name) || isDevOnlyBranch(literal)) return;
      // Imports used only as types are erased by the compiler: no runtime dependency.
      if (erased(localNames, 'or unused')) return;
      ctx.report(literal, 'devOnly', { name });
    };
    return {
      visit: {
        ImportDeclaration(node) {
          const decl = node as ts.ImportDeclaration;
          if (!ts.isStringLiteral(decl.moduleSpecifier)) return;
          const clause = decl.importClause;
          const typeOnly = clause !== undefined && (clause.isTypeOnly || allNamedTypeOnly(clause));
          check(decl.moduleSpecifier, typeOnly, clause ? localNamesOf(clause) : []);
        },
        ExportDeclaration(node) {
          const decl = node as ts.ExportDeclaration;
          if (!decl.moduleSpecifier || !ts.isStringLiteral(decl.moduleSpecifier)) return;
          const clause = decl.exportClause;
          const typeOnly =
            decl.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
          check(decl.moduleSpecifier, typeOnly, []);
        },
        ImportEqualsDeclaration(node) {
          const decl = node as ts.ImportEqualsDeclaration;
          const ref = decl.moduleReference;
          if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) check(ref.expression, decl.isTypeOnly, [decl.name.text]);
        },
        ImportType(node) {
          const type = node as ts.ImportTypeNode;
          if (ts.isLiteralTypeNode(type.argument) && ts.isStringLiteral(type.argument.literal)) check(type.argument.literal, true, []);
        },
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const [arg] = call.arguments;
          if (call.arguments.length !== 1 || !arg || !ts.isStringLiteralLike(arg)) return;
          const callee = call.expression;
          const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
          if (!isRequire && callee.kind !== ts.SyntaxKind.ImportKeyword) return;
          check(arg, false, []);
        },
      },
    };
  },
});

/** What the package, and the workspace around it, declare. */
class Declarations {
  constructor(
    private readonly manifest: Manifest,
    private readonly project: ProjectView,
  ) {}

  kindsOf(name: string): string[] {
    return (this.manifest.byName.get(name) ?? []).map((dependency) => dependency.kind);
  }

  has(name: string): boolean {
    return this.manifest.byName.has(name) || this.inWorkspaceRoot(name);
  }

  /**
   * Declared by the workspace root: tooling and shared dependencies hoisted for every member. Taken as declared
   * (npm and yarn resolve it; a strict pnpm setup would say so itself), so monorepos are not flooded.
   */
  inWorkspaceRoot(name: string): boolean {
    const root = this.project.workspace?.rootManifest;
    return root !== undefined && root !== this.manifest && root.byName.has(name);
  }

  /** Next.js ships `server-only` and friends inside itself. */
  bundledByFramework(name: string): boolean {
    for (const [framework, modules] of Object.entries(FRAMEWORK_BUNDLED)) {
      if (modules.includes(name) && (this.manifest.byName.has(framework) || this.inWorkspaceRoot(framework))) return true;
    }
    return false;
  }
}

/**
 * The package's code is built into an artifact with its dependencies (a bundler, a front-end framework), so what a
 * dev dependency provides is inside the build: dev dependencies are fine anywhere in it.
 */
function isBuilt(manifest: Manifest, project: ProjectView): boolean {
  const names = [...manifest.byName.keys(), ...(project.workspace?.rootManifest?.byName.keys() ?? [])];
  return declaresAny(names, BUNDLERS) || declaresAny(names, FRONT_END_FRAMEWORKS) || manifest.engines.has('vscode');
}

/**
 * The package is installed on its own without its dev dependencies: an app with a start script (deployed with
 * `npm ci --omit=dev`) or a published package (its users never get its dev dependencies). A private package
 * without a start script (a workspace's shared config or library) is consumed by other packages' builds and tools.
 */
function isInstalledForProduction(manifest: Manifest): boolean {
  return manifest.scripts.has('start') || !manifest.private;
}

/** Aliases a framework's bundler resolves for the site's own files: Docusaurus's `@site/`, `@theme/`, `@docusaurus/Link`. */
function isFrameworkAlias(specifier: string, manifest: Manifest): boolean {
  if (manifest.byName.has('@docusaurus/core')) return /^@(site|theme|theme-original|theme-init|generated|docusaurus)\//.test(specifier);
  return false;
}

/** `@types/` names: `@scope/pkg` → `scope__pkg`. */
function typesName(name: string): string {
  return name.startsWith('@') ? name.slice(1).replace('/', '__') : name;
}

function allNamedTypeOnly(clause: ts.ImportClause): boolean {
  const bindings = clause.namedBindings;
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function localNamesOf(clause: ts.ImportClause): string[] {
  const names: string[] = [];
  if (clause.name) names.push(clause.name.text);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) if (!element.isTypeOnly) names.push(element.name.text);
  return names;
}

/**
 * A load that expects the package may be missing: inside a `try` (optional dependencies: `try { require('x') }
 * catch {}`), or `import('x').catch(…)`.
 */
function isOptionalLoad(literal: ts.Node): boolean {
  let child: ts.Node = literal;
  for (let node = literal.parent; node; child = node, node = node.parent) {
    if (ts.isTryStatement(node) && node.tryBlock === child) return true;
    if (ts.isPropertyAccessExpression(node) && node.expression === child && (node.name.text === 'catch' || node.name.text === 'then')) {
      return ts.isCallExpression(node.parent) && node.parent.arguments.length >= (node.name.text === 'then' ? 2 : 1);
    }
    if (ts.isFunctionLike(node) || ts.isSourceFile(node)) return false;
  }
  return false;
}

/** Inside `if (process.env.NODE_ENV !== 'production')` or `=== 'development'`: code that never runs in production. */
function isDevOnlyBranch(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (ts.isIfStatement(current) || ts.isConditionalExpression(current)) {
      const condition = ts.isIfStatement(current) ? current.expression : current.condition;
      const whenTrue = ts.isIfStatement(current) ? current.thenStatement : current.whenTrue;
      const stage = stageTest(condition);
      if (stage !== undefined && ((stage === 'dev' && child === whenTrue) || (stage === 'prod' && child !== whenTrue && child !== condition))) return true;
    }
    if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && current.right === child) {
      if (stageTest(current.left) === 'dev') return true;
    }
    if (ts.isSourceFile(current)) return false;
  }
  return false;
}

/** 'dev' when the condition holds only outside production, 'prod' when only in production. */
function stageTest(condition: ts.Expression): 'dev' | 'prod' | undefined {
  const expr = skipOuterExpressions(condition);
  if (!ts.isBinaryExpression(expr)) return undefined;
  const op = expr.operatorToken.kind;
  const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !notEqual) return undefined;
  const [envSide, literal] = ts.isStringLiteralLike(expr.right) ? [expr.left, expr.right] : [expr.right, expr.left];
  if (!ts.isStringLiteralLike(literal) || !/NODE_ENV/.test(envSide.getText())) return undefined;
  const production = /^prod(uction)?$/.test(literal.text);
  const development = /^(dev|development|test|local)$/.test(literal.text);
  if (production) return equal ? 'prod' : 'dev';
  if (development) return equal ? 'dev' : undefined;
  return undefined;
}

/** Which local names of a file are only used in type positions (read once per file, on demand). */
class TypeUses {
  private readonly valueUses = new Set<string>();
  private readonly typeUses = new Set<string>();

  constructor(sourceFile: ts.SourceFile) {
    const stack: ts.Node[] = [sourceFile];
    while (stack.length > 0) {
      const node = stack.pop() as ts.Node;
      if (ts.isIdentifier(node)) {
        const parent = node.parent;
        const declaration = (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportEqualsDeclaration(parent)) && parent.name === node;
        if (declaration || (ts.isPropertyAccessExpression(parent) && parent.name === node)) continue;
        if (isInTypeContext(node)) this.typeUses.add(node.text);
        else if (!ts.isQualifiedName(parent)) this.valueUses.add(node.text);
        continue;
      }
      ts.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
  }

  onlyTypes(name: string): boolean {
    return !this.valueUses.has(name);
  }

  /** Named in a type at least once (an unused import is not "used as a type"). */
  usedAsType(name: string): boolean {
    return this.typeUses.has(name);
  }
}
