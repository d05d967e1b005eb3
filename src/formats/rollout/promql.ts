import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { parseDuration } from '../units.js';

/**
 * The part of PromQL that rollout analyses and alerting rules are written in, as plain data (a
 * worker thread receives it as a copy). The text is parsed with the Prometheus project's own
 * grammar; whatever lies outside the subset is refused by name, never guessed at.
 */
export type PromExpr =
  | { type: 'number'; value: number }
  | { type: 'selector'; name: string | null; matchers: Matcher[]; rangeMs: number | null }
  | { type: 'call'; fn: PromFunction; args: PromExpr[] }
  | { type: 'aggregate'; op: PromAggregation; grouping: Grouping | null; expr: PromExpr }
  | { type: 'binary'; op: BinaryOp; lhs: PromExpr; rhs: PromExpr; bool: boolean; matching: Grouping | null }
  | { type: 'negate'; expr: PromExpr };

export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** `by (a, b)` / `without (a)` of an aggregation, or `on (a)` / `ignoring (a)` of a binary operator. */
export interface Grouping {
  include: boolean;
  labels: string[];
}

export const PROM_FUNCTIONS = ['rate', 'irate', 'increase', 'histogram_quantile', 'scalar', 'vector', 'absent'] as const;
export type PromFunction = (typeof PROM_FUNCTIONS)[number];
export const PROM_AGGREGATIONS = ['sum', 'avg', 'max', 'min'] as const;
export type PromAggregation = (typeof PROM_AGGREGATIONS)[number];
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | '==' | '!=' | '>' | '<' | '>=' | '<=' | 'and' | 'or' | 'unless';
export type PromType = 'scalar' | 'vector' | 'matrix' | 'string';

const SUBSET = `the subset firedrill evaluates is: selectors with =, !=, =~, !~; ${PROM_FUNCTIONS.join(', ')}; ${PROM_AGGREGATIONS.join(', ')} with by/without; arithmetic, comparisons and and/or/unless`;

/** A query that does not parse, or reaches outside the subset: where, and why. */
export class PromqlError extends Error {
  constructor(
    message: string,
    /** Offset in the query text. */
    readonly offset: number,
  ) {
    super(message);
  }
}

