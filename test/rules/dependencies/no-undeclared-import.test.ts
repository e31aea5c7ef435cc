import rule from '../../../server/src/analyzer/rules/dependencies/no-undeclared-import';
import { runRuleTests } from '../../support/rule-tester';
import { projectWith } from '../../support/project';

const service = projectWith({
  packageJson: {
    name: '@acme/api',
    dependencies: { express: '^4', '@nestjs/common': '^10', lodash: '^4' },
    devDependencies: { typescript: '6', '@types/express': '^4', '@types/node': '^20', vitest: '^1', dotenv: '^16', 'ts-node': '^10', electron: '^30', '@types/lodash': '^4' },
    peerDependencies: { react: '>=18' },
    optionalDependencies: { fsevents: '^2' },
  },
});
const monorepoApp = projectWith({
  root: '/repo/apps/api',
  packageJson: { name: '@acme/api', dependencies: { express: '^4', '@acme/db': 'workspace:*' } },
  workspace: {
    root: '/repo',
    packages: { '@acme/db': '/repo/packages/db', '@acme/ui': '/repo/packages/ui', '@acme/api': '/repo/apps/api' },
    rootPackageJson: { name: 'acme', private: true, devDependencies: { eslint: '^9', turbo: '^2', zod: '^3' } },
  },
});
const monorepoRoot = projectWith({
  root: '/repo',
  packageJson: { name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] },
  workspace: { root: '/repo', packages: { '@acme/db': '/repo/packages/db', '@acme/api': '/repo/apps/api' } },
});
const bundled = projectWith({ packageJson: { name: 'web', dependencies: { react: '^18' }, devDependencies: { vite: '^5', clsx: '^2' } } });
const aliased = projectWith({
  packageJson: { name: 'svc', dependencies: { express: '^4' } },
  aliases: { paths: ['@app/*', 'config'], baseUrlEntries: new Set(['services']), configAliases: new Set(['@shared']) },
});
const extension = projectWith({ packageJson: { name: 'ext', engines: { vscode: '^1.90.0' }, devDependencies: { '@types/vscode': '1.90.0' } } });
const next = projectWith({ packageJson: { name: 'site', dependencies: { next: '^14', react: '^18' } } });

