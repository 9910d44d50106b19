import type { z } from 'zod';
import { type Briefing, sectionIds } from './briefing.js';
import { type BriefingProblem, errorMessage, fieldName, formatProblem } from './briefing-problem.js';
import { briefingFrontMatter } from './briefing-schema.js';
import { parseBody } from './parse-body.js';
import { readFrontMatter } from './read-front-matter.js';
import { hasMoreSentencesThan } from './split-sentences.js';
import type { FieldPath, YamlLocations } from './yaml-locations.js';

export type { BriefingProblem };
export { formatProblem };

export type ParseResult = { ok: true; briefing: Briefing } | { ok: false; problems: BriefingProblem[] };

/** A file with more problems than this lists the first ones and says how many more there are. */
export const MAX_PROBLEMS_PER_FILE = 100;

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Parses and validates one briefing file. Never throws: problems come back as values, and anything
 * unexpected thrown on the way becomes a "could not be parsed" problem for this file alone.
 */
export function parseBriefing(source: string, file: string): ParseResult {
  try {
    const result = parse(source, file);
    return result.ok ? result : { ok: false, problems: capped(result.problems, file) };
  } catch (error) {
    return fail({ file, field: '(file)', message: `could not be parsed: ${errorMessage(error)}` });
  }
}

function parse(source: string, file: string): ParseResult {
  // Editors on Windows start UTF-8 files with a byte order mark.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    return fail({ file, line: 1, field: '(file)', message: 'must start with YAML front matter between "---" lines' });
  }
  const yamlText = match[1] ?? '';
  const frontMatter = readFrontMatter(yamlText, file);
  if (!frontMatter.ok) return fail(...frontMatter.problems);
  const { data, locations } = frontMatter;
  const parsed = briefingFrontMatter.safeParse(data ?? {});
  if (!parsed.success) {
    return fail(...parsed.error.issues.flatMap((issue) => issueProblems(issue, data, locations, file)));
  }
  const fm = parsed.data;
  const bodyStartLine = yamlText.split('\n').length + 3;
  const body = parseBody(text.slice(match[0].length), bodyStartLine, file);
  const problems = [...body.problems];

  const known = sectionIds({ sections: body.sections });
  const seenQa = new Set<string>();
  fm.qa.forEach((qa, i) => {
    const at = (field: string) => locations.lineOf(['qa', i, field]);
    if (seenQa.has(qa.id)) problems.push({ file, line: at('id'), field: `qa[${i}].id`, message: `duplicate Q&A id "${qa.id}"` });
    seenQa.add(qa.id);
    if (!known.has(qa.section)) {
      problems.push({ file, line: at('section'), field: `qa[${i}].section`, message: `unknown section "${qa.section}"; known: ${listed(known)}` });
    }
  });
  if (hasMoreSentencesThan(fm.tldr, 2)) {
    problems.push({ file, line: locations.lineOf(['tldr']), field: 'tldr', message: 'must be at most two sentences' });
  }
  if (problems.length > 0) return { ok: false, problems };

  const published = new Date(fm.published);
  return {
    ok: true,
    briefing: {
      id: fm.id,
      title: fm.title,
      status: fm.status,
      published,
      updated: fm.updated ? new Date(fm.updated) : published,
      tags: fm.tags,
      source: fm.source,
      tldr: fm.tldr,
      summary: fm.summary,
      keyPoints: fm.key_points,
      who: fm.who,
      places: fm.places,
      timeline: fm.timeline,
      whatNext: fm.what_next,
      qa: fm.qa,
      sections: body.sections,
      file,
    },
  };
}

function fail(...problems: BriefingProblem[]): ParseResult {
  return { ok: false, problems };
}

function capped(problems: BriefingProblem[], file: string): BriefingProblem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return problems;
  const more = problems.length - MAX_PROBLEMS_PER_FILE;
  return [...problems.slice(0, MAX_PROBLEMS_PER_FILE), { file, field: '(file)', message: `${more} more problem${more === 1 ? '' : 's'} not shown` }];
}

/** The known section ids for a message; a briefing with thousands of sections would repeat them all for every Q&A. */
function listed(known: ReadonlySet<string>, max = 30): string {
  const ids = [...known];
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

function issueProblems(issue: z.core.$ZodIssue, data: unknown, locations: YamlLocations, file: string): BriefingProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file,
      line: locations.keyLine(path, key) ?? locations.lineOf(path),
      field: fieldName([...path, key]),
      message: 'unknown field (check the spelling; see the briefing format in the README)',
    }));
  }
  const missing = valueAt(data, path) === undefined;
  return [{ file, line: locations.lineOf(path), field: fieldName(path), message: missing ? 'required field is missing' : issue.message }];
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}
