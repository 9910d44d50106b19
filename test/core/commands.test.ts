import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Caller } from '../../src/core/commands/command.js';
import { runCommand } from '../../src/core/commands/run-command.js';
import { renderPlainText } from '../../src/core/reply/render-plain-text.js';
import { SEED_ID, seedApp } from '../helpers/app.js';

const caller: Caller = { platform: 'console', userId: 'u1', channelId: 'c1' };
let app: App;
beforeAll(async () => {
  app = await seedApp();
});
afterAll(() => app.close());

const run = (name: string, text: string, conversation?: string) =>
  runCommand(app.commands, { name, text }, { caller, core: app.core, commands: app.commands, ...(conversation ? { conversation } : {}) });

describe('chat commands through runCommand', () => {
  it('/brief at tldr shows the title and TL;DR with the source link', async () => {
    const reply = await run('brief', 'length:tldr');
    expect(reply.kind).toBe('briefing');
    expect(reply.visibility).toBe('public');
    const text = renderPlainText(reply);
    expect(text).toContain('Airbase 101');
    expect(text).toContain('theguardian.com');
    expect(text).not.toContain('Key points');
  });

  it('/ask answers privately with a citation and starts a conversation', async () => {
    const reply = await run('ask', 'How many US troops are in Niger?');
    expect(reply.kind).toBe('answer');
    expect(reply.visibility).toBe('private');
    expect(reply.conversation).toBeTruthy();
    const citation = reply.blocks.find((b) => b.kind === 'citation');
    expect(citation?.kind === 'citation' && citation.citation.briefingId).toBe(SEED_ID);
    expect(renderPlainText(reply)).toMatch(/1,000/);
  });

  it('/ask public:true posts in the channel', async () => {
    const reply = await run('ask', 'public:true Who entered the airbase?');
    expect(reply.visibility).toBe('public');
  });

  it('/briefings lists the seed briefing', async () => {
    const reply = await run('briefings', '');
    expect(renderPlainText(reply)).toContain(SEED_ID);
  });

  it('/help lists every command from the registry', async () => {
    const text = renderPlainText(await run('help', ''));
    for (const c of app.commands) expect(text).toContain(`/${c.name}`);
  });

  it('an unknown command, a missing option and an over-long option get polite messages', async () => {
    expect(renderPlainText(await run('nope', ''))).toMatch(/don't know \/nope/);
    expect(renderPlainText(await run('ask', ''))).toMatch(/Please give question/);
    expect(renderPlainText(await run('ask', 'x'.repeat(501)))).toMatch(/too long/);
    expect(renderPlainText(await run('brief', 'length:huge'))).toMatch(/tldr, short, full/);
  });
});
