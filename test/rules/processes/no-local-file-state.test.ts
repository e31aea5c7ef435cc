import rule from '../../../server/src/analyzer/rules/processes/no-local-file-state';
import type { ProjectView } from '../../../server/src/analyzer/project';
import { runRuleTests } from '../../support/rule-tester';

function projectWith(...dependencies: string[]): ProjectView {
  return {
    root: '/repo',
    dependencies: new Set(dependencies),
    hasFact: () => false,
    envNames: () => new Set(),
    loggerModules: () => new Set(),
  };
}

runRuleTests(rule, {
  valid: [
    // Issue 6 §4 hard negatives: reads, temporary and log files, in-memory and remote stores, build output.
    "import fs from 'fs';\nasync function head(f) { const h = await fs.promises.open('data/in.bin', 'r'); return h; }",
    "import fs from 'fs';\nfunction logTo() { return fs.openSync('logs/app.log', 'a'); }",
    "const knex = require('knex');\nconst db = knex({ client: 'sqlite3', connection: { filename: ':memory:' } });",
    "const knex = require('knex');\nconst db = knex({ client: 'pg', connection: { filename: 'x.db' } });",
    "import sharp from 'sharp';\nasync function thumb(b) { return sharp(b).resize(64).toBuffer(); }",
    "import fs from 'fs';\nfunction move(from, to) { fs.renameSync(from, to); }",
    "import { createClient } from '@libsql/client';\nconst c = createClient({ url: 'libsql://db.turso.io' });",
    { code: "import fs from 'fs';\nasync function append(e) {\n  const h = await fs.promises.open('data/events.ndjson', 'a');\n}", filename: 'scripts/backfill.ts', name: 'a script writes as its job' },
    // Temporary files are fine: 12factor.net allows the disk as a brief, single-transaction scratch space.
    `import fs from 'fs'; import os from 'os'; import path from 'path';
function f(d: string) { fs.writeFileSync(path.join(os.tmpdir(), 'report.csv'), d); }`,
    `import fs from 'fs'; import { tmpdir } from 'os';
const scratch = tmpdir();
async function f(d: string) { await fs.promises.writeFile(\`\${scratch}/x.json\`, d); }`,
    `import fs from 'fs'; function f(d: string) { fs.writeFileSync('/tmp/healthy', d); }`,
    `import fs from 'fs'; function f() { fs.writeFileSync('/dev/null', 'x'); fs.writeFile(1, 'x', () => {}); fs.writeSync(2, 'x'); }`,
    {
      name: 'false positive in growthbook: a let whose literal initializer is a message, reassigned with the real folder',
      code: `import fs from 'fs'; import path from 'path'; import { getUploadsDir } from './files';
export async function uploadsInit() {
  let dir = 'the uploads directory';
  try {
    dir = getUploadsDir();
    await fs.promises.writeFile(path.join(dir, '.write-probe'), '');
  } catch {
    console.warn(\`\${dir} is not writable\`);
  }
}`,
    },
    // Another library's writeFile is not fs.
    `import { writeFile } from '@tauri-apps/api/fs'; async function f() { await writeFile('./users.json', '{}'); }`,
    `import { writeFile } from './storage'; async function f() { await writeFile('./users.json', '{}'); }`,
    // Log files belong to logs/no-log-files.
    `import fs from 'fs'; import path from 'path'; const stream = () => fs.createWriteStream(path.join(__dirname, 'access.log'), { flags: 'a' });`,
    `import fs from 'fs'; const LOG_DIR = 'logs'; function f(l: string) { fs.appendFileSync(LOG_DIR + '/app.txt', l); }`,
    // Paths from the environment, parameters or imports: the deployment or the caller decides.
    `import fs from 'fs'; function f(d: string) { fs.writeFileSync(process.env.DATA_FILE!, d); }`,
    `import fs from 'fs'; const DATA = process.env.DATA_DIR || './data'; function f(d: string) { fs.writeFileSync(DATA + '/x.json', d); }`,
    `import fs from 'fs'; export function writeJson(file: string, d: unknown) { fs.writeFileSync(file, JSON.stringify(d)); }`,
    `import fs from 'fs'; import { DATA_FILE } from './config'; function f(d: string) { fs.writeFileSync(DATA_FILE, d); }`,
    `import fs from 'fs'; class Store { constructor(private file: string) {} save(d: string) { fs.writeFileSync(this.file, d); } }`,
    {
      name: 'a release script in a folder the file kinds do not know writes package.json at the top level (uptime-kuma extra/)',
      code: `const fs = require("fs"); const pkg = require("../package.json");
if (pkg) { fs.writeFileSync("package.json", JSON.stringify(pkg, null, 4) + "\\n"); }`,
      filename: 'extra/mark-as-nightly.js',
    },
    {
      name: 'top-level loop of a maintenance script',
      code: `const fs = require("fs"); let path = "../src/lang";
for (const f of fs.readdirSync(path)) { let p = path + "/" + f; fs.writeFileSync(p, "{}"); }`,
      filename: 'extra/remove-empty-lang-keys.js',
    },
    {
      name: 'an installer writes the config file (NodeBB src/install.js)',
      code: `const fs = require('fs'); const path = require('path');
async function save(config) { let serverConfigPath = path.join(__dirname, '../config.json'); await fs.promises.writeFile(serverConfigPath, JSON.stringify(config)); }`,
      filename: 'src/install.js',
    },
    {
      name: 'an upgrade step (NodeBB src/upgrades/)',
      code: `const fs = require('fs'); const path = require('path');
module.exports = { method: async function () { const p = path.resolve(__dirname, '../../../', 'settings.json'); await fs.promises.writeFile(p, '{}'); } };`,
      filename: 'src/upgrades/4.14.3/trust_proxy.js',
    },
    {
      name: 'a SQLite file for test data in a test helper (keystone tests/admin-ui-tests/utils.ts)',
      code: `import { DatabaseSync } from 'node:sqlite'; import path from 'path';
const projectRoot = path.resolve(__dirname, '..');
export async function deleteAllData(projectDir: string) { const dir = path.resolve(projectRoot, projectDir); return new DatabaseSync(path.join(dir, 'test.db')); }`,
    },
    // Codegen and dev-only output.
    `import fs from 'fs'; function generateSitemap(xml: string) { fs.writeFileSync('public/sitemap.xml', xml); }`,
    `import fs from 'fs'; async function main(doc: object) { if (process.env.NODE_ENV !== 'production') { fs.writeFileSync('./swagger-spec.json', JSON.stringify(doc)); } }`,
    `import fs from 'fs'; function emit(src: string) { fs.writeFileSync('src/generated/types.ts', src); }`,
    `import fs from 'fs'; function f(d: string) { fs.writeFileSync('dist/manifest.json', d); fs.writeFileSync('.cache/state.json', d); }`,
    `import fs from 'fs'; function f() { fs.writeFileSync('server.pid', String(process.pid)); }`,
    // Tests, scripts and CLIs.
    { code: `import fs from 'fs'; it('x', () => { fs.writeFileSync('out.json', '{}'); });`, filename: 'src/app.test.ts' },
    { code: `import fs from 'fs'; function f() { fs.writeFileSync('out.json', '{}'); }`, filename: 'scripts/build-data.ts' },
    { code: `#!/usr/bin/env node\nconst fs = require('fs'); function f() { fs.writeFileSync('out.json', '{}'); }`, filename: 'src/init.js' },
    { code: `import fs from 'fs'; function f() { fs.writeFileSync('out.json', '{}'); }`, filename: 'src/commands/init.ts' },
    // Desktop apps, editor extensions and libraries write files as their job.
    `import { app } from 'electron'; import fs from 'fs'; function f() { fs.writeFileSync('prefs.json', '{}'); }`,
    {
      name: 'a project that is not a service (no server or worker dependency)',
      code: `import fs from 'fs'; function f() { fs.writeFileSync('out.json', '{}'); }`,
      project: projectWith('typescript', 'lodash'),
      filename: '/repo/src/app.ts',
    },
    // Uploads kept in memory or in the temp folder.
    `import multer from 'multer'; const upload = multer();`,
    `import multer from 'multer'; const upload = multer({ storage: multer.memoryStorage() });`,
    `import multer from 'multer'; import os from 'os'; const upload = multer({ dest: os.tmpdir() });`,
    `import multer from 'multer'; const upload = multer({ dest: process.env.UPLOAD_DIR });`,
    {
      name: 'diskStorage without destination writes to os.tmpdir()',
      code: `import multer from 'multer'; const storage = multer.diskStorage({ filename: (req, file, cb) => cb(null, file.originalname) });`,
    },
    `const formidable = require('formidable'); const form = formidable({ keepExtensions: true });`,
    `const fileUpload = require('express-fileupload'); app.use(fileUpload({ useTempFiles: true, tempFileDir: '/tmp/' }));`,
    // In-memory databases.
    `const sqlite3 = require('sqlite3').verbose(); const db = new sqlite3.Database(':memory:');`,
    `import Database from 'better-sqlite3'; const db = new Database(':memory:');`,
    `const Datastore = require('nedb'); const db = new Datastore(); const m = new Datastore({ inMemoryOnly: true, filename: 'x.db' });`,
    `import { Low, Memory } from 'lowdb'; const db = new Low(new Memory(), {});`,
    `import { Sequelize } from 'sequelize'; const s = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });`,
    `import { Sequelize } from 'sequelize'; const s = new Sequelize({ dialect: 'postgres', storage: 'x' });`,
  ],
  invalid: [
    // Issue 6 §4: file handles, moves into a data folder, generated files, and more file-backed stores.
    {
      code: "import fs from 'fs';\nasync function append(e) {\n  const h = await fs.promises.open('data/events.ndjson', 'a');\n  await h.write(e);\n}",
      errors: [{ messageId: 'fileWrite', line: 3, column: 19, endColumn: 35, message: 'Application data written to the local disk; keep state in a backing service (VI. Processes).' }],
    },
    { code: "const fs = require('fs');\nfunction keep(req) { fs.renameSync(req.file.path, 'uploads/' + req.file.originalname); }", errors: [{ messageId: 'fileWrite', line: 2, column: 22 }] },
    { code: "import sharp from 'sharp';\nasync function thumb(b, n) { const img = sharp(b).resize(64);\n  await img.toFile(`thumbs/${n}.png`); }", errors: [{ messageId: 'fileWrite', line: 3, column: 9 }] },
    {
      code: "const knex = require('knex');\nconst db = knex({ client: 'sqlite3', connection: { filename: './data.db' } });",
      errors: [{ messageId: 'fileDatabase', line: 2, column: 12, message: 'SQLite keeps its data in a local file (\'./data.db\'); use a database service (VI. Processes).' }],
    },
    { code: "import { Level } from 'level';\nconst db = new Level('./db');", errors: [{ messageId: 'fileDatabase', line: 2, column: 16, message: 'LevelDB keeps its data in a local file (\'./db\'); use a database service (VI. Processes).' }] },
    {
      code: `import fs from 'fs';
app.post('/users', (req, res) => {
  fs.writeFileSync('./users.json', JSON.stringify(req.body));
});`,
      errors: [
        {
          messageId: 'fileWrite',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 19,
          message: 'Application data written to the local disk; keep state in a backing service (VI. Processes).',
        },
      ],
    },
    {
      name: 'a const path resolved through path.join(__dirname)',
      code: `const fs = require('fs'); const path = require('path');
const DB = path.join(__dirname, 'data', 'db.json');
function save(u) { fs.writeFile(DB, JSON.stringify(u), () => {}); }`,
      filename: 'src/store.js',
      errors: [{ messageId: 'fileWrite', line: 3, column: 20 }],
    },
    {
      code: `import { writeFile, appendFile } from 'fs/promises';
async function add(id: string, d: string) { await writeFile(\`data/\${id}.json\`, d); await appendFile('events.csv', d); }`,
      errors: [
        { messageId: 'fileWrite', line: 2, column: 51 },
        { messageId: 'fileWrite', line: 2, column: 90 },
      ],
    },
    {
      code: `import fs from 'node:fs/promises';
export async function save(d: string) { await fs.writeFile('./state.json', d); }`,
      errors: [{ messageId: 'fileWrite', line: 2, column: 47 }],
    },
    {
      code: `const fs = require('fs');
exports.save = async (d) => fs.promises.writeFile('state.json', d);`,
      filename: 'src/state.js',
      errors: [{ messageId: 'fileWrite', line: 2, column: 29 }],
    },
    {
      code: `import { promises as fsp } from 'fs';
export const save = (d: string) => fsp.writeFile('state.json', d);`,
      errors: [{ messageId: 'fileWrite', line: 2, column: 36 }],
    },
    {
      code: `const fs = require('fs-extra');
async function save(d) { await fs.outputJson('data/orders.json', d); }`,
      filename: 'src/orders.js',
      errors: [{ messageId: 'fileWrite', line: 2, column: 32 }],
    },
    {
      code: `const fs = require('fs');
function upload(req, res) { req.pipe(fs.createWriteStream(__dirname + '/uploads/' + req.params.name)); }`,
      filename: 'src/upload.js',
      errors: [{ messageId: 'fileWrite', line: 2, column: 38 }],
    },
    {
      code: `const { promisify } = require('util'); const fs = require('fs');
const writeFileAsync = promisify(fs.writeFile);
async function save(d) { await writeFileAsync('todos.json', d); }`,
      filename: 'src/todos.js',
      errors: [{ messageId: 'fileWrite', line: 3, column: 32 }],
    },
    {
      name: 'a helper whose callers in this file pass a data file',
      code: `const fs = require('fs'); const path = require('path');
const USERS_FILE = path.join(__dirname, 'data', 'users.json');
async function writeJson(file, value) { await fs.promises.writeFile(file, JSON.stringify(value)); }
async function register(users) { await writeJson(USERS_FILE, users); }`,
      filename: 'server.js',
      errors: [{ messageId: 'fileWrite', line: 3, column: 47 }],
    },
    {
      name: 'a service project (express in package.json)',
      code: `import fs from 'fs'; function f() { fs.writeFileSync('out.json', '{}'); }`,
      project: projectWith('express'),
      filename: '/repo/src/app.ts',
      errors: [{ messageId: 'fileWrite', line: 1, column: 37 }],
    },
    {
      code: `const multer = require('multer');
const upload = multer({ dest: 'uploads/' });`,
      filename: 'src/routes.js',
      errors: [
        {
          messageId: 'upload',
          line: 2,
          column: 25,
          endColumn: 41,
          message: "Uploads stored on the local disk (dest: 'uploads/'); stream them to object storage (VI. Processes).",
        },
      ],
    },
    {
      name: 'hackathon-starter controllers/api.js',
      code: `const multer = require('multer'); const path = require('path');
const upload = multer({
  dest: path.join(__dirname, '../uploads'),
});`,
      filename: 'controllers/api.js',
      errors: [{ messageId: 'upload', line: 3, column: 3 }],
    },
    {
      name: 'proshop backend/routes/uploadRoutes.js',
      code: `import multer from 'multer';
const storage = multer.diskStorage({
  destination(req, file, cb) { cb(null, 'uploads/'); },
  filename(req, file, cb) { cb(null, file.originalname); },
});`,
      errors: [
        {
          messageId: 'upload',
          line: 2,
          column: 17,
          message: 'Uploads stored on the local disk (multer.diskStorage); stream them to object storage (VI. Processes).',
        },
      ],
    },
    {
      code: `import multer from 'multer';
const storage = multer.diskStorage({ destination: (req, file, cb) => cb(null, './public/uploads'), filename: (r, f, cb) => cb(null, f.originalname) });`,
      errors: [{ messageId: 'upload', line: 2, column: 17 }],
    },
    {
      code: `const formidable = require('formidable'); const path = require('path');
const form = formidable({ uploadDir: path.join(__dirname, 'uploads'), keepExtensions: true });`,
      filename: 'src/upload.js',
      errors: [{ messageId: 'upload', line: 2, column: 27 }],
    },
    {
      name: 'express-fileupload README example',
      code: `const fileUpload = require('express-fileupload');
app.post('/upload', function (req, res) {
  let sampleFile = req.files.sampleFile;
  sampleFile.mv(__dirname + '/uploads/' + sampleFile.name, (err) => res.send('ok'));
});`,
      filename: 'src/server.js',
      errors: [{ messageId: 'upload', line: 4, column: 3 }],
    },
    {
      code: `import { JSONFile } from 'lowdb/node'; import { Low } from 'lowdb';
const db = new Low(new JSONFile('db.json'), { posts: [] });`,
      errors: [
        {
          messageId: 'fileDatabase',
          line: 2,
          column: 24,
          message: "lowdb keeps its data in a local file ('db.json'); use a database service (VI. Processes).",
        },
      ],
    },
    {
      code: `const FileSync = require('lowdb/adapters/FileSync');
const adapter = new FileSync('db.json');`,
      filename: 'src/db.js',
      errors: [{ messageId: 'fileDatabase', line: 2, column: 21 }],
    },
    {
      code: `import { JSONFilePreset } from 'lowdb/node';
const db = await JSONFilePreset('db.json', { posts: [] });`,
      errors: [{ messageId: 'fileDatabase', line: 2, column: 18 }],
    },
    {
      code: `import { JsonDB, Config } from 'node-json-db';
const db = new JsonDB(new Config('myDataBase', true, false, '/'));`,
      errors: [{ messageId: 'fileDatabase', line: 2, column: 16 }],
    },
    {
      code: `const Datastore = require('@seald-io/nedb');
const db = new Datastore({ filename: 'data/users.db', autoload: true });`,
      filename: 'src/db.js',
      errors: [{ messageId: 'fileDatabase', line: 2, column: 16 }],
    },
    {
      code: `const sqlite3 = require('sqlite3').verbose();
const db = new sqlite3.Database('./data.db');`,
      filename: 'src/db.js',
      errors: [
        {
          messageId: 'fileDatabase',
          line: 2,
          column: 16,
          message: "SQLite keeps its data in a local file ('./data.db'); use a database service (VI. Processes).",
        },
      ],
    },
    {
      code: `import Database from 'better-sqlite3';
const db = new Database('app.db', { verbose: console.log });`,
      errors: [{ messageId: 'fileDatabase', line: 2, column: 16 }],
    },
    {
      code: `import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize({ dialect: 'sqlite', storage: './database.sqlite' });`,
      errors: [{ messageId: 'fileDatabase', line: 2, column: 30 }],
    },
  ],
});
