/**
 * Slack's limits, in one place. Sources: Block Kit reference (blocks, block elements) and
 * chat.postMessage (see docs/… or /work/shared/reference/platform-facts.md S9). Everything the
 * renderer emits is measured against these *after* escaping, since Slack counts what it receives.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message (modals and Home tabs allow 100; we only post messages). */
  blocksPerMessage: 50,
  /** Section block `text`. */
  sectionText: 3000,
  /** Header block `text` (plain_text). */
  headerText: 150,
  /** Button `text` (plain_text). */
  buttonText: 75,
  /** Button and other element `action_id`. */
  actionId: 255,
  /** Button `value`. */
  buttonValue: 2000,
  /** Elements in one actions block. */
  actionsElements: 25,
  /** Elements in one context block. */
  contextElements: 10,
  /** A context block's text element (a text object: same 3000 as section text). */
  contextText: 3000,
  /** Any `block_id`. */
  blockId: 255,
  /**
   * The top-level `text`, shown in notifications and as the fallback for clients without blocks.
   * Slack truncates above 40,000 characters and recommends at most 4,000.
   */
  fallbackText: 4000,
} as const;

/** Shown wherever the renderer had to shorten something, so it is visible, never silent. */
export const ELLIPSIS = '…';
