// Custom KPI formulas over recorded quantities, e.g. `accepted_qty / received_qty * 100`. Pure.
//
// A small precedence-climbing parser and a tree evaluator: no eval, no Function, no property lookups on objects a
// formula could steer (names are looked up in Maps, so `constructor` or `__proto__` are just unknown names).
// The language: decimal numbers, quantity names, + - * / ^ (power, right-associative), unary minus and plus,
// parentheses, and min(a, b, …), max(a, b, …), abs(x), round(x).
//
// Bounds, so that no formula can cost more than a few microseconds or exhaust the stack: at most MAX_FORMULA_LENGTH
// characters, nesting at most MAX_DEPTH deep (checked before the parser recurses), an exponent must be a constant
// between -MAX_EXPONENT and MAX_EXPONENT, and every constant (and constant sub-expression) must be finite.
// A fault is reported with its position (0-based character offset) and a code with parameters, so clients can
// translate it; `message` is English.
//
// Evaluation never turns missing data into a number: a quantity without data, or a denominator that is 0 for the
// data at hand, makes the value "no data" with the reason — never 0 % or 100 %.

export const MAX_FORMULA_LENGTH = 500;
export const MAX_DEPTH = 32;
export const MAX_EXPONENT = 16;

export type BinaryOp = '+' | '-' | '*' | '/' | '^';
export const FORMULA_FUNCTIONS = ['min', 'max', 'abs', 'round'] as const;
export type FormulaFunction = (typeof FORMULA_FUNCTIONS)[number];

/** `pos` is where a fault of the node is reported (a binary node: its operator); `start`/`end` its text span. */
interface Span {
  pos: number;
  start: number;
  end: number;
}

export type FormulaNode =
  | ({ type: 'number'; value: number } & Span)
  | ({ type: 'quantity'; name: string } & Span)
  | ({ type: 'unary'; op: '-' | '+'; arg: FormulaNode } & Span)
  | ({ type: 'binary'; op: BinaryOp; left: FormulaNode; right: FormulaNode } & Span)
  | ({ type: 'call'; fn: FormulaFunction; args: FormulaNode[] } & Span);

export type FormulaFaultCode =
  | 'empty'
  | 'too_long'
  | 'too_deep'
  | 'unexpected_character'
  | 'unexpected_token'
  | 'unexpected_end'
  | 'unclosed_parenthesis'
  | 'unknown_quantity'
  | 'unknown_function'
  | 'wrong_arity'
  | 'number_out_of_range'
  | 'exponent_not_constant'
  | 'exponent_too_large'
  | 'division_by_zero'
  | 'overflow';

export interface FormulaFault {
  code: FormulaFaultCode;
  /** 0-based character offset of the fault in the formula. */
  position: number;
  params: Record<string, string | number>;
  message: string;
}

export interface ParsedFormula {
  text: string;
  ast: FormulaNode;
  /** The quantities named, each once, in order of first use. */
  quantities: string[];
}

export type ParseResult = { ok: true; formula: ParsedFormula } | { ok: false; fault: FormulaFault };

const ARITY: Record<FormulaFunction, [number, number]> = { min: [2, 8], max: [2, 8], abs: [1, 1], round: [1, 1] };
const FUNCTIONS: ReadonlyMap<string, FormulaFunction> = new Map(FORMULA_FUNCTIONS.map((f) => [f, f]));

function describe(code: FormulaFaultCode, p: Record<string, string | number>): string {
  switch (code) {
    case 'empty':
      return 'the formula is empty';
    case 'too_long':
      return `the formula is longer than ${p.max} characters`;
    case 'too_deep':
      return `the formula nests deeper than ${p.max} levels`;
    case 'unexpected_character':
      return `unexpected character "${p.found}"`;
    case 'unexpected_token':
      return `unexpected "${p.found}"${p.expected ? `; expected ${p.expected}` : ''}`;
    case 'unexpected_end':
      return `the formula ends too early; expected ${p.expected}`;
    case 'unclosed_parenthesis':
      return 'this parenthesis is never closed';
    case 'unknown_quantity':
      return `unknown quantity "${p.name}"${p.suggestion ? ` (did you mean ${p.suggestion}?)` : ''}`;
    case 'unknown_function':
      return `unknown function "${p.name}" (functions: ${FORMULA_FUNCTIONS.join(', ')})`;
    case 'wrong_arity':
      return `${p.name} takes ${p.min === p.max ? p.min : `${p.min} to ${p.max}`} argument${p.max === 1 ? '' : 's'}, not ${p.count}`;
    case 'number_out_of_range':
      return `the number ${p.text} is out of range`;
    case 'exponent_not_constant':
      return 'an exponent must be a constant number';
    case 'exponent_too_large':
      return `an exponent must be between -${p.max} and ${p.max}`;
    case 'division_by_zero':
      return 'division by zero: the divisor is always 0';
    case 'overflow':
      return 'the result of this operation is too large to be a number';
  }
}

