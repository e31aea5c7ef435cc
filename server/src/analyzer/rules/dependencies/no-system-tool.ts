// Factor II, dependencies: "a twelve-factor app never relies on the implicit existence of system tools" such as
// ImageMagick or curl; package.json cannot declare them, so a deploy without them fails at run time.
// Docs: docs/rules/dependencies/no-system-tool.md
import ts from 'typescript';
import { loadedModuleLiteral, moduleLoadVisitors, normalizeModule, textGate } from '../../ast';
import { processCallOf, promisifiedBindings } from '../../child-process';
import { packageNameOf } from '../../knowledge/modules';
import { SYSTEM_TOOLS, TOOL_WRAPPERS } from '../../knowledge/system-tools';
import { defineRule } from '../../rule';

// Every report needs a process module, Bun, or a wrapper module named in the file.
const mayRunPrograms = textGate(['child_process', 'execa', 'zx', 'shelljs', 'cross-spawn', 'child-process-promise', ...TOOL_WRAPPERS.keys()], ['Bun']);

export default defineRule({
  id: 'dependencies/no-system-tool',
  factor: 'dependencies',
  severity: 'warning',
  description: 'Application code does not shell out to system programs (curl, ImageMagick, ffmpeg, git, …) that package.json cannot declare.',
  messages: {
    program:
      'Runs "{{program}}" ({{tool}}) from the system; package.json cannot declare it, so a deploy without it fails at run time: use an npm package that ships it, or vendor it with the app (II. Dependencies).',
    wrapper:
      '"{{module}}" runs the "{{program}}" program ({{tool}}) it finds on the system; package.json cannot declare it: declare a package that ships it, or vendor it with the app (II. Dependencies).',
  },
  // Build and tooling scripts run on developer machines and CI, where the tools are part of the setup.
  skipIn: ['test', 'script'],
  create(ctx) {
    const project = ctx.project;
    const manifest = project.manifest;
    // Command-line tools, libraries, editor extensions and desktop apps are not deployed services: shelling out to
    // git or ffmpeg is often what they are for.
    if (project.isCli || project.isLibrary || manifest?.engines.has('vscode') || manifest?.byName.has('electron')) return { visit: {} };
    if (!mayRunPrograms(ctx.text)) return { visit: {} };
    const declared = (name: string): boolean => manifest?.byName.has(name) === true;
    let promisified: ReturnType<typeof promisifiedBindings> | undefined;
    const onCall = (node: ts.Node): void => {
      promisified ??= promisifiedBindings(ctx.sourceFile, ctx.imports);
      const call = processCallOf(node as ts.CallExpression | ts.TaggedTemplateExpression, ctx.imports, promisified);
      if (!call) return;
      const seen = new Set<string>();
      for (const program of call.programs) {
        // A relative path runs a program shipped with the app.
        if (program.path === 'relative' || seen.has(program.name)) continue;
        const tool = SYSTEM_TOOLS.get(program.name);
        if (!tool) continue;
        seen.add(program.name);
        ctx.report(node, 'program', { program: program.name, tool: tool.name }, { start: program.start, end: program.end, unless: `tool:${program.name}` });
      }
    };
    const onModule = (literal: ts.StringLiteralLike): void => {
      const name = packageNameOf(normalizeModule(literal.text));
      const wrapper = name === undefined ? undefined : TOOL_WRAPPERS.get(name);
      if (!wrapper || wrapper.vendoredBy.some(declared)) return;
      const tool = SYSTEM_TOOLS.get(wrapper.program)!;
      ctx.report(literal, 'wrapper', { module: name!, program: wrapper.program, tool: tool.name }, { unless: `tool:${wrapper.program}` });
    };
    return {
      visit: {
        CallExpression(node) {
          const loaded = loadedModuleLiteral(node);
          if (loaded !== undefined) {
            onModule(loaded);
            return;
          }
          onCall(node);
        },
        TaggedTemplateExpression: onCall,
        ...moduleLoadVisitors(onModule),
      },
    };
  },
});
