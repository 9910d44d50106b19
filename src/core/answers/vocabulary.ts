/**
 * Words and phrases the answer engine treats alike. Kept small and about news in general,
 * not about any one briefing: each group maps to its first member after stemming.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['usa', 'us', 'u.s.', 'america', 'american', 'americans', 'washington', 'united states', 'pentagon'],
  [
    'troops',
    'troop',
    'soldier',
    'soldiers',
    'force',
    'forces',
    'personnel',
    'staff',
    'servicemen',
    'service members',
    'army',
    'contingent',
    'boots on the ground',
  ],
  [
    'withdraw',
    'withdrawal',
    'leave',
    'leaving',
    'left',
    'pull out',
    'pulled out',
    'pulling out',
    'expel',
    'expelled',
    'expulsion',
    'exit',
    'depart',
    'departure',
    'remove',
    'removal',
    'evacuate',
    'kick out',
    'kicked out',
    'get out',
    'go home',
    'pullout',
  ],
  ['base', 'airbase', 'air base', 'airfield', 'air field', 'military base'],
  ['cost', 'costs', 'spend', 'spent', 'price', 'expense', 'paid', 'pay', 'worth', 'expensive', 'build cost'],
  ['russia', 'russian', 'russians', 'moscow', 'kremlin'],
  ['niger', 'nigerien', 'nigeriens'],
  ['junta', 'military government', 'military rulers', 'ruling military', 'regime', 'coup leaders', 'military leaders'],
  [
    'insurgent',
    'insurgents',
    'insurgency',
    'militant',
    'militants',
    'jihadist',
    'jihadists',
    'extremist',
    'extremists',
    'terrorist',
    'terrorists',
    'rebels',
    'fighters',
    'armed groups',
  ],
  ['kill', 'killed', 'dead', 'death', 'deaths', 'died', 'fatalities', 'death toll', 'casualties'],
  ['displace', 'displaced', 'displacement', 'uprooted', 'fled', 'refugees'],
  ['verify', 'verified', 'verification', 'confirm', 'confirmed', 'check', 'checked', 'corroborate', 'corroborated', 'validate', 'validated'],
  ['number', 'figure', 'count', 'total', 'tally', 'headcount'],
  ['city', 'town'],
  ['drone', 'drones', 'uav', 'uavs', 'unmanned aircraft'],
  [
    'protest',
    'protests',
    'protester',
    'protesters',
    'demonstration',
    'demonstrations',
    'demonstrator',
    'demonstrators',
    'demonstrate',
    'demonstrating',
    'rally',
  ],
  ['coup', 'takeover', 'putsch', 'seized power', 'seize power', 'took power', 'take power', 'came to power', 'come to power', 'overthrow', 'overthrew'],
  ['meeting', 'meet', 'met', 'talks', 'summit'],
  ['ask', 'asked', 'request', 'requested', 'demand', 'demanded', 'order', 'ordered', 'instruct', 'instructed'],
  ['respond', 'response', 'reaction', 'react', 'reacted', 'comment', 'commented', 'reply', 'replied'],
  ['equipment', 'kit', 'gear', 'hardware', 'materiel', 'weapons', 'assets'],
  ['concern', 'concerns', 'concerned', 'worry', 'worried', 'fear', 'feared', 'alarm', 'worries', 'issue', 'issues'],
  ['ally', 'allies', 'partner', 'partners', 'partnership', 'alliance', 'friend'],
  ['relations', 'ties', 'relationship', 'links'],
  ['conflict', 'war', 'fighting'],
  ['enter', 'entered', 'entry', 'arrive', 'arrived', 'arrival', 'move in', 'moved in', 'moved into', 'show up', 'showed up', 'turned up'],
  ['near', 'nearby', 'next to', 'beside', 'adjacent', 'proximity', 'close to', 'alongside', 'neighbouring', 'neighboring'],
  ['rivalry', 'rivalries', 'tension', 'tensions', 'competition', 'antagonism', 'hostility'],
  ['placard', 'sign', 'banner', 'poster', 'slogan'],
  ['photograph', 'photo', 'picture', 'image', 'photographer'],
  ['official', 'officials', 'spokesperson', 'spokesman', 'source'],
  ['say', 'said', 'says', 'state', 'stated', 'tell', 'told', 'claim', 'claimed', 'remark', 'quoted'],
  ['raw material', 'raw materials', 'minerals', 'mineral', 'resources', 'natural resources'],
  ['hangar', 'hanger', 'hangars'],
  ['mingle', 'mingling', 'mix', 'mixing', 'interact', 'interacting', 'contact'],
  ['general', 'commander'],
  ['home', 'headquarters', 'hq'],
  ['africom', 'us africa command', 'africa command'],
  ['jnim', "jama'at nusrat al-islam wal muslimeen", 'jama’at nusrat al-islam wal muslimeen'],
  ['islamic state', 'isis', 'isil', 'is group', 'daesh'],
  ['mercenary', 'mercenaries', 'private military'],
  ['seek', 'seeking', 'sought', 'hunt', 'hunting', 'look for', 'looking for', 'search for', 'pursue', 'pursuing'],
  ['raise', 'raised', 'bring up', 'brought up', 'mention', 'mentioned', 'voice', 'voiced', 'flag', 'flagged'],
  ['arrange', 'arranging', 'organise', 'organize', 'organising', 'organizing', 'coordinate', 'oversee', 'handle', 'manage the'],
  ['pitch', 'pitching', 'present', 'presenting', 'portray', 'portraying', 'market', 'marketing', 'promote', 'promoting', 'bill', 'cast'],
  ['separate', 'separately', 'kept apart', 'keep apart', 'segregated', 'distinct'],
  ['describe', 'described', 'sum up', 'summed up', 'characterise', 'characterize', 'characterised', 'characterized', 'call', 'calls'],
  ['publish', 'published', 'publication', 'come out', 'came out', 'release', 'released', 'appear', 'appeared', 'print', 'printed'],
  ['size', 'big', 'large', 'strength', 'scale'],
  [
    'move',
    'moved',
    'moves',
    'go',
    'went',
    'return',
    'returned',
    'returning',
    'head back',
    'heading back',
    'headed back',
    'go back',
    'going back',
    'come back',
    'relocate',
    'relocated',
    'transfer',
    'transferred',
    'shift',
    'shifted',
  ],
  ['deploy', 'deployed', 'deployment', 'station', 'stationed', 'posted', 'garrison'],
];

/**
 * Multi-word openers that only say what kind of answer is wanted. They add an optional term
 * (it helps ranking but a passage without it can still answer): "how much equipment is left?"
 * is not about cost.
 */
