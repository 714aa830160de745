// The subset of QuickBooks' query language that node-quickbooks emits:
//   select * | count(*) from X [where A op V [and …]] [orderby F [asc|desc]] [startposition n] [maxresults m]
// Keywords and entity names are case-insensitive; the SDK writes them in lower case.

export type Literal = string | number | boolean;
export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';

export interface Condition {
  field: string;
  op: Operator;
  value: Literal | Literal[];
}

export interface ParsedQuery {
  count: boolean;
  /** As written; the caller decides whether it names an entity. */
  entity: string;
  where: Condition[];
  orderBy?: { field: string; desc: boolean };
  /** 1-based. */
  startPosition: number;
  maxResults: number;
}

/** QuickBooks' own page limits: 100 unless asked, never more than 1000. */
const DEFAULT_MAX_RESULTS = 100;
const MAX_RESULTS_CAP = 1000;

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'number'; value: number; text: string; at: number }
  | { kind: 'string'; value: string; text: string; at: number }
  | { kind: 'punct'; text: string; at: number };

class QuerySyntaxError extends Error {}

export function parseQuery(text: string): { ok: true; query: ParsedQuery } | { ok: false; error: string } {
  try {
    return { ok: true, query: new Parser(tokenize(text)).query() };
  } catch (err) {
    if (err instanceof QuerySyntaxError) return { ok: false, error: err.message };
    throw err;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      const [value, end] = readString(text, i);
      tokens.push({ kind: 'string', value, text: text.slice(i, end), at: i });
      i = end;
    } else {
      const match = /^(?:<=|>=|[<>=(),*]|-?\d+(?:\.\d+)?(?![\w.])|[A-Za-z_][\w.]*)/.exec(text.slice(i));
      if (!match) throw syntaxError(ch, i, 'a keyword, a field, a value or an operator');
      const word = match[0];
      if (/^[<>=(),*]/.test(word)) tokens.push({ kind: 'punct', text: word, at: i });
      else if (/^-?\d/.test(word)) tokens.push({ kind: 'number', value: Number(word), text: word, at: i });
      else tokens.push({ kind: 'word', text: word, at: i });
      i += word.length;
    }
  }
  return tokens;
}

/** node-quickbooks escapes only the quote (`\'`); any other backslash is part of the value. */
function readString(text: string, start: number): [string, number] {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '\\' && text.charAt(i + 1) === "'") {
      value += "'";
      i += 2;
    } else if (ch === "'") {
      return [value, i + 1];
    } else {
      value += ch;
      i++;
    }
  }
  throw syntaxError('<EOF>', text.length, 'a closing quote');
}

function syntaxError(found: string, at: number, expected: string): QuerySyntaxError {
  return new QuerySyntaxError(`Encountered "${found}" at line 1, column ${at + 1}. Was expecting ${expected}`);
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  query(): ParsedQuery {
    this.keyword('select');
    const count = this.peekWord('count');
    if (count) {
      this.pos++;
      this.punct('(');
      this.punct('*');
      this.punct(')');
    } else {
      this.punct('*');
    }
    this.keyword('from');
    const entity = this.word('an entity name');
    const where: Condition[] = [];
    if (this.acceptKeyword('where')) {
      do where.push(this.condition());
      while (this.acceptKeyword('and'));
    }
    const parsed: ParsedQuery = { count, entity, where, startPosition: 1, maxResults: DEFAULT_MAX_RESULTS };
    if (this.acceptKeyword('orderby')) {
      const field = this.word('a field to order by');
      const desc = this.acceptKeyword('desc');
      if (!desc) this.acceptKeyword('asc');
      parsed.orderBy = { field, desc };
    }
    if (this.acceptKeyword('startposition')) parsed.startPosition = Math.max(1, this.integer());
    if (this.acceptKeyword('maxresults')) parsed.maxResults = Math.min(MAX_RESULTS_CAP, this.integer());
    const extra = this.tokens[this.pos];
    if (extra) throw syntaxError(extra.text, extra.at, 'the end of the query');
    return parsed;
  }

  private condition(): Condition {
    const field = this.word('a field');
    const token = this.next('an operator');
    const op = token.text.toUpperCase();
    if (op === 'IN') {
      this.punct('(');
      const values = [this.literal()];
      while (this.acceptPunct(',')) values.push(this.literal());
      this.punct(')');
      return { field, op, value: values };
    }
    if (op === '=' || op === '<' || op === '>' || op === '<=' || op === '>=' || op === 'LIKE') {
      return { field, op, value: this.literal() };
    }
    throw syntaxError(token.text, token.at, 'one of = < > <= >= IN LIKE');
  }

  private literal(): Literal {
    const token = this.next('a value');
    if (token.kind === 'string' || token.kind === 'number') return token.value;
    if (token.kind === 'word' && /^(true|false)$/i.test(token.text)) return token.text.toLowerCase() === 'true';
    throw syntaxError(token.text, token.at, 'a quoted string, a number, true or false');
  }

  private integer(): number {
    const token = this.next('a number');
    if (token.kind !== 'number' || !Number.isInteger(token.value)) {
      throw syntaxError(token.text, token.at, 'a whole number');
    }
    return token.value;
  }

  private word(expected: string): string {
    const token = this.next(expected);
    if (token.kind !== 'word') throw syntaxError(token.text, token.at, expected);
    return token.text;
  }

  private keyword(keyword: string): void {
    if (!this.acceptKeyword(keyword)) {
      const token = this.tokens[this.pos];
      throw syntaxError(token?.text ?? '<EOF>', token?.at ?? 0, `"${keyword.toUpperCase()}"`);
    }
  }

  private acceptKeyword(keyword: string): boolean {
    if (!this.peekWord(keyword)) return false;
    this.pos++;
    return true;
  }

  private peekWord(keyword: string): boolean {
    const token = this.tokens[this.pos];
    return token?.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  private punct(text: string): void {
    if (!this.acceptPunct(text)) {
      const token = this.next(`"${text}"`);
      throw syntaxError(token.text, token.at, `"${text}"`);
    }
  }

  private acceptPunct(text: string): boolean {
    const token = this.tokens[this.pos];
    if (token?.kind !== 'punct' || token.text !== text) return false;
    this.pos++;
    return true;
  }

  private next(expected: string): Token {
    const token = this.tokens[this.pos];
    if (!token) {
      const last = this.tokens[this.tokens.length - 1];
      throw syntaxError('<EOF>', last ? last.at + last.text.length : 0, expected);
    }
    this.pos++;
    return token;
  }
}
