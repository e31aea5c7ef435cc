// The V8 flags the CLI sets for itself (v8-tuning.ts applies them; the bench reads them to run the parse floor under
// the same settings). No side effects: importing this module changes nothing.

/** Node 20's V8 default `--interrupt-budget` (67,584), times four: see v8-tuning.ts. */
export const CLI_INTERRUPT_BUDGET = 4 * 66 * 1024;

export const CLI_V8_FLAGS: readonly string[] = [`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`];
