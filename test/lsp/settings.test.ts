import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, type AnalyzerConfig } from '../../server/src/analyzer/config';
import { DEFAULT_SETTINGS, effectiveConfig, toSettings } from '../../server/src/lsp/settings';

describe('lsp settings', () => {
  it('falls back to the defaults for anything missing or malformed', () => {
    assert.deepEqual(toSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(toSettings(null), DEFAULT_SETTINGS);
    assert.deepEqual(
      toSettings({ enable: 'yes', run: 'sometimes', rules: ['logs/no-console'], includeTestsAndScripts: 1, trace: 'on' }),
      DEFAULT_SETTINGS,
    );
  });

  it('reads valid values, and normalizes "warn"', () => {
    const settings = toSettings({
      enable: false,
      run: 'onSave',
      rules: { 'logs/no-console': 'off', 'port-binding/no-hardcoded-port': 'warn', 'config/no-hardcoded-secret': 'loud' },
      includeTestsAndScripts: true,
      loggerImport: " import { logger } from '@/lib/logger' ",
      trace: { server: 'verbose' },
    });
    assert.deepEqual(settings, {
      enable: false,
      run: 'onSave',
      rules: { 'logs/no-console': 'off', 'port-binding/no-hardcoded-port': 'warning' },
      includeTestsAndScripts: true,
      loggerImport: "import { logger } from '@/lib/logger'",
      trace: { server: 'verbose' },
    });
  });

  it('layers editor rule levels over the config file and keeps the file\'s rule options', () => {
    const file: AnalyzerConfig = {
      ...DEFAULT_CONFIG,
      rules: { 'logs/no-console': { level: 'error', options: { allow: ['warn'] } } },
      includeTestsAndScripts: true,
    };
    const config = effectiveConfig(file, { ...DEFAULT_SETTINGS, rules: { 'logs/no-console': 'hint', 'codebase/no-unused-disable': 'off' } });
    assert.deepEqual(config.rules, {
      'logs/no-console': { level: 'hint', options: { allow: ['warn'] } },
      'codebase/no-unused-disable': { level: 'off', options: {} },
    });
    // The editor's default `false` does not switch off what the project's config file turned on.
    assert.equal(config.includeTestsAndScripts, true);
    assert.equal(effectiveConfig(DEFAULT_CONFIG, { ...DEFAULT_SETTINGS, includeTestsAndScripts: true }).includeTestsAndScripts, true);
  });

  it('passes the loggerImport setting to logs/no-console unless the config file names one', () => {
    const setting = "import { logger } from '@/lib/logger'";
    const fromSetting = effectiveConfig(DEFAULT_CONFIG, { ...DEFAULT_SETTINGS, loggerImport: setting });
    assert.deepEqual(fromSetting.rules['logs/no-console'], { level: 'default', options: { loggerImport: setting } });
    const file: AnalyzerConfig = {
      ...DEFAULT_CONFIG,
      rules: { 'logs/no-console': { level: 'warning', options: { loggerImport: "import log from './log'" } } },
    };
    assert.deepEqual(effectiveConfig(file, { ...DEFAULT_SETTINGS, loggerImport: setting }).rules['logs/no-console'], {
      level: 'warning',
      options: { loggerImport: "import log from './log'" },
    });
  });
});
