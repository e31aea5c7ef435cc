// The knowledge base's tables: what they say about specifiers, packages and system tools.
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { classifySpecifier, isBuiltinModule, isHostModule, packageNameOf } from '../../server/src/analyzer/knowledge/modules';
import { BUNDLERS, FRONT_END_FRAMEWORKS, SERVER_FRAMEWORKS, SERVICE_CLIENTS, serviceKindOf } from '../../server/src/analyzer/knowledge/packages';
import { SYSTEM_TOOLS, TOOL_WRAPPERS, installsTool } from '../../server/src/analyzer/knowledge/system-tools';

describe('knowledge base', () => {
  describe('module specifiers', () => {
    it('names the package of subpaths and scoped packages', () => {
      assert.equal(packageNameOf('lodash/fp'), 'lodash');
      assert.equal(packageNameOf('@aws-sdk/client-s3/dist-cjs'), '@aws-sdk/client-s3');
      assert.equal(packageNameOf('@scope'), undefined);
      assert.equal(packageNameOf('JSONStream'), 'JSONStream');
      assert.equal(packageNameOf('not a name'), undefined);
    });

    it('knows every Node built-in, with and without node:, subpaths included', () => {
      for (const name of builtinModules) assert.ok(isBuiltinModule(name), name);
      for (const name of ['node:fs', 'fs/promises', 'node:test', 'node:sqlite', 'node:sea']) assert.ok(isBuiltinModule(name), name);
      for (const name of ['test', 'sqlite', 'express', 'fs-extra', 'buffer-equal']) assert.ok(!isBuiltinModule(name), name);
    });

    it('tells files, built-ins, packages, aliases and runtime modules apart', () => {
      const kind = (s: string, aliases?: Parameters<typeof classifySpecifier>[1]) => classifySpecifier(s, aliases).kind;
      assert.equal(kind('./db'), 'relative');
      assert.equal(kind('..'), 'relative');
      assert.equal(kind('node:path'), 'builtin');
      assert.equal(kind('express'), 'package');
      assert.deepEqual(classifySpecifier('@nestjs/common/decorators'), { kind: 'package', packageName: '@nestjs/common' });
      for (const alias of ['@/components/x', '~/utils', '#internal', '#app', '$lib/db', '$env/static/private', '@@/models', '/abs/path']) {
        assert.equal(kind(alias), 'alias', alias);
      }
      for (const runtime of ['bun:test', 'bun', 'cloudflare:workers', 'virtual:pwa-register', 'npm:chalk', 'https://deno.land/x', 'raw-loader!./a', './x?raw']) {
        assert.notEqual(kind(runtime), 'package', runtime);
      }
      const aliases = { paths: ['@app/*', 'shared'], baseUrlEntries: new Set(['components']), configAliases: new Set(['@ui']) };
      assert.equal(kind('@app/users/service', aliases), 'alias');
      assert.equal(kind('shared', aliases), 'alias');
      assert.equal(kind('shared-utils', aliases), 'package');
      assert.equal(kind('components/Button', aliases), 'alias');
      assert.equal(kind('@ui/button', aliases), 'alias');
      assert.equal(kind('@apple/x', aliases), 'package');
      // A bare name mapped to sources has its subpaths mapped by the project's own tsconfig (Nx: erxes's
      // `erxes-ui` at the root, `erxes-ui/*` in each project's tsconfig.json).
      assert.equal(kind('shared/utils/core', aliases), 'alias');
      assert.equal(kind('shared-utils/core', aliases), 'package');
      assert.equal(kind('@scope/lib/deep', { ...aliases, paths: ['@scope/lib'] }), 'alias');
      assert.equal(kind('@scope/other/deep', { ...aliases, paths: ['@scope/lib'] }), 'package');
    });

    it('knows modules hosts provide', () => {
      assert.ok(isHostModule('vscode', new Map([['vscode', '^1.90.0']])));
      assert.ok(!isHostModule('vscode', new Map()));
      assert.ok(!isHostModule('express', new Map([['vscode', '^1.90.0']])));
    });
  });

  describe('packages', () => {
    it('has no package in two service kinds, and finds each by name', () => {
      const seen = new Map<string, string>();
      for (const [kind, modules] of Object.entries(SERVICE_CLIENTS)) {
        for (const module of modules) {
          assert.ok(!seen.has(module), `${module} is both ${seen.get(module)} and ${kind}`);
          seen.set(module, kind);
          assert.equal(serviceKindOf(module), kind);
        }
      }
      assert.equal(serviceKindOf('ioredis'), 'cache');
      assert.equal(serviceKindOf('express'), undefined);
    });

    it('keeps server frameworks out of the front-end list, and front-end bundling frameworks in the bundlers', () => {
      for (const name of Object.keys(SERVER_FRAMEWORKS)) assert.ok(!FRONT_END_FRAMEWORKS.has(name), name);
      for (const name of ['next', 'nuxt', '@sveltejs/kit', 'astro', 'gatsby', 'react-scripts']) {
        assert.ok(FRONT_END_FRAMEWORKS.has(name) && BUNDLERS.has(name), name);
      }
      assert.ok(!BUNDLERS.has('typescript') && !BUNDLERS.has('ts-node') && !BUNDLERS.has('@swc/core'), 'compilers that keep imports are not bundlers');
    });
  });

  describe('system tools', () => {
    it('maps OS packages to the programs they install, versioned names included', () => {
      const tool = (program: string) => SYSTEM_TOOLS.get(program)!;
      assert.ok(installsTool('imagemagick', tool('convert')));
      assert.ok(installsTool('ffmpeg=7:5.1', tool('ffprobe')));
      assert.ok(installsTool('postgresql-client-15', tool('pg_dump')));
      assert.ok(installsTool('poppler-utils', tool('pdftotext')));
      assert.ok(!installsTool('curl', tool('wget')));
      assert.ok(!installsTool('libmagickwand-dev', tool('convert')));
    });

    it('leaves out what every image and shell has, and Node and its package managers (other rules)', () => {
      for (const program of ['sh', 'bash', 'ls', 'cd', 'echo', 'cat', 'rm', 'mkdir', 'node', 'npm', 'npx', 'yarn', 'pnpm', 'tar']) {
        assert.ok(!SYSTEM_TOOLS.has(program), program);
      }
    });

    it('names a known program for every wrapper module', () => {
      for (const [module, { program }] of TOOL_WRAPPERS) assert.ok(SYSTEM_TOOLS.has(program), `${module} → ${program}`);
    });
  });
});
