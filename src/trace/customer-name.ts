// A customer name read the way a bookkeeper reads it: which words carry the identity, which are
// decoration ("Inc.", "Mr.", "&"), and which tell two people apart ("Jr." / "Sr.").
import { doubleMetaphone } from 'double-metaphone';
import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import { areVariants, variantRows } from './given-name-variants';

export interface ParsedName {
  /** Identity words, lower-case, without accents, in the order written. */
  words: string[];
  /** Single letters ("Q." in "John Q. Public", "W." in "Dana W."). */
  initials: string[];
  /** Jr, Sr, II, III …: a father and a son share everything else. */
  generation?: string;
  /** The name carried a company form ("Inc.", "LLC", "Co."). */
  companyForm?: string;
  /** Words and initials in sorted order: equal for the same name in any order (the common case, compared first). */
  sorted: string;
  /** Words as written, joined: tells "word order" apart. */
  written: string;
}

/** Words that mark a business form, not part of its identity: "Acme Inc." is "Acme LLC". */
const COMPANY_FORMS: Record<string, string> = {
  inc: 'Inc.',
  incorporated: 'Incorporated',
  llc: 'LLC',
  ltd: 'Ltd.',
  limited: 'Limited',
  co: 'Co.',
  corp: 'Corp.',
  corporation: 'Corporation',
  company: 'Company',
  pllc: 'PLLC',
  llp: 'LLP',
  lp: 'LP',
  pc: 'PC',
  plc: 'PLC',
};
const NOISE = new Set(['the', 'and', 'mr', 'mrs', 'ms', 'miss', 'mx', 'dr']);
const GENERATIONS: Record<string, string> = {
  jr: 'Jr.',
  junior: 'Jr.',
  sr: 'Sr.',
  senior: 'Sr.',
  ii: 'II',
  '2nd': 'II',
  iii: 'III',
  '3rd': 'III',
  iv: 'IV',
  '4th': 'IV',
};

// Every poll reads every customer's name several times (matching, duplicates, clashes), and names
// repeat: each distinct name is parsed once. The result is shared, so callers never change it.
const PARSED_CAP = 200_000;
const parsedNames = new Map<string, ParsedName>();

export function parseName(display: string): ParsedName {
  let parsed = parsedNames.get(display);
  if (!parsed) {
    parsed = parseOnce(display);
    if (parsedNames.size >= PARSED_CAP) parsedNames.clear();
    parsedNames.set(display, parsed);
  }
  return parsed;
}

