import { type Document, LineCounter, parseDocument } from 'yaml';
import { type BriefingProblem, fieldName } from './briefing-problem.js';
import { checkStructure, firstNestedAlias, YAML_LIMITS } from './check-yaml-structure.js';
import { YamlLocations } from './yaml-locations.js';

export type FrontMatterResult = { ok: true; data: unknown; locations: YamlLocations } | { ok: false; problems: BriefingProblem[] };

/**
 * Parses the YAML between the `---` lines into plain data. Everything the `yaml` library would
 * throw for (unresolved or exploding aliases, nesting deep enough to overflow the stack) comes
 * back as a problem with a line instead.
 */
export function readFrontMatter(yamlText: string, file: string): FrontMatterResult {
  const lineCounter = new LineCounter();
  // The front matter starts on line 2 of the file, after the opening "---".
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;
  let doc: Document.Parsed;
  try {
    // Duplicate keys are found by `checkStructure`: yaml's `uniqueKeys` compares each key with
    // every earlier one, which takes 55 s for a map of 20,000 keys.
    doc = parseDocument(yamlText, { lineCounter, uniqueKeys: false, prettyErrors: false });
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    return fail({ file, line: deepestLine(yamlText) + 1, field: '(yaml)', message: NESTED_TOO_DEEPLY });
  }
  // Where the stack ran out, the rest of the document is noise: report that one thing.
  const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
  if (overflow) return fail({ file, line: lineAt(overflow.pos[0]), field: '(yaml)', message: NESTED_TOO_DEEPLY });
  const problems = dedupe([
    ...doc.errors.map((e) => ({ file, line: lineAt(e.pos[0]), field: '(yaml)', message: e.message.split('\n')[0] ?? e.message })),
    ...checkStructure(doc.contents, file, lineAt),
  ]);
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (error) {
    if (!(error instanceof ReferenceError) || !/alias count/i.test(error.message)) throw error;
    const at = firstNestedAlias(doc.contents);
    return fail({
      file,
      line: at ? lineAt(at.offset) : undefined,
      field: at ? fieldName(at.path) : '(yaml)',
      message: `aliases expand to more than the limit (yaml maxAliasCount ${YAML_LIMITS.maxAliasCount}); write the values out instead`,
    });
  }
  return { ok: true, data, locations: new YamlLocations(doc.contents, lineAt) };
}

const NESTED_TOO_DEEPLY = 'nested too deeply to parse (Maximum call stack size exceeded)';

function fail(...problems: BriefingProblem[]): FrontMatterResult {
  return { ok: false, problems };
}

export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** One problem per line and message. */
function dedupe(problems: BriefingProblem[]): BriefingProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}\u0000${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The 0-based line that nests deepest, judged by indentation and leading "- "/"? " markers:
 * where to look when the parser itself ran out of stack and could not say.
 */
function deepestLine(yamlText: string): number {
  let best = 0;
  let bestDepth = -1;
  let line = 0;
  for (const text of yamlText.split('\n')) {
    const m = /^( *)((?:[-?] +)*)/.exec(text);
    const depth = (m?.[1]?.length ?? 0) + (m?.[2]?.length ?? 0);
    if (depth > bestDepth) {
      best = line;
      bestDepth = depth;
    }
    line++;
  }
  return best;
}
