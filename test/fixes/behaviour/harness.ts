// The behaviour-safety harness: applies quick fixes to small services written for the test, the way an editor
// applies them one after another (re-indexing the project between fixes), and runs programs as child processes
// with stand-in client modules that record what they receive. Nothing here reaches the network: servers bind
// 127.0.0.1 on a free port, and the stand-ins never connect.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { analyze } from '../../../server/src/analyzer/analyze';
import { applyEdits } from '../../../server/src/analyzer/fixes/edits';
import { ProjectIndex, parsePackageJson } from '../../../server/src/analyzer/project';
import type { Finding, Fix, TextEdit } from '../../../server/src/analyzer/rule';

export const REPO = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * Stand-ins for client libraries: each records its module, the call and its arguments (functions as '[fn]') as one
 * JSON line in $TFL_RECORD, and never connects anywhere.
 */
const STAND_INS: Record<string, string> = {
  pg: `const r = require('tfl-record');
class Pool { constructor(...a) { r('pg', 'Pool', a); } query() { return Promise.resolve({ rows: [] }); } end() {} }
class Client { constructor(...a) { r('pg', 'Client', a); } connect() { return Promise.resolve(); } }
module.exports = { Pool, Client };`,
  ioredis: `const r = require('tfl-record');
class Redis { constructor(...a) { r('ioredis', 'Redis', a); } on() { return this; } }
Redis.Cluster = class { constructor(...a) { r('ioredis', 'Cluster', a); } };
module.exports = Redis; module.exports.default = Redis;`,
  redis: `const r = require('tfl-record');
exports.createClient = (...a) => { r('redis', 'createClient', a); return { on() { return this; }, connect: async () => {} }; };`,
  mongodb: `const r = require('tfl-record');
class MongoClient { constructor(...a) { r('mongodb', 'MongoClient', a); } static connect(...a) { r('mongodb', 'connect', a); return Promise.resolve(new MongoClient()); } }
module.exports = { MongoClient };`,
  nodemailer: `const r = require('tfl-record');
exports.createTransport = (...a) => { r('nodemailer', 'createTransport', a); return { sendMail: async () => ({}) }; };`,
  kafkajs: `const r = require('tfl-record');
class Kafka { constructor(...a) { r('kafkajs', 'Kafka', a); } producer() { return { connect: async () => {} }; } }
module.exports = { Kafka };`,
  mysql2: `const r = require('tfl-record');
exports.createConnection = (...a) => { r('mysql2', 'createConnection', a); return {}; };
exports.createPool = (...a) => { r('mysql2', 'createPool', a); return {}; };`,
  axios: `const r = require('tfl-record');
const axios = { create: (...a) => { r('axios', 'create', a); return axios; }, get: (...a) => { r('axios', 'get', a); return Promise.resolve({}); } };
module.exports = axios; module.exports.default = axios;`,
  // Express as far as binding goes: listen() records what it would bind and calls back, without a socket.
  express: `const r = require('tfl-record');
module.exports = () => ({ use() {}, get() {}, set(...a) { r('express', 'set', a); }, listen(...a) { r('express', 'listen', a); const cb = a.find((x) => typeof x === 'function'); if (cb) cb(); return { on() { return this; }, close(cb) { if (cb) cb(); } }; } });`,
  'tfl-record': `const fs = require('fs');
const plain = (v) => JSON.parse(JSON.stringify(v, (k, x) => (typeof x === 'function' ? '[fn]' : x)));
module.exports = (module, call, args) => fs.appendFileSync(process.env.TFL_RECORD, JSON.stringify({ module, call, args: plain(args) }) + '\\n');`,
};

/** Real libraries the behaviour tests run against: the exact devDependencies of this repository. */
const REAL = ['pino', 'winston', 'bunyan', 'express', 'koa', 'fastify', '@hapi/hapi'];

export interface ServiceOptions {
  files: Record<string, string>;
  packageJson?: Record<string, unknown>;
  /** Stand-in modules to install (names of STAND_INS). */
  standIns?: string[];
  /** Real packages to link from this repository's node_modules. */
  real?: string[];
}

