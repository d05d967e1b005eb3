import { unknownName } from '../core/names.js';
import { metricNamesOf, relativeRefusal, routeShare } from '../core/metric-table.js';
import type { Playbook } from '../formats/playbook.js';
import type { Scenario } from '../formats/scenario.js';
import { InputError, type Problem } from '../formats/source.js';

/**
 * A playbook is written once and run against many scenarios; the names it reads (metrics,
 * routes, alerts) must exist in the scenario, or it would wait forever on a series never written.
 */
export function checkFit(playbook: Playbook, scenario: Scenario): void {
  const { spec } = scenario;
  const known = {
    metric: metricNamesOf(spec),
    route: spec.traffic.routes.map((r) => r.name),
    alert: ['any', ...spec.monitors.map((m) => m.id), ...(playbook.controller?.alerts.map((a) => a.name) ?? [])],
  };
  const problems: Problem[] = [];
  for (const use of playbook.uses) {
    if (known[use.kind].includes(use.name)) {
      const refusal = use.relative && relativeRefusal(spec, use.name, routeShare(spec, use.relative.route));
      if (refusal) problems.push({ file: use.file ?? playbook.file, line: use.at.line, column: use.at.column, path: use.path, message: `${refusal} (in scenario ${spec.id})` });
      continue;
    }
    problems.push({
      file: use.file ?? playbook.file,
      line: use.at.line,
      column: use.at.column,
      path: use.path,
      message: `${unknownName(use.kind, use.name, known[use.kind])} (scenario ${spec.id} has no such ${use.kind})`,
    });
  }
  // Two selectors of one query can read one metric: say it once.
  const said = new Set<string>();
  const once = problems.filter((p) => !said.has(`${p.file}:${p.line}:${p.column}:${p.message}`) && said.add(`${p.file}:${p.line}:${p.column}:${p.message}`));
  if (once.length > 0) throw new InputError(once);
}
