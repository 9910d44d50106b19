import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { type BriefingProblem, fieldName } from './briefing-problem.js';

/**
 * Limits on the YAML of a front matter. A briefing nests five levels deep and needs no aliases, so
 * these only stop hostile or broken files before they exhaust the stack, memory or time.
 */
export const YAML_LIMITS = {
  /** Far deeper documents overflow the stack in the YAML parser or in `toJS`; this says so with a line. */
  maxDepth: 64,
  /** Each alias can cost `yaml` a walk of the whole document, so their number bounds the work. */
  maxAliases: 100,
  /** `yaml`'s own guard against alias expansion ("billion laughs"), passed to `toJS`. */
  maxAliasCount: 100,
} as const;

interface Visit {
  readonly node: unknown;
  readonly depth: number;
  readonly parent: Visit | undefined;
  /** The map key or sequence index under which the parent holds this node; none for map keys. */
  readonly key: string | number | undefined;
}

/**
 * Every node (map keys included) in document order, the order in which `yaml` resolves an alias
 * to the last anchor before it. A loop with its own stack, not recursion: deep documents are what
 * the callers look for.
 */
function* walk(root: unknown): Generator<Visit> {
  const stack: Visit[] = [{ node: root, depth: 0, parent: undefined, key: undefined }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    yield visit;
    const { node, depth } = visit;
    // Children are pushed in reverse so that they pop in document order.
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (!isPair(pair)) continue;
        const value = isScalar(pair.key) ? pair.key.value : undefined;
        const key = typeof value === 'string' || typeof value === 'number' ? value : '?';
        stack.push({ node: pair.value, depth: depth + 1, parent: visit, key });
        stack.push({ node: pair.key, depth: depth + 1, parent: visit, key: undefined });
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], depth: depth + 1, parent: visit, key: i });
    }
  }
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at; at = at.parent) if (at.key !== undefined) path.push(at.key);
  return path.reverse();
}

const offsetOf = (node: unknown): number | undefined => (node as Node | null)?.range?.[0];
const anchorOf = (node: unknown): string | undefined => (node as { anchor?: string } | null)?.anchor;

/**
 * One linear pass over the document for what `yaml` would throw on or take quadratic time over:
 * nesting depth, duplicate keys, and aliases that are unresolved, circular or too many.
 */
export function checkStructure(root: unknown, file: string, lineAt: (offset: number) => number): BriefingProblem[] {
  const problems: BriefingProblem[] = [];
  const anchors = new Map<string, unknown>();
  let aliases = 0;
  const problem = (visit: Visit, field: string, message: string) => {
    const offset = offsetOf(visit.node);
    problems.push({ file, line: offset === undefined ? undefined : lineAt(offset), field, message });
  };
  for (const visit of walk(root)) {
    const { node } = visit;
    if (visit.depth > YAML_LIMITS.maxDepth) {
      problem(visit, '(yaml)', `nested more than ${YAML_LIMITS.maxDepth} levels deep`);
      break;
    }
    if (isAlias(node)) {
      if (++aliases > YAML_LIMITS.maxAliases) {
        problem(visit, fieldName(pathOf(visit)), `too many YAML aliases (more than ${YAML_LIMITS.maxAliases})`);
        break;
      }
      const target = anchors.get(node.source);
      if (target === undefined) {
        problem(visit, fieldName(pathOf(visit)), `unresolved YAML alias "*${node.source}" (no anchor "&${node.source}" before it)`);
      } else if (isAncestor(target, visit)) {
        // `toJS` would build a circular value, which nothing downstream expects.
        problem(visit, fieldName(pathOf(visit)), `YAML alias "*${node.source}" refers to a value that contains it`);
      }
      continue;
    }
    const anchor = anchorOf(node);
    if (anchor) anchors.set(anchor, node);
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        if (keys.has(pair.key.value)) problem({ ...visit, node: pair.key }, '(yaml)', 'Map keys must be unique');
        keys.add(pair.key.value);
      }
    }
  }
  return problems;
}

function isAncestor(target: unknown, visit: Visit): boolean {
  for (let at = visit.parent; at; at = at.parent) if (at.node === target) return true;
  return false;
}

/**
 * Where a "billion laughs" starts: the first alias of a value that itself holds aliases (only
 * those multiply), else the first alias. Runs only after `toJS` refused, so it may walk twice.
 */
export function firstNestedAlias(root: unknown): { offset: number; path: (string | number)[] } | undefined {
  const anchors = new Map<string, unknown>();
  const holdsAlias = new Set<unknown>();
  const found: { alias: Visit; target: unknown }[] = [];
  for (const visit of walk(root)) {
    const { node } = visit;
    if (isAlias(node)) {
      for (let at = visit.parent; at; at = at.parent) holdsAlias.add(at.node);
      found.push({ alias: visit, target: anchors.get(node.source) });
      continue;
    }
    const anchor = anchorOf(node);
    if (anchor) anchors.set(anchor, node);
  }
  const first = found.find((f) => holdsAlias.has(f.target)) ?? found[0];
  const offset = first && offsetOf(first.alias.node);
  return first && offset !== undefined ? { offset, path: pathOf(first.alias) } : undefined;
}
