export interface Match {
  readonly word: string;
  readonly distance: number;
  readonly count: number;
}

/**
 * A character trie of counted words that finds the words within a small optimal-string-alignment
 * distance of a query (Levenshtein plus adjacent transposition as one edit), walking the trie with one
 * DP row per depth so shared prefixes are computed once, and only the diagonal band of each row that
 * can be within reach.
 *
 * A subtree is skipped as soon as no word in it can be near enough: the DP row's best cell plus the gap
 * between what is left of the query and what is left of the subtree's words (each node knows the
 * shortest and longest word below it). With the first letter fixed, a two-edit search of 300,000 words
 * looks at about 1,300 nodes.
 *
 * Nodes live in parallel typed arrays (first child / next sibling), 16 bytes a node: a 300,000-word
 * vocabulary takes ~22 MB (the arrays grow by doubling) where a Map per node would take well over 100 MB. Removing a word only zeroes
 * its count; its nodes and length ranges stay, which keeps removal O(length) and only makes pruning a
 * little less sharp as a vocabulary churns.
 */
export class OsaTrie {
  #chars = new Uint16Array(1024);
  #firstChild = new Int32Array(1024).fill(-1);
  #nextSibling = new Int32Array(1024).fill(-1);
  #counts = new Float64Array(1024);
  /** Shortest and longest word at or below each node (capped at 255): a subtree of the wrong lengths is skipped. */
  #minLength = new Uint8Array(1024).fill(255);
  #maxLength = new Uint8Array(1024);
  #nodes = 1; // node 0 is the root
  #words = 0;
  #visited = 0;

  /** Distinct words with a count above zero. */
  get size(): number {
    return this.#words;
  }

  /** Nodes the last `near` call looked at: what its cost is made of. */
  get visited(): number {
    return this.#visited;
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
   * Words within `maxDistance` of `query`, each with its distance and count, that keep the query's first
   * letter or begin with its first two letters swapped ("ovlcano" may reach "volcano"; "bolcano" may not).
   */
  near(query: string, maxDistance: number): Match[] {
    const out: Match[] = [];
    const n = query.length;
    this.#visited = 0;
    if (n === 0) return out;
    const q = this.#query(query);
    const width = n + 1;
    const depthLimit = n + maxDistance;
    const rows = this.#rows((depthLimit + 1) * width);
    const path = this.#path(depthLimit + 1);
    const far = maxDistance + 1;
    for (let j = 0; j <= n; j++) rows[j] = j <= maxDistance ? j : far;
    const chars = this.#chars;
    const counts = this.#counts;
    const firstChild = this.#firstChild;
    const nextSibling = this.#nextSibling;
    const minLength = this.#minLength;
    const maxLength = this.#maxLength;
    const shortest = n - maxDistance;
    const longest = n + maxDistance;
    const fits = (node: number) => (minLength[node] as number) <= longest && (maxLength[node] as number) >= shortest;
    let visited = 0;

    // Fills the DP row for `node` at `depth` and says whether to go on below it. Only the band
    // |j - depth| <= maxDistance can be within reach; "far" (maxDistance + 1) stands for anything larger.
    const fill = (node: number, depth: number): boolean => {
      visited++;
      const c = chars[node] as number;
      path[depth - 1] = c;
      const row = depth * width;
      const previous = row - width;
      const beforePrevious = previous - width;
      const previousChar = depth >= 2 ? (path[depth - 2] as number) : -1;
      const lo = Math.max(1, depth - maxDistance);
      const hi = Math.min(n, depth + maxDistance);
      rows[row] = depth <= maxDistance ? depth : far;
      if (lo > 1) rows[row + lo - 1] = far;
      if (hi < n) rows[row + hi + 1] = far;
      for (let j = lo; j <= hi; j++) {
        const qc = q[j - 1] as number;
        let value = (rows[previous + j - 1] as number) + (qc === c ? 0 : 1);
        const up = (rows[previous + j] as number) + 1;
        if (up < value) value = up;
        const left = (rows[row + j - 1] as number) + 1;
        if (left < value) value = left;
        if (depth >= 2 && j >= 2 && previousChar === qc && c === q[j - 2]) {
          const swap = (rows[beforePrevious + j - 2] as number) + 1;
          if (swap < value) value = swap;
        }
        if (value > far) value = far;
        rows[row + j] = value;
      }
      // A lower bound for every word below: the cost so far plus the difference between what is left of
      // the query and what is left of the word, whose length the node knows within a range.
      const fewest = (minLength[node] as number) - depth;
      const most = (maxLength[node] as number) - depth;
      let bound = far;
      for (let j = lo - 1; j <= hi; j++) {
        const rest = n - j;
        const value = (rows[row + j] as number) + (rest < fewest ? fewest - rest : rest > most ? rest - most : 0);
        if (value < bound) bound = value;
      }
      const distance = hi === n ? (rows[row + n] as number) : far;
      if (distance <= maxDistance && (counts[node] as number) > 0) {
        out.push({ word: String.fromCharCode(...path.subarray(0, depth)), distance, count: counts[node] as number });
      }
      return bound <= maxDistance && depth < depthLimit;
    };

    const descend = (node: number, depth: number) => {
      if (!fill(node, depth)) return;
      for (let child = firstChild[node] as number; child >= 0; child = nextSibling[child] as number) if (fits(child)) descend(child, depth + 1);
    };

    const first = this.#child(0, q[0] as number);
    if (first >= 0 && fits(first)) descend(first, 1);
    // The one edit allowed to change the first letter: swapping the first two.
    if (n >= 2 && q[1] !== q[0]) {
      const second = this.#child(0, q[1] as number);
      if (second >= 0 && fill(second, 1)) {
        const then = this.#child(second, q[0] as number);
        if (then >= 0 && fits(then)) descend(then, 2);
      }
    }
    this.#visited = visited;
    return out;
  }

  // Scratch buffers reused across searches: a search allocates nothing but its results.
  #rowBuffer = new Int32Array(0);
  #pathBuffer = new Uint16Array(0);
  #queryBuffer = new Uint16Array(0);

  #rows(size: number): Int32Array {
    if (this.#rowBuffer.length < size) this.#rowBuffer = new Int32Array(size * 2);
    return this.#rowBuffer;
  }

  #path(size: number): Uint16Array {
    if (this.#pathBuffer.length < size) this.#pathBuffer = new Uint16Array(size * 2);
    return this.#pathBuffer;
  }

  #query(query: string): Uint16Array {
    if (this.#queryBuffer.length < query.length) this.#queryBuffer = new Uint16Array(query.length * 2);
    for (let j = 0; j < query.length; j++) this.#queryBuffer[j] = query.charCodeAt(j);
    return this.#queryBuffer;
  }

  #child(node: number, char: number): number {
    for (let child = this.#firstChild[node] as number; child >= 0; child = this.#nextSibling[child] as number) {
      if (this.#chars[child] === char) return child;
    }
    return -1;
  }

  /** The word's node, created (and the lengths along its path widened) when `create`; -1 when absent. */
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
      if (create) {
        const length = Math.min(255, word.length);
        if (length < (this.#minLength[child] as number)) this.#minLength[child] = length;
        if (length > (this.#maxLength[child] as number)) this.#maxLength[child] = length;
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
    const minLength = new Uint8Array(size).fill(255);
    minLength.set(this.#minLength);
    const maxLength = new Uint8Array(size);
    maxLength.set(this.#maxLength);
    this.#minLength = minLength;
    this.#maxLength = maxLength;
    this.#chars = chars;
    this.#firstChild = firstChild;
    this.#nextSibling = nextSibling;
    this.#counts = counts;
  }
}
