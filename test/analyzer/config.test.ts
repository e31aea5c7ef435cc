import assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/analyzer/config';
import { RULE_OPTIONS } from '../../server/src/analyzer/rules/index';

describe('.twelvefactorrc.json options', () => {
  const problems = (text: string) => parseConfig(text, RULE_OPTIONS).problems.map((p) => [p.message, p.offset === undefined ? undefined : text.slice(p.offset, p.offset + 12)]);

  it('keeps options the rule declares, with their types', () => {
    const text = '{ "rules": { "logs/no-console": ["info", { "allow": ["warn"] }], "config/no-hardcoded-secret": ["error", { "minEntropyLength": 24 }] } }';
    const parsed = parseConfig(text, RULE_OPTIONS);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.config.rules['logs/no-console'].options, { allow: ['warn'] });
    assert.deepEqual(parsed.config.rules['config/no-hardcoded-secret'].options, { minEntropyLength: 24 });
  });

  it('reports an unknown option, one of the wrong type, and options of a rule that takes none, where they are', () => {
    const text = `{
  "rules": {
    "logs/no-console": ["info", { "alow": ["warn"], "loggerImport": 3 }],
    "config/no-hardcoded-secret": ["error", { "minEntropyLength": 4 }],
    "port-binding/no-hardcoded-port": ["warning", { "ports": [3000] }]
  }
}`;
    assert.deepEqual(problems(text), [
      ['rule "logs/no-console": unknown option "alow" (known: allow, loggerImport)', '"alow": ["wa'],
      ['rule "logs/no-console": option "loggerImport" must be a string', '"loggerImpor'],
      ['rule "config/no-hardcoded-secret": option "minEntropyLength" must be a number of at least 8', '"minEntropyL'],
      ['rule "port-binding/no-hardcoded-port": unknown option "ports" (it takes no options)', '"ports": [30'],
    ]);
    // The bad options are left out; the good ones and the levels stay.
    const parsed = parseConfig(text, RULE_OPTIONS);
    assert.deepEqual(parsed.config.rules['logs/no-console'], { level: 'info', options: {} });
    assert.equal(parsed.config.rules['port-binding/no-hardcoded-port'].level, 'warning');
  });

  it('names an unknown rule with a suggestion, at its key', () => {
    assert.deepEqual(problems('{ "rules": { "log/no-console": "off", "x/y": "off" } }'), [
      ['unknown rule "log/no-console" (did you mean "logs/no-console"?)', '"log/no-cons'],
      ['unknown rule "x/y"', '"x/y": "off"'],
    ]);
  });
});

describe('.twelvefactorrc.json roles (docs/file-roles.md)', () => {
  it('keeps valid entries and reports a bad role or glob at its place; the others still apply', () => {
    const text = '{\n  "roles": {\n    "src/tools/**": "script",\n    "qa/**": "tester",\n    "": "mock",\n    "fixtures-*/**": "fixture"\n  }\n}';
    const parsed = parseConfig(text, RULE_OPTIONS);
    assert.deepEqual(parsed.config.roles, { 'src/tools/**': 'script', 'fixtures-*/**': 'fixture' });
    const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : text.slice(0, offset).split('\n').length);
    assert.deepEqual(
      parsed.problems.map((p) => [p.message, lineOf(p.offset)]),
      [
        ['"roles" entry "qa/**": role must be one of application, test, test-helper, mock, fixture, example, script, cli, browser, generated', 4],
        ['"roles" entry "": glob is empty', 5],
      ],
    );
  });

  it('rejects roles that are not an object', () => {
    assert.deepEqual(parseConfig('{ "roles": ["src/**"] }', RULE_OPTIONS).problems.map((p) => p.message), ['"roles" must be an object of glob to role']);
  });
});
