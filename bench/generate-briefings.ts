import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `count` synthetic but realistic briefings: each has its own invented people, places and
 * numbers on top of a shared news vocabulary, so routing has to find the right one among many
 * that look alike. Deterministic (seeded), so runs compare.
 */
export function generateBriefings(dir: string, count: number, seed = 1): { id: string; questions: string[] }[] {
  mkdirSync(dir, { recursive: true });
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ra',
    'tu',
    'ven',
    'dor',
    'sa',
    'bel',
    'ni',
    'qua',
    'zem',
    'pol',
    'har',
    'ti',
    'mon',
    'ar',
    'gu',
    'fen',
    'ro',
    'bri',
    'sto',
    'lem',
    'vy',
    'dra',
    'kor',
    'pe',
    'shan',
    'ul',
    'tez',
  ];
  const word = () => {
    const n = 3;
    let w = '';
    for (let i = 0; i < n; i++) w += pick(syllables);
    return w[0]?.toUpperCase() + w.slice(1);
  };
  const topics = ['election', 'flood', 'strike', 'summit', 'trade deal', 'ceasefire', 'drought', 'merger', 'protest', 'budget', 'earthquake', 'court ruling'];
  const verbs = ['announced', 'rejected', 'approved', 'delayed', 'criticised', 'welcomed', 'investigated', 'funded'];
  const out: { id: string; questions: string[] }[] = [];
  for (let i = 0; i < count; i++) {
    const id = `gen-${String(i).padStart(5, '0')}`;
    const country = word();
    const city = word();
    const leader = `${word()} ${word()}`;
    const org = `${word()} Council`;
    const topic = pick(topics);
    const amount = 10 + Math.floor(rand() * 990);
    const people = 100 + Math.floor(rand() * 9900);
    const year = 2015 + Math.floor(rand() * 10);
    const verb = pick(verbs);
    const day = `2024-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const qa = [
      [
        `Who leads ${country}?`,
        [`Who is in charge of ${country}?`, `Which leader runs ${country}?`],
        `${leader} leads ${country} and ${verb} the plan for the ${topic}.`,
        'who',
      ],
      [
        `How many people were affected by the ${topic} in ${city}?`,
        [`How many residents of ${city} did the ${topic} affect?`, `What number of people in ${city} were hit?`],
        `About ${people} people in ${city} were affected by the ${topic}.`,
        'background',
      ],
      [
        `How much did the ${org} spend on the ${topic}?`,
        [`What did the ${topic} response cost the ${org}?`, `How much money went to the ${topic}?`],
        `The ${org} spent about $${amount}m on the ${topic} response.`,
        'background',
      ],
      [
        `When did the ${topic} in ${country} begin?`,
        [`What year did the ${country} ${topic} start?`, `Since when has the ${topic} been going on in ${country}?`],
        `The ${topic} in ${country} began in ${year}.`,
        'timeline',
      ],
      [
        `Where is the ${org} based?`,
        [`Which city hosts the ${org}?`, `Where does the ${org} meet?`],
        `The ${org} is based in ${city}, the capital of ${country}.`,
        'places',
      ],
      [
        `What did ${leader} say about the ${topic}?`,
        [`How did ${leader} react to the ${topic}?`, `What was ${leader}'s response?`],
        `${leader} said the ${topic} was "serious but manageable" and ${verb} new measures.`,
        'reaction',
      ],
    ] as const;
    const qaYaml = qa
      .map(
        ([q, alts, a, section], k) =>
          `  - id: q${k}\n    question: "${q}"\n    alternatives: [${alts.map((x) => `"${x}"`).join(', ')}]\n    answer: "${a.replace(/"/g, '\\"')}"\n    section: ${section}`,
      )
      .join('\n');
    const text = `---
id: ${id}
title: "${country}: ${topic} in ${city} prompts response from ${org}"
status: published
published: ${day}T08:00:00Z
updated: ${day}T10:00:00Z
tags: [${country.toLowerCase()}, ${topic.replace(/ /g, '-')}]
source:
  publication: Example Wire
  url: https://example.com/${id}
  published: ${day}
tldr: "A ${topic} in ${city} affected about ${people} people, and the ${org} spent about $${amount}m in response."
summary: "${leader}, who leads ${country}, ${verb} the response to the ${topic} in ${city}. About ${people} people were affected. The ${org}, based in ${city}, spent about $${amount}m. The ${topic} began in ${year}."
key_points:
  - "About ${people} people in ${city} were affected by the ${topic}."
  - "The ${org} spent about $${amount}m."
  - "${leader} ${verb} new measures."
who:
  - name: ${leader}
    description: "Leader of ${country}."
  - name: ${org}
    description: "The body that funds the ${topic} response, based in ${city}."
places:
  - name: ${city}
    description: "Capital of ${country}, where the ${topic} hit hardest."
timeline:
  - date: "${year}"
    event: "The ${topic} in ${country} begins."
  - date: "${day}"
    event: "${leader} ${verb} new measures."
what_next:
  - "The ${org} will review its spending on the ${topic}."
qa:
${qaYaml}
---

## Background

The ${topic} in ${city} affected about ${people} people. The ${org} spent about $${amount}m on the response.

${country} has faced the ${topic} since ${year}, and officials in ${city} say recovery will take time.

## Reaction

${leader} said the ${topic} was "serious but manageable" and ${verb} new measures for ${city}.
`;
    writeFileSync(join(dir, `${id}.md`), text);
    out.push({ id, questions: qa.map(([q]) => q) });
  }
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
