import { z } from 'zod';

/**
 * The front matter of a briefing file. Objects are strict so a misspelt key
 * (`key_point:`) is an error instead of a field that silently vanishes.
 */
const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: 'must be an ISO 8601 date or date-time, e.g. 2024-05-03 or 2024-05-03T12:00:00Z',
});
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "niger-airbase-101"');

/** A person, organisation or place. `aliases` are the other names people use for it ("the Pentagon", "AFRICOM"). */
const entry = z.strictObject({ name: text, description: text, aliases: z.array(text.max(100)).default([]) });

export const briefingFrontMatter = z.strictObject({
  id: slug,
  title: text.max(256),
  status: z.enum(['draft', 'published']),
  published: isoDate,
  updated: isoDate.optional(),
  tags: z.array(slug).default([]),
  source: z.strictObject({
    publication: text,
    agency: text.optional(),
    url: z.url({ protocol: /^https?$/ }),
    published: isoDate,
  }),
  tldr: text,
  summary: text,
  key_points: z.array(text).min(1),
  who: z.array(entry).default([]),
  places: z.array(entry).default([]),
  timeline: z
    .array(
      z.strictObject({
        // YAML reads a bare `2018` as a number; a year is still a fine date here.
        date: z.union([text, z.number().int()]).transform(String),
        event: text,
      }),
    )
    .default([]),
  what_next: z.array(text).default([]),
  qa: z
    .array(
      z.strictObject({
        id: slug,
        question: text,
        alternatives: z.array(text).default([]),
        answer: text,
        section: slug,
      }),
    )
    .default([]),
});

export type BriefingFrontMatter = z.output<typeof briefingFrontMatter>;
