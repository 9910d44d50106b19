import type { App } from '../../app.js';
import { resolveSubcommand, validateArgs } from '../../core/commands/args.js';
import { QUESTION_MAX } from '../../core/commands/ask.command.js';
import type { Caller } from '../../core/commands/command.js';
import { findCommand } from '../../core/commands/registry.js';
import { newIncidentId, runCommand } from '../../core/commands/run-command.js';
import { isUserError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import { incidentReply } from '../../core/reply/replies.js';
import type { Reply } from '../../core/reply/reply.js';
import { decodeCustomId, encodeCustomId } from './custom-id.js';
import { CallbackType, ComponentType, DiscordLimits, InteractionKind, MessageFlag, Permission } from './discord-limits.js';
import { type DiscordMessage, parseCitationFooter, renderDiscord, truncate } from './render-discord.js';

/** The parts of a Discord interaction payload (API v10) the handler reads. Everything else is ignored. */
export interface RawInteraction {
  id: string;
  application_id: string;
  type: number;
  token: string;
  data?: {
    name?: string;
    options?: RawOption[];
    custom_id?: string;
    component_type?: number;
    components?: RawModalComponent[];
  };
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string };
  member?: { user: { id: string }; permissions?: string };
  user?: { id: string };
  message?: {
    embeds?: { title?: string; description?: string; footer?: { text?: string } }[];
    components?: { components?: { custom_id?: string; label?: string }[] }[];
  };
}

interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: RawOption[];
  focused?: boolean;
}

interface RawModalComponent {
  type: number;
  custom_id?: string;
  value?: string;
  components?: RawModalComponent[];
  component?: RawModalComponent;
}

export type InteractionResponse =
  | { type: 1 }
  | { type: 4 | 7; data: DiscordMessage }
  | { type: 5; data?: { flags?: number } }
  | { type: 6 }
  | { type: 8; data: { choices: { name: string; value: string }[] } }
  | { type: 9; data: Record<string, unknown> };

/**
 * How a handler answers: the initial response (over the gateway a REST callback, over HTTP the
 * response body) and, afterwards, edits and follow-ups through the interaction webhook.
 */
export interface InteractionResponder {
  callback(response: InteractionResponse): Promise<void>;
  editOriginal(message: DiscordMessage): Promise<void>;
  followUp(message: DiscordMessage): Promise<void>;
}

export interface HandlerOptions {
  /** Defer (and edit the answer in later) when work has not finished after this long. Discord allows 3 s. */
  readonly deferAfterMs?: number;
}

export const DEFAULT_DEFER_AFTER_MS = 1500;
const FOLLOW_UP_INPUT = 'question';
const EXPIRED = 'That conversation has expired. Start a new one with /ask or /brief.';

/** One handler for gateway and HTTP modes: raw interaction in, responses out through the responder. */
export class InteractionHandler {
  private readonly deferAfterMs: number;

  constructor(
    private readonly app: App,
    private readonly logger: Logger,
    options: HandlerOptions = {},
  ) {
    this.deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  }

  /** Never throws: bugs are logged under an incident id and the user is told the id. */
  async handle(interaction: RawInteraction, responder: InteractionResponder): Promise<void> {
    let responded = false;
    const once: InteractionResponder = {
      callback: async (r) => {
        responded = true;
        await responder.callback(r);
      },
      editOriginal: (m) => responder.editOriginal(m),
      followUp: (m) => responder.followUp(m),
    };
    try {
      await this.dispatch(interaction, once);
    } catch (error) {
      const incident = newIncidentId();
      this.logger.error({ err: error, incident, interaction: summary(interaction) }, 'interaction failed');
      const message = renderDiscord(incidentReply(incident));
      try {
        if (!responded) await once.callback({ type: CallbackType.Message, data: message });
        else await once.followUp(message);
      } catch (err) {
        this.logger.error({ err, incident }, 'could not tell the user about the incident');
      }
    }
  }

