import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Briefing, type Section, sectionIds, sentences, slugify } from './briefing.js';
import { briefingFrontMatter } from './briefing-schema.js';

/** One thing wrong with a briefing file, printed as `file:line: field: message`. */
export interface BriefingProblem {
  readonly file: string;
  readonly line?: number;
  readonly field: string;
  readonly message: string;
}

export function formatProblem(p: BriefingProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.field}: ${p.message}`;
}

export type ParseResult = { ok: true; briefing: Briefing } | { ok: false; problems: BriefingProblem[] };

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Parses and validates one briefing file. Never throws on bad content: problems come back as values. */
export function parseBriefing(source: string, file: string): ParseResult {
  const match = FRONT_MATTER.exec(source);
  if (!match) {
    return fail({ file, line: 1, field: '(file)', message: 'must start with YAML front matter between "---" lines' });
  }
  const yamlText = match[1] ?? '';
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false });
  // The front matter starts on line 2 of the file, after the opening "---".
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;
  if (doc.errors.length > 0) {
    return fail(...doc.errors.map((e) => ({ file, line: lineAt(e.pos[0]), field: '(yaml)', message: e.message.split('\n')[0] ?? e.message })));
  }
  const data: unknown = doc.toJS();
  const parsed = briefingFrontMatter.safeParse(data ?? {});
  if (!parsed.success) {
    return fail(...parsed.error.issues.flatMap((issue) => issueProblems(issue, data, doc.contents, lineAt, file)));
  }
  const fm = parsed.data;
  const bodyStartLine = yamlText.split('\n').length + 3;
  const body = parseBody(source.slice(match[0].length), bodyStartLine, file);
  const problems = [...body.problems];

  const known = sectionIds({ sections: body.sections });
  const seenQa = new Set<string>();
  fm.qa.forEach((qa, i) => {
    const at = (field: string) => lineOf(doc.contents, ['qa', i, field], lineAt);
    if (seenQa.has(qa.id)) problems.push({ file, line: at('id'), field: `qa[${i}].id`, message: `duplicate Q&A id "${qa.id}"` });
    seenQa.add(qa.id);
    if (!known.has(qa.section)) {
      problems.push({
        file,
        line: at('section'),
        field: `qa[${i}].section`,
        message: `unknown section "${qa.section}"; known: ${[...known].join(', ')}`,
      });
    }
  });
  if (sentences(fm.tldr).length > 2) {
    problems.push({ file, line: lineOf(doc.contents, ['tldr'], lineAt), field: 'tldr', message: 'must be at most two sentences' });
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

type LineAt = (offset: number) => number;

function issueProblems(issue: z.core.$ZodIssue, data: unknown, root: unknown, lineAt: LineAt, file: string): BriefingProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file,
      line: keyLine(root, path, key, lineAt) ?? lineOf(root, path, lineAt),
      field: fieldName([...path, key]),
      message: 'unknown field (check the spelling; see the briefing format in the README)',
    }));
  }
  const missing = valueAt(data, path) === undefined;
  return [
    {
      file,
      line: lineOf(root, path, lineAt),
      field: fieldName(path),
      message: missing ? 'required field is missing' : issue.message,
    },
  ];
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

function fieldName(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(front matter)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The line of the deepest YAML node that exists along `path` (the parent when a field is missing). */
function lineOf(root: unknown, path: readonly (string | number)[], lineAt: LineAt): number | undefined {
  let node = root as Node | null | undefined;
  let line = node?.range ? lineAt(node.range[0]) : undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (keyNode.range) line = lineAt(keyNode.range[0]);
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as Node | undefined;
      if (!node) break;
    } else break;
    if (node?.range) line = lineAt(node.range[0]);
  }
  return line;
}

function keyLine(root: unknown, path: readonly (string | number)[], key: string, lineAt: LineAt): number | undefined {
  let node = root as Node | null | undefined;
  for (const k of path) {
    if (isMap(node)) node = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === k)?.value as Node;
    else if (isSeq(node) && typeof k === 'number') node = node.items[k] as Node;
    else return undefined;
  }
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  const range = (pair?.key as Node | undefined)?.range;
  return range ? lineAt(range[0]) : undefined;
}

const HEADING = /^##\s+(.+?)\s*(?:\{#([a-z0-9-]+)\})?\s*$/;

/** Splits the Markdown body into `## ` sections; text before the first heading becomes "overview". */
function parseBody(body: string, firstLine: number, file: string): { sections: Section[]; problems: BriefingProblem[] } {
  const sections: { id: string; heading: string; lines: string[]; line: number }[] = [];
  const problems: BriefingProblem[] = [];
  body.split(/\r?\n/).forEach((raw, i) => {
    const heading = HEADING.exec(raw);
    if (heading) {
      const title = heading[1] ?? '';
      sections.push({ id: heading[2] ?? slugify(title), heading: title, lines: [], line: firstLine + i });
      return;
    }
    if (sections.length === 0) {
      if (raw.trim() === '') return;
      sections.push({ id: 'overview', heading: 'Overview', lines: [], line: firstLine + i });
    }
    sections.at(-1)?.lines.push(raw.replace(/^#{3,6}\s+/, ''));
  });
  const seen = new Set<string>();
  for (const s of sections) {
    if (seen.has(s.id)) problems.push({ file, line: s.line, field: `section "${s.heading}"`, message: `duplicate section id "${s.id}"` });
    seen.add(s.id);
  }
  return {
    problems,
    sections: sections.map((s) => ({
      id: s.id,
      heading: s.heading,
      paragraphs: s.lines
        .join('\n')
        .split(/\n\s*\n/)
        .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
        .filter(Boolean),
    })),
  };
}
