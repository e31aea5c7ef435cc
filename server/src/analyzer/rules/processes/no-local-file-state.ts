// Factor VI, processes: a process is stateless; anything that must outlive a request goes to a backing service.
// Docs: docs/rules/processes/no-local-file-state.md
import ts from 'typescript';
import {
  dottedName,
  enclosingFunction,
  isEnvRead,
  normalizeModule,
  propertyNameText,
  requiredModule,
  skipOuterExpressions,
  textGate,
  topLevelCallBindings,
  type ImportBinding,
} from '../../ast';
import { forEachDescendant, someNode } from '../../walk';
import { hasTrait } from '../../roles';
import { defineRule, type RuleContext } from '../../rule';

type MessageId = 'fileWrite' | 'fileDatabase' | 'upload';

export default defineRule<MessageId>({
  id: 'processes/no-local-file-state',
  factor: 'processes',
  severity: 'warning',
  description:
    'Reports application data written to the local disk: fs writes, JSON-file and SQLite databases, uploads kept on disk.',
  messages: {
    fileWrite: 'Application data written to the local disk; keep state in a backing service (VI. Processes).',
    fileDatabase: '{{library}} keeps its data in a local file ({{file}}); use a database service (VI. Processes).',
    upload: 'Uploads stored on the local disk ({{where}}); stream them to object storage (VI. Processes).',
  },
  skipIn: ['test', 'script'],
  create(ctx) {
    if (!isServiceContext(ctx) || !mayKeepFileState(ctx)) return { visit: {} };
    const paths = new PathReader(ctx);
    const modules = new ModuleResolver(ctx);
    return {
      visit: {
        CallExpression: (node) => {
          const call = node as ts.CallExpression;
          const target = modules.writeTarget(call);
          if (target !== undefined) {
            if (target !== null && paths.isAppDataPath(target) && !isExemptContext(call)) {
              ctx.report(call.expression, 'fileWrite');
            }
            return;
          }
          checkCallOrNew(call, ctx, paths, modules);
          checkMultipartMove(call, ctx, paths, modules);
        },
        NewExpression: (node) => checkCallOrNew(node as ts.NewExpression, ctx, paths, modules),
        BinaryExpression: (node) => {
          // formidable: `form.uploadDir = path.join(__dirname, 'uploads')`
          const assign = node as ts.BinaryExpression;
          if (assign.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
          const left = skipOuterExpressions(assign.left);
          if (!ts.isPropertyAccessExpression(left) || left.name.text !== 'uploadDir') return;
          if (!modules.importsAny(FORMIDABLE_MODULES)) return;
          if (paths.isAppDataPath(assign.right)) {
            ctx.report(left, 'upload', { where: `uploadDir: ${shortText(assign.right, ctx)}` });
          }
        },
      },
    };
  },
});

const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs']);
const FS_WRITE_METHODS = new Set([
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'createWriteStream',
  // fs-extra
  'outputFile',
  'outputFileSync',
  'outputJson',
  'outputJsonSync',
  'outputJSON',
  'outputJSONSync',
  'writeJson',
  'writeJsonSync',
  'writeJSON',
  'writeJSONSync',
]);
/** Opening a file for writing: `fs.open(file, 'a')`, `fs.promises.open(file, 'w+')`, `open` from fs/promises. */
const FS_OPEN_METHODS = new Set(['open', 'openSync']);
/** Flags that write: `w`, `wx`, `a`, `as`, `r+`, `w+`… (`r` and `rs` only read). */
const WRITE_FLAGS = /^(w|a|r\+|rs\+)/;
/** Moves and copies, whose second argument is where the file ends up (fs, fs-extra). */
const FS_MOVE_METHODS = new Set(['rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'move', 'moveSync', 'copy', 'copySync']);
/**
 * Other modules that write a file, by what they export: the method names (or `default` for a call of the module
 * itself), and which argument is the path.
 */
const WRITE_MODULES: ReadonlyMap<string, { methods: ReadonlySet<string>; target: number }> = new Map([
  ['jsonfile', { methods: new Set(['writeFile', 'writeFileSync']), target: 0 }],
  ['write-file-atomic', { methods: new Set(['default', 'sync']), target: 0 }],
  ['xlsx', { methods: new Set(['writeFile', 'writeFileSync', 'writeFileXLSX', 'writeFileAsync']), target: 1 }],
]);
const FORMIDABLE_MODULES = ['formidable'];
const LEVEL_MODULES = new Set(['level', 'classic-level', 'leveldown', 'rocksdb']);
const NEDB_MODULES = new Set(['nedb', '@seald-io/nedb', 'nedb-promises', 'nedb-core', '@yetzt/nedb']);
const LOWDB_FILE_ADAPTERS = new Set([
  'JSONFile',
  'JSONFileSync',
  'TextFile',
  'TextFileSync',
  'DataFile',
  'DataFileSync',
  'FileSync',
  'FileAsync',
  'JSONFilePreset',
  'JSONFileSyncPreset',
]);

/**
 * Dependencies that make a project a long-running service or worker. Libraries, CLIs, editor extensions and
 * desktop apps write files as their job; the rule only speaks where a package.json says "this is a service".
 */
const SERVICE_DEPENDENCIES = [
  'express',
  'koa',
  'fastify',
  '@nestjs/core',
  '@hapi/hapi',
  'hapi',
  'restify',
  'hono',
  'polka',
  'micro',
  'h3',
  'elysia',
  'next',
  'nuxt',
  '@sveltejs/kit',
  '@remix-run/node',
  '@apollo/server',
  'apollo-server',
  'apollo-server-express',
  'graphql-yoga',
  '@feathersjs/feathers',
  '@adonisjs/core',
  'sails',
  '@loopback/core',
  'loopback',
  'moleculer',
  'socket.io',
  'ws',
  'bull',
  'bullmq',
  'amqplib',
  'kafkajs',
  'multer',
  'express-fileupload',
  'formidable',
  'busboy',
];
const NOT_A_SERVICE = ['electron', 'vscode', '@types/vscode', 'react-native', 'expo'];

function isServiceContext(ctx: RuleContext<MessageId>): boolean {
  for (const binding of ctx.imports.values()) {
    const module = normalizeModule(binding.module);
    if (module === 'electron' || module === 'vscode') return false;
  }
  // CLI programs and commands, code generators and templates, installers (roles.ts).
  const kind = ctx.fileKind;
  if (kind.role === 'cli' || hasTrait(kind, 'commands') || hasTrait(kind, 'generator') || hasTrait(kind, 'installer')) return false;
  const deps = ctx.project.dependencies;
  if (deps.size === 0) return true;
  if (NOT_A_SERVICE.some((dep) => deps.has(dep))) return false;
  return SERVICE_DEPENDENCIES.some((dep) => deps.has(dep));
}

/**
 * Every report goes through a module named in the file (multer, formidable, express-fileupload, lowdb, node-json-db,
 * the NeDB forks, sqlite3, better-sqlite3, sqlite, sequelize; or an fs module with one of FS_WRITE_METHODS, each of
 * which holds one of the stems below), except `req.files.x.mv()`, which a dependency on express-fileupload enables.
 */
function mayKeepFileState(ctx: RuleContext<MessageId>): boolean {
  const text = ctx.text;
  return ctx.project.dependencies.has('express-fileupload') || mayNameStateModule(text) || (mayNameFs(text) && mayNameFsWrite(text));
}
const mayNameStateModule = textGate([
  'multer', 'formidable', 'express-fileupload', 'lowdb', 'node-json-db', 'nedb', 'sqlite', 'sequelize', 'knex', 'level',
  'lmdb', 'node-persist', 'libsql', 'typeorm', 'keyv', 'jsonfile', 'write-file-atomic', 'xlsx', 'exceljs', 'sharp',
]);
const mayNameFs = textGate([], ['fs']);
const mayNameFsWrite = textGate([
  'writeFile', 'appendFile', 'WriteStream', 'outputFile', 'outputJson', 'outputJSON', 'writeJson', 'writeJSON', 'open',
  'rename', 'copyFile', 'cp', 'cpSync', 'move', 'copy',
]);

/** Resolves callees to the modules they come from, including a few aliases `collectImports` does not see. */
class ModuleResolver {
  /** Local names bound to a promisified fs write (`const writeFileAsync = promisify(fs.writeFile)`). */
  private readonly promisified = new Set<string>();
  /** Extra top-level bindings: `const sqlite3 = require('sqlite3').verbose()`. */
  private readonly extra = new Map<string, ImportBinding>();

  constructor(private readonly ctx: RuleContext<MessageId>) {
    for (const { name, call } of topLevelCallBindings(ctx.sourceFile)) {
      const callee = dottedName(call.expression);
      if ((callee === 'promisify' || callee === 'util.promisify') && call.arguments.length === 1) {
        if (this.fsWriteMethod(call.arguments[0]) !== undefined) this.promisified.add(name);
      } else if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'verbose') {
        const module = requiredModule(call.expression.expression);
        if (module !== undefined) this.extra.set(name, { module, imported: '*' });
      }
    }
  }

  /** `moduleOf` for identifiers, by name: the file's bindings do not change during the walk, and calls repeat names. */
  private readonly byName = new Map<string, { module: string; imported: string } | undefined>();

  binding(name: string): ImportBinding | undefined {
    return this.ctx.imports.get(name) ?? this.extra.get(name);
  }

  /** The module of an identifier or an inline `require('m')`. */
  moduleOf(expr: ts.Expression): { module: string; imported: string } | undefined {
    const node = skipOuterExpressions(expr);
    if (ts.isIdentifier(node)) {
      const name = node.text;
      if (this.byName.has(name)) return this.byName.get(name);
      const binding = this.binding(name);
      const module = binding && { module: normalizeModule(binding.module), imported: binding.imported };
      this.byName.set(name, module);
      return module;
    }
    const module = requiredModule(node);
    return module === undefined ? undefined : { module: normalizeModule(module), imported: '*' };
  }

  importsAny(modules: readonly string[]): boolean {
    for (const binding of this.ctx.imports.values()) {
      if (modules.includes(normalizeModule(binding.module))) return true;
    }
    return false;
  }

  /**
   * The path a call writes to: `fs.writeFile(path, …)`, `fs.open(path, 'a')`, `fs.rename(from, path)`,
   * `jsonfile.writeFile(path, …)`, `XLSX.writeFile(wb, path)`, `workbook.xlsx.writeFile(path)`,
   * `sharp(input).toFile(path)`. Null for a call that writes through a known API but names no path (or opens the
   * file only to read it); undefined for every other call.
   */
  writeTarget(call: ts.CallExpression): ts.Expression | null | undefined {
    const args = call.arguments;
    if (this.fsWriteMethod(call.expression) !== undefined) return args[0] ?? null;
    if (this.fsWriteMethod(call.expression, FS_OPEN_METHODS) !== undefined) {
      const flags = args[1] && skipOuterExpressions(args[1]);
      return flags && isStringLiteralText(flags) && WRITE_FLAGS.test(flags.text) ? args[0] : null;
    }
    if (this.fsWriteMethod(call.expression, FS_MOVE_METHODS) !== undefined) return args[1] ?? null;
    const callee = skipOuterExpressions(call.expression);
    const direct = ts.isIdentifier(callee) ? this.moduleOf(callee) : undefined;
    const owner = ts.isPropertyAccessExpression(callee) ? this.moduleOf(callee.expression) : undefined;
    const module = direct ?? owner;
    const writer = module && WRITE_MODULES.get(module.module);
    if (writer && module) {
      const method = direct ? (direct.imported === '*' ? 'default' : direct.imported) : (callee as ts.PropertyAccessExpression).name.text;
      const whole = owner === undefined || owner.imported === '*' || owner.imported === 'default';
      if (whole && writer.methods.has(method)) return args[writer.target] ?? null;
      return undefined;
    }
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    // ExcelJS: `workbook.xlsx.writeFile(path)`, `workbook.csv.writeFile(path)`.
    if (callee.name.text === 'writeFile' && ts.isPropertyAccessExpression(callee.expression)) {
      const format = callee.expression.name.text;
      if ((format === 'xlsx' || format === 'csv') && this.importsAny(['exceljs'])) return args[0] ?? null;
    }
    // sharp(input).resize(…).toFile(path)
    if (callee.name.text === 'toFile' && this.isSharpChain(callee.expression)) return args[0] ?? null;
    return undefined;
  }

  private isSharpChain(expr: ts.Expression): boolean {
    let node = skipOuterExpressions(expr);
    for (let depth = 0; depth < 12; depth++) {
      if (ts.isCallExpression(node)) {
        const callee = skipOuterExpressions(node.expression);
        if (ts.isIdentifier(callee)) return this.moduleOf(callee)?.module === 'sharp';
        if (!ts.isPropertyAccessExpression(callee)) return false;
        node = skipOuterExpressions(callee.expression);
        continue;
      }
      if (ts.isIdentifier(node)) {
        // const image = sharp(buffer); image.toFile(…)
        const binding = this.moduleOf(node);
        if (binding) return false;
        const decl = findConstDeclaration(this.ctx.sourceFile, node.text);
        if (!decl?.initializer) return false;
        node = skipOuterExpressions(decl.initializer);
        continue;
      }
      return false;
    }
    return false;
  }

  /** `fs.writeFileSync`, `fs.promises.writeFile`, `writeFile` from 'fs/promises', … → the method name. */
  fsWriteMethod(callee: ts.Expression, methods: ReadonlySet<string> = FS_WRITE_METHODS): string | undefined {
    const node = skipOuterExpressions(callee);
    if (ts.isIdentifier(node)) {
      if (methods === FS_WRITE_METHODS && this.promisified.has(node.text)) return 'writeFile';
      const binding = this.moduleOf(node);
      if (binding && FS_MODULES.has(binding.module) && methods.has(binding.imported)) return binding.imported;
      return undefined;
    }
    if (!ts.isPropertyAccessExpression(node) || !methods.has(node.name.text)) return undefined;
    let receiver = skipOuterExpressions(node.expression);
    let viaPromises = false;
    if (ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'promises') {
      receiver = skipOuterExpressions(receiver.expression);
      viaPromises = true;
    }
    const binding = this.moduleOf(receiver);
    if (!binding || !FS_MODULES.has(binding.module)) return undefined;
    const whole = binding.imported === '*' || binding.imported === 'default';
    if (whole || (!viaPromises && binding.imported === 'promises')) return node.name.text;
    return undefined;
  }
}

/** File databases (lowdb, node-json-db, nedb, SQLite) and upload middleware configured to keep files on disk. */
function checkCallOrNew(
  node: ts.CallExpression | ts.NewExpression,
  ctx: RuleContext<MessageId>,
  paths: PathReader,
  modules: ModuleResolver,
): void {
  const args: readonly ts.Expression[] = node.arguments ?? [];
  const callee = skipOuterExpressions(node.expression);
  const first: ts.Expression | undefined = args[0];

  // multer.diskStorage({ destination }) and multer({ dest })
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'diskStorage') {
    const owner = modules.moduleOf(callee.expression);
    if (owner?.module === 'multer' && isMulterDiskDestination(first, paths)) {
      ctx.report(callee, 'upload', { where: 'multer.diskStorage' });
    }
    return;
  }
  const direct = ts.isIdentifier(callee) ? modules.moduleOf(callee) : requiredModuleOf(callee);
  if (direct?.module === 'multer' && (direct.imported === '*' || direct.imported === 'default')) {
    const dest = first && objectProperty(first, 'dest');
    if (dest && paths.isAppDataPath(dest.initializer)) {
      ctx.report(dest.property, 'upload', { where: `dest: ${shortText(dest.initializer, ctx)}` });
    }
    return;
  }
  if (ts.isIdentifier(callee) && callee.text === 'diskStorage' && direct?.module === 'multer') {
    if (isMulterDiskDestination(first, paths)) ctx.report(callee, 'upload', { where: 'multer.diskStorage' });
    return;
  }

  // formidable({ uploadDir }), new IncomingForm({ uploadDir }), new formidable.IncomingForm({ uploadDir })
  const formidableOwner = ts.isPropertyAccessExpression(callee) ? modules.moduleOf(callee.expression) : direct;
  if (formidableOwner?.module === 'formidable') {
    const uploadDir = first && objectProperty(first, 'uploadDir');
    if (uploadDir && paths.isAppDataPath(uploadDir.initializer)) {
      ctx.report(uploadDir.property, 'upload', { where: `uploadDir: ${shortText(uploadDir.initializer, ctx)}` });
    }
    return;
  }

  const database = fileDatabase(node, callee, direct, modules);
  if (!database || !database.path) return;
  const file = skipOuterExpressions(database.path);
  if (isStringLiteralText(file) && (file.text === ':memory:' || file.text === '' || file.text.startsWith('file::memory:'))) {
    return;
  }
  if (paths.isAppDataPath(database.path)) {
    ctx.report(node.expression, 'fileDatabase', { library: database.library, file: shortText(database.path, ctx) });
  }
}

/** `req.files.avatar.mv('./uploads/' + name)` (express-fileupload). */
function checkMultipartMove(
  call: ts.CallExpression,
  ctx: RuleContext<MessageId>,
  paths: PathReader,
  modules: ModuleResolver,
): void {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'mv' || call.arguments.length === 0) return;
  if (!modules.importsAny(['express-fileupload']) && !ctx.project.dependencies.has('express-fileupload')) return;
  if (!isUploadedFile(callee.expression, paths)) return;
  const [target] = call.arguments;
  if (paths.isAppDataPath(target)) ctx.report(callee, 'upload', { where: `mv(${shortText(target, ctx)})` });
}

