import type { BriefingLibrary } from '../briefing/briefing-library.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { DigestService } from '../digests/digest-service.js';
import type { Clock, Logger } from '../ports/runtime.js';
import type { DigestPlatform, FeedbackStore } from '../ports/storage.js';
import type { Reply, Visibility } from '../reply/reply.js';

/**
 * One definition per chat command. Discord registration, the Slack manifest and the console's
 * /help are all generated from these, so names, descriptions and limits cannot drift apart; and
 * the policy adapters used to hard-code (who may run it, who sees the reply, what to suggest while
 * typing) is declared here too.
 * Names: lowercase a-z, 0-9 and "-", at most 32 (Discord's rule, also valid for Slack).
 * Descriptions: at most 100 characters (Discord's limit, the stricter one).
 */
export interface OptionSpec {
  readonly name: string;
  readonly description: string;
  readonly type: 'string' | 'integer' | 'boolean';
  readonly required?: boolean;
  readonly choices?: readonly string[];
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  /** Values to suggest while the option is typed (Discord autocomplete), best first. */
  readonly suggest?: (typed: string, ctx: CommandContext) => readonly Choice[];
  /** In text form (Slack, console) the words not claimed by `name:value` pairs fill this option. */
  readonly rest?: boolean;
}

/** A suggested option value: `value` is what is filled in, `label` what people read. */
export interface Choice {
  readonly label: string;
  readonly value: string;
}

export type Args = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Handler {
  readonly options: readonly OptionSpec[];
  /**
   * Who may run it: `manage_channels` means only callers the platform calls managers (`Caller.canManage`);
   * checked by `runCommand`, and registered with Discord as the command's default member permission.
   */
  readonly permission?: 'manage_channels';
  /** Who sees the reply, known before it is ready (Discord defers with it). Default: private. */
  readonly visibility?: (args: Args) => Visibility;
  run(args: Args, ctx: CommandContext): Reply | Promise<Reply>;
}

export interface SubcommandDefinition extends Handler {
  readonly name: string;
  readonly description: string;
}

export type CommandDefinition = {
  readonly name: string;
  readonly description: string;
  /** Text form usage for Slack's usage hint and console help, e.g. "<question> [briefing:<id>]". */
  readonly usage: string;
} & (({ readonly subcommands?: undefined } & Handler) | { readonly subcommands: readonly SubcommandDefinition[]; readonly options?: undefined });

export type Platform = DigestPlatform;

/**
 * Who asked and where. `canManage` is the platform's own answer to "may this person manage digests
 * here?"; a function when finding out costs a call (Slack's users.info), so it is asked only when
 * a command needs it.
 */
export interface Caller {
  readonly platform: Platform;
  readonly userId: string;
  readonly channelId: string;
  readonly workspaceId?: string;
  readonly canManage?: boolean | (() => Promise<boolean>);
}

/** Core services every command may use; built once by the composition root. */
export interface CoreServices {
  readonly library: BriefingLibrary;
  readonly conversations: ConversationService;
  readonly feedback: FeedbackStore;
  readonly digests: DigestService;
  readonly clock: Clock;
  readonly logger: Logger;
  newId(): string;
}

export interface CommandContext {
  readonly caller: Caller;
  readonly core: CoreServices;
  /** The conversation to continue (a Slack thread, a Discord follow-up); commands start one otherwise. */
  readonly conversation?: string;
  /** The registry, so /help can describe it. */
  readonly commands: readonly CommandDefinition[];
}
