/**
 * Typed errors with stable codes. The code is what logs, tests and adapters branch on;
 * the wording shown to people lives in `reply/replies.ts`, never here.
 */
export const ErrorCode = {
  BriefingInvalid: 'briefing_invalid',
  BriefingNotFound: 'briefing_not_found',
  CommandUnknown: 'command_unknown',
  OptionMissing: 'option_missing',
  OptionInvalid: 'option_invalid',
  OptionTooLong: 'option_too_long',
  ConversationExpired: 'conversation_expired',
  InteractionInvalid: 'interaction_invalid',
  NotAllowed: 'not_allowed',
  ScheduleInvalid: 'schedule_invalid',
  TimezoneInvalid: 'timezone_invalid',
  SubscriptionNotFound: 'subscription_not_found',
  ConfigInvalid: 'config_invalid',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error the person who caused it can fix: the adapter shows its message, no incident is logged. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