function fault(code: FormulaFaultCode, position: number, params: Record<string, string | number> = {}): FormulaFault {
  return { code, position, params, message: `at position ${position}: ${describe(code, params)}` };
}

class Fault extends Error {
  constructor(readonly fault: FormulaFault) {
    super(fault.message);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { kind: 'number'; value: number; text: string; pos: number; end: number }
  | { kind: 'name'; text: string; pos: number; end: number }
  | { kind: 'op'; text: '+' | '-' | '*' | '/' | '^' | '(' | ')' | ','; pos: number; end: number }
  | { kind: 'end'; pos: number; end: number; text: '' };

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      const value = Number(num[0]);
      if (!Number.isFinite(value)) throw new Fault(fault('number_out_of_range', i, { text: num[0] }));
      out.push({ kind: 'number', value, text: num[0], pos: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (name) {
      out.push({ kind: 'name', text: name[0], pos: i, end: i + name[0].length });
      i += name[0].length;
      continue;
    }
    if ('+-*/^(),'.includes(c)) {
      out.push({ kind: 'op', text: c as '+', pos: i, end: i + 1 });
      i++;
      continue;
    }
    throw new Fault(fault('unexpected_character', i, { found: String.fromCodePoint(text.codePointAt(i)!) }));
  }
  out.push({ kind: 'end', pos: text.length, end: text.length, text: '' });
  return out;
}

/** Nesting of parentheses and chained unary signs, counted without recursion, so that depth is refused up front. */
function checkDepth(text: string): void {
  let depth = 0;
  let signs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') {
      depth++;
      signs = 0;
      if (depth > MAX_DEPTH) throw new Fault(fault('too_deep', i, { max: MAX_DEPTH }));
    } else if (c === ')') {
      depth = Math.max(0, depth - 1);
      signs = 0;
    } else if (c === '-' || c === '+') {
      signs++;
      if (depth + signs > MAX_DEPTH) throw new Fault(fault('too_deep', i, { max: MAX_DEPTH }));
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      signs = 0;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Parser (precedence climbing)

const PRECEDENCE: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 3 };

/** The closest known name (edit distance ≤ 2), to suggest for a typo. */
function closest(name: string, known: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = 3;
  const a = name.toLowerCase();
  for (const k of known) {
    const b = k.toLowerCase();
    if (Math.abs(a.length - b.length) >= bestD) continue;
    const d = editDistance(a, b, bestD);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

function editDistance(a: string, b: string, cap: number): number {
  if (a.length > 64 || b.length > 64) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

class Parser {
  private i = 0;
  private depth = 0;
  readonly used: string[] = [];

  constructor(
    private readonly tokens: Token[],
    private readonly known: ReadonlySet<string>,
  ) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private enter(pos: number): void {
    if (++this.depth > MAX_DEPTH) throw new Fault(fault('too_deep', pos, { max: MAX_DEPTH }));
  }

  parseAll(): FormulaNode {
    if (this.peek().kind === 'end') throw new Fault(fault('empty', 0));
    const node = this.expression(0);
    const t = this.peek();
    if (t.kind !== 'end') throw new Fault(fault('unexpected_token', t.pos, { found: t.text, expected: 'an operator or the end' }));
    return node;
  }

  private expression(minPrecedence: number): FormulaNode {
    this.enter(this.peek().pos);
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !(t.text in PRECEDENCE)) break;
      const prec = PRECEDENCE[t.text]!;
      if (prec < minPrecedence) break;
      this.next();
      // ^ is right-associative: its right side may hold another ^.
      const right = this.expression(t.text === '^' ? prec : prec + 1);
      left = { type: 'binary', op: t.text as BinaryOp, left, right, pos: t.pos, start: left.start, end: right.end };
    }
    this.depth--;
    return left;
  }

  private unary(): FormulaNode {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      this.next();
      this.enter(t.pos);
      // Unary minus binds tighter than * and / but looser than ^: -2^2 is -(2^2).
      const arg = this.powerOnly();
      this.depth--;
      return { type: 'unary', op: t.text, arg, pos: t.pos, start: t.pos, end: arg.end };
    }
    return this.primary();
  }

  private powerOnly(): FormulaNode {
    const base = this.unary();
    const t = this.peek();
    if (t.kind === 'op' && t.text === '^') {
      this.next();
      this.enter(t.pos);
      const right = this.powerOnly();
      this.depth--;
      return { type: 'binary', op: '^', left: base, right, pos: t.pos, start: base.start, end: right.end };
    }
    return base;
  }

  private primary(): FormulaNode {
    const t = this.next();
    if (t.kind === 'number') return { type: 'number', value: t.value, pos: t.pos, start: t.pos, end: t.end };
    if (t.kind === 'name') {
      const after = this.peek();
      if (after.kind === 'op' && after.text === '(') return this.call(t);
      if (!this.known.has(t.text)) {
        const suggestion = closest(t.text, this.known);
        throw new Fault(fault('unknown_quantity', t.pos, { name: t.text, ...(suggestion ? { suggestion } : {}) }));
      }
      if (!this.used.includes(t.text)) this.used.push(t.text);
      return { type: 'quantity', name: t.text, pos: t.pos, start: t.pos, end: t.end };
    }
    if (t.kind === 'op' && t.text === '(') {
      const inner = this.expression(0);
      const close = this.next();
      if (close.kind === 'end') throw new Fault(fault('unclosed_parenthesis', t.pos));
      if (close.text !== ')') throw new Fault(fault('unexpected_token', close.pos, { found: close.text, expected: '")"' }));
      return { ...inner, start: t.pos, end: close.end };
    }
    if (t.kind === 'end') throw new Fault(fault('unexpected_end', t.pos, { expected: 'a number, a quantity or "("' }));
    throw new Fault(fault('unexpected_token', t.pos, { found: t.text, expected: 'a number, a quantity or "("' }));
  }

  private call(name: Token): FormulaNode {
    const fn = FUNCTIONS.get(name.text);
    if (!fn) throw new Fault(fault('unknown_function', name.pos, { name: name.text }));
    const open = this.next();
    const args: FormulaNode[] = [];
    if (this.peek().kind === 'op' && this.peek().text === ')') {
      this.next();
    } else {
      for (;;) {
        args.push(this.expression(0));
        const sep = this.next();
        if (sep.kind === 'op' && sep.text === ')') break;
        if (sep.kind === 'end') throw new Fault(fault('unclosed_parenthesis', open.pos));
        if (!(sep.kind === 'op' && sep.text === ',')) throw new Fault(fault('unexpected_token', sep.pos, { found: sep.text, expected: '"," or ")"' }));
      }
    }
    const [min, max] = ARITY[fn];
    if (args.length < min || args.length > max) throw new Fault(fault('wrong_arity', name.pos, { name: fn, min, max, count: args.length }));
    const last = this.tokens[this.i - 1]!;
    return { type: 'call', fn, args, pos: name.pos, start: name.pos, end: last.end };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Static checks

function isConstant(n: FormulaNode): boolean {
  switch (n.type) {
    case 'number':
      return true;
    case 'quantity':
      return false;
    case 'unary':
      return isConstant(n.arg);
    case 'binary':
      return isConstant(n.left) && isConstant(n.right);
    case 'call':
      return n.args.every(isConstant);
  }
}

/** Exponents constant and bounded; constant divisors not 0; constant parts finite. Returns the constant value, if any. */
function check(n: FormulaNode): number | null {
  switch (n.type) {
    case 'number':
      return n.value;
    case 'quantity':
      return null;
    case 'unary': {
      const v = check(n.arg);
      return v === null ? null : n.op === '-' ? -v : v;
    }
    case 'call': {
      const vs = n.args.map(check);
      if (vs.some((v) => v === null)) return null;
      return applyFunction(n.fn, vs as number[]);
    }
    case 'binary': {
      const l = check(n.left);
      const r = check(n.right);
      if (n.op === '^') {
        if (!isConstant(n.right)) throw new Fault(fault('exponent_not_constant', n.right.start));
        if (Math.abs(r!) > MAX_EXPONENT) throw new Fault(fault('exponent_too_large', n.right.start, { max: MAX_EXPONENT }));
      }
      if (n.op === '/' && r === 0) throw new Fault(fault('division_by_zero', n.pos));
      if (l === null || r === null) return null;
      const v = applyBinary(n.op, l, r);
      if (!Number.isFinite(v)) throw new Fault(fault('overflow', n.pos));
      return v;
    }
  }
}

function applyFunction(fn: FormulaFunction, vs: number[]): number {
  switch (fn) {
    case 'min':
      return Math.min(...vs);
    case 'max':
      return Math.max(...vs);
    case 'abs':
      return Math.abs(vs[0]!);
    case 'round':
      return Math.round(vs[0]!);
  }
}

function applyBinary(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '^':
      return Math.pow(l, r);
  }
}

/**
 * Parses and checks a formula against the known quantity names. Never throws for any input string: every fault
 * comes back as `{ ok: false, fault }` with its position.
 */
export function parseFormula(text: string, known: ReadonlySet<string>): ParseResult {
  try {
    if (typeof text !== 'string' || text.trim().length === 0) return { ok: false, fault: fault('empty', 0) };
    checkDepth(text);
    if (text.length > MAX_FORMULA_LENGTH) return { ok: false, fault: fault('too_long', MAX_FORMULA_LENGTH, { max: MAX_FORMULA_LENGTH }) };
    const parser = new Parser(tokenize(text), known);
    const ast = parser.parseAll();
    check(ast);
    return { ok: true, formula: { text, ast, quantities: parser.used } };
  } catch (err) {
    if (err instanceof Fault) return { ok: false, fault: err.fault };
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

export type FormulaValue =
  | { ok: true; value: number }
  /** A quantity has no data in the period. */
  | { ok: false; reason: 'no_data'; quantity: string }
  /** A divisor is 0 for this data (e.g. nothing received): the ratio is undefined, not 0 % or 100 %. */
  | { ok: false; reason: 'zero_divisor'; position: number; divisor: string }
  | { ok: false; reason: 'not_a_number'; position: number };

class Stop extends Error {
  constructor(readonly value: Exclude<FormulaValue, { ok: true }>) {
    super(value.reason);
  }
}

/**
 * Evaluates a parsed formula. `values` gives each quantity's value, or undefined when the quantity has no data
 * (then the whole value is "no data").
 */
export function evaluateFormula(f: ParsedFormula, values: (quantity: string) => number | undefined): FormulaValue {
  for (const q of f.quantities) if (values(q) === undefined) return { ok: false, reason: 'no_data', quantity: q };
  const run = (n: FormulaNode): number => {
    switch (n.type) {
      case 'number':
        return n.value;
      case 'quantity':
        return values(n.name)!;
      case 'unary':
        return n.op === '-' ? -run(n.arg) : run(n.arg);
      case 'call':
        return applyFunction(n.fn, n.args.map(run));
      case 'binary': {
        const l = run(n.left);
        const r = run(n.right);
        if (n.op === '/' && r === 0) throw new Stop({ ok: false, reason: 'zero_divisor', position: n.pos, divisor: f.text.slice(n.right.start, n.right.end).trim() });
        const v = applyBinary(n.op, l, r);
        if (!Number.isFinite(v)) throw new Stop({ ok: false, reason: 'not_a_number', position: n.pos });
        return v;
      }
    }
  };
  try {
    return { ok: true, value: run(f.ast) };
  } catch (err) {
    if (err instanceof Stop) return err.value;
    throw err;
  }
}
