// PLACEHOLDER — being written. Docs: docs/rules/disposability/handle-sigterm.md
import { defineRule } from '../../rule';

export default defineRule({
  id: 'disposability/handle-sigterm',
  factor: 'disposability',
  severity: 'warning',
  description: 'TODO',
  messages: { todo: 'TODO' },
  skipIn: ['test', 'script'],
  create: () => ({ visit: {} }),
});
