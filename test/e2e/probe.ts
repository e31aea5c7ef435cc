// Asks the bundled language server, over stdio, what it can do (its `initialize` result), and reads which snippets
// the extension contributes. The suite uses both to tell "not built yet" (skip, with the reason) from "broken" (fail):
// a check must never pass because the feature it checks is absent.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

export type ServerCapabilities = Record<string, unknown>;

export async function serverCapabilities(serverJs: string, env: NodeJS.ProcessEnv, timeoutMs = 15_000): Promise<ServerCapabilities> {
  const child = spawn(process.execPath, [serverJs, '--stdio'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    return await new Promise<ServerCapabilities>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${serverJs} did not answer initialize within ${timeoutMs} ms`)), timeoutMs);
      let buffer = Buffer.alloc(0);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${serverJs} exited with ${code} before answering initialize\n${stderr}`));
      });
      child.stdout.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          const headerEnd = buffer.indexOf('\r\n\r\n');
          if (headerEnd < 0) return;
          const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
          if (buffer.length < headerEnd + 4 + length) return;
          const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as {
            id?: number;
            result?: { capabilities?: ServerCapabilities };
            error?: { message: string };
          };
          buffer = buffer.subarray(headerEnd + 4 + length);
          if (message.id === 1) {
            clearTimeout(timer);
            if (message.error) reject(new Error(`initialize failed: ${message.error.message}`));
            else resolve(message.result?.capabilities ?? {});
          }
        }
      });
      send(child.stdin, {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null },
      });
    });
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
  }
}

function send(stream: NodeJS.WritableStream, message: unknown): void {
  const body = Buffer.from(JSON.stringify(message));
  stream.write(`Content-Length: ${body.length}\r\n\r\n`);
  stream.write(body);
}

export interface Snippet {
  prefix: string;
  body: string[];
}

/** The snippet with `prefix` among those package.json contributes, or undefined when none is contributed. */
export function contributedSnippet(extensionRoot: string, prefix: string): Snippet | undefined {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8')) as {
    contributes?: { snippets?: { path: string }[] };
  };
  for (const contribution of manifest.contributes?.snippets ?? []) {
    const file = path.join(extensionRoot, contribution.path);
    if (!fs.existsSync(file)) continue;
    // snippet files may carry comments, as VS Code allows
    const snippets = parseJsonc(fs.readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[] }>;
    for (const snippet of Object.values(snippets)) {
      const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
      if (prefixes.includes(prefix)) {
        return { prefix, body: Array.isArray(snippet.body) ? snippet.body : snippet.body.split('\n') };
      }
    }
  }
  return undefined;
}

/** A line of the snippet as it reads once expanded with its default placeholders (`${1:PORT}` → `PORT`). */
export function expandedLine(line: string): string {
  return line
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .trim();
}
