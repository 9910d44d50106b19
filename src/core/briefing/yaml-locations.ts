import { isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';

/** Maps an offset in the front matter to a line number of the file. */
export type LineAt = (offset: number) => number;

export type FieldPath = readonly (string | number)[];

/**
 * Finds the lines of fields in a parsed YAML document, for `file:line` in problems. Each map's
 * keys are indexed once, so reporting every one of 20,000 misspelt keys stays linear instead of
 * searching the map again for each.
 */
export class YamlLocations {
  private readonly keyIndex = new WeakMap<YAMLMap, Map<unknown, Pair>>();

  constructor(
    private readonly root: unknown,
    private readonly lineAt: LineAt,
  ) {}

  /** The line of the deepest YAML node that exists along `path` (the parent when a field is missing). */
  lineOf(path: FieldPath): number | undefined {
    let node = this.root as Node | null | undefined;
    let line = node?.range ? this.lineAt(node.range[0]) : undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = this.pair(node, key);
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (keyNode.range) line = this.lineAt(keyNode.range[0]);
        node = pair.value as Node | null;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key] as Node | undefined;
        if (!node) break;
      } else break;
      if (node?.range) line = this.lineAt(node.range[0]);
    }
    return line;
  }

  /** The line of `key` inside the map at `path`, for a key that should not be there. */
  keyLine(path: FieldPath, key: string): number | undefined {
    let node = this.root as Node | null | undefined;
    for (const k of path) {
      if (isMap(node)) node = this.pair(node, k)?.value as Node;
      else if (isSeq(node) && typeof k === 'number') node = node.items[k] as Node;
      else return undefined;
    }
    if (!isMap(node)) return undefined;
    const range = (this.pair(node, key)?.key as Node | undefined)?.range;
    return range ? this.lineAt(range[0]) : undefined;
  }

  private pair(map: YAMLMap, key: unknown): Pair | undefined {
    let index = this.keyIndex.get(map);
    if (!index) {
      index = new Map();
      // The first pair wins, as `Array.find` did: duplicates are reported before this is used.
      for (const p of map.items) {
        const k = (p.key as { value?: unknown } | null)?.value;
        if (!index.has(k)) index.set(k, p);
      }
      this.keyIndex.set(map, index);
    }
    return index.get(key);
  }
}
