import { describe, expect, it } from 'vitest';
import { escapeText, fitEscaped, slackTextToPlain } from '../../../src/adapters/slack/escape-mrkdwn.js';
import { ACTION, renderSlack, type SlackBlock } from '../../../src/adapters/slack/render-slack.js';
import { SLACK_LIMITS as L } from '../../../src/adapters/slack/slack-limits.js';
import type { Block, Reply } from '../../../src/core/reply/reply.js';
import { testBot } from '../../helpers/bot.js';

const reply = (blocks: Block[], extra: Partial<Reply> = {}): Reply => ({ kind: 'info', blocks, visibility: 'public', ...extra });
const texts = (blocks: SlackBlock[]): string[] =>
  blocks.flatMap((b) => {
    if (b.type === 'header' || b.type === 'section') return [b.text.text];
    if (b.type === 'context') return b.elements.map((e) => e.text);
    if (b.type === 'actions') return b.elements.flatMap((e) => [e.text.text, e.value, e.action_id]);
    return [];
  });
const sectionText = (b: SlackBlock | undefined) => (b?.type === 'section' ? b.text.text : undefined);
const headerText = (b: SlackBlock | undefined) => (b?.type === 'header' ? b.text.text : undefined);

describe('escaping', () => {
  it('encodes only & < > (ampersand first), leaving quotes alone', () => {
    expect(escapeText(`a<b & c>d "q" 'x'`)).toBe(`a&lt;b &amp; c&gt;d "q" 'x'`);
    expect(escapeText('&amp;')).toBe('&amp;amp;');
  });
  it('fitEscaped never exceeds the limit nor cuts an entity', () => {
    const s = fitEscaped('&&&&&&&&', 12);
    expect(s.length).toBeLessThanOrEqual(12);
    expect(s).toBe('&amp;&amp;…');
  });
  it('turns Slack-formatted input into plain text and drops the bot mention', () => {
    expect(slackTextToPlain('<@UBOT> how many &lt;troops&gt; &amp; <@U1|ann> in <#C1|news>? <https://x.example.org|link>', 'UBOT')).toBe(
      'how many <troops> & @ann in #news? link',
    );
  });
});

