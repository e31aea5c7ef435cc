// Which module export an expression reaches (`winston.transports.File`, `const { File } = transports`), the values of
// a file's top-level constants, and the properties of option objects: how logger and client configuration is read.
// Shared by logs/no-log-files and logs/no-log-shipping. Pure syntax.
import ts from 'typescript';
import { propertyNameText, requiredModule, skipOuterExpressions, type ImportMap } from './ast';

/** A module export reached through a local name: `winston.transports.File` → { module: 'winston', path: ['transports', 'File'] }. */
export interface ModuleRef {
  module: string;
  path: string[];
}

/** Top-level `const { File } = winston.transports` and `const t = winston.transports`, resolved to their module. */
export function collectAliases(sourceFile: ts.SourceFile, imports: ImportMap): Map<string, ModuleRef> {
  const aliases = new Map<string, ModuleRef>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!decl.initializer) continue;
      const init = skipOuterExpressions(decl.initializer);
      // Plain `require()` forms are already in the import map.
      if (requiredModule(init) !== undefined) continue;
      const ref = resolveRef(init, imports, aliases);
      if (!ref) continue;
      if (ts.isIdentifier(decl.name)) {
        aliases.set(decl.name.text, ref);
      } else if (ts.isObjectBindingPattern(decl.name)) {
        for (const element of decl.name.elements) {
          if (!ts.isIdentifier(element.name) || element.dotDotDotToken) continue;
          const key = element.propertyName ? propertyNameText(element.propertyName) : element.name.text;
          if (key !== undefined) aliases.set(element.name.text, { module: ref.module, path: [...ref.path, key] });
        }
      }
    }
  }
  return aliases;
}

export function resolveRef(node: ts.Expression, imports: ImportMap, aliases: ReadonlyMap<string, ModuleRef>): ModuleRef | undefined {
  // The member names down to the chain's root, then the root resolved and the names applied in order: a loop, as
  // `a.b.c…` chains parse at any length.
  const names: string[] = [];
  let expr = skipOuterExpressions(node);
  while (ts.isPropertyAccessExpression(expr) || (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression))) {
    names.push(ts.isPropertyAccessExpression(expr) ? expr.name.text : (expr.argumentExpression as ts.StringLiteralLike).text);
    expr = skipOuterExpressions(expr.expression);
  }
  let ref = resolveRoot(expr, imports, aliases);
  for (let i = names.length - 1; ref && i >= 0; i--) {
    const name = names[i];
    // `import winston from 'winston'` and `import * as winston` reach the same members; so does `.default`.
    if (name === 'default' && ref.path.length === 0) continue;
    ref = { module: ref.module, path: [...ref.path, name] };
  }
  return ref;
}

function resolveRoot(expr: ts.Expression, imports: ImportMap, aliases: ReadonlyMap<string, ModuleRef>): ModuleRef | undefined {
  if (ts.isIdentifier(expr)) {
    const alias = aliases.get(expr.text);
    if (alias) return alias;
    const binding = imports.get(expr.text);
    if (!binding) return undefined;
    return { module: binding.module, path: binding.imported === '*' || binding.imported === 'default' ? [] : [binding.imported] };
  }
  const module = requiredModule(expr);
  return module === undefined ? undefined : { module, path: [] };
}

/** Values of top-level `const` declarations, so `filename: LOG_FILE` and `log4js.configure(config)` can be read. */
export class ConstLookup {
  private table: Map<string, ts.Expression> | undefined;

  constructor(private readonly sourceFile: ts.SourceFile) {}

  /** Follows identifiers bound by a top-level `const` (at most a few hops). */
  value(node: ts.Expression): ts.Expression {
    let current = skipOuterExpressions(node);
    for (let hops = 0; hops < 4 && ts.isIdentifier(current); hops++) {
      const next = this.lookup(current.text);
      if (!next) break;
      current = skipOuterExpressions(next);
    }
    return current;
  }

  objectLiteral(node: ts.Expression): ts.ObjectLiteralExpression | undefined {
    const value = this.value(node);
    return ts.isObjectLiteralExpression(value) ? value : undefined;
  }

  private lookup(name: string): ts.Expression | undefined {
    if (!this.table) {
      this.table = new Map();
      for (const statement of this.sourceFile.statements) {
        if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
        for (const decl of statement.declarationList.declarations) {
          if (ts.isIdentifier(decl.name) && decl.initializer) this.table.set(decl.name.text, decl.initializer);
        }
      }
    }
    return this.table.get(name);
  }
}

export function propertyProperty(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === name) return property;
  }
  return undefined;
}

/** `{ name: value }` → value; `{ name }` shorthand → the identifier. */
export function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === name) {
      return skipOuterExpressions(property.initializer);
    }
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
  }
  return undefined;
}
