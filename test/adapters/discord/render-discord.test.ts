import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../../src/adapters/discord/custom-id.js';
import { DiscordLimits } from '../../../src/adapters/discord/discord-limits.js';
import type { DiscordButton } from '../../../src/adapters/discord/discord-message.js';
import { escapeDiscord, truncate } from '../../../src/adapters/discord/discord-text.js';
import { layoutRows } from '../../../src/adapters/discord/render-components.js';
import { renderDiscord } from '../../../src/adapters/discord/render-discord.js';
import { embedTextLength, fitEmbeds } from '../../../src/adapters/discord/render-embeds.js';
import type { Block, Reply } from '../../../src/core/reply/reply.js';

const reply = (blocks: Block[], extra: Partial<Reply> = {}): Reply => ({ kind: 'briefing', blocks, visibility: 'public', ...extra });
const x = (n: number) => 'x'.repeat(n);
const ends = (s: string | undefined) => s?.endsWith('…');

const citation = {
  briefingId: 'niger-russia-airbase-101',
  briefingTitle: 'Russian troops enter Niger airbase',
  sectionId: 'what-happened',
  sectionTitle: 'What happened',
  qaId: 'q1',
  source: { label: 'The Guardian, 2024-05-03', url: 'https://www.theguardian.com/a' },
};
const answer: Reply = {
  kind: 'answer',
  blocks: [
    { kind: 'qa', question: 'How many US troops?', answer: 'Nearly 1,000.' },
    { kind: 'citation', citation },
  ],
  visibility: 'private',
  suggestions: ['Who entered the airbase?', 'Why did the junta act?', 'Where is Airbase 201?', 'A fourth one'],
  conversation: 'abc123',
  feedback: { answerId: 'a1b2c3d4' },
};

describe('renderDiscord: an answer', () => {
  const m = renderDiscord(answer);
  it('is ephemeral, never pings, and shows the question, answer and citation', () => {
    expect(m.flags).toBe(64);
    expect(m.allowed_mentions).toEqual({ parse: [] });
    const e = m.embeds[0];
    expect(e?.title).toBe('How many US troops?');
    expect(e?.description).toBe('Nearly 1,000.');
    expect(e?.fields?.[0]).toEqual({ name: 'Source', value: 'Russian troops enter Niger airbase › What happened (Q&A q1)' });
    expect(e?.footer?.text).toBe('Briefing niger-russia-airbase-101 · section what-happened · Q&A q1');
  });
  it('has three suggestion buttons, Follow up, 👍 👎 and a link button to the source', () => {
    const [suggestions, actions] = m.components;
    expect(suggestions?.components.map((b) => ('label' in b ? b.label : ''))).toEqual(answer.suggestions?.slice(0, 3));
    expect(suggestions?.components.map((b) => ('custom_id' in b ? decodeCustomId(b.custom_id)?.kind : ''))).toEqual(['suggestion', 'suggestion', 'suggestion']);
    const kinds = actions?.components.map((b) => ('url' in b ? `link:${b.url}` : decodeCustomId(b.custom_id)));
    expect(kinds).toEqual([
      { kind: 'follow-up', conversation: 'abc123', public: false },
      { kind: 'feedback', conversation: 'abc123', answerId: 'a1b2c3d4', helpful: true },
      { kind: 'feedback', conversation: 'abc123', answerId: 'a1b2c3d4', helpful: false },
      'link:https://www.theguardian.com/a',
    ]);
  });
});