  private async dispatch(i: RawInteraction, r: InteractionResponder): Promise<void> {
    switch (i.type) {
      case InteractionKind.Ping:
        return r.callback({ type: CallbackType.Pong });
      case InteractionKind.Command:
        return this.command(i, r);
      case InteractionKind.Autocomplete:
        return this.autocomplete(i, r);
      case InteractionKind.Component:
        return this.component(i, r);
      case InteractionKind.ModalSubmit:
        return this.modalSubmit(i, r);
      default:
        return this.refuse(i, r, 'unknown interaction type', "I can't handle that kind of interaction.");
    }
  }

  // -- slash commands -------------------------------------------------------------------------

  private async command(i: RawInteraction, r: InteractionResponder): Promise<void> {
    const name = i.data?.name ?? '';
    const def = findCommand(this.app.commands, name);
    if (!def) return this.refuse(i, r, 'unknown command', `I don't know /${name}. Try /help.`);
    let options = i.data?.options ?? [];
    let subcommand: string | undefined;
    if (options[0]?.type === 1) {
      subcommand = options[0].name;
      options = options[0].options ?? [];
    }
    const args: Record<string, unknown> = {};
    for (const o of options) args[o.name] = o.value;
    try {
      validateArgs(resolveSubcommand(def, subcommand).options, args);
    } catch (error) {
      if (isUserError(error)) return this.refuse(i, r, error.code, error.message, error.details);
      throw error;
    }
    const isPublic = name === 'brief' || args.public === true;
    await this.reply(r, !isPublic, () => runCommand(this.app.commands, { name, ...(subcommand ? { subcommand } : {}), args }, this.context(i)));
  }

  private async autocomplete(i: RawInteraction, r: InteractionResponder): Promise<void> {
    const def = findCommand(this.app.commands, i.data?.name ?? '');
    let options = i.data?.options ?? [];
    let handlerOptions = def && !def.subcommands ? def.options : undefined;
    if (def?.subcommands && options[0]?.type === 1) {
      handlerOptions = def.subcommands.find((s) => s.name === options[0]?.name)?.options;
      options = options[0].options ?? [];
    }
    const focused = options.find((o) => o.focused);
    const spec = handlerOptions?.find((o) => o.name === focused?.name);
    if (!focused || spec?.autocomplete !== 'briefing') {
      this.logger.warn({ interaction: summary(i) }, 'autocomplete for an option that has none');
      return r.callback({ type: CallbackType.AutocompleteResult, data: { choices: [] } });
    }
    await r.callback({ type: CallbackType.AutocompleteResult, data: { choices: this.briefingChoices(String(focused.value ?? '')) } });
  }

  /** Briefing ids and titles for autocomplete: id prefix matches first, then search hits; at most 25. */
  briefingChoices(typed: string): { name: string; value: string }[] {
    const library = this.app.core.library;
    const text = typed.trim().toLowerCase().slice(0, DiscordLimits.choiceValue);
    const found = text ? [...library.list().filter((b) => b.id.startsWith(text)), ...library.search(text, DiscordLimits.autocompleteChoices)] : library.list();
    const seen = new Set<string>();
    const choices: { name: string; value: string }[] = [];
    for (const b of found) {
      if (seen.has(b.id) || b.id.length > DiscordLimits.choiceValue) continue;
      seen.add(b.id);
      const room = DiscordLimits.choiceName - b.id.length - 3;
      const name = room >= 10 ? `${truncate(b.title, room)} (${b.id})` : truncate(b.id, DiscordLimits.choiceName);
      choices.push({ name, value: b.id });
      if (choices.length === DiscordLimits.autocompleteChoices) break;
    }
    return choices;
  }

  // -- buttons and modals ---------------------------------------------------------------------

