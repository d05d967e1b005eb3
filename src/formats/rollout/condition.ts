/**
 * Argo Rollouts' `successCondition` and `failureCondition`: expressions of the expr language
 * over `result` (a number for a scalar query, a list of numbers for a vector), such as
 * `result[0] >= 0.95` or `len(result) == 0 || result[0] < 0.05`. This is the part of the
 * language those conditions use; a name outside it is refused with its position.
 * (docs/features/analysis.md: "Handling Metric Results", utils/evaluate/evaluate.go)
 */
export type Cond =
  | { k: 'num'; v: number }
  | { k: 'bool'; v: boolean }
  | { k: 'nil' }
  | { k: 'result' }
  | { k: 'index'; of: Cond; at: Cond }
  | { k: 'call'; fn: CondFunction; args: Cond[] }
  | { k: 'not'; of: Cond }
  | { k: 'neg'; of: Cond }
  | { k: 'op'; op: string; l: Cond; r: Cond };

const FUNCTIONS = ['len', 'isNaN', 'isInf', 'default', 'abs', 'asFloat', 'asInt', 'float', 'int'] as const;
type CondFunction = (typeof FUNCTIONS)[number];

export type CondValue = number | boolean | number[] | null;

export class ConditionError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Token {
  t: 'num' | 'id' | 'op' | 'end';
  s: string;
  at: number;
}

const OPS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '!', '(', ')', '[', ']', ','];

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (num) {
      out.push({ t: 'num', s: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (id) {
      out.push({ t: 'id', s: id[0], at: i });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) throw new ConditionError(`unexpected '${c}'`, i);
    out.push({ t: 'op', s: op, at: i });
    i += op.length;
  }
  out.push({ t: 'end', s: '', at: text.length });
  return out;
}

/** Parses a condition; throws ConditionError at the offending offset. */
export function parseCondition(text: string): Cond {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;
  const is = (s: string): boolean => (peek().t === 'op' || peek().t === 'id') && peek().s === s;
  const expect = (s: string): void => {
    if (!is(s)) throw new ConditionError(`expected '${s}'${peek().t === 'end' ? ' before the end' : ` at '${peek().s}'`}`, peek().at);
    pos++;
  };
  const binary = (ops: string[], lower: () => Cond, alias: Record<string, string> = {}): (() => Cond) => () => {
    let l = lower();
    while (ops.some(is)) {
      const t = next();
      l = { k: 'op', op: alias[t.s] ?? t.s, l, r: lower() };
    }
    return l;
  };
  const primary = (): Cond => {
    const t = next();
    if (t.t === 'num') return { k: 'num', v: Number(t.s) };
    if (t.t === 'op' && t.s === '(') {
      const e = or();
      expect(')');
      return e;
    }
    if (t.t === 'id') {
      if (t.s === 'true' || t.s === 'false') return { k: 'bool', v: t.s === 'true' };
      if (t.s === 'nil') return { k: 'nil' };
      if (t.s === 'result') return { k: 'result' };
      if (t.s === 'NaN') return { k: 'num', v: NaN };
      if (is('(')) {
        if (!(FUNCTIONS as readonly string[]).includes(t.s)) throw new ConditionError(`unknown function '${t.s}' (known: ${FUNCTIONS.join(', ')})`, t.at);
        next();
        const args: Cond[] = [];
        if (!is(')')) {
          args.push(or());
          while (is(',')) {
            next();
            args.push(or());
          }
        }
        expect(')');
        const arity = t.s === 'default' ? 2 : 1;
        if (args.length !== arity) throw new ConditionError(`${t.s}() takes ${arity} argument${arity > 1 ? 's' : ''}`, t.at);
        return { k: 'call', fn: t.s as CondFunction, args };
      }
      throw new ConditionError(`unknown name '${t.s}': a condition reads the measurement as 'result'`, t.at);
    }
    throw new ConditionError(t.t === 'end' ? 'the condition ends too soon' : `unexpected '${t.s}'`, t.at);
  };
  const postfix = (): Cond => {
    let e = primary();
    while (is('[')) {
      next();
      const at = or();
      expect(']');
      e = { k: 'index', of: e, at };
    }
    return e;
  };
  const unary = (): Cond => {
    if (is('!') || is('not')) {
      next();
      return { k: 'not', of: unary() };
    }
    if (is('-')) {
      next();
      return { k: 'neg', of: unary() };
    }
    if (is('+')) next();
    return postfix();
  };
  const mult = binary(['*', '/', '%'], unary);
  const add = binary(['+', '-'], mult);
  const compare = binary(['==', '!=', '<', '<=', '>', '>='], add);
  const and = binary(['&&', 'and'], compare, { and: '&&' });
  const or: () => Cond = binary(['||', 'or'], and, { or: '||' });
  const cond = or();
  if (peek().t !== 'end') throw new ConditionError(`unexpected '${peek().s}'`, peek().at);
  return cond;
}

/** Evaluates a condition on a measurement; throws Error as the expr language would (an evaluation error). */
export function evaluateCondition(cond: Cond, result: number | number[]): boolean {
  const v = evalCond(cond, result);
  if (typeof v !== 'boolean') throw new Error(`the condition gives ${describe(v)}, not true or false`);
  return v;
}

function describe(v: CondValue): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return `a list [${v.join(', ')}]`;
  return typeof v === 'boolean' ? String(v) : `the number ${v}`;
}

