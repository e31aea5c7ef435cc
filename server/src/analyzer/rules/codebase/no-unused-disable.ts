// Housekeeping of the codebase: a disable comment that silences nothing hides the next real finding.
// Docs: docs/rules/codebase/no-unused-disable.md
// The analyzer itself reports this rule while applying disable comments (see analyze.ts); it has no visitor.
import { defineRule } from '../../rule';

export default defineRule({
  id: 'codebase/no-unused-disable',
  factor: 'codebase',
  severity: 'hint',
  description: 'Reports twelve-factor-disable comments that no longer silence anything.',
  messages: { unused: 'This disable comment silences nothing; remove it.' },
  skipIn: [],
  create: () => ({ visit: {} }),
});