export const INTENT_PHRASES: readonly { phrase: string; intent: Intent; hint?: string }[] = [
  { phrase: 'how many', intent: 'count', hint: 'number' },
  { phrase: 'how much', intent: 'quantity', hint: 'cost' },
  { phrase: 'how long', intent: 'duration' },
  { phrase: 'what time', intent: 'time' },
  { phrase: 'what year', intent: 'year' },
  { phrase: 'which year', intent: 'year' },
  { phrase: 'name of', intent: 'name' },
  { phrase: 'named', intent: 'name' },
  { phrase: 'how big', intent: 'quantity', hint: 'number' },
  { phrase: 'how large', intent: 'quantity', hint: 'number' },
  { phrase: 'what date', intent: 'time' },
  { phrase: 'when', intent: 'time' },
  { phrase: 'where', intent: 'place' },
  { phrase: 'which city', intent: 'place', hint: 'city' },
  { phrase: 'which country', intent: 'place' },
  { phrase: 'who', intent: 'person' },
  { phrase: 'whom', intent: 'person' },
  { phrase: 'why', intent: 'reason' },
];

/** Phrases that only pad a question ("when did it *take place*?"): dropped like stopwords. */
export const FILLER_PHRASES: readonly string[] = ['take place', 'took place', 'taken place', 'taking place', 'come about', 'came about'];

export type Intent = 'count' | 'quantity' | 'duration' | 'time' | 'year' | 'place' | 'person' | 'reason' | 'name';

/** Words that refer back to an earlier turn: their presence makes a question a follow-up. */
export const ANAPHORA = new Set([
  'it',
  'its',
  'they',
  'them',
  'their',
  'theirs',
  'that',
  'this',
  'those',
  'these',
  'there',
  'he',
  'him',
  'his',
  'she',
  'her',
  'hers',
  'then',
  'one',
  'ones',
  'such',
]);

/**
 * Function words and meta words ("tell me about", "explain", "the article") that never carry
 * the topic of a question. A word missing here and missing from a briefing counts against an
 * answer, so generic verbs belong here too.
 */
export const STOPWORDS = new Set(
  `a about above according right now almost approximately roughly nearly actually after again against all also am an and any anything are aren't around as at
  be became because been before being below between both but by can can't could couldn't currently did didn't do does doesn't
  doing don't down during each either else ever every exactly few for from further get gets getting give given goes going gone got
  had hadn't has hasn't have haven't having here how however i i'd i'm if in into is isn't just know known let like made make makes
  many may me might more most much must my myself need no nor not now of off on once only or other our ours out over own
  please quite rather really same shall should shouldn't so some something still such than thank thanks the thing things to too
  under until up upon us very was wasn't way we were weren't what whats what's which while whilst will with within without won't
  would wouldn't yet you your yours
  tell explain describe details detail info acronym abbreviation stand for refer information article story news briefing happen happened happening mean means meant
  say-so summary summarise summarize overview anyone someone somebody anybody exist exists kind sort type bit lot
  and's is's`.split(/\s+/),
);

export const WHO_WHAT = new Set(['who', 'whom', 'whose', 'what', 'when', 'where', 'which', 'why', 'how']);