function isUploadedFile(expr: ts.Expression, paths: PathReader): boolean {
  const node = skipOuterExpressions(expr);
  const name = dottedName(node);
  if (name !== undefined && /(^|\.)files(\.|$)/.test(name)) return true;
  if (ts.isIdentifier(node)) {
    const decl = paths.declarationOf(node);
    const init = decl?.initializer && dottedName(decl.initializer);
    return init !== undefined && /(^|\.)files(\.|$)/.test(init);
  }
  return false;
}

function requiredModuleOf(expr: ts.Expression): { module: string; imported: string } | undefined {
  const module = requiredModule(expr);
  return module === undefined ? undefined : { module: normalizeModule(module), imported: '*' };
}

/** multer's diskStorage writes to os.tmpdir() when it has no `destination`. */
function isMulterDiskDestination(options: ts.Expression | undefined, paths: PathReader): boolean {
  const object = options && skipOuterExpressions(options);
  if (!object || !ts.isObjectLiteralExpression(object)) return false;
  const method = object.properties.find(
    (property) => ts.isMethodDeclaration(property) && propertyNameText(property.name) === 'destination',
  );
  const destination = objectProperty(object, 'destination');
  const value = method ?? (destination && skipOuterExpressions(destination.initializer));
  if (!value) return false;
  if (ts.isFunctionLike(value)) {
    // destination: (req, file, cb) => cb(null, 'uploads/')
    return someNode(value, (node) => ts.isCallExpression(node) && node.arguments.length === 2 && paths.isAppDataPath(node.arguments[1]));
  }
  return destination !== undefined && paths.isAppDataPath(destination.initializer);
}

