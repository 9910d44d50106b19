import { describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../../src/core/answers/answer-engine.js';
import { questionForm } from '../../../src/core/answers/answer-types.js';
import { bindPronouns, contextFrom, emptyContext } from '../../../src/core/answers/conversation-context.js';
import { readIn } from '../../../src/core/answers/features.js';
import { readQuestion } from '../../../src/core/answers/question.js';
import type { Briefing } from '../../../src/core/briefing/briefing.js';
import { BriefingLibrary } from '../../../src/core/briefing/briefing-library.js';
import { parseBriefing } from '../../../src/core/briefing/parse-briefing.js';

/**
 * One test per factor of the answer model, on two small briefings written for these tests (a
 * shipping accident and a harbour strike), so nothing here leans on the seed briefing.
 */
const parse = (text: string): Briefing => {
  const r = parseBriefing(text, 'x.md');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.briefing;
};

const canal = parse(`---
id: canal-blocked
title: Container ship Ever Given blocks the Suez Canal
status: published
published: 2021-03-29T12:00:00Z
tags: [shipping, egypt]
source: { publication: Example Wire, url: "https://example.com/canal", published: 2021-03-29 }
tldr: The container ship Ever Given blocked the Suez Canal for six days before it was refloated.
summary: >-
  The Ever Given ran aground in the Suez Canal on 23 March 2021 in high winds. Tugs and dredgers worked
  for six days to free it, and more than 400 ships queued at both ends of the canal.
key_points:
  - The Ever Given is one of the largest container ships in the world, about 400 metres long.
  - The Suez Canal Authority ran the salvage operation.
who:
  - name: Suez Canal Authority
    description: The Egyptian state body that runs the canal. Its chairman, Osama Rabie, led the salvage.
    aliases: [SCA]
  - name: Osama Rabie
    description: The chairman of the Suez Canal Authority, who said the ship would be held until compensation was agreed.
places:
  - name: Suez Canal
    description: A waterway in Egypt that links the Mediterranean Sea and the Red Sea.
  - name: Great Bitter Lake
    description: A lake along the canal where the Ever Given was inspected after it was freed.
timeline:
  - date: 2021-03-23
    event: The Ever Given runs aground in the canal.
  - date: 2021-03-29
    event: The ship is refloated and moved to the Great Bitter Lake.
qa:
  - id: how-long
    question: How long was the canal blocked?
    answer: The Suez Canal was blocked for six days.
    section: summary
---

## Dock 201 and Dock 101

Dock 201 at Port Said cost 30 million dollars to repair after the queue. Dock 101 cost 12 million dollars.
`);

const strike = parse(`---
id: harbour-strike
title: Dock workers strike at the port of Rotterdam
status: published
published: 2021-03-01T12:00:00Z
tags: [labour, netherlands]
source: { publication: Example Wire, url: "https://example.com/strike", published: 2021-03-01 }
tldr: Dock workers at Rotterdam stopped work for two days over pay.
summary: The dockers' union called the strike after talks with the port employers broke down. The national employment regulator said it would mediate.
key_points:
  - The strike lasted two days.
who:
  - name: Dockers' Union
    description: The union that represents the port's dock workers.
places:
  - name: Rotterdam
    description: The largest port in Europe, in the Netherlands.
---
`);

const engine = new AnswerEngine(new BriefingLibrary([canal, strike]));
const reading = (q: string, b: Briefing = canal) => {
  const question = readQuestion(q, { correct: () => undefined });
  return readIn(engine.indexOf(b), question, 1);
};

describe('answer model factors', () => {
  it('names are phrases: "Ever Given" is a name, not two stopwords', () => {
    const r = reading('where did the ever given run aground');
    expect([...r.names].map((id) => r.index.names.entity(id).name)).toContain('Ever Given');
    expect(engine.answer('where did the ever given run aground').text).toMatch(/Suez/);
  });

  it('a number inside a name must match exactly', () => {
    expect(engine.answer('how much did dock 201 cost to repair').text).toMatch(/30 million/);
    expect(engine.answer('how much did dock 101 cost').text).toMatch(/12 million/);
    expect(engine.answer('how much did dock 301 cost').answered).toBe(false);
  });

  it('spelling is corrected against the library, shorthand is written out', () => {
    const a = engine.answer('hw long was teh canal blokced');
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/six days/);
  });

  it('the question form sets the type of answer asked', () => {
    expect(questionForm(['how', 'many', 'ships']).type).toBe('count');
    expect(questionForm(['how', 'much', 'did', 'it', 'cost']).type).toBe('money');
    expect(questionForm(['when', 'was', 'it', 'freed']).type).toBe('date');
    expect(questionForm(['how', 'long', 'was', 'it', 'blocked']).type).toBe('duration');
    expect(questionForm(['who', 'led', 'the', 'salvage']).type).toBe('agent');
    expect(questionForm(['which', 'country', 'runs', 'it']).type).toBe('place');
    expect(questionForm(['what', 'was', 'his', 'name']).type).toBe('agent');
  });

  it('a passage must hold the type asked: "how many" is not answered by a sentence without a count', () => {
    const r = reading('how many ships queued');
    expect(r.question.type).toBe('count');
    expect(engine.answer('how many ships queued').text).toMatch(/400/);
  });

  it('near misses are refused: the words match, the fact asked for is missing', () => {
    // "employees" against "the national employment regulator"; a cost the briefing never gives.
    expect(engine.answer('how many employees does the dockers union have').answered).toBe(false);
    expect(engine.answer('how much did the salvage operation cost').answered).toBe(false);
  });

  it('aliases and WordNet synonyms meet: "SCA" for the Suez Canal Authority', () => {
    const a = engine.answer('who is the chairman of the SCA');
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/Osama Rabie/);
  });

  it('everything citable routes: a fact only in a who’s-who entry finds its briefing', () => {
    expect(engine.answer('who said the ship would be held until compensation was agreed').briefing).toBe('canal-blocked');
    expect(engine.answer('which union represents the dock workers').briefing).toBe('harbour-strike');
  });

  it('the title is never the answer', () => {
    const a = engine.answer('Container ship Ever Given blocks the Suez Canal');
    expect(a.text).not.toBe(canal.title);
  });

  it('pronouns bind to the last answer: "he" to its person, "there" to its place, "it" to the last subject', () => {
    const context = {
      ...emptyContext('canal-blocked'),
      names: ['Ever Given'],
      answerNames: [
        { name: 'Osama Rabie', kind: 'agent' as const },
        { name: 'Great Bitter Lake', kind: 'place' as const },
      ],
    };
    expect(bindPronouns(['he'], context)).toEqual(['Osama Rabie']);
    expect(bindPronouns(['there'], context)).toEqual(['Great Bitter Lake']);
    expect(bindPronouns(['it'], context)).toEqual(['Ever Given']);
  });

  it('a follow-up continues the conversation; a refused turn hands on no wrong context', () => {
    const first = engine.answer('who led the salvage');
    expect(first.text).toMatch(/Osama Rabie/);
    const refused = engine.answer('what is his favourite football team', { context: first.context! });
    expect(refused.answered).toBe(false);
    expect(refused.context).toEqual(first.context);
    const next = engine.answer('what did he say about the ship', { context: refused.context! });
    expect(next.text).toMatch(/compensation/);
  });

  it('a context stored by an older version still continues its briefing', () => {
    expect(contextFrom({ briefingId: 'canal-blocked', terms: { ship: 0.6 } })).toEqual(emptyContext('canal-blocked'));
    expect(contextFrom(null)).toBeUndefined();
  });

  it('every answer is cited with its briefing and section', () => {
    for (const q of ['how long was the canal blocked', 'where is the great bitter lake', 'when did the ever given run aground']) {
      const a = engine.answer(q);
      expect(a.answered).toBe(true);
      expect(a.citation?.briefingId).toBe('canal-blocked');
      expect(a.citation?.sectionId).toMatch(/\S/);
    }
  });
});
