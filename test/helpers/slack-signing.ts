import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: `v0=` + hex HMAC-SHA256(secret, `v0:<ts>:<raw body>`). */
export function slackSignature(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPost {
  readonly signingSecret: string;
  /** Unix seconds; default now. */
  readonly timestamp?: number;
  /** Override the signature (to send a bad one). */
  readonly signature?: string;
  readonly headers?: Record<string, string>;
}

/** POSTs a body to the bot the way Slack does: signed, form-encoded or JSON. */
export async function postSigned(url: string, body: string, contentType: 'form' | 'json', opts: SignedPost): Promise<Response> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? slackSignature(opts.signingSecret, timestamp, body),
      ...opts.headers,
    },
    body,
  });
}

/** A slash command body as Slack sends it (form-encoded). */
export function slashCommandBody(fields: { command: string; text: string; response_url: string; user_id?: string; channel_id?: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T1',
    team_domain: 'fake',
    channel_id: fields.channel_id ?? 'C1',
    channel_name: 'news',
    user_id: fields.user_id ?? 'U1',
    user_name: 'ann',
    command: fields.command,
    text: fields.text,
    response_url: fields.response_url,
    trigger_id: '1.2.3',
    api_app_id: 'A1',
  }).toString();
}