interface FileDatabase {
  library: string;
  path: ts.Expression | undefined;
}

function fileDatabase(
  node: ts.CallExpression | ts.NewExpression,
  callee: ts.Expression,
  direct: { module: string; imported: string } | undefined,
  modules: ModuleResolver,
): FileDatabase | undefined {
  const args: readonly ts.Expression[] = node.arguments ?? [];
  const first: ts.Expression | undefined = args[0];
  const isNew = ts.isNewExpression(node);
  const member = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  const owner = ts.isPropertyAccessExpression(callee) ? modules.moduleOf(callee.expression) : undefined;

  if (direct && direct.module.startsWith('lowdb')) {
    const lastSegment = direct.module.split('/').pop() ?? '';
    const name = direct.imported === '*' || direct.imported === 'default' ? lastSegment : direct.imported;
    if (LOWDB_FILE_ADAPTERS.has(name)) return { library: 'lowdb', path: first };
    return undefined;
  }
  if (direct?.module === 'node-json-db' && direct.imported === 'JsonDB' && isNew) {
    let path: ts.Expression | undefined = first;
    const inner = path && skipOuterExpressions(path);
    if (inner && ts.isNewExpression(inner)) path = inner.arguments?.[0];
    return { library: 'node-json-db', path };
  }
  const nedb = direct && NEDB_MODULES.has(direct.module) && isNew ? direct : member === 'create' ? owner : undefined;
  if (nedb && NEDB_MODULES.has(nedb.module)) {
    if (!first) return undefined;
    const options = skipOuterExpressions(first);
    if (ts.isObjectLiteralExpression(options)) {
      const inMemory = objectProperty(options, 'inMemoryOnly');
      if (inMemory && inMemory.initializer.kind === ts.SyntaxKind.TrueKeyword) return undefined;
      return { library: 'NeDB', path: objectProperty(options, 'filename')?.initializer };
    }
    return { library: 'NeDB', path: first };
  }
  if (isNew && member === 'Database' && owner?.module === 'sqlite3') return { library: 'SQLite', path: first };
  if (direct?.module === 'sqlite3' && direct.imported === 'Database' && isNew) return { library: 'SQLite', path: first };
  if (direct?.module === 'better-sqlite3' && (direct.imported === '*' || direct.imported === 'default')) {
    return { library: 'SQLite', path: first };
  }
  if (direct?.module === 'sqlite' && direct.imported === 'DatabaseSync' && isNew) return { library: 'SQLite', path: first };
  if (isNew && member === 'DatabaseSync' && owner?.module === 'sqlite') return { library: 'SQLite', path: first };
  if (direct?.module === 'sqlite' && direct.imported === 'open' && first) {
    return { library: 'SQLite', path: objectProperty(first, 'filename')?.initializer };
  }
  // knex({ client: 'sqlite3', connection: { filename } })
  if (direct?.module === 'knex' && !isNew && first) {
    const client = objectProperty(first, 'client')?.initializer;
    if (!client || !isStringLiteralText(client) || !/^(sqlite3?|better-sqlite3)$/.test(client.text)) return undefined;
    const connection = objectProperty(first, 'connection')?.initializer;
    return { library: 'SQLite', path: connection && objectProperty(connection, 'filename')?.initializer };
  }
  // new Level('./db'), level('./db'), new ClassicLevel('./db')
  if (direct && LEVEL_MODULES.has(direct.module)) {
    return { library: 'LevelDB', path: first };
  }
  // lmdb: open('./db') or open({ path: './db' })
  if ((direct?.module === 'lmdb' && direct.imported === 'open') || (member === 'open' && owner?.module === 'lmdb')) {
    const path = first && objectProperty(first, 'path');
    return { library: 'LMDB', path: path ? path.initializer : first && !ts.isObjectLiteralExpression(skipOuterExpressions(first)) ? first : undefined };
  }
  // node-persist: storage.init({ dir }), storage.create({ dir })
  if (owner?.module === 'node-persist' && (member === 'init' || member === 'initSync' || member === 'create')) {
    return { library: 'node-persist', path: first && objectProperty(first, 'dir')?.initializer };
  }
  // @libsql/client: createClient({ url: 'file:local.db' })
  if (direct?.module.startsWith('@libsql/client') && direct.imported === 'createClient' && first) {
    const url = objectProperty(first, 'url')?.initializer;
    return url && isStringLiteralText(url) && url.text.startsWith('file:') ? { library: 'libSQL', path: url } : undefined;
  }
  // TypeORM: new DataSource({ type: 'sqlite', database }), createConnection({ … }), TypeOrmModule.forRoot({ … })
  const typeorm =
    (isNew && direct?.module === 'typeorm' && direct.imported === 'DataSource') ||
    (direct?.module === 'typeorm' && direct.imported === 'createConnection') ||
    (member === 'forRoot' && owner?.module === '@nestjs/typeorm');
  if (typeorm && first) {
    const type = objectProperty(first, 'type')?.initializer;
    if (!type || !isStringLiteralText(type) || !/^(sqlite|better-sqlite3|capacitor|expo)$/.test(type.text)) return undefined;
    return { library: 'SQLite', path: objectProperty(first, 'database')?.initializer };
  }
  // Keyv: new Keyv('sqlite://data.db'), new KeyvSqlite('sqlite://data.db')
  if (isNew && direct && (direct.module === 'keyv' || direct.module === '@keyv/sqlite') && first) {
    const url = skipOuterExpressions(first);
    return isStringLiteralText(url) && url.text.startsWith('sqlite://') && !url.text.includes(':memory:') ? { library: 'SQLite', path: url } : undefined;
  }
  if (direct?.module === 'sequelize' && isNew && first) {
    const options = args[args.length - 1];
    const dialect = options && objectProperty(options, 'dialect');
    if (!dialect || !isStringLiteralText(dialect.initializer) || dialect.initializer.text !== 'sqlite') return undefined;
    return { library: 'SQLite', path: objectProperty(options, 'storage')?.initializer };
  }
  return undefined;
}

