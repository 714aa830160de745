// Common US given names and the short forms and spellings people use for them, so "Bob Jones" and
// "Robert Jones" can be recognised as one customer. No maintained npm package carries such a table
// (checked 2026-12: the registry has name parsers and gender guessers, not hypocorism lists), so this
// is a small hand-written data table.
// Source of facts: common English diminutives as listed in US naming references (e.g. the Social
// Security given-name lists and genealogy nickname charts such as the public "nickname and diminutive
// names lookup" dataset); written here by hand and limited to frequent names.
// Each row is ONE full name with its variants. A short form that serves two full names (Chris for
// Christopher and Christine) appears in both rows, so it matches either, while the two full names
// never match each other.

export const GIVEN_NAME_VARIANTS: readonly (readonly string[])[] = [
  ['abigail', 'abby', 'abbie', 'gail'],
  ['albert', 'al', 'bert', 'bertie'],
  ['alexander', 'alex', 'al', 'xander', 'sandy', 'alec'],
  ['alexandra', 'alex', 'alexa', 'sandra', 'sandy', 'lexi'],
  ['alfred', 'al', 'alf', 'fred', 'freddie'],
  ['andrew', 'andy', 'drew'],
  ['angela', 'angie'],
  ['anthony', 'tony', 'anton'],
  ['barbara', 'barb', 'barbie', 'babs'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['beverly', 'bev'],
  ['bradley', 'brad'],
  ['catherine', 'katherine', 'kathryn', 'cathy', 'kathy', 'kate', 'katie', 'kat', 'cat', 'kay', 'kitty', 'cathryn'],
  ['charles', 'charlie', 'chuck', 'chas', 'chaz', 'chip'],
  ['christina', 'chris', 'tina', 'chrissy', 'kristina'],
  ['christine', 'chris', 'chrissy', 'tina', 'kristine'],
  ['christopher', 'chris', 'kit', 'topher', 'kristopher'],
  ['cynthia', 'cindy'],
  ['daniel', 'dan', 'danny'],
  ['david', 'dave', 'davey'],
  ['deborah', 'debra', 'debbie', 'deb', 'debby'],
  ['donald', 'don', 'donnie'],
  ['dorothy', 'dot', 'dottie', 'dolly'],
  ['douglas', 'doug'],
  ['edward', 'ed', 'eddie', 'ted', 'teddy', 'ned'],
  ['eleanor', 'ellie', 'nell', 'nora', 'elle'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betsy', 'betty', 'eliza', 'libby', 'liza', 'lisa', 'elisabeth', 'bess'],
  ['frances', 'fran', 'frannie', 'francie'],
  ['francis', 'frank', 'fran'],
  ['franklin', 'frank', 'frankie'],
  ['frederick', 'fred', 'freddie', 'fritz'],
  ['gabriel', 'gabe'],
  ['gerald', 'gerry', 'jerry'],
  ['gregory', 'greg'],
  ['harold', 'hal', 'harry'],
  ['henry', 'hank', 'harry', 'hal'],
  ['jacob', 'jake', 'jay'],
  ['james', 'jim', 'jimmy', 'jamie', 'jimbo'],
  ['janet', 'jan', 'jen'],
  ['jeffrey', 'jeff', 'geoffrey', 'geoff'],
  ['jennifer', 'jen', 'jenn', 'jenny', 'jenni'],
  ['jessica', 'jess', 'jessie'],
  ['john', 'jack', 'johnny', 'jon', 'jonny'],
  ['jonathan', 'jon', 'jonathon', 'johnny', 'nathan'],
  ['joseph', 'joe', 'joey', 'jos'],
  ['joshua', 'josh'],
  ['judith', 'judy', 'jude'],
  ['katelyn', 'kate', 'katie', 'kaitlyn', 'caitlin'],
  ['kenneth', 'ken', 'kenny'],
  ['kimberly', 'kim', 'kimmy'],
  ['lawrence', 'larry', 'laurence', 'lars'],
  ['leonard', 'leo', 'len', 'lenny'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge', 'margie', 'greta', 'madge', 'peg'],
  ['mark', 'marc', 'marcus'],
  ['mary', 'molly', 'polly', 'mae', 'mamie'],
  ['matthew', 'matt', 'matty'],
  ['michael', 'mike', 'mikey', 'mick', 'mickey', 'mitch'],
  ['nathaniel', 'nate', 'nat', 'nathan'],
  ['nicholas', 'nick', 'nicky', 'nico', 'nicolas'],
  ['pamela', 'pam'],
  ['patricia', 'pat', 'patty', 'trish', 'tricia', 'patsy'],
  ['patrick', 'pat', 'paddy', 'rick'],
  ['peter', 'pete'],
  ['philip', 'phil', 'phillip'],
  ['raymond', 'ray'],
  ['rebecca', 'becky', 'becca', 'beck'],
  ['richard', 'rick', 'ricky', 'rich', 'richie', 'dick'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
  ['ronald', 'ron', 'ronnie'],
  ['samantha', 'sam', 'sammy'],
  ['samuel', 'sam', 'sammy'],
  ['sandra', 'sandy'],
  ['stephanie', 'steph', 'stephie'],
  ['stephen', 'steven', 'steve', 'stevie'],
  ['susan', 'sue', 'susie', 'suzanne', 'suzy'],
  ['theodore', 'ted', 'teddy', 'theo'],
  ['thomas', 'tom', 'tommy'],
  ['timothy', 'tim', 'timmy'],
  ['valerie', 'val'],
  ['victoria', 'vicky', 'vickie', 'tori'],
  ['walter', 'walt', 'wally'],
  ['william', 'bill', 'billy', 'will', 'willie', 'liam'],
  ['zachary', 'zach', 'zack'],
];

/** Given name → the rows it appears in. */
const ROWS = new Map<string, number[]>();
GIVEN_NAME_VARIANTS.forEach((row, i) => {
  for (const name of row) {
    const rows = ROWS.get(name);
    if (rows) rows.push(i);
    else ROWS.set(name, [i]);
  }
});

/** The rows a given name belongs to (stable ids for blocking); empty for a name not in the table. */
export function variantRows(name: string): readonly number[] {
  return ROWS.get(name) ?? [];
}

/** True when two different given names are forms of one full name (Bob/Robert, Liz/Elizabeth). */
export function areVariants(a: string, b: string): boolean {
  const ra = ROWS.get(a);
  const rb = ROWS.get(b);
  return ra !== undefined && rb !== undefined && ra.some((r) => rb.includes(r));
}