function parseOnce(display: string): ParsedName {
  const lower = display.toLowerCase();
  // Plain ASCII has no accents to strip and is its own NFKD form: skip the Unicode pass.
  const text = (/^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    // Sync tools append the customer number to dodge QuickBooks' duplicate-name check: "(10234)".
    .replace(/\(\s*#?\d+\s*\)\s*$|\s#\d+\s*$/, '')
    .replace(/['’`]/g, '')
    .replace(/\b(?:[a-z]\.){2,}/g, (m) => m.replace(/\./g, ''))
    .replace(/&/g, ' and ');
  const parsed: ParsedName = { words: [], initials: [], sorted: '', written: '' };
  for (const w of text.split(/[^a-z0-9]+/)) {
    if (w === '' || NOISE.has(w)) continue;
    if (COMPANY_FORMS[w] !== undefined) parsed.companyForm = COMPANY_FORMS[w];
    else if (GENERATIONS[w] !== undefined) parsed.generation = GENERATIONS[w];
    else if (w.length === 1 && /[a-z]/.test(w)) parsed.initials.push(w);
    else parsed.words.push(w);
  }
  parsed.written = parsed.words.join(' ');
  parsed.sorted = `${[...parsed.words].sort().join(' ')}|${[...parsed.initials].sort().join('')}`;
  return parsed;
}

const SAME: NameComparison = Object.freeze({ grade: 'same', notes: Object.freeze([]) as unknown as string[] });

export type NameGrade = 'same' | 'variant' | 'typo' | 'none' | 'conflict';

export interface NameComparison {
  grade: NameGrade;
  /** What made the names agree or disagree, for the finding's summary: "nickname Bob/Robert". */
  notes: string[];
}

/**
 * Compares two parsed names word by word, in any order ("Whitfield, Dana"). Every identity word
 * of each name must be matched: the same word, a form of the same given name, an initial, or —
 * at most once — a one-letter typo. A name with an extra full word ("Mary Ann Smith") is someone else.
 */
export function compareNames(a: ParsedName, b: ParsedName): NameComparison {
  if (a.generation !== b.generation) return { grade: 'conflict', notes: [`${a.generation ?? 'no suffix'}/${b.generation ?? 'no suffix'}`] };
  if (a.words.length === 0 || b.words.length === 0) return { grade: 'none', notes: [] };
  if (a.sorted === b.sorted) {
    if (a.companyForm === b.companyForm && a.written === b.written) return SAME;
    return { grade: 'same', notes: [...formNote(a, b), ...(a.written !== b.written ? ['word order'] : [])] };
  }
  const ra = [...a.words];
  const rb: (string | undefined)[] = [...b.words];
  const notes: string[] = [];
  let grade: NameGrade = 'same';
  let matched = 0;
  const take = (i: number, fits: (x: string, y: string) => boolean): number => {
    const j = rb.findIndex((y) => y !== undefined && fits(ra[i]!, y));
    if (j >= 0) rb[j] = undefined;
    return j;
  };
  const left: string[] = [];
  for (let i = 0; i < ra.length; i++)
    if (take(i, (x, y) => x === y) >= 0) matched++;
    else left.push(ra[i]!);
  const still: string[] = [];
  for (const x of left) {
    const j = rb.findIndex((y) => y !== undefined && areVariants(x, y));
    if (j < 0) {
      still.push(x);
      continue;
    }
    notes.push(`nickname ${cap(x)}/${cap(rb[j]!)}`);
    rb[j] = undefined;
    matched++;
    if (grade === 'same') grade = 'variant';
  }
  const unmatchedA: string[] = [];
  for (const x of still) {
    const j = grade !== 'typo' ? rb.findIndex((y) => y !== undefined && isTypo(x, y)) : -1;
    if (j < 0) {
      unmatchedA.push(x);
      continue;
    }
    notes.push(`${isTransposition(x, rb[j]!) ? 'transposed letters' : 'typo'} ${cap(x)}/${cap(rb[j]!)}`);
    rb[j] = undefined;
    matched++;
    grade = 'typo';
  }
  const unmatchedB = rb.filter((y): y is string => y !== undefined);
  // A full word left on one side must be spelled out by an initial on the other ("Dana W.").
  const initialsA = [...a.initials];
  const initialsB = [...b.initials];
  for (const [words, initials] of [
    [unmatchedA, initialsB],
    [unmatchedB, initialsA],
  ] as const) {
    for (const w of words) {
      const k = initials.indexOf(w[0]!);
      if (k < 0) return { grade: 'none', notes: [] };
      initials.splice(k, 1);
      notes.push(`initial ${w[0]!.toUpperCase()}./${cap(w)}`);
      if (grade === 'same') grade = 'variant';
    }
  }
  // Two different middle initials are two people; one dropped middle initial is the same person.
  if (initialsA.length > 0 && initialsB.length > 0 && initialsA.join() !== initialsB.join()) return { grade: 'none', notes: [] };
  if (initialsA.length + initialsB.length > 0) {
    if (matched < 2) return { grade: 'none', notes: [] };
    notes.push(`middle initial ${[...initialsA, ...initialsB].map((x) => `${x.toUpperCase()}.`).join(' ')}`);
    if (grade === 'same') grade = 'variant';
  }
  if (matched === 0) return { grade: 'none', notes: [] };
  notes.push(...formNote(a, b));
  return { grade, notes };
}

/**
 * One slip of the keyboard in a word long enough to carry it: a letter swapped, dropped, doubled or
 * transposed. Not when the words end differently (Maria/Mario, Julia/Julie are different people),
 * not between two distinct given names (Frances/Francis), and a changed first letter must sound
 * the same (Katherine/Catherine, not Jason/Mason or Allen/Ellen).
 */
export function isTypo(x: string, y: string): boolean {
  if (x.length < 5 || y.length < 5 || /\d/.test(x) || /\d/.test(y)) return false;
  if (x[x.length - 1] !== y[y.length - 1]) return false;
  if (variantRows(x).length > 0 && variantRows(y).length > 0) return false;
  if (x[0] !== y[0] && (isVowel(x[0]!) || isVowel(y[0]!) || doubleMetaphone(x)[0] !== doubleMetaphone(y)[0])) return false;
  return damerauLevenshtein.limited(1, x, y) <= 1;
}

function isTransposition(x: string, y: string): boolean {
  if (x.length !== y.length) return false;
  const at = [...x].flatMap((c, i) => (c !== y[i] ? [i] : []));
  return at.length === 2 && at[1] === at[0]! + 1;
}

const formNote = (a: ParsedName, b: ParsedName) => (a.companyForm !== b.companyForm ? [`${formOf(a)}/${formOf(b)}`] : []);
const formOf = (n: ParsedName) => n.companyForm ?? 'no company form';
const isVowel = (c: string) => 'aeiouy'.includes(c);
const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);

/** One-letter deletions of a word: two words within one typo share at least one (or the word itself). */
export function deletions(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}