/** The one `const name = …` of a file, wherever it is declared. */
function findConstDeclaration(sourceFile: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
  let found: ts.VariableDeclaration | undefined;
  let count = 0;
  forEachDescendant(sourceFile, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) {
      count++;
      if (node.parent.flags & ts.NodeFlags.Const) found = node;
    }
  });
  return count === 1 ? found : undefined;
}

function isStringLiteralText(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

interface FoundProperty {
  property: ts.ObjectLiteralElementLike;
  initializer: ts.Expression;
}

/** A property of an object literal (`{ dest: 'uploads/' }`, `{ dest }`); undefined when absent or not literal. */
function objectProperty(expr: ts.Expression, name: string): FoundProperty | undefined {
  const node = skipOuterExpressions(expr);
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  for (const property of node.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === name) {
      return { property, initializer: property.initializer };
    }
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) {
      return { property, initializer: property.name };
    }
  }
  return undefined;
}

function shortText(node: ts.Node, ctx: RuleContext<MessageId>): string {
  const text = node.getText(ctx.sourceFile).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** What a path expression is made of, as far as this file shows. */
interface PathInfo {
  /** Has a location decided in this file: a literal, `__dirname`, `process.cwd()`. */
  anchored: boolean;
  /** Comes from the environment or from something this file cannot see (a parameter, an import, a property). */
  external: boolean;
  /** Literal fragments and identifier names, for the word checks. */
  words: string[];
  literals: string[];
}

const EXEMPT_WORDS = new Set([
  'tmp',
  'temp',
  'tmpdir',
  'tempdir',
  'mkdtemp',
  'log',
  'logs',
  'logfile',
  'cache',
  'caches',
  'dist',
  'build',
  'generated',
  'coverage',
  'swagger',
  'openapi',
  'schema',
  'pid',
  // Writing a config file is an install or admin step (factors III and XII), not request-time data.
  'config',
  'pidfile',
  'lock',
  'lockfile',
  'test',
  'tests',
  'fixture',
  'fixtures',
  'stdout',
  'stderr',
  'null',
]);

/** Source, docs and manifests: whoever writes these is a code generator or release tool, not a service. */
const SOURCE_FILE = /(\.([cm]?[jt]sx?|d\.[cm]?ts|map|md|markdown|html?|css|scss|vue|svelte)|(^|\/)package(-lock)?\.json|(^|\/)tsconfig[\w.-]*\.json)$/i;

/** Reads path expressions: where they point and whether this file decides it. */
class PathReader {
  private declarations: Map<string, ts.VariableDeclaration[]> | undefined;
  private assignments: Map<string, (ts.Expression | undefined)[]> | undefined;
  private followCallers = true;

  constructor(private readonly ctx: RuleContext<MessageId>) {}

  /**
   * True when a path is decided in this file and names no temporary, log, cache or build location.
   * Paths from the environment, parameters or imports are left alone: the deployment may point them
   * at a mounted volume, and a helper's caller decides what it writes.
   */
  isAppDataPath(expr: ts.Expression): boolean {
    const info: PathInfo = { anchored: false, external: false, words: [], literals: [] };
    this.read(expr, info, 0);
    return this.isAppData(info);
  }

  private isAppData(info: PathInfo): boolean {
    if (!info.anchored || info.external) return false;
    if (info.literals.some((text) => /^\/(tmp|dev|proc|var\/tmp)(\/|$)/.test(text) || /^\\\\\.\\/.test(text))) return false;
    if (info.literals.some((text) => SOURCE_FILE.test(text))) return false;
    return !info.words.some((word) => EXEMPT_WORDS.has(word));
  }

  /** Values assigned to a name after its declaration (`x = …`); undefined for a compound one (`x += …`). */
  private assignmentsOf(name: string): (ts.Expression | undefined)[] {
    if (!this.assignments) {
      const map = new Map<string, (ts.Expression | undefined)[]>();
      forEachDescendant(this.ctx.sourceFile, (node) => {
        if (
          ts.isBinaryExpression(node) &&
          node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
          node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
          ts.isIdentifier(skipOuterExpressions(node.left))
        ) {
          const target = (skipOuterExpressions(node.left) as ts.Identifier).text;
          // Anything but a plain `=` builds on a value this reader cannot follow.
          const value = node.operatorToken.kind === ts.SyntaxKind.EqualsToken ? node.right : undefined;
          const list = map.get(target);
          if (list) list.push(value);
          else map.set(target, [value]);
        }
      });
      this.assignments = map;
    }
    return this.assignments.get(name) ?? [];
  }

  declarationOf(id: ts.Identifier): ts.VariableDeclaration | undefined {
    if (!this.declarations) {
      const map = new Map<string, ts.VariableDeclaration[]>();
      forEachDescendant(this.ctx.sourceFile, (node) => {
        if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
          const list = map.get(node.name.text);
          if (list) list.push(node);
          else map.set(node.name.text, [node]);
        }
      });
      this.declarations = map;
    }
    const list = this.declarations.get(id.text);
    return list && list.length === 1 ? list[0] : undefined;
  }

  /**
   * For a path parameter of a named helper, the first argument passed for it by a call in this file that is an
   * application-data path. One level only: helpers of helpers are the caller's business.
   */
  private callerPath(param: ts.ParameterDeclaration): PathInfo | undefined {
    const fn = param.parent;
    const index = fn.parameters.indexOf(param);
    const name = functionName(fn);
    if (name === undefined || index < 0 || param.dotDotDotToken || !ts.isIdentifier(param.name)) return undefined;
    let found: PathInfo | undefined;
    someNode(this.ctx.sourceFile, (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name) {
        const arg = node.arguments[index];
        if (arg && !ts.isSpreadElement(arg)) {
          this.followCallers = false;
          const info: PathInfo = { anchored: false, external: false, words: [], literals: [] };
          this.read(arg, info, 1);
          this.followCallers = true;
          if (this.isAppData(info)) found = info;
        }
      }
      return found !== undefined;
    });
    return found;
  }

  private read(node: ts.Expression, info: PathInfo, depth: number): void {
    const expr = skipOuterExpressions(node);
    if (depth > 6) {
      info.external = true;
      return;
    }
    if (isStringLiteralText(expr)) {
      info.anchored = true;
      info.literals.push(expr.text);
      info.words.push(...splitWords(expr.text));
      return;
    }
    if (ts.isNumericLiteral(expr)) {
      // fs.writeFile(1, …) writes to a file descriptor (stdout), not a path.
      info.external = true;
      return;
    }
    if (isEnvRead(expr)) {
      info.external = true;
      return;
    }
    if (ts.isTemplateExpression(expr)) {
      const parts = [expr.head.text, ...expr.templateSpans.map((span) => span.literal.text)];
      const fixed = parts.join('');
      if (fixed.length > 0) {
        info.anchored = true;
        info.literals.push(expr.head.text, fixed);
        info.words.push(...splitWords(fixed));
      }
      // A dynamic file name inside a fixed folder is still that folder: only the first span decides the root.
      expr.templateSpans.forEach((span, i) => this.readPart(span.expression, info, depth, i === 0 && expr.head.text === ''));
      return;
    }
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken) {
        this.read(expr.left, info, depth + 1);
        this.readPart(expr.right, info, depth, false);
        return;
      }
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        this.read(expr.left, info, depth + 1);
        this.read(expr.right, info, depth + 1);
        return;
      }
      info.external = true;
      return;
    }
    if (ts.isConditionalExpression(expr)) {
      this.read(expr.whenTrue, info, depth + 1);
      this.read(expr.whenFalse, info, depth + 1);
      return;
    }
    if (ts.isIdentifier(expr)) {
      if (expr.text === '__dirname' || expr.text === '__filename') {
        info.anchored = true;
        return;
      }
      info.words.push(...splitWords(expr.text));
      const param = parameterInScope(expr);
      if (param) {
        // writeJson(file, data) { fs.writeFile(file, …) } called with `writeJson(USERS_FILE, users)` in this file.
        const callerPath = this.followCallers ? this.callerPath(param) : undefined;
        if (callerPath) {
          info.anchored = true;
          info.words.push(...callerPath.words);
          info.literals.push(...callerPath.literals);
        } else {
          info.external = true;
        }
        return;
      }
      const decl = this.declarationOf(expr);
      if (decl?.initializer && !this.ctx.imports.has(expr.text)) {
        this.read(decl.initializer, info, depth + 1);
        // `let dir = 'the uploads directory'; dir = getUploadsDir();`: every value it is given decides the path.
        if (!(decl.parent.flags & ts.NodeFlags.Const)) {
          for (const value of this.assignmentsOf(expr.text)) {
            if (value) this.read(value, info, depth + 1);
            else info.external = true;
          }
        }
        return;
      }
      info.external = true;
      return;
    }
    if (ts.isCallExpression(expr)) {
      const callee = dottedName(expr.expression) ?? '';
      const last = callee.split('.').pop() ?? '';
      info.words.push(...splitWords(last));
      if (callee === 'process.cwd' || callee === 'cwd') {
        info.anchored = true;
        return;
      }
      if (last === 'tmpdir' || last === 'mkdtempSync' || last === 'mkdtemp' || last === 'homedir') {
        // homedir(): a per-user file of a desktop or CLI tool, not a service's data.
        info.words.push('tmp');
        info.anchored = true;
        return;
      }
      if (/^(path(\.posix|\.win32)?\.)?(join|resolve|normalize)$/.test(callee) || callee === 'fileURLToPath') {
        const args = expr.arguments;
        if (args.length === 0) {
          info.external = true;
          return;
        }
        // The first argument decides the root; later ones name sub-folders and files.
        this.read(args[0], info, depth + 1);
        for (const arg of args.slice(1)) this.readPart(arg, info, depth, false);
        return;
      }
      info.external = true;
      return;
    }
    if (ts.isNewExpression(expr) && dottedName(expr.expression) === 'URL' && expr.arguments?.length) {
      this.read(expr.arguments[0], info, depth + 1);
      return;
    }
    if (ts.isPropertyAccessExpression(expr)) {
      const name = dottedName(expr);
      if (name === 'import.meta.dirname' || name === 'import.meta.filename' || name === 'import.meta.url') {
        info.anchored = true;
        return;
      }
      info.words.push(...splitWords(expr.name.text));
      info.external = true;
      return;
    }
    info.external = true;
  }

  /**
   * A later part of a path (a file name under a folder): its words still count, but a parameter or property
   * there (`path.join(UPLOADS, req.file.name)`) does not make the folder external.
   */
  private readPart(node: ts.Expression, info: PathInfo, depth: number, decidesRoot: boolean): void {
    if (decidesRoot) {
      this.read(node, info, depth + 1);
      return;
    }
    const part: PathInfo = { anchored: false, external: false, words: [], literals: [] };
    this.read(node, part, depth + 1);
    info.words.push(...part.words);
    info.literals.push(...part.literals.filter((text) => SOURCE_FILE.test(text)));
    // An env read anywhere in the path means the deployment chooses it.
    if (containsEnv(node)) info.external = true;
  }
}

