/**
 * Every Discord limit the adapter respects, in one place. Sources: Discord's developer docs
 * (messages, embeds, message components, application commands, interactions); see
 * /work/shared/reference/platform-facts.md D1–D2. The renderers shorten visibly ("…") to fit.
 */
export const DiscordLimits = {
  /** Message `content`. */
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthorName: 256,
  /** Sum of title, description, field names and values, footer and author name across all embeds. */
  embedTotal: 6000,
  embedFields: 25,
  embeds: 10,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  /** Link buttons' `url`. */
  buttonUrl: 512,
  autocompleteChoices: 25,
  /** Autocomplete choice `name`, and a string choice `value`. */
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  textInputLabel: 45,
  textInputValue: 4000,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
} as const;

/** Message flags and interaction constants used by the adapter (Discord API v10). */
export const MessageFlag = { Ephemeral: 1 << 6 } as const;

export const InteractionKind = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

export const CallbackType = {
  Pong: 1,
  Message: 4,
  DeferredMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
} as const;

export const ComponentType = { ActionRow: 1, Button: 2, TextInput: 4, Label: 18 } as const;

export const ButtonStyle = { Primary: 1, Secondary: 2, Success: 3, Danger: 4, Link: 5 } as const;

/** Permission bits (as BigInt) that the adapter checks. */
export const Permission = { Administrator: 1n << 3n, ManageChannels: 1n << 4n } as const;

/** How long Discord waits for the first response; we defer well before it. */
export const INTERACTION_DEADLINE_MS = 3000;