  private async component(i: RawInteraction, r: InteractionResponder): Promise<void> {
    const id = decodeCustomId(i.data?.custom_id);
    if (!id || id.kind === 'modal') return this.refuse(i, r, 'unknown custom_id', "That button isn't one of mine.");
    switch (id.kind) {
      case 'suggestion': {
        const label = i.message?.components?.flatMap((row) => row.components ?? []).find((c) => c.custom_id === i.data?.custom_id)?.label;
        const question = label
          ?.replace(/\u200b/g, '')
          .replace(/…$/, '')
          .trim();
        if (!question) return this.refuse(i, r, 'suggestion without a label', "That button isn't one of mine.");
        return this.followUpQuestion(i, r, id.conversation, question, id.public);
      }
      case 'follow-up': {
        if (!this.app.core.answers.has(id.conversation)) return this.refuse(i, r, 'conversation expired', EXPIRED, { conversation: id.conversation });
        const custom_id = encodeCustomId({ kind: 'modal', conversation: id.conversation, public: id.public }) as string;
        return r.callback({
          type: CallbackType.Modal,
          data: {
            custom_id,
            title: 'Follow-up question',
            components: [
              {
                type: ComponentType.ActionRow,
                components: [
                  {
                    type: ComponentType.TextInput,
                    custom_id: FOLLOW_UP_INPUT,
                    label: 'Your question',
                    style: 2,
                    min_length: 1,
                    max_length: QUESTION_MAX,
                    required: true,
                    placeholder: 'e.g. How many of them are there?',
                  },
                ],
              },
            ],
          },
        });
      }
      case 'feedback':
        return this.feedback(i, r, id.conversation, id.helpful);
      case 'page': {
        if (!findCommand(this.app.commands, id.command)) return this.refuse(i, r, 'unknown command in custom_id', "That button isn't one of mine.");
        const reply = await runCommand(this.app.commands, { name: id.command, args: { ...id.args, page: id.page } }, this.context(i));
        const { flags: _flags, ...message } = renderDiscord(reply);
        return r.callback({ type: CallbackType.UpdateMessage, data: message });
      }
    }
  }

  private async modalSubmit(i: RawInteraction, r: InteractionResponder): Promise<void> {
    const id = decodeCustomId(i.data?.custom_id);
    if (id?.kind !== 'modal') return this.refuse(i, r, 'unknown modal custom_id', "That form isn't one of mine.");
    const value = findInput(i.data?.components ?? [], FOLLOW_UP_INPUT);
    const question = typeof value === 'string' ? value.trim() : '';
    if (!question) return this.refuse(i, r, 'modal without a question', 'Please type a question.');
    if (question.length > QUESTION_MAX) return this.refuse(i, r, 'question too long', `That question is too long (at most ${QUESTION_MAX} characters).`);
    return this.followUpQuestion(i, r, id.conversation, question, id.public);
  }

  /** A question in an existing conversation, so "how many of them?" resolves against the last answer. */
  private async followUpQuestion(i: RawInteraction, r: InteractionResponder, conversation: string, question: string, isPublic: boolean): Promise<void> {
    if (!this.app.core.answers.has(conversation)) return this.refuse(i, r, 'conversation expired', EXPIRED, { conversation });
    await this.reply(r, !isPublic, () =>
      runCommand(this.app.commands, { name: 'ask', args: { question, ...(isPublic ? { public: true } : {}) } }, { ...this.context(i), conversation }),
    );
  }

  private async feedback(i: RawInteraction, r: InteractionResponder, conversation: string, helpful: boolean): Promise<void> {
    const core = this.app.core;
    const state = this.app.store.conversations.get(conversation, core.clock());
    if (!state) return this.refuse(i, r, 'conversation expired', EXPIRED, { conversation });
    const embed = i.message?.embeds?.[0];
    const shownQuestion = unescapeDiscord(embed?.title ?? '').replace(/…$/, '');
    const answer = unescapeDiscord(embed?.description ?? '');
    // The buttons belong to one answer; the stored state describes the latest turn. Use the state when
    // it is that answer, else what the message itself shows (its footer carries the citation ids).
    const latest = state.lastQuestion !== '' && shownQuestion !== '' && state.lastQuestion.startsWith(shownQuestion);
    const shown = parseCitationFooter(embed?.footer?.text);
    core.feedback.record({
      platform: 'discord',
      user: this.caller(i).userId,
      conversation,
      question: latest ? state.lastQuestion : shownQuestion,
      answer,
      briefing: latest ? state.context.briefingId : (shown?.briefing ?? null),
      citations: latest ? state.lastCitations : (shown?.citations ?? []),
      helpful,
      at: core.clock(),
    });
    this.logger.info({ conversation, helpful }, 'feedback recorded');
    await r.callback({
      type: CallbackType.Message,
      data: renderDiscord({
        kind: 'info',
        blocks: [{ kind: 'paragraph', text: helpful ? 'Thanks, glad it helped. 👍' : 'Thanks, noted. Editors will look at this answer. 👎' }],
        visibility: 'private',
      }),
    });
  }

