import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type { ItemEntity, ItsFunction, Model } from 'wink-nlp';

/** The wink entity types that name amounts and times; wink's others (URL, EMAIL, HASHTAG, EMOJI…) are dropped. */
export type EntityType = 'DATE' | 'TIME' | 'DURATION' | 'CARDINAL' | 'ORDINAL' | 'MONEY' | 'PERCENT';
const ENTITY_TYPES: ReadonlySet<string> = new Set<EntityType>(['DATE', 'TIME', 'DURATION', 'CARDINAL', 'ORDINAL', 'MONEY', 'PERCENT']);

export interface AnnotatedEntity {
  readonly type: EntityType;
  /** The input's text over the entity's tokens. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface AnnotatedWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Universal POS tag: NOUN, PROPN, VERB, AUX, NUM, ADJ, ADV, ADP, DET, PRON, PART, CCONJ, SCONJ, INTJ, X. */
  readonly pos: string;
  /** wink's lemma, from the tag: "troops"/NOUN → "troop", "took"/VERB → "take"; proper nouns are left as they are. */
  readonly lemma: string;
}

export interface Annotation {
  readonly entities: readonly AnnotatedEntity[];
  /** One entry per word-like token (words, numbers, times like "5pm", decades like "1990s"); punctuation and symbols are left out. */
  readonly words: readonly AnnotatedWord[];
}

/** wink token types that are not words. */
const NOT_WORDS = new Set(['punctuation', 'symbol', 'currency', 'emoji', 'emoticon', 'tabCRLF']);

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

/**
 * Loaded on first call, not on import: requiring the model takes ~250 ms and building the pipeline
 * ~450 ms more (~55 MB), which a process that never annotates should not pay. Sentence breaks, POS tags
 * (and with them lemmas) and entities are all this needs; leaving out sentiment and negation makes
 * each call cheaper.
 */
function load(): Nlp {
  if (!nlp) {
    const require = createRequire(import.meta.url);
    const create = require('wink-nlp') as typeof winkNLP;
    nlp = create(require('wink-eng-lite-web-model') as Model, ['sbd', 'pos', 'ner']);
  }
  return nlp;
}

/** wink-nlp (eng-lite-web-model), loaded on first call. A sentence takes about 0.1 ms: annotate only what you need. */
export function annotate(text: string): Annotation {
  const engine = load();
  const its = engine.its;
  const doc = engine.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const types = tokens.out(its.type) as string[];
  const tags = tokens.out(its.pos) as string[];
  // wink's typings declare lemma's addons argument more narrowly than out() passes it; it is a token function.
  const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];

  // wink gives no character offsets; its tokens are the input's own substrings, in order ("didn't" → "did" + "n't").
  const starts: number[] = [];
  let cursor = 0;
  for (const value of values) {
    const at = text.indexOf(value, cursor);
    const start = at >= 0 ? at : cursor;
    starts.push(start);
    cursor = start + value.length;
  }
  const endOf = (k: number) => (starts[k] as number) + (values[k] as string).length;

  const words: AnnotatedWord[] = [];
  values.forEach((value, k) => {
    if (NOT_WORDS.has(types[k] as string)) return;
    words.push({ text: value, start: starts[k] as number, end: endOf(k), pos: tags[k] as string, lemma: lemmas[k] as string });
  });

  const entities: AnnotatedEntity[] = [];
  doc.entities().each((entity: ItemEntity) => {
    const type = entity.out(its.type) as string;
    if (!ENTITY_TYPES.has(type)) return;
    const [first, last] = entity.out(its.span) as unknown as [number, number];
    const start = starts[first] as number;
    const end = endOf(last);
    entities.push({ type: type as EntityType, text: text.slice(start, end), start, end });
  });
  return { entities, words };
}