describe('renderSlack limits', () => {
  it('50 blocks fit; 51 are shortened with a visible note', () => {
    const at = renderSlack(reply(Array.from({ length: 50 }, (_, i) => ({ kind: 'paragraph', text: `p${i}` }) as Block)));
    expect(at.blocks).toHaveLength(50);
    expect(sectionText(at.blocks[49])).toBe('p49');
    const past = renderSlack(reply(Array.from({ length: 51 }, (_, i) => ({ kind: 'paragraph', text: `p${i}` }) as Block)));
    expect(past.blocks).toHaveLength(50);
    expect(JSON.stringify(past.blocks[49])).toMatch(/shortened: 2 more parts/);
  });

  it('keeps suggestion and feedback buttons when the content is cut', () => {
    const r = reply(
      Array.from({ length: 80 }, () => ({ kind: 'paragraph', text: 'x' }) as Block),
      { suggestions: ['a?'], feedback: { answerId: 'a1' } },
    );
    const out = renderSlack(r);
    expect(out.blocks).toHaveLength(L.blocksPerMessage);
    expect(out.blocks.slice(-2).every((b) => b.type === 'actions')).toBe(true);
  });

  it('section text: 3000 kept, 3001 shortened with an ellipsis', () => {
    expect(sectionText(renderSlack(reply([{ kind: 'paragraph', text: 'a'.repeat(3000) }])).blocks[0])).toBe('a'.repeat(3000));
    const cut = sectionText(renderSlack(reply([{ kind: 'paragraph', text: 'a'.repeat(3001) }])).blocks[0]) ?? '';
    expect(cut).toHaveLength(3000);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('section text counts escaped characters', () => {
    const out = sectionText(renderSlack(reply([{ kind: 'paragraph', text: '<'.repeat(1000) }])).blocks[0]) ?? '';
    expect(out.length).toBeLessThanOrEqual(L.sectionText);
    expect(out).toMatch(/(&lt;)+…$/);
  });

  it('header: 150 kept, 151 shortened', () => {
    expect(headerText(renderSlack(reply([{ kind: 'heading', text: 'h'.repeat(150) }])).blocks[0])).toBe('h'.repeat(150));
    const cut = headerText(renderSlack(reply([{ kind: 'heading', text: 'h'.repeat(151) }])).blocks[0]) ?? '';
    expect(cut).toHaveLength(150);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('button text: 75 kept, 76 shortened; values and action_ids within limits', () => {
    const at = renderSlack(reply([], { suggestions: ['q'.repeat(75)], conversation: 'c1' }));
    const past = renderSlack(reply([], { suggestions: ['q'.repeat(76)], conversation: 'c1' }));
    const btn = (o: typeof at) => (o.blocks[0]?.type === 'actions' ? o.blocks[0].elements[0] : undefined);
    expect(btn(at)?.text.text).toBe('q'.repeat(75));
    expect(btn(past)?.text.text).toHaveLength(75);
    expect(btn(past)?.text.text.endsWith('…')).toBe(true);
    expect(JSON.parse(btn(past)?.value ?? '{}')).toEqual({ c: 'c1', q: 'q'.repeat(76) });
    expect(btn(past)?.action_id.length).toBeLessThanOrEqual(L.actionId);
  });

  it('button value: a 2000-character limit, a suggested question shortened to fit', () => {
    // Quotes double in JSON, so a question of 1,000 of them would need a value of over 2,000 characters.
    const out = renderSlack(reply([], { suggestions: ['"'.repeat(1000)], conversation: 'c1' }));
    const first = out.blocks[0];
    const value = first?.type === 'actions' ? (first.elements[0]?.value ?? '') : '';
    expect(value.length).toBeLessThanOrEqual(L.buttonValue);
    expect(value.length).toBeGreaterThan(L.buttonValue - 20);
    const parsed = JSON.parse(value);
    expect(parsed.c).toBe('c1');
    expect(parsed.q.endsWith('…')).toBe(true);
  });

  it('feedback buttons carry the conversation and the answer id, not the answer', () => {
    const out = renderSlack(reply([{ kind: 'qa', question: 'Q?', answer: 'x'.repeat(5000) }], { feedback: { answerId: 'a1b2c3d4' }, conversation: 'c1' }));
    const actions = out.blocks.find((b) => b.type === 'actions');
    const values = actions?.type === 'actions' ? actions.elements.map((e) => JSON.parse(e.value)) : [];
    expect(values).toEqual([
      { c: 'c1', id: 'a1b2c3d4' },
      { c: 'c1', id: 'a1b2c3d4' },
    ]);
  });

  it('actions: 25 buttons in one block; the 26th is left out with a note', () => {
    const at = renderSlack(reply([], { suggestions: Array.from({ length: 25 }, (_, i) => `q${i}`) }));
    expect(at.blocks).toHaveLength(1);
    expect(at.blocks[0]?.type === 'actions' && at.blocks[0].elements).toHaveLength(25);
    const past = renderSlack(reply([], { suggestions: Array.from({ length: 26 }, (_, i) => `q${i}`) }));
    expect(past.blocks[0]?.type === 'actions' && past.blocks[0].elements).toHaveLength(25);
    expect(JSON.stringify(past.blocks[1])).toMatch(/1 more suggested question not shown/);
  });

  it('context blocks stay within 10 elements and 3000 characters', () => {
    const out = renderSlack(
      reply([
        { kind: 'note', text: 'n'.repeat(3001) },
        { kind: 'links', links: Array.from({ length: 12 }, (_, i) => ({ label: `l${i}`, url: `https://e.example.org/${i}` })) },
      ]),
    );
    for (const b of out.blocks) {
      if (b.type !== 'context') continue;
      expect(b.elements.length).toBeLessThanOrEqual(L.contextElements);
      for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(L.contextText);
    }
  });

  it('the fallback text is plain, escaped and at most 4000 characters', () => {
    const out = renderSlack(reply([{ kind: 'paragraph', text: `<!channel> ${'w'.repeat(5000)}` }]));
    expect(out.text.length).toBeLessThanOrEqual(L.fallbackText);
    expect(out.text.startsWith('&lt;!channel&gt;')).toBe(true);
    expect(out.text.endsWith('…')).toBe(true);
  });
});

describe('renderSlack content', () => {
  it('escapes mentions everywhere: nothing from text can notify anyone', () => {
    const evil = '<!channel> <!here> <!everyone> <@U123> <!subteam^S1> & <https://evil.example|x>';
    const out = renderSlack(
      reply(
        [
          { kind: 'heading', text: evil },
          { kind: 'paragraph', text: evil },
          { kind: 'bullets', items: [evil] },
          { kind: 'qa', question: evil, answer: evil },
          { kind: 'note', text: evil },
          { kind: 'links', links: [{ label: evil, url: 'javascript:alert(1)' }] },
        ],
        { suggestions: [evil] },
      ),
    );
    const all = [out.text, ...texts(out.blocks).filter((t) => !t.startsWith('{'))].join('\n');
    expect(all).not.toMatch(/<[!@#]/);
    expect(all).not.toContain('<https://evil');
    expect(all).toContain('&lt;!channel&gt;');
  });

  it('renders a real answer: question, answer, citation link, suggestions and feedback buttons', async () => {
    const app = await testBot();
    try {
      const r = await app.core.run({ name: 'ask', text: 'How many US troops are in Niger?' }, { platform: 'slack', userId: 'U1', channelId: 'C1' });
      const out = renderSlack(r);
      expect(out.blocks[0]?.type).toBe('section');
      expect(JSON.stringify(out.blocks)).toMatch(/<https:\/\/www\.theguardian\.com[^|]*\|/);
      const ids = out.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => e.action_id) : []));
      expect(ids).toContain(ACTION.feedbackUp);
      expect(ids).toContain(ACTION.feedbackDown);
      expect(out.text).toMatch(/1,000/);
    } finally {
      await app.stop();
    }
  });

  it('renders the full seed briefing within every limit', async () => {
    const app = await testBot();
    try {
      const r = await app.core.run({ name: 'brief', text: 'length:full' }, { platform: 'slack', userId: 'U1', channelId: 'C1' });
      const out = renderSlack(r);
      expect(out.blocks.length).toBeLessThanOrEqual(L.blocksPerMessage);
      for (const b of out.blocks) {
        if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(L.headerText);
        if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(L.sectionText);
      }
    } finally {
      await app.stop();
    }
  });
});