runRuleTests(rule, {
  valid: [
    // A capitalised name is no package npm accepts today: a name given to the bundler in code (keystone-classic's
    // browserify `expose: 'FieldTypes'`).
    { code: "import { Fields } from 'FieldTypes';", project: service, name: 'a capitalised bundler name' },
    // Tooling at the workspace's top imports members the package manager linked there (vendure scripts/codegen).
    { code: "import { Client } from '@acme/db';", filename: 'scripts/codegen/download-schema.ts', project: monorepoRoot, name: 'a root script importing a member' },
    // A scaffolder's templates are copied into the project they generate, where their imports resolve (vendure's CLI).
    { code: "import { defineDashboardExtension } from '@vendure/dashboard';", filename: 'src/commands/add/dashboard/templates/index.template.tsx', project: service, name: 'a *.template.tsx file' },
    { code: "import { Pool } from 'pg';\nexport const pool = new Pool();", filename: 'src/scaffold/db.template.ts', project: service, name: 'a *.template.ts file' },
    // Built-ins, with and without node:, subpaths included.
    { code: "import fs from 'fs';\nimport { readFile } from 'node:fs/promises';\nimport test from 'node:test';\nconst cp = require('child_process');", project: service },
    // Declared in any kind; subpaths and scoped names.
    { code: "import express from 'express';\nimport fp from 'lodash/fp';\nimport { Injectable } from '@nestjs/common/decorators';\nimport React from 'react';", project: service },
    // Relative files, aliases of the build, subpath imports and runtime modules are no packages.
    { code: "import db from './db';\nimport ui from '@/components/ui';\nimport x from '~/utils';\nimport y from '#internal/y';\nimport { test } from 'bun:test';\nimport pwa from 'virtual:pwa-register';", project: service },
    { name: 'tsconfig paths, baseUrl entries and bundler aliases', code: "import a from '@app/users';\nimport c from 'config';\nimport s from 'services/mail';\nimport u from '@shared/util';", project: aliased },
    // The package's own name.
    { code: "import { api } from '@acme/api/client';", project: service },
    // Type-only imports need only a dev dependency (or its @types).
    { code: "import type { Request } from 'express-serve-static-core';\nimport type { Config } from 'vitest';", project: projectWith({ packageJson: { name: 'x', devDependencies: { vitest: '1', '@types/express-serve-static-core': '4' } } }) },
    { name: 'imported names used only as types are erased', code: "import { UserConfig } from 'vitest';\nexport const config: UserConfig = {};", project: service },
    { code: "export type { Thing } from 'vitest';\ntype T = typeof import('vitest');", project: service },
    // Optional dependencies loaded in a try, or with a catch.
    { code: "let chokidar;\ntry { chokidar = require('chokidar'); } catch { chokidar = undefined; }\nconst x = import('pino-pretty').catch(() => undefined);", project: service },
    // Dev dependencies in scripts and config files.
    { code: "import 'dotenv/config';\nimport { defineConfig } from 'vitest/config';", filename: 'vitest.config.ts', project: service },
    { code: "require('ts-node/register');", filename: 'scripts/seed.ts', project: service },
    // Dev-only branches.
    { code: "if (process.env.NODE_ENV !== 'production') {\n  require('dotenv').config();\n}", project: service },
    // A bundled package (front end, vite, esbuild): what dev dependencies provide is in the build.
    { code: "import clsx from 'clsx';", project: bundled },
    // Electron and the AWS SDK are provided by their runtime.
    { code: "import { app } from 'electron';", project: service },
    // Workspace members declared; the root's shared tooling counts as declared.
    { code: "import { db } from '@acme/db';\nimport { z } from 'zod';", project: monorepoApp },
    // Host modules and framework internals.
    { code: "import * as vscode from 'vscode';", project: extension },
    { code: "import 'server-only';\nimport css from 'styled-jsx/css';", project: next },
    // Tests are left to the test runner.
    { code: "import { render } from '@testing-library/react';", filename: 'src/app.test.tsx', project: service },
    // A dynamic specifier is not checked.
    { code: "const m = await import(`./locales/${lang}.js`);\nconst n = require(name);", project: service },
    // Without a package.json, nothing to check against.
    "import leftpad from 'left-pad';",
    { name: 'a half-typed package.json in the editor', code: "import leftpad from 'left-pad';", project: (() => { const p = projectWith(); p.setManifest({ ...p.manifest!, broken: true }); return p; })() },
    { name: 'a tool config loads the tool’s own dependencies (create-t3-turbo metro.config.js)', code: "const { FileStore } = require('metro-cache');", filename: 'metro.config.js', project: service },
    {
      name: 'a private workspace package without a start script (create-t3-turbo tooling/eslint)',
      code: "import eslint from 'eslint';",
      project: projectWith({ packageJson: { name: '@acme/eslint-config', private: true, exports: { './base': './base.ts' }, devDependencies: { eslint: '9' } } }),
    },
    { name: 'an undeclared type-only import: types are erased (homarr packages/db/schema)', code: "import type { DayOfWeek } from '@mantine/dates';", project: service },
    {
      name: 'an undeclared import whose names are used only as types: erased as import type is (hedgedoc backend, fastify)',
      code: "import { FastifyReply, FastifyRequest } from 'fastify';\nexport type R = FastifyRequest & { id: string };\nexport function send(reply: FastifyReply): void {}",
      project: service,
    },
    {
      name: 'declared by another workspace member, resolved by hoisting (homarr packages/boards next/navigation)',
      code: "import { usePathname } from 'next/navigation';",
      project: projectWith({
        root: '/repo/packages/boards',
        packageJson: { name: '@acme/boards', private: true },
        workspace: { root: '/repo', packages: { '@acme/boards': '/repo/packages/boards' }, rootPackageJson: { name: 'acme' } },
      }),
    },
    {
      name: 'Docusaurus aliases (excalidraw dev-docs)',
      code: "import Link from '@docusaurus/Link';\nimport Layout from '@theme/Layout';\nimport img from '@site/static/img.png';",
      project: projectWith({ packageJson: { name: 'docs', dependencies: { '@docusaurus/core': '3' } } }),
    },
    { name: '@types declared, package imported for its types', code: "import { Express } from 'express-x';", project: projectWith({ packageJson: { name: 'a', devDependencies: { '@types/express-x': '1' } } }) },
  ],
  invalid: [
    { code: "import { Client } from '@acme/db';", filename: 'src/server.ts', project: monorepoRoot, name: 'root application code still declares members', errors: [{ messageId: 'workspace', line: 1, column: 24 }] },
    { code: "import { render } from 'mjml';", filename: 'src/mail/render-template.ts', project: service, name: 'code that renders templates is code', errors: [{ messageId: 'undeclared', line: 1, column: 24 }] },
    { code: "import { render } from 'mjml';", filename: 'src/templates/welcome-email.ts', project: service, name: "an app's templates/ folder holds code", errors: [{ messageId: 'undeclared', line: 1, column: 24 }] },
    {
      name: 'the same import used as a value, or in JavaScript (which runs imports as written), is needed at run time',
      code: "import { FastifyRequest, fastify } from 'fastify';\nexport type R = FastifyRequest;\nfastify();",
      project: service,
      errors: [{ messageId: 'undeclared', line: 1, column: 41 }],
    },
    { code: "import { FastifyRequest } from 'fastify';\n/** @type {FastifyRequest} */ let r;", filename: 'src/app.js', project: service, errors: [{ messageId: 'undeclared', line: 1, column: 32 }] },
    {
      code: "import leftpad from 'left-pad';\nconst chalk = require('chalk');\nconst m = await import('@scope/thing/sub');",
      project: service,
      errors: [
        { messageId: 'undeclared', line: 1, column: 21, message: '"left-pad" is imported but package.json does not declare it; add it to dependencies (II. Dependencies).' },
        { messageId: 'undeclared', line: 2, column: 23 },
        { messageId: 'undeclared', line: 3, column: 24, message: '"@scope/thing" is imported but package.json does not declare it; add it to dependencies (II. Dependencies).' },
      ],
    },
    {
      name: 'a sibling workspace package must be declared too',
      code: "import { Button } from '@acme/ui';",
      project: monorepoApp,
      errors: [{ messageId: 'workspace', line: 1, column: 24 }],
    },
    {
      name: 'a dev dependency in application code',
      code: "import 'dotenv/config';\nrequire('ts-node/register');\nimport { describe } from 'vitest';\ndescribe('x', () => {});",
      project: service,
      errors: [
        { messageId: 'devOnly', line: 1, column: 8, message: '"dotenv" is only a devDependency, but application code imports it: an install without dev dependencies (npm ci --omit=dev) leaves it out; move it to dependencies (II. Dependencies).' },
        { messageId: 'devOnly', line: 2, column: 9 },
        { messageId: 'devOnly', line: 3, column: 26 },
      ],
    },
    {
      name: 'a production-only branch still needs it in production',
      code: "if (process.env.NODE_ENV === 'production') {\n  require('dotenv').config();\n}",
      project: service,
      errors: [{ messageId: 'devOnly', line: 2, column: 11 }],
    },
    {
      name: 'an import in a script that is not declared at all',
      code: "import sharp from 'sharp';",
      filename: 'scripts/resize.ts',
      project: service,
      errors: [{ messageId: 'undeclared', line: 1, column: 19 }],
    },
  ],
});
