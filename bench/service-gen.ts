// Generates a realistic Express service of a given length for the editor benchmark: config read from the
// environment, a database pool, one router per resource with validation, handlers with try/catch, some console
// calls, an error handler, a SIGTERM handler and a listen. Deterministic (no randomness), so runs compare.
import fs from 'node:fs';
import path from 'node:path';

const RESOURCES = [
  'user', 'order', 'product', 'invoice', 'customer', 'shipment', 'payment', 'review', 'category', 'coupon',
  'supplier', 'warehouse', 'report', 'session', 'webhook', 'account', 'address', 'cart', 'refund', 'ticket',
  'subscription', 'plan', 'notification', 'audit', 'team', 'project', 'task', 'comment', 'tag', 'attachment',
];

function pascal(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

function header(): string[] {
  return [
    "import express, { type NextFunction, type Request, type Response } from 'express';",
    "import { Pool } from 'pg';",
    "import { createHash, randomUUID } from 'node:crypto';",
    '',
    'const config = {',
    "  port: Number(process.env.PORT ?? 3000),",
    "  databaseUrl: process.env.DATABASE_URL ?? '',",
    "  pageSize: Number(process.env.PAGE_SIZE ?? 50),",
    "  logLevel: process.env.LOG_LEVEL ?? 'info',",
    "  corsOrigin: process.env.CORS_ORIGIN ?? '*',",
    '};',
    '',
    'const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });',
    'const app = express();',
    'app.use(express.json({ limit: "1mb" }));',
    '',
    'app.use((req: Request, res: Response, next: NextFunction) => {',
    "  res.setHeader('Access-Control-Allow-Origin', config.corsOrigin);",
    "  res.setHeader('X-Request-Id', randomUUID());",
    '  next();',
    '});',
    '',
    'class HttpError extends Error {',
    '  constructor(readonly status: number, message: string) {',
    '    super(message);',
    '  }',
    '}',
    '',
    'function pageOf(req: Request): { limit: number; offset: number } {',
    '  const page = Math.max(1, Number(req.query.page ?? 1));',
    '  return { limit: config.pageSize, offset: (page - 1) * config.pageSize };',
    '}',
    '',
    'function etagOf(value: unknown): string {',
    "  return createHash('sha1').update(JSON.stringify(value)).digest('hex');",
    '}',
    '',
  ];
}

function resource(name: string, round: number): string[] {
  const type = `${pascal(name)}${round || ''}`;
  const table = `${name}s${round || ''}`;
  const router = `${name}Router${round || ''}`;
  return [
    `interface ${type} {`,
    '  id: string;',
    '  name: string;',
    '  status: "active" | "archived";',
    '  createdAt: string;',
    '  updatedAt: string;',
    '  ownerId: string;',
    '}',
    '',
    `function validate${type}(body: unknown): Partial<${type}> {`,
    "  if (typeof body !== 'object' || body === null) throw new HttpError(400, 'body must be an object');",
    '  const record = body as Record<string, unknown>;',
    "  if (record.name !== undefined && typeof record.name !== 'string') throw new HttpError(400, 'name must be a string');",
    "  if (record.status !== undefined && record.status !== 'active' && record.status !== 'archived') {",
    "    throw new HttpError(400, 'status must be active or archived');",
    '  }',
    `  return record as Partial<${type}>;`,
    '}',
    '',
    `class ${type}Repository {`,
    `  async list(limit: number, offset: number): Promise<${type}[]> {`,
    `    const { rows } = await pool.query('SELECT * FROM ${table} ORDER BY created_at DESC LIMIT $1 OFFSET $2', [limit, offset]);`,
    `    return rows as ${type}[];`,
    '  }',
    '',
    `  async get(id: string): Promise<${type} | undefined> {`,
    `    const { rows } = await pool.query('SELECT * FROM ${table} WHERE id = $1', [id]);`,
    `    return rows[0] as ${type} | undefined;`,
    '  }',
    '',
    `  async create(input: Partial<${type}>): Promise<${type}> {`,
    '    const id = randomUUID();',
    `    const { rows } = await pool.query('INSERT INTO ${table} (id, name, status) VALUES ($1, $2, $3) RETURNING *', [`,
    '      id,',
    "      input.name ?? '',",
    "      input.status ?? 'active',",
    '    ]);',
    `    return rows[0] as ${type};`,
    '  }',
    '',
    `  async update(id: string, input: Partial<${type}>): Promise<${type} | undefined> {`,
    `    const { rows } = await pool.query('UPDATE ${table} SET name = COALESCE($2, name), status = COALESCE($3, status) WHERE id = $1 RETURNING *', [`,
    '      id,',
    '      input.name,',
    '      input.status,',
    '    ]);',
    `    return rows[0] as ${type} | undefined;`,
    '  }',
    '',
    '  async remove(id: string): Promise<boolean> {',
    `    const result = await pool.query('DELETE FROM ${table} WHERE id = $1', [id]);`,
    '    return (result.rowCount ?? 0) > 0;',
    '  }',
    '}',
    '',
    `const ${name}s${round || ''} = new ${type}Repository();`,
    `const ${router} = express.Router();`,
    '',
    `${router}.get('/', async (req: Request, res: Response, next: NextFunction) => {`,
    '  try {',
    '    const { limit, offset } = pageOf(req);',
    `    const items = await ${name}s${round || ''}.list(limit, offset);`,
    "    res.setHeader('ETag', etagOf(items));",
    '    res.json({ items, limit, offset });',
    '  } catch (error) {',
    '    next(error);',
    '  }',
    '});',
    '',
    `${router}.get('/:id', async (req: Request, res: Response, next: NextFunction) => {`,
    '  try {',
    `    const item = await ${name}s${round || ''}.get(req.params.id);`,
    `    if (!item) throw new HttpError(404, '${name} not found');`,
    '    res.json(item);',
    '  } catch (error) {',
    '    next(error);',
    '  }',
    '});',
    '',
    `${router}.post('/', async (req: Request, res: Response, next: NextFunction) => {`,
    '  try {',
    `    const input = validate${type}(req.body);`,
    `    const created = await ${name}s${round || ''}.create(input);`,
    `    console.log('created ${name}', created.id);`,
    '    res.status(201).json(created);',
    '  } catch (error) {',
    '    next(error);',
    '  }',
    '});',
    '',
    `${router}.put('/:id', async (req: Request, res: Response, next: NextFunction) => {`,
    '  try {',
    `    const input = validate${type}(req.body);`,
    `    const updated = await ${name}s${round || ''}.update(req.params.id, input);`,
    `    if (!updated) throw new HttpError(404, '${name} not found');`,
    '    res.json(updated);',
    '  } catch (error) {',
    '    next(error);',
    '  }',
    '});',
    '',
    `${router}.delete('/:id', async (req: Request, res: Response, next: NextFunction) => {`,
    '  try {',
    `    const removed = await ${name}s${round || ''}.remove(req.params.id);`,
    `    if (!removed) throw new HttpError(404, '${name} not found');`,
    '    res.status(204).end();',
    '  } catch (error) {',
    '    next(error);',
    '  }',
    '});',
    '',
    `app.use('/api/${table}', ${router});`,
    '',
  ];
}

function footer(): string[] {
  return [
    'app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {',
    '  const status = error instanceof HttpError ? error.status : 500;',
    "  if (status >= 500) console.error('request failed', req.method, req.url, error);",
    "  res.status(status).json({ error: error instanceof Error ? error.message : 'internal error' });",
    '});',
    '',
    'const server = app.listen(config.port, () => {',
    "  console.log(`listening on ${config.port}`);",
    '});',
    '',
    "process.on('SIGTERM', () => {",
    '  server.close(() => {',
    '    void pool.end().then(() => process.exit(0));',
    '  });',
    '});',
    '',
  ];
}

export interface GeneratedService {
  text: string;
  lines: number;
  /** Offset just inside a string literal halfway down the file: where the benchmark types. */
  typingOffset: number;
}

/** A service of at least `minLines` lines (whole resources are added until it is long enough). */
export function generateService(minLines: number): GeneratedService {
  const tail = footer();
  const lines = header();
  const blocks: string[][] = [];
  let count = lines.length + tail.length;
  for (let i = 0; count < minLines; i++) {
    const block = resource(RESOURCES[i % RESOURCES.length], Math.floor(i / RESOURCES.length));
    blocks.push(block);
    count += block.length;
  }
  // Type in the message of the middle resource's POST handler: `console.log('created <name>…`.
  const middle = Math.floor(blocks.length / 2);
  let typingLine = -1;
  for (let b = 0; b < blocks.length; b++) {
    if (b === middle) typingLine = lines.length + blocks[b].findIndex((line) => line.includes("console.log('created "));
    lines.push(...blocks[b]);
  }
  lines.push(...tail);
  const text = lines.join('\n');
  let offset = 0;
  for (let i = 0; i < typingLine; i++) offset += lines[i].length + 1;
  offset += lines[typingLine].indexOf("'created ") + "'created ".length;
  return { text, lines: lines.length, typingOffset: offset };
}

/**
 * A monorepo-like workspace for the index benchmark: `projects` packages (each with its package.json), each holding
 * `filesPerProject` generated services of about `linesPerFile` lines. Written below `dir`; returns the file count.
 */
export function writeGeneratedWorkspace(dir: string, projects: number, filesPerProject: number, linesPerFile: number): number {
  const service = generateService(linesPerFile).text;
  let files = 0;
  for (let p = 0; p < projects; p++) {
    const root = path.join(dir, 'packages', `service-${p}`);
    fs.mkdirSync(path.join(root, 'src', 'routes'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'package.json'),
      JSON.stringify({ name: `service-${p}`, private: true, dependencies: { express: '^4.19.2', pg: '^8.11.0' } }),
    );
    for (let f = 0; f < filesPerProject; f++) {
      // A distinct port per file, so the files differ (a port finding each; nothing deduplicates them).
      fs.writeFileSync(path.join(root, 'src', 'routes', `r${f}.ts`), `${service}\napp.listen(${3000 + f});\n`);
      files++;
    }
  }
  return files;
}
