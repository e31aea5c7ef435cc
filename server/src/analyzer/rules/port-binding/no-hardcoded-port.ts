// PLACEHOLDER — being written. Docs: docs/rules/port-binding/no-hardcoded-port.md
import { defineRule } from '../../rule';

export default defineRule({
  id: 'port-binding/no-hardcoded-port',
  factor: 'port-binding',
  severity: 'warning',
  description: 'TODO',
  messages: { todo: 'TODO' },
  skipIn: ['test', 'script'],
  create: () => ({ visit: {} }),
});
