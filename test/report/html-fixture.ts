import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import type { Playbook } from '../../src/formats/playbook.js';
import { buildReport, type Report } from '../../src/report/report.js';
import type { SweepParts } from '../../src/report/sweep/reader.js';
import { drillRecord, type DrillRecord } from '../../src/report/sweep/record.js';
import { SummaryBuilder } from '../../src/report/sweep/summary.js';
import { scenarioTags } from '../../src/formats/tags.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configPlaybook, readConfig } from '../../src/formats/rollout/config.js';
import { playbook, ROOT, scenario } from '../helpers.js';
import { caseInfo, header } from './sweep-fixtures.js';

/** A real drill of the library (report with series), as the parts of a one-drill result; the playbook by name or loaded (a rollout config). */
export function realDrillParts(id: string, playbookName: string | Playbook, seed: number, title?: string): { parts: SweepParts; drills: DrillRecord[]; detail: Report } {
  const s = scenario(id);
  const p = typeof playbookName === 'string' ? playbook(playbookName) : playbookName;
  const { session, run, watched, measured } = drillPlaybook(s, p, seed, undefined, [], { trace: true, charts: true });
  const detail = buildReport(session, { firedrill: 'test', scenario: s, playbook: p, run, series: true, watched, measured });
  const info = caseInfo({
    scenario: s.meta.id,
    title: title ?? s.meta.title,
    playbook: p.name,
    scenarioRef: s.meta.id,
    playbookRef: p.name,
    targetMs: s.spec.targetMs,
    slos: s.spec.slos.map((x) => ({ metric: x.metric, ...(x.max !== undefined ? { max: x.max } : {}), ...(x.min !== undefined ? { min: x.min } : {}) })),
    metrics: s.spec.metrics.map((m) => ({ name: m.name, kind: m.kind, good: m.good, description: m.description })),
    tags: scenarioTags(s.meta),
  });
  const h = header([info], { first: seed, last: seed });
  const drills = [drillRecord(session.result(), p.name)];
  const b = new SummaryBuilder(h);
  for (const d of drills) b.add(d);
  return { parts: { header: h, summary: b.finish(), details: [detail] }, drills, detail };
}

/** One of the rollout configs under scenarios/imports, loaded as `run --playbook a.yaml,b.yaml` loads it. */
export function importedConfig(...names: string[]): Playbook {
  const files = names.map((n) => ({ file: `scenarios/imports/${n}`, text: readFileSync(join(ROOT, 'scenarios', 'imports', n), 'utf8') }));
  return configPlaybook(files, readConfig(files));
}
