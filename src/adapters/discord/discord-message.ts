/** Discord message JSON (API v10), as sent in an interaction response, a webhook or a channel message. */
export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  components: DiscordActionRow[];
  flags?: number;
  allowed_mentions: { parse: [] };
}

export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  color?: number;
}

export type DiscordButton =
  | { type: 2; style: 1 | 2 | 3 | 4; label?: string; emoji?: { name: string }; custom_id: string }
  | { type: 2; style: 5; label: string; url: string };

export interface DiscordActionRow {
  type: 1;
  components: DiscordButton[];
}