const BINARY: Record<string, BinaryOp> = {
  Add: '+', Sub: '-', Mul: '*', Div: '/', Mod: '%', Pow: '^',
  Eql: '==', Neq: '!=', Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=',
  And: 'and', Or: 'or', Unless: 'unless',
};
const COMPARISONS = new Set<BinaryOp>(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS = new Set<BinaryOp>(['and', 'or', 'unless']);
const MATCH_OPS: Record<string, Matcher['op']> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

export function isComparison(op: BinaryOp): boolean {
  return COMPARISONS.has(op);
}

/** Parses a query; throws PromqlError with the offset of the first problem. */
export function parsePromql(text: string): PromExpr {
  const tree = parser.parse(text);
  let bad: SyntaxNode | null = null;
  tree.iterate({
    enter: (n) => {
      if (bad) return false;
      if (n.type.isError) bad = n.node;
      return undefined;
    },
  });
  if (bad) {
    const at = (bad as SyntaxNode).from;
    throw new PromqlError(at >= text.length ? 'the query ends too soon' : `cannot parse the query at '${text.slice(at, at + 20).split('\n')[0]}'`, at);
  }
  const top = tree.topNode.firstChild;
  if (!top) throw new PromqlError('the query is empty', 0);
  const reader = new Reader(text);
  const expr = reader.expr(top);
  const type = typeOf(expr);
  if (type !== 'vector' && type !== 'scalar') throw new PromqlError(`the query gives ${article(type)}: expected an instant vector or a scalar (wrap a range selector in rate(), irate() or increase())`, 0);
  return expr;
}

/** The longest range the query reads, in milliseconds: how much history the drill must keep. */
export function longestRangeMs(expr: PromExpr): number {
  switch (expr.type) {
    case 'number':
      return 0;
    case 'selector':
      return expr.rangeMs ?? 0;
    case 'call':
      return Math.max(0, ...expr.args.map(longestRangeMs));
    case 'aggregate':
    case 'negate':
      return longestRangeMs(expr.expr);
    case 'binary':
      return Math.max(longestRangeMs(expr.lhs), longestRangeMs(expr.rhs));
  }
}

/** Every selector of the query, for checking its names against the simulated series. */
export function selectorsOf(expr: PromExpr): Extract<PromExpr, { type: 'selector' }>[] {
  switch (expr.type) {
    case 'number':
      return [];
    case 'selector':
      return [expr];
    case 'call':
      return expr.args.flatMap(selectorsOf);
    case 'aggregate':
    case 'negate':
      return selectorsOf(expr.expr);
    case 'binary':
      return [...selectorsOf(expr.lhs), ...selectorsOf(expr.rhs)];
  }
}

export function typeOf(expr: PromExpr): PromType {
  switch (expr.type) {
    case 'number':
      return 'scalar';
    case 'selector':
      return expr.rangeMs === null ? 'vector' : 'matrix';
    case 'call':
      return expr.fn === 'scalar' ? 'scalar' : 'vector';
    case 'aggregate':
      return 'vector';
    case 'negate':
      return typeOf(expr.expr);
    case 'binary':
      return typeOf(expr.lhs) === 'scalar' && typeOf(expr.rhs) === 'scalar' ? 'scalar' : 'vector';
  }
}

class Reader {
  constructor(private readonly text: string) {}

  private src(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }

  private refuse(n: SyntaxNode, what: string): never {
    throw new PromqlError(`${what} is outside the PromQL subset (${SUBSET})`, n.from);
  }

  private children(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }

  expr(n: SyntaxNode): PromExpr {
    switch (n.name) {
      case 'ParenExpr':
        return this.expr(this.children(n)[0]!);
      case 'NumberDurationLiteral':
        return { type: 'number', value: this.number(n) };
      case 'StringLiteral':
        return this.refuse(n, 'a string literal');
      case 'VectorSelector':
        return this.selector(n, null);
      case 'MatrixSelector':
        return this.matrix(n);
      case 'UnaryExpr':
        return this.unary(n);
      case 'BinaryExpr':
        return this.binary(n);
      case 'FunctionCall':
        return this.call(n);
      case 'AggregateExpr':
        return this.aggregate(n);
      case 'OffsetExpr':
        return this.refuse(n, 'offset');
      case 'SubqueryExpr':
        return this.refuse(n, 'a subquery');
      case 'StepInvariantExpr':
        return this.refuse(n, 'the @ modifier');
      default:
        return this.refuse(n, `'${this.src(n).slice(0, 40)}'`);
    }
  }

  private number(n: SyntaxNode): number {
    const raw = this.src(n).trim();
    const lower = raw.toLowerCase();
    if (lower === 'inf' || lower === '+inf') return Infinity;
    if (lower === '-inf') return -Infinity;
    if (lower === 'nan') return NaN;
    const value = Number(raw);
    if (!Number.isNaN(value)) return value;
    // A duration where a number is expected reads as seconds, as in Prometheus 3.
    const ms = parseDuration(raw.replace(/(\d)w/g, (_, d: string) => `${Number(d) * 7}d`));
    if (ms === undefined) throw new PromqlError(`'${raw}' is not a number`, n.from);
    return ms / 1000;
  }

  private duration(n: SyntaxNode): number {
    const raw = this.src(n).trim();
    const weeks = raw.replace(/(\d+)w/g, (_, d: string) => `${Number(d) * 7}d`).replace(/(\d+)y/g, (_, d: string) => `${Number(d) * 365}d`);
    const ms = parseDuration(weeks);
    if (ms === undefined || ms === 0) throw new PromqlError(`'${raw}' is not a range: expected a duration such as 30s, 5m or 1h`, n.from);
    return ms;
  }

  private matrix(n: SyntaxNode): PromExpr {
    const [vector, range] = this.children(n);
    if (!vector || vector.name !== 'VectorSelector' || !range) return this.refuse(n, 'this range selector');
    return this.selector(vector, this.duration(range));
  }

  private selector(n: SyntaxNode, rangeMs: number | null): PromExpr {
    let name: string | null = null;
    const matchers: Matcher[] = [];
    for (const c of this.children(n)) {
      if (c.name === 'Identifier') name = this.src(c);
      else if (c.name === 'LabelMatchers') {
        for (const m of this.children(c)) matchers.push(this.matcher(m));
      }
    }
    const named = matchers.find((m) => m.label === '__name__' && m.op === '=');
    if (name === null && named) name = named.value;
    if (name === null) throw new PromqlError('a selector needs a metric name', n.from);
    return { type: 'selector', name, matchers: matchers.filter((m) => m.label !== '__name__'), rangeMs };
  }

  private matcher(n: SyntaxNode): Matcher {
    const [label, op, value] = this.children(n);
    if (!label || !op || !value) throw new PromqlError('cannot read this label matcher', n.from);
    const name = label.name === 'QuotedLabelName' ? unquote(this.src(label)) : this.src(label);
    const kind = this.children(op)[0]?.name ?? '';
    const matchOp = MATCH_OPS[kind];
    if (!matchOp) throw new PromqlError(`unknown matcher '${this.src(op)}'`, op.from);
    const text = unquote(this.src(value));
    if (matchOp === '=~' || matchOp === '!~') {
      try {
        new RegExp(`^(?:${text})$`);
      } catch {
        throw new PromqlError(`'${text}' is not a regular expression`, value.from);
      }
    }
    return { label: name, op: matchOp, value: text };
  }

  private unary(n: SyntaxNode): PromExpr {
    const [op, operand] = this.children(n);
    const expr = this.expr(operand!);
    if (typeOf(expr) === 'matrix') throw new PromqlError('a sign applies to a vector or a scalar, not a range', n.from);
    return this.src(op!).trim() === '-' ? { type: 'negate', expr } : expr;
  }

  private binary(n: SyntaxNode): PromExpr {
    const parts = this.children(n);
    const lhsNode = parts[0]!;
    const opNode = parts[1]!;
    const rhsNode = parts[parts.length - 1]!;
    const op = BINARY[opNode.name];
    if (!op) return this.refuse(opNode, `the operator '${this.src(opNode)}'`);
    let bool = false;
    let matching: Grouping | null = null;
    for (const mod of parts.slice(2, -1)) {
      if (mod.name === 'BoolModifier') bool = true;
      else if (mod.name === 'MatchingModifierClause') matching = this.matching(mod);
    }
    const lhs = this.expr(lhsNode);
    const rhs = this.expr(rhsNode);
    const [lt, rt] = [typeOf(lhs), typeOf(rhs)];
    if (lt === 'matrix' || rt === 'matrix') throw new PromqlError(`'${op}' works on vectors and scalars, not on a range: wrap it in rate(), irate() or increase()`, n.from);
    if (SET_OPS.has(op) && (lt !== 'vector' || rt !== 'vector')) throw new PromqlError(`'${op}' works between two vectors`, opNode.from);
    if (COMPARISONS.has(op) && lt === 'scalar' && rt === 'scalar' && !bool) throw new PromqlError('a comparison between two scalars needs the bool modifier', opNode.from);
    return { type: 'binary', op, lhs, rhs, bool, matching };
  }

  private matching(n: SyntaxNode): Grouping {
    const parts = this.children(n);
    const group = parts.find((p) => p.name === 'GroupLeft' || p.name === 'GroupRight');
    if (group) this.refuse(group, this.src(group).split('(')[0]!.trim());
    const labels = parts.find((p) => p.name === 'GroupingLabels');
    return { include: parts[0]!.name === 'On', labels: labels ? this.labels(labels) : [] };
  }

  private labels(n: SyntaxNode): string[] {
    return this.children(n).map((l) => (l.name === 'QuotedLabelName' ? unquote(this.src(l)) : this.src(l)));
  }

  private call(n: SyntaxNode): PromExpr {
    const [ident, body] = this.children(n);
    const fn = this.src(ident!).trim();
    if (!(PROM_FUNCTIONS as readonly string[]).includes(fn)) return this.refuse(ident!, `the function '${fn}'`);
    const args = body ? this.children(body).map((a) => this.expr(a)) : [];
    const expected: Record<PromFunction, PromType[]> = {
      rate: ['matrix'],
      irate: ['matrix'],
      increase: ['matrix'],
      histogram_quantile: ['scalar', 'vector'],
      scalar: ['vector'],
      vector: ['scalar'],
      absent: ['vector'],
    };
    const want = expected[fn as PromFunction];
    if (args.length !== want.length) throw new PromqlError(`${fn}() takes ${want.length} argument${want.length > 1 ? 's' : ''}, got ${args.length}`, n.from);
    args.forEach((a, i) => {
      const got = typeOf(a);
      if (got !== want[i]) throw new PromqlError(`argument ${i + 1} of ${fn}() must be ${article(want[i]!)}, got ${article(got)}`, n.from);
    });
    return { type: 'call', fn: fn as PromFunction, args };
  }

  private aggregate(n: SyntaxNode): PromExpr {
    const parts = this.children(n);
    const opNode = parts.find((p) => p.name === 'AggregateOp')!;
    const op = this.src(opNode).trim();
    if (!(PROM_AGGREGATIONS as readonly string[]).includes(op)) return this.refuse(opNode, `the aggregation '${op}'`);
    const modifier = parts.find((p) => p.name === 'AggregateModifier');
    let grouping: Grouping | null = null;
    if (modifier) {
      const [kind, labels] = this.children(modifier);
      grouping = { include: kind!.name === 'By', labels: labels ? this.labels(labels) : [] };
    }
    const body = parts.find((p) => p.name === 'FunctionCallBody');
    const args = body ? this.children(body) : [];
    if (args.length !== 1) throw new PromqlError(`${op}() takes one vector`, n.from);
    const expr = this.expr(args[0]!);
    if (typeOf(expr) !== 'vector') throw new PromqlError(`${op}() takes an instant vector, got ${article(typeOf(expr))}`, n.from);
    return { type: 'aggregate', op: op as PromAggregation, grouping, expr };
  }
}

function article(type: PromType): string {
  return type === 'matrix' ? 'a range vector' : type === 'vector' ? 'an instant vector' : `a ${type}`;
}

/** A PromQL string literal's value: double or single quotes with escapes, or raw backquotes. */
function unquote(raw: string): string {
  const q = raw[0];
  const body = raw.slice(1, -1);
  if (q === '`') return body;
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e[0] === 'u' || e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" } as Record<string, string>)[e] ?? `\\${e}`;
  });
}

/** Line and column (from 1) of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
