/**
 * A metric's value as a person reads it, by its unit in the metric table: shares in percent
 * (two decimals below 10%, so a rate near zero still reads as a rate), latency in ms.
 */
export function formatMetric(unit: string, value: number): string {
  if (Number.isNaN(value)) return '—';
  if (unit.startsWith('share of')) return `${(value * 100).toFixed(Math.abs(value) < 0.1 ? 2 : 1)}%`;
  if (unit === 'percent') return `${value.toFixed(1)}%`;
  if (unit === 'ms') return `${Math.round(value)} ms`;
  if (unit === 'requests/s') return `${Math.round(value)}/s`;
  if (unit === 'requests') return String(Math.round(value));
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