/** A fresh project folder with the service's files, a package.json, stand-ins and links to real packages. */
export function makeService(options: ServiceOptions): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-behaviour-'));
  const pkg = options.packageJson ?? { name: 'svc', version: '1.0.0', private: true, dependencies: {} };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  for (const [name, text] of Object.entries(options.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const modules = path.join(dir, 'node_modules');
  for (const name of ['tfl-record', ...(options.standIns ?? [])]) {
    fs.mkdirSync(path.join(modules, name), { recursive: true });
    fs.writeFileSync(path.join(modules, name, 'index.js'), STAND_INS[name]);
  }
  for (const name of options.real ?? []) {
    if (!REAL.includes(name)) throw new Error(`${name} is not a pinned devDependency`);
    fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    fs.symlinkSync(path.join(REPO, 'node_modules', name), path.join(modules, name), 'dir');
  }
  return dir;
}

export function removeService(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The project as the CLI and the server see it: package.json, .env.example, every source file's facts. */
function indexOf(dir: string): ProjectIndex {
  const index = new ProjectIndex(dir);
  index.setPackageJson(parsePackageJson(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')));
  const example = path.join(dir, '.env.example');
  index.envExampleText = fs.existsSync(example) ? fs.readFileSync(example, 'utf8') : undefined;
  for (const file of sourceFiles(dir)) {
    index.setFile(file, analyze({ fileName: file, text: fs.readFileSync(file, 'utf8'), project: index, fixes: false }).facts);
  }
  return index;
}

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(full));
    else if (/\.[cm]?[jt]s$/.test(entry.name)) found.push(full);
  }
  return found;
}

/** Applies a fix as an editor does: this file's edits, other files' edits (creating what the fix creates). */
export function applyFix(file: string, fix: Fix): void {
  for (const created of fix.newFiles ?? []) {
    if (fs.existsSync(created.file)) throw new Error(`${fix.title}: ${created.file} exists`);
    fs.writeFileSync(created.file, created.text);
  }
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) {
    const target = edit.file ?? file;
    byFile.set(target, [...(byFile.get(target) ?? []), { ...edit, file: undefined }]);
  }
  for (const [target, edits] of byFile) {
    const text = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (!fs.existsSync(target) && !(fix.createFiles ?? []).includes(target)) throw new Error(`${fix.title}: ${target} is missing`);
    fs.writeFileSync(target, applyEdits(text, edits));
  }
}

export interface Applied {
  /** Titles of the fixes applied, in order. */
  titles: string[];
  /** Findings of the rule left without the fix kind asked for. */
  left: Finding[];
}

/**
 * Applies, one at a time, the first fix whose title matches `pick` of each finding of `ruleId` in `relative`,
 * re-analyzing (and re-indexing the project) after each, as a user going down the problems list would.
 */
export function applyAll(dir: string, relative: string, ruleId: string, pick: RegExp): Applied {
  const file = path.join(dir, relative);
  const titles: string[] = [];
  // A fix removes its finding (test/fixes/safety.test.ts checks it), so the loop ends when no finding offers one.
  for (let round = 0; round < 60; round++) {
    const project = indexOf(dir);
    const text = fs.readFileSync(file, 'utf8');
    const findings = analyze({ fileName: file, text, project }).findings.filter((f) => f.ruleId === ruleId);
    const next = findings.find((f) => f.fixes.some((fix) => pick.test(fix.title)));
    if (!next) return { titles, left: findings };
    const fix = next.fixes.find((candidate) => pick.test(candidate.title))!;
    applyFix(file, fix);
    titles.push(fix.title);
  }
  throw new Error('fixes did not converge');
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** What the stand-ins recorded, in order. */
  records: Array<{ module: string; call: string; args: unknown[] }>;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Passed to node before the script: `--env-file=.env.example`. */
  nodeArgs?: string[];
  timeoutMs?: number;
}

/** Runs `node <script>` in the service folder with a clean environment (nothing of this machine's leaks in). */
export function run(dir: string, script: string, options: RunOptions = {}): Promise<Run> {
  // Outside the service: what the stand-ins saw is the harness's, not a file the fix wrote.
  const recordDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-record-'));
  const record = path.join(recordDir, 'record.jsonl');
  fs.writeFileSync(record, '');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', TFL_RECORD: record, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not exit within ${options.timeoutMs ?? 10000} ms:\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 10000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const records = fs.readFileSync(record, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Run['records'][number]);
      fs.rmSync(recordDir, { recursive: true, force: true });
      resolve({ code, signal, stdout, stderr, records });
    });
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

export interface ServerRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** ms from SIGTERM to exit. */
  exitAfterMs: number;
  /** The in-flight request's result: its body, or the error it ended with. */
  inFlight: string;
  output: string;
}

/**
 * Starts a server, waits for it to print `listening`, starts a slow request (`GET /slow`, answered after 1 s),
 * sends SIGTERM once the handler says it has it (`in-flight`), and reports how the process ended and what the request got.
 */
export async function sigtermWhileServing(dir: string, script: string, port: number): Promise<ServerRun> {
  const child = spawn(process.execPath, [script], { cwd: dir, env: { PATH: process.env.PATH ?? '', PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 15000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('listening')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('close', () => reject(new Error(`${script} exited before listening:\n${output}`)));
    });
    const request = new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
      let body = '';
      socket.on('data', (chunk) => (body += chunk.toString()));
      socket.on('end', () => resolve(body.includes('slow-done') ? 'slow-done' : `answer without the body: ${body.slice(0, 80)}`));
      socket.on('error', (error) => resolve(`error: ${error.message}`));
    });
    // SIGTERM once the server has the request (its handler prints `in-flight`), not after a guess: a fixed sleep
    // lost the race when the test process was busy.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} never received GET /slow:\n${output}`)), 15000);
      const check = (): void => {
        if (!output.includes('in-flight')) return;
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      check();
    });
    const sent = Date.now();
    child.kill('SIGTERM');
    const [result, inFlight] = await Promise.all([
      Promise.race([exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${script} still runs 12 s after SIGTERM`)), 12000))]),
      request,
    ]);
    return { ...result, exitAfterMs: Date.now() - sent, inFlight, output };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Runs `tasks` with at most `limit` at once (the machine has two shared cores). */
export async function limited<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