describe('renderDiscord: mentions and markdown', () => {
  it('defuses @everyone, @here, role, user and channel mentions and escapes Markdown', () => {
    const m = renderDiscord(reply([{ kind: 'paragraph', text: '@everyone @here <@&123> <@456> <#789> **bold** `code`' }]));
    const d = m.embeds[0]?.description ?? '';
    expect(d).not.toMatch(/@everyone|@here|<@|<#/);
    expect(d).toContain('\\*\\*bold\\*\\*');
    expect(m.allowed_mentions).toEqual({ parse: [] });
  });
  it('error replies go in content, ephemeral, also defused', () => {
    const m = renderDiscord({ kind: 'error', blocks: [{ kind: 'paragraph', text: 'No briefing matches "@everyone".' }], visibility: 'private' });
    expect(m.content).toBe('No briefing matches "@\u200beveryone".');
    expect(m.embeds).toEqual([]);
    expect(m.flags).toBe(64);
  });
});

describe('truncate', () => {
  it('keeps text at the limit and shortens one past it with …', () => {
    expect(truncate(x(10), 10)).toBe(x(10));
    expect(truncate(x(11), 10)).toBe(`${x(9)}…`);
  });
  it('does not split an escape or a surrogate pair', () => {
    expect(truncate(`${x(8)}\\*abc`, 10)).toBe(`${x(8)}…`);
    expect(truncate(`${x(8)}😀abc`, 10)).toBe(`${x(8)}…`);
  });
  it('escapeDiscord escapes leading quote and heading markers', () => {
    expect(escapeDiscord('> quote\n# head')).toBe('\\> quote\n\\# head');
  });
});

describe('limits: at each limit and one past it', () => {
  it(`content ${DiscordLimits.content}`, () => {
    const at = renderDiscord({ kind: 'info', blocks: [{ kind: 'paragraph', text: x(2000) }], visibility: 'private' });
    expect(at.content).toBe(x(2000));
    const past = renderDiscord({ kind: 'info', blocks: [{ kind: 'paragraph', text: x(2001) }], visibility: 'private' });
    expect(past.content).toHaveLength(2000);
    expect(ends(past.content)).toBe(true);
  });
  it(`embed title ${DiscordLimits.embedTitle}`, () => {
    expect(renderDiscord(reply([{ kind: 'heading', text: x(256) }])).embeds[0]?.title).toBe(x(256));
    const t = renderDiscord(reply([{ kind: 'heading', text: x(257) }])).embeds[0]?.title;
    expect(t).toHaveLength(256);
    expect(ends(t)).toBe(true);
  });
  it(`embed description ${DiscordLimits.embedDescription}`, () => {
    expect(renderDiscord(reply([{ kind: 'paragraph', text: x(4096) }])).embeds[0]?.description).toBe(x(4096));
    const d = renderDiscord(reply([{ kind: 'paragraph', text: x(4097) }])).embeds[0]?.description;
    expect(d).toHaveLength(4096);
    expect(ends(d)).toBe(true);
  });
  it(`field name ${DiscordLimits.embedFieldName} and value ${DiscordLimits.embedFieldValue}`, () => {
    const list = (q: number, a: number) =>
      renderDiscord(
        reply(
          [
            { kind: 'heading', text: 'List' },
            { kind: 'qa', question: x(q), answer: x(a) },
          ],
          { kind: 'list' },
        ),
      ).embeds[0]?.fields?.[0];
    expect(list(256, 1024)).toEqual({ name: x(256), value: x(1024) });
    const past = list(257, 1025);
    expect(past?.name).toHaveLength(256);
    expect(past?.value).toHaveLength(1024);
    expect(ends(past?.name) && ends(past?.value)).toBe(true);
  });
  it(`footer ${DiscordLimits.embedFooter}`, () => {
    const f = (n: number) =>
      renderDiscord(
        reply([
          { kind: 'heading', text: 'T' },
          { kind: 'note', text: x(n) },
        ]),
      ).embeds[0]?.footer?.text;
    expect(f(2048)).toBe(x(2048));
    expect(f(2049)).toHaveLength(2048);
    expect(ends(f(2049))).toBe(true);
  });
  it(`${DiscordLimits.embedFields} fields`, () => {
    const qa = (n: number): Block[] => [
      { kind: 'heading', text: 'L' },
      ...Array.from({ length: n }, (_, i) => ({ kind: 'qa' as const, question: `q${i}`, answer: 'a' })),
    ];
    expect(renderDiscord(reply(qa(25), { kind: 'list' })).embeds[0]?.fields).toHaveLength(25);
    const past = renderDiscord(reply(qa(26), { kind: 'list' })).embeds[0]?.fields;
    expect(past).toHaveLength(25);
    expect(past?.[24]).toEqual({ name: '…', value: '2 more not shown' });
  });
  it(`${DiscordLimits.embedTotal} characters across embeds`, () => {
    const at = fitEmbeds([{ description: x(4000) }, { description: x(2000) }]);
    expect(embedTextLength(at)).toBe(6000);
    expect(at[1]?.description).toBe(x(2000));
    const past = fitEmbeds([{ description: x(4000) }, { description: x(2001) }]);
    expect(embedTextLength(past)).toBe(6000);
    expect(ends(past[1]?.description)).toBe(true);
    // A long full briefing flows into further embeds and stops at the total.
    const long = renderDiscord(reply(Array.from({ length: 20 }, () => ({ kind: 'paragraph' as const, text: x(1000) }))));
    expect(embedTextLength(long.embeds)).toBeLessThanOrEqual(6000);
    expect(long.embeds.length).toBeGreaterThan(1);
  });
  it(`${DiscordLimits.embeds} embeds`, () => {
    const many = (n: number) => fitEmbeds(Array.from({ length: n }, () => ({ description: 'd' })));
    expect(many(10)).toHaveLength(10);
    const past = many(11);
    expect(past).toHaveLength(10);
    expect(ends(past[9]?.description)).toBe(true);
  });
  it(`${DiscordLimits.actionRows} rows of ${DiscordLimits.buttonsPerRow} buttons`, () => {
    const button = (i: number): DiscordButton => ({ type: 2, style: 2, label: `b${i}`, custom_id: `id${i}` });
    const group = (n: number) => Array.from({ length: n }, (_, i) => button(i));
    expect(layoutRows([group(5)]).map((r) => r.components.length)).toEqual([5]);
    expect(layoutRows([group(6)]).map((r) => r.components.length)).toEqual([5, 1]);
    expect(layoutRows([group(25)])).toHaveLength(5);
    expect(layoutRows([group(26)])).toHaveLength(5);
  });
  it(`button label ${DiscordLimits.buttonLabel}`, () => {
    const label = (s: string) => {
      const row = renderDiscord({ ...answer, suggestions: [s] }).components[0];
      const b = row?.components[0];
      return b && 'label' in b ? b.label : undefined;
    };
    expect(label(x(80))).toBe(x(80));
    expect(label(x(81))).toHaveLength(80);
    expect(ends(label(x(81)))).toBe(true);
  });
  it(`custom_id ${DiscordLimits.customId}`, () => {
    const conv = (n: number) => 'c'.repeat(n);
    // "fb:" + conversation + ":" + answer id + ":u": conversation ids are at most 64 and answer ids 16, so the longest is 86.
    expect(encodeCustomId({ kind: 'feedback', conversation: conv(64), answerId: 'a'.repeat(16), helpful: true })).toHaveLength(86);
    expect(decodeCustomId(`fb:${conv(65)}:a1:u`)).toBeUndefined();
    expect(decodeCustomId(`fb:${conv(64)}:${'a'.repeat(17)}:u`)).toBeUndefined();
    const page = (search: string) => encodeCustomId({ kind: 'page', command: 'briefings', page: 2, args: { search } });
    expect(page('ok')).toBeDefined();
    expect(page(x(200))).toBeUndefined(); // would not fit: no button rather than a broken one
    expect(decodeCustomId(x(101))).toBeUndefined();
  });
});

describe('custom ids', () => {
  it('round-trip every kind', () => {
    const ids = [
      { kind: 'suggestion', conversation: 'c1', index: 2, public: true },
      { kind: 'follow-up', conversation: 'c1', public: false },
      { kind: 'modal', conversation: 'c1', public: true },
      { kind: 'feedback', conversation: 'c1', answerId: 'a1', helpful: false },
      { kind: 'page', command: 'briefings', page: 3, args: { search: 'niger' } },
    ] as const;
    for (const id of ids) expect(decodeCustomId(encodeCustomId(id))).toEqual(id);
  });
  it('reject unknown, malformed and forged ones', () => {
    for (const bad of [
      '',
      'click_one',
      'fb:c1:x',
      'fb:c1',
      'fb:c1:u', // the answer id is required
      'fb:c1:A_1:u',
      'sg:c1:99:p',
      'fu:c 1:p',
      'pg:briefings:2:!!',
      'pg:briefings:0:',
      `pg:briefings:2:${Buffer.from('[1]').toString('base64url')}`,
      42,
    ]) {
      expect(decodeCustomId(bad)).toBeUndefined();
    }
  });
});

describe('paging', () => {
  it('shows previous / next buttons and the page in the footer', () => {
    const m = renderDiscord({
      kind: 'list',
      blocks: [{ kind: 'heading', text: 'Briefings' }],
      visibility: 'private',
      paging: { page: 2, pages: 3, command: 'briefings', args: {} },
    });
    const nav = m.components.at(-1)?.components.map((b) => ('custom_id' in b ? decodeCustomId(b.custom_id) : undefined));
    expect(nav).toEqual([
      { kind: 'page', command: 'briefings', page: 1, args: {} },
      { kind: 'page', command: 'briefings', page: 3, args: {} },
    ]);
    expect(m.embeds[0]?.footer?.text).toBe('Page 2 of 3');
  });
});
