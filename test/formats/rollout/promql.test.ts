import { describe, expect, it } from 'vitest';
import { longestRangeMs, parsePromql, PromqlError } from '../../../src/formats/rollout/promql.js';

function refusal(query: string): string {
  try {
    parsePromql(query);
  } catch (e) {
    if (e instanceof PromqlError) return e.message;
    throw e;
  }
  throw new Error(`${query} parsed`);
}

describe('the PromQL subset', () => {
  it('reads the documentation example success rate: two sums of irate over selectors with =, =~ and !~', () => {
    const expr = parsePromql(
      'sum(irate(istio_requests_total{reporter="source",destination_service=~"guestbook",response_code!~"5.*"}[5m])) / sum(irate(istio_requests_total{reporter="source",destination_service=~"guestbook"}[5m]))',
    );
    expect(expr.type).toBe('binary');
    if (expr.type !== 'binary' || expr.lhs.type !== 'aggregate' || expr.lhs.expr.type !== 'call') throw new Error('unexpected shape');
    expect(expr.op).toBe('/');
    expect(expr.lhs.expr.fn).toBe('irate');
    expect(expr.lhs.expr.args[0]).toEqual({
      type: 'selector',
      name: 'istio_requests_total',
      rangeMs: 300_000,
      matchers: [
        { label: 'reporter', op: '=', value: 'source' },
        { label: 'destination_service', op: '=~', value: 'guestbook' },
        { label: 'response_code', op: '!~', value: '5.*' },
      ],
    });
  });

  it('keeps by and without groupings, bool comparisons and on() matching', () => {
    const q = parsePromql('histogram_quantile(0.99, sum by (le) (rate(x_bucket[1m]))) > bool on(route) max without (code) (y)');
    expect(q).toMatchObject({ type: 'binary', op: '>', bool: true, matching: { include: true, labels: ['route'] } });
    expect(q).toMatchObject({ lhs: { type: 'call', fn: 'histogram_quantile', args: [{ value: 0.99 }, { type: 'aggregate', op: 'sum', grouping: { include: true, labels: ['le'] } }] } });
    expect(q).toMatchObject({ rhs: { type: 'aggregate', op: 'max', grouping: { include: false, labels: ['code'] } } });
  });

  it('knows the longest range a query reads, so the drill keeps that much history', () => {
    expect(longestRangeMs(parsePromql('rate(a[30s]) / increase(b[1h]) or vector(0)'))).toBe(3_600_000);
    expect(longestRangeMs(parsePromql('scalar(up)'))).toBe(0);
  });

  it('refuses a function outside the subset by its name', () => {
    expect(refusal('avg_over_time(errors[5m])')).toMatch(/^the function 'avg_over_time' is outside the PromQL subset/);
    expect(refusal('predict_linear(x[1h], 60)')).toMatch(/'predict_linear'/);
  });

  it('refuses an aggregation, a modifier or a subquery outside the subset by name', () => {
    expect(refusal('topk(3, x)')).toMatch(/^the aggregation 'topk' is outside/);
    expect(refusal('a / on(x) group_left b')).toMatch(/^group_left is outside/);
    expect(refusal('rate(x[5m] offset 1m)')).toMatch(/^offset is outside/);
    expect(refusal('max_over_time(x[5m:1m])')).toMatch(/'max_over_time'|subquery/);
  });

  it('says where a query stops parsing and what type a function wanted', () => {
    try {
      parsePromql('sum(rate(x{code="5"[5m]))');
      throw new Error('parsed');
    } catch (e) {
      expect(e).toBeInstanceOf(PromqlError);
      expect((e as PromqlError).offset).toBeGreaterThan(10);
    }
    expect(refusal('rate(x)')).toBe('argument 1 of rate() must be a range vector, got an instant vector');
    expect(refusal('x[5m]')).toMatch(/gives a range vector/);
    expect(refusal('1 > 2')).toBe('a comparison between two scalars needs the bool modifier');
  });
});
