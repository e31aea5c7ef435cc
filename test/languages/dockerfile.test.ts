import assert from 'node:assert/strict';
import { dockerfileLanguage, isDockerfileName, parseDockerfile } from '../../server/src/analyzer/languages/dockerfile';
import { LineMap } from '../../server/src/analyzer/languages/line-map';

describe('Dockerfile language', () => {
  it('gives every instruction with its keyword, arguments, flags, properties and stage', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'ARG NODE=20',
      'FROM node:${NODE} AS build',
      'ENV API_URL=https://api.test LOG_LEVEL="info debug"',
      'COPY --chown=node:node package*.json ./',
      'RUN npm ci',
      'FROM node:20-slim',
      'COPY --from=build /app /app',
      'CMD ["node", "server.js"]',
      '',
    ].join('\n');
    const tree = parseDockerfile(text);
    assert.deepEqual(
      tree.instructions.map((i) => [i.keyword, i.stage, text.slice(i.start, i.end)]),
      [
        ['ARG', -1, 'ARG NODE=20'],
        ['FROM', 0, 'FROM node:${NODE} AS build'],
        ['ENV', 0, 'ENV API_URL=https://api.test LOG_LEVEL="info debug"'],
        ['COPY', 0, 'COPY --chown=node:node package*.json ./'],
        ['RUN', 0, 'RUN npm ci'],
        ['FROM', 1, 'FROM node:20-slim'],
        ['COPY', 1, 'COPY --from=build /app /app'],
        ['CMD', 1, 'CMD ["node", "server.js"]'],
      ],
    );
    const env = tree.instructions[2];
    assert.deepEqual(
      env.properties.map((p) => [p.name, p.value, text.slice(p.nameRange.start, p.nameRange.end), p.valueRange && text.slice(p.valueRange.start, p.valueRange.end)]),
      [
        ['API_URL', 'https://api.test', 'API_URL', 'https://api.test'],
        ['LOG_LEVEL', 'info debug', 'LOG_LEVEL', '"info debug"'],
      ],
    );
    assert.equal(tree.instructions[6].flags.get('from'), 'build');
    assert.deepEqual(tree.instructions[3].args.map((a) => a.value), ['package*.json', './']);
    assert.equal(tree.instructions[3].flags.get('chown'), 'node:node');
    assert.deepEqual(tree.stages.map((s) => [s.image, s.name]), [['node', 'build'], ['node', undefined]]);
    assert.equal(tree.directivesEnd, text.indexOf('ARG'));
  });

  it('keeps offsets right with CRLF, continuations and a byte-order mark', () => {
    const text = '\uFEFFFROM alpine\r\n# a comment\r\nRUN apk add \\\r\n    ffmpeg\r\nARG TOKEN\r\n';
    const tree = parseDockerfile(text);
    const map = new LineMap(text);
    const run = tree.instructions[1];
    assert.equal(text.slice(run.start, run.end), 'RUN apk add \\\r\n    ffmpeg');
    const ffmpeg = run.args.find((a) => a.value === 'ffmpeg')!;
    assert.equal(text.slice(ffmpeg.start, ffmpeg.end), 'ffmpeg');
    assert.deepEqual(map.positionOf(ffmpeg.start), { line: 3, character: 4 });
    assert.deepEqual(map.positionOf(tree.instructions[0].start), { line: 0, character: 0 });
    assert.equal(text.slice(tree.instructions[0].keywordRange.start, tree.instructions[0].keywordRange.end), 'FROM');
    assert.deepEqual(tree.comments.map((c) => text.slice(c.start, c.end)), ['# a comment']);
    const arg = tree.instructions[2].properties[0];
    assert.equal(arg.name, 'TOKEN');
    assert.equal(arg.value, null);
    // A comment above the RUN covers its continuation lines.
    assert.equal(dockerfileLanguage.statementStart!(tree, ffmpeg.start), run.start);
  });

  it('walks instructions in order, and survives broken text', () => {
    const seen: string[] = [];
    dockerfileLanguage.walk(parseDockerfile('FROM a\nRUN x\n'), (node) => seen.push(node.keyword));
    assert.deepEqual(seen, ['FROM', 'RUN']);
    for (const text of ['', '\\', 'ENV', 'COPY <<EOF\nunterminated', 'FROM\u0000x', 'RUN "unclosed', '# escape=`\nRUN a `\n b']) {
      assert.doesNotThrow(() => parseDockerfile(text), JSON.stringify(text));
    }
  });

  it('recognises Dockerfiles by name', () => {
    for (const name of ['Dockerfile', 'dockerfile', 'Dockerfile.prod', 'Dockerfile-dev', 'docker/api.Dockerfile', 'worker.dockerfile', 'Containerfile']) {
      assert.ok(isDockerfileName(name), name);
    }
    for (const name of ['Dockerfile.dockerignore', 'Dockerfile.md', 'dockerfile.ts', 'Dockerfiles', 'docker-compose.yml', '.dockerignore', 'templates/Dockerfile.hbs', 'Dockerfile.ejs']) {
      assert.ok(!isDockerfileName(name), name);
    }
  });
});
