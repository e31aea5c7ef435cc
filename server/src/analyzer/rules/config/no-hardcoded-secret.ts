// PLACEHOLDER — being written. Docs: docs/rules/config/no-hardcoded-secret.md
import { defineRule } from '../../rule';

export default defineRule({
  id: 'config/no-hardcoded-secret',
  factor: 'config',
  severity: 'error',
  description: 'TODO',
  messages: { todo: 'TODO' },
  skipIn: ['test', 'script'],
  create: () => ({ visit: {} }),
});
