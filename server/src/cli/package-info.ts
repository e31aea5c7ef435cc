// The tool's own name, version and home page, read from its package.json. Found by walking up from this
// file, which sits at a different depth in the bundle (server/out/cli.js) and in tsc output (out/server/…).
import fs from 'node:fs';
import path from 'node:path';
import type { ToolInfo } from './formatters/report';

const PACKAGE_NAME = 'twelve-factor-lint';

export function readToolInfo(): ToolInfo {
  return readPackage().info;
}

/** The folder of the tool's own package.json (docs/ ships beside it), or undefined when it cannot be found. */
export function packageRoot(): string | undefined {
  return readPackage().root;
}

let cached: { info: ToolInfo; root?: string } | undefined;

function readPackage(): { info: ToolInfo; root?: string } {
  cached ??= findPackage();
  return cached;
}

function findPackage(): { info: ToolInfo; root?: string } {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
        homepage?: unknown;
        repository?: unknown;
      };
      if (json.name === PACKAGE_NAME) {
        return {
          root: dir,
          info: {
            name: PACKAGE_NAME,
            version: typeof json.version === 'string' ? json.version : '0.0.0',
            informationUri: homepageOf(json.homepage, json.repository),
          },
        };
      }
    } catch {
      // No package.json here, or not ours: keep walking up.
    }
    if (path.dirname(dir) === dir) return { info: { name: PACKAGE_NAME, version: '0.0.0', informationUri: homepageOf(undefined, undefined) } };
  }
}

function homepageOf(homepage: unknown, repository: unknown): string {
  if (typeof homepage === 'string') return homepage;
  const url = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof url === 'string') return url.replace(/^git\+/, '').replace(/\.git$/, '');
  return 'https://12factor.net/';
}