function num(v: CondValue, what: string): number {
  if (typeof v !== 'number') throw new Error(`${what} needs a number, got ${describe(v)}`);
  return v;
}

function evalCond(c: Cond, result: number | number[]): CondValue {
  switch (c.k) {
    case 'num':
    case 'bool':
      return c.v;
    case 'nil':
      return null;
    case 'result':
      return result;
    case 'index': {
      const list = evalCond(c.of, result);
      const i = num(evalCond(c.at, result), 'an index');
      if (!Array.isArray(list)) throw new Error(`cannot index ${describe(list)}`);
      if (!Number.isInteger(i) || i < 0 || i >= list.length) throw new Error(`index out of range: ${i} (the list has ${list.length})`);
      return list[i]!;
    }
    case 'not': {
      const v = evalCond(c.of, result);
      if (typeof v !== 'boolean') throw new Error(`'!' needs true or false, got ${describe(v)}`);
      return !v;
    }
    case 'neg':
      return -num(evalCond(c.of, result), "'-'");
    case 'call':
      return call(c.fn, c.args.map((a) => evalCond(a, result)));
    case 'op':
      return operate(c.op, c.l, c.r, result);
  }
}

function call(fn: CondFunction, args: CondValue[]): CondValue {
  const [a, b] = args;
  switch (fn) {
    case 'len':
      if (!Array.isArray(a)) throw new Error(`len() needs a list, got ${describe(a ?? null)}`);
      return a.length;
    case 'isNaN':
      return Number.isNaN(num(a ?? null, 'isNaN()'));
    case 'isInf':
      return !Number.isFinite(num(a ?? null, 'isInf()')) && !Number.isNaN(a);
    case 'default':
      return a === null || (Array.isArray(a) && a.length === 0) ? (b ?? null) : (a ?? null);
    case 'abs':
      return Math.abs(num(a ?? null, 'abs()'));
    case 'asFloat':
    case 'float':
      return num(a ?? null, `${fn}()`);
    case 'asInt':
    case 'int':
      return Math.trunc(num(a ?? null, `${fn}()`));
  }
}

function operate(op: string, l: Cond, r: Cond, result: number | number[]): CondValue {
  if (op === '&&' || op === '||') {
    const a = evalCond(l, result);
    if (typeof a !== 'boolean') throw new Error(`'${op}' needs true or false, got ${describe(a)}`);
    if (op === '&&' ? !a : a) return a;
    const b = evalCond(r, result);
    if (typeof b !== 'boolean') throw new Error(`'${op}' needs true or false, got ${describe(b)}`);
    return b;
  }
  const a = evalCond(l, result);
  const b = evalCond(r, result);
  if (op === '==' || op === '!=') {
    if (Array.isArray(a) || Array.isArray(b)) throw new Error(`invalid operation: ${op} (mismatched types ${describe(a)} and ${describe(b)})`);
    return op === '==' ? a === b : a !== b;
  }
  const x = num(a, `'${op}'`);
  const y = num(b, `'${op}'`);
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%':
      return x % y;
  }
  throw new Error(`unknown operator '${op}'`);
}
