import { inertJson } from '../../core/inert.js';
import type { Report } from '../report.js';
import type { SweepHeader } from './header.js';
import type { DrillRecord } from './record.js';
import type { SweepSummary } from './summary.js';

/**
 * The JSON result of a sweep, laid out one drill per line so it can be written as drills finish
 * and read back (to merge shards, to render the other formats) without holding every drill in
 * memory. It is one JSON document all the same:
 *
 *   {"header":{...},
 *   "drills":[
 *   {...one drill...},
 *   {...}
 *   ],
 *   "summary":{...},
 *   "details":[
 *   {...the full report, with metric series, of each case's worst seed...}
 *   ]}
 */
export interface SweepDocument {
  header: SweepHeader;
  drills: DrillRecord[];
  summary: SweepSummary;
  /** One full report per case (its worst seed), with per-second series for charts. */
  details: Report[];
}

/** Writes the document piece by piece: header, each drill in grid order, then the end. */
export class SweepWriter {
  private first = true;

  constructor(private readonly write: (text: string) => void) {}

  begin(header: SweepHeader): void {
    this.write(`{"header":${inertJson(JSON.stringify(header))},\n"drills":[\n`);
  }

  drill(record: DrillRecord): void {
    this.write(`${this.first ? '' : ',\n'}${inertJson(JSON.stringify(record))}`);
    this.first = false;
  }

  end(summary: SweepSummary, details: readonly Report[]): void {
    const body = details.map((d) => inertJson(JSON.stringify(d))).join(',\n');
    this.write(`${this.first ? '' : '\n'}],\n"summary":${inertJson(JSON.stringify(summary))},\n"details":[\n${body}${body ? '\n' : ''}]}\n`);
  }
}
