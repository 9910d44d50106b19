/**
 * A character trie of counted words that finds the words within a small optimal-string-alignment
 * distance of a query (Levenshtein plus adjacent transposition as one edit), walking the trie with one
 * DP row per depth so shared prefixes are computed once.
 *
 * Nodes live in parallel typed arrays (first child / next sibling), about 14 bytes a node: a 300,000-word
 * vocabulary takes ~10 MB where a Map per node would take well over 100 MB. Removing a word only zeroes
 * its count; the nodes stay, which keeps removal O(length) and costs little as vocabularies churn slowly.
 */
export class OsaTrie {
  #chars = new Uint16Array(1024);
  #firstChild = new Int32Array(1024).fill(-1);
  #nextSibling = new Int32Array(1024).fill(-1);
  #counts = new Float64Array(1024);
  #nodes = 1; // node 0 is the root
  #words = 0;

  /** Distinct words with a count above zero. */
  get size(): number {
    return this.#words;
  }

  add(word: string, count: number): void {
    const node = this.#walk(word, true);
    if (this.#counts[node] === 0 && count > 0) this.#words++;
    this.#counts[node] = (this.#counts[node] as number) + count;
  }

  remove(word: string, count: number): void {
    const node = this.#walk(word, false);
    if (node < 0 || this.#counts[node] === 0) return;
    const left = Math.max(0, (this.#counts[node] as number) - count);
    this.#counts[node] = left;
    if (left === 0) this.#words--;
  }

  count(word: string): number {
    const node = this.#walk(word, false);
    return node < 0 ? 0 : (this.#counts[node] as number);
  }

  /**
   * Words within `maxDistance` of `query` that keep its first letter, or that begin with its first two
   * letters swapped ("ovlcano" may reach "volcano"; "bolcano" may not). Each with its distance and count.
   */
  near(query: string, maxDistance: number): { word: string; distance: number; count: number }[] {
    const n = query.length;
    const q = new Uint16Array(n);
    for (let j = 0; j < n; j++) q[j] = query.charCodeAt(j);
    const depthLimit = n + maxDistance;
    const rows: Int32Array[] = [];
    for (let i = 0; i <= depthLimit; i++) rows.push(new Int32Array(n + 1));
    const row0 = rows[0] as Int32Array;
    for (let j = 0; j <= n; j++) row0[j] = j;
    const path = new Uint16Array(depthLimit + 1);
    const out: { word: string; distance: number; count: number }[] = [];

    // Fills the DP row for `node` at `depth` and goes on below it while some cell is within reach.
    const visit = (node: number, depth: number, onlyChild: number) => {
      const c = this.#chars[node] as number;
      path[depth - 1] = c;
      const row = rows[depth] as Int32Array;
      const previous = rows[depth - 1] as Int32Array;
      const beforePrevious = depth >= 2 ? (rows[depth - 2] as Int32Array) : undefined;
      const previousChar = depth >= 2 ? (path[depth - 2] as number) : -1;
      row[0] = depth;
      let best = depth;
      for (let j = 1; j <= n; j++) {
        const qc = q[j - 1] as number;
        let value = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (qc === c ? 0 : 1));
        if (beforePrevious && j >= 2 && c === q[j - 2] && previousChar === qc) value = Math.min(value, (beforePrevious[j - 2] as number) + 1);
        row[j] = value;
        if (value < best) best = value;
      }
      const distance = row[n] as number;
      if (distance <= maxDistance && (this.#counts[node] as number) > 0) {
        out.push({ word: String.fromCharCode(...path.subarray(0, depth)), distance, count: this.#counts[node] as number });
      }
      if (best > maxDistance || depth >= depthLimit) return;
      for (let child = this.#firstChild[node] as number; child >= 0; child = this.#nextSibling[child] as number) {
        if (onlyChild < 0 || this.#chars[child] === onlyChild) visit(child, depth + 1, -1);
      }
    };

    if (n === 0) return out;
    const first = this.#child(0, q[0] as number);
    if (first >= 0) visit(first, 1, -1);
    // The one edit allowed to change the first letter: swapping the first two.
    if (n >= 2 && q[1] !== q[0]) {
      const second = this.#child(0, q[1] as number);
      if (second >= 0) visit(second, 1, q[0] as number);
    }
    return out;
  }

  #child(node: number, char: number): number {
    for (let child = this.#firstChild[node] as number; child >= 0; child = this.#nextSibling[child] as number) {
      if (this.#chars[child] === char) return child;
    }
    return -1;
  }

  #walk(word: string, create: boolean): number {
    let node = 0;
    for (let k = 0; k < word.length; k++) {
      const char = word.charCodeAt(k);
      let child = this.#child(node, char);
      if (child < 0) {
        if (!create) return -1;
        child = this.#newNode(char);
        this.#nextSibling[child] = this.#firstChild[node] as number;
        this.#firstChild[node] = child;
      }
      node = child;
    }
    return node;
  }

  #newNode(char: number): number {
    if (this.#nodes === this.#chars.length) this.#grow();
    const node = this.#nodes++;
    this.#chars[node] = char;
    return node;
  }

  #grow(): void {
    const size = this.#chars.length * 2;
    const chars = new Uint16Array(size);
    chars.set(this.#chars);
    const firstChild = new Int32Array(size).fill(-1);
    firstChild.set(this.#firstChild);
    const nextSibling = new Int32Array(size).fill(-1);
    nextSibling.set(this.#nextSibling);
    const counts = new Float64Array(size);
    counts.set(this.#counts);
    this.#chars = chars;
    this.#firstChild = firstChild;
    this.#nextSibling = nextSibling;
    this.#counts = counts;
  }
}
