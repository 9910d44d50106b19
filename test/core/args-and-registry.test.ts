import { describe, expect, it } from 'vitest';
import { parseTextArgs, validateArgs } from '../../src/core/commands/args.js';
import { askCommand } from '../../src/core/commands/ask.command.js';
import { briefCommand } from '../../src/core/commands/brief.command.js';
import { COMMANDS } from '../../src/core/commands/registry.js';
import { renderPlainText } from '../../src/core/reply/render-plain-text.js';

describe('text arguments (Slack, console)', () => {
  const ask = askCommand.subcommands ? [] : askCommand.options;
  const brief = briefCommand.subcommands ? [] : briefCommand.options;

  it('free words fill the rest option; name:value and --flag set options', () => {
    expect(parseTextArgs(ask, 'why are US troops leaving? briefing:niger public:true')).toEqual({
      question: 'why are US troops leaving?',
      briefing: 'niger',
      public: 'true',
    });
    expect(parseTextArgs(ask, '--public how many?')).toEqual({ public: true, question: 'how many?' });
    expect(parseTextArgs(brief, 'niger --length full')).toEqual({ topic: 'niger', length: 'full' });
  });

  it('only known option names count, so colons inside a question stay text', () => {
    expect(parseTextArgs(ask, 'note: what happened at 10:30?')).toEqual({ question: 'note: what happened at 10:30?' });
  });

  it('validation types, limits and choices', () => {
    expect(validateArgs(ask, { question: ' hi ', public: 'yes' })).toEqual({ question: 'hi', public: true });
    expect(validateArgs(brief, { length: 'FULL' })).toEqual({ length: 'full' });
    expect(() => validateArgs(ask, {})).toThrow(/Please give question/);
    expect(() => validateArgs(ask, { question: 'x', colour: 'red' })).toThrow(/Unknown option "colour"/);
    expect(() => validateArgs(brief, { length: 'huge' })).toThrow(/one of: tldr, short, full/);
  });
});

describe('command registry', () => {
  it('names and descriptions fit both Discord and Slack', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of COMMANDS) {
      expect(c.name).toMatch(/^[a-z0-9-]{1,32}$/);
      expect(c.description.length).toBeLessThanOrEqual(100);
      const handlers = c.subcommands ?? [c];
      for (const h of handlers) {
        const options = h.options.map((o) => o.name);
        expect(new Set(options).size).toBe(options.length);
        for (const o of h.options) expect(o.description.length).toBeLessThanOrEqual(100);
        expect(h.options.filter((o) => o.rest).length).toBeLessThanOrEqual(1);
      }
    }
  });

  it('the plain-text renderer shows every block kind', () => {
    const text = renderPlainText({
      kind: 'answer',
      visibility: 'private',
      blocks: [
        { kind: 'heading', text: 'Title' },
        { kind: 'paragraph', text: 'Para.' },
        { kind: 'bullets', items: ['one', 'two'] },
        { kind: 'qa', question: 'Q?', answer: 'A.' },
        {
          kind: 'citation',
          citation: {
            briefingId: 'b',
            briefingTitle: 'B',
            sectionId: 's',
            sectionTitle: 'S',
            qaId: 'q1',
            source: { label: 'Wire', url: 'https://example.com/x' },
          },
        },
        { kind: 'note', text: 'note' },
      ],
      suggestions: ['Next?'],
    });
    expect(text).toBe(
      'Title\n=====\n\nPara.\n\n  • one\n  • two\n\nQ: Q?\nA: A.\n\nSource: B › S (Q&A q1)\nWire: https://example.com/x\n\n(note)\n\nYou could also ask:\n  • Next?',
    );
  });
});