function containsEnv(node: ts.Node): boolean {
  return someNode(node, (child) => ts.isExpression(child) && isEnvRead(child));
}

/** The parameter declaring `id` in an enclosing function; a destructured parameter counts too. */
function parameterInScope(id: ts.Identifier): ts.ParameterDeclaration | undefined {
  for (let current: ts.Node | undefined = id.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      for (const param of current.parameters) if (bindsName(param.name, id.text)) return param;
    }
  }
  return undefined;
}

/** `function save()` → 'save', `const save = () =>` → 'save'. */
function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) {
    return fn.parent.name.text;
  }
  return undefined;
}

function bindsName(name: ts.BindingName, text: string): boolean {
  if (ts.isIdentifier(name)) return name.text === text;
  return name.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, text));
}

/** 'uploadDir' → ['upload', 'dir'], 'access.log' → ['access', 'log'], 'LOG_DIR' → ['log', 'dir']. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

const EXEMPT_FUNCTION = /^(generate|build|compile|codegen|scaffold|emit|bundle|write(Swagger|OpenApi|Schema|Types|Manifest))/i;
const DEV_ONLY_CONDITION = /\b(development|isDev|isDevelopment|IS_DEV|dev)\b|!==?\s*['"`]production['"`]/;

/**
 * Codegen helpers (`generateSitemap()`) and development-only branches write files by design, and a write at the top
 * level of a module runs once when it loads: that is a script or a start-up step, not request-time state.
 */
function isExemptContext(node: ts.Node): boolean {
  if (!enclosingFunction(node)) return true;
  let child: ts.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (ts.isIfStatement(current) && current.thenStatement === child && DEV_ONLY_CONDITION.test(current.expression.getText())) {
      return true;
    }
    if (ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current) || ts.isFunctionExpression(current)) {
      const name = current.name && propertyNameText(current.name);
      if (name && EXEMPT_FUNCTION.test(name)) return true;
    }
    if (ts.isArrowFunction(current) || ts.isFunctionExpression(current)) {
      const holder = current.parent;
      if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && EXEMPT_FUNCTION.test(holder.name.text)) return true;
    }
  }
  return false;
}
