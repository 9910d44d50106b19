import type { Caller, Choice, CommandDefinition, CoreServices, OptionSpec } from './commands/command.js';
import { type Invocation, replyVisibility, resolveInvocation, runCommand } from './commands/run-command.js';
import { recordFeedback, type Vote } from './feedback/record-feedback.js';
import type { Clock, Logger } from './ports/runtime.js';
import type { EventLedger } from './ports/storage.js';
import type { Reply, Visibility } from './reply/reply.js';

/** An option being typed, for suggestions (Discord autocomplete). */
export interface SuggestRequest {
  readonly command: string;
  readonly subcommand?: string;
  readonly option: string;
  readonly typed: string;
}

/**
 * What adapters call: everything a platform needs from the core, and nothing of how it is built.
 * Adapters translate payloads into these calls and the replies into messages; the rules (which
 * command, who may, who sees it, what a follow-up continues, what feedback records) live behind it.
 */
export interface BotCore {
  /** The registry, to register commands, build the manifest and route names. */
  readonly commands: readonly CommandDefinition[];
  readonly logger: Logger;
  readonly clock: Clock;
  /** Runs a command for `caller`, continuing `conversation` if given. Never throws: errors become replies. */
  run(invocation: Invocation, caller: Caller, conversation?: string): Promise<Reply>;
  /** Who will see the reply to `invocation`, known before it runs. */
  visibilityOf(invocation: Invocation): Visibility;
  /** Suggestions for an option being typed; undefined when the option suggests nothing. */
  suggest(request: SuggestRequest, caller: Caller): readonly Choice[] | undefined;
  /** A question in `conversation` (started under that id if new), so "how many of them?" resolves against earlier turns. */
  ask(caller: Caller, question: string, where: { readonly conversation: string; readonly public?: boolean }): Promise<Reply>;
  /** Records 👍/👎 for one answer; the reply thanks the caller, or says the answer is no longer known. */
  feedback(caller: Caller, vote: Vote): Promise<Reply>;
  hasConversation(conversation: string): Promise<boolean>;
  /** Continues `from` under the id `to` too (a Slack thread learns its ts only after posting). */
  continueConversation(from: string, to: string): Promise<boolean>;
  /** True the first time `eventKey` is seen within `ttlMs`, on any replica: platform retries and replays are handled once. */
  firstTime(eventKey: string, ttlMs: number): Promise<boolean>;
}

export function createBotCore(services: CoreServices, commands: readonly CommandDefinition[], events: EventLedger): BotCore {
  const context = (caller: Caller, conversation?: string) => ({ caller, core: services, commands, ...(conversation ? { conversation } : {}) });
  const run = (invocation: Invocation, caller: Caller, conversation?: string) => runCommand(commands, invocation, context(caller, conversation));
  return {
    commands,
    logger: services.logger,
    clock: services.clock,
    run,
    visibilityOf: (invocation) => replyVisibility(commands, invocation),
    suggest(request, caller) {
      const invocation = { name: request.command, ...(request.subcommand ? { subcommand: request.subcommand } : {}), args: {} };
      let spec: OptionSpec | undefined;
      try {
        spec = resolveInvocation(commands, invocation).handler.options.find((o) => o.name === request.option);
      } catch {
        return undefined;
      }
      return spec?.suggest?.(request.typed, context(caller));
    },
    ask: (caller, question, where) => run({ name: 'ask', args: { question, ...(where.public ? { public: true } : {}) } }, caller, where.conversation),
    feedback: (caller, vote) => recordFeedback(services, caller, vote),
    hasConversation: (conversation) => services.conversations.has(conversation),
    continueConversation: (from, to) => services.conversations.continueAs(from, to),
    firstTime: (eventKey, ttlMs) => events.firstTime(eventKey, services.clock(), ttlMs),
  };
}