  // -- shared ---------------------------------------------------------------------------------

  /**
   * Runs `work` and answers with its reply. If it is not done within `deferAfterMs` the interaction
   * is deferred first (well inside Discord's 3 s) and the reply edited in when ready.
   */
  private async reply(r: InteractionResponder, ephemeral: boolean, work: () => Promise<Reply>): Promise<void> {
    const pending = work();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.deferAfterMs);
    });
    const first = await Promise.race([pending, late]);
    clearTimeout(timer);
    if (first !== 'late') return r.callback({ type: CallbackType.Message, data: renderDiscord(first) });
    await r.callback({ type: CallbackType.DeferredMessage, data: ephemeral ? { flags: MessageFlag.Ephemeral } : {} });
    const { flags: _flags, ...message } = renderDiscord(await pending);
    await r.editOriginal(message);
  }

  /** A malformed interaction: a short ephemeral message with an incident id; the details go to the log. */
  private async refuse(
    i: RawInteraction,
    r: InteractionResponder,
    reason: string,
    text: string,
    details: Readonly<Record<string, unknown>> = {},
  ): Promise<void> {
    const incident = newIncidentId();
    this.logger.warn({ incident, reason, details, interaction: summary(i) }, 'interaction refused');
    if (i.type === InteractionKind.Autocomplete) return r.callback({ type: CallbackType.AutocompleteResult, data: { choices: [] } });
    await r.callback({
      type: CallbackType.Message,
      data: renderDiscord({ kind: 'error', blocks: [{ kind: 'paragraph', text: `${text} (incident ${incident})` }], visibility: 'private', incident }),
    });
  }

  private context(i: RawInteraction) {
    return { caller: this.caller(i), core: this.app.core, commands: this.app.commands };
  }

  caller(i: RawInteraction): Caller {
    const userId = i.member?.user.id ?? i.user?.id ?? 'unknown';
    return {
      platform: 'discord',
      userId,
      channelId: i.channel_id ?? i.channel?.id ?? 'unknown',
      ...(i.guild_id ? { workspaceId: i.guild_id } : {}),
      canManage: canManage(i.member?.permissions),
    };
  }
}

/** Manage Channels or Administrator in the member's resolved permissions for this channel. */
export function canManage(permissions: string | undefined): boolean {
  if (!permissions || !/^\d+$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & Permission.ManageChannels) !== 0n || (bits & Permission.Administrator) !== 0n;
}

function findInput(components: readonly RawModalComponent[], customId: string): string | undefined {
  for (const c of components) {
    if (c.type === ComponentType.TextInput && c.custom_id === customId) return c.value;
    const nested = findInput([...(c.components ?? []), ...(c.component ? [c.component] : [])], customId);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

function unescapeDiscord(text: string): string {
  return text.replace(/\u200b/g, '').replace(/\\([\\*_~`|[\]>#-])/g, '$1');
}

/** What the log gets about an interaction: never its token. */
function summary(i: RawInteraction): Record<string, unknown> {
  return {
    id: i.id,
    type: i.type,
    command: i.data?.name,
    customId: i.data?.custom_id,
    guild: i.guild_id,
    channel: i.channel_id,
    user: i.member?.user.id ?? i.user?.id,
  };
}
