/** What the estimate knows of a case before any of its drills has run. */
export interface CasePlan {
  /** Drills of the case in this run. */
  drills: number;
  /** The scenario's horizon: the most simulated time a drill of it can take. */
  horizonMs: number;
}

/**
 * How long a sweep has left, from what its drills cost. Drills of one case cost alike, while a
 * case of data loss that runs for days of simulated time costs a hundred times a canary's, and
 * cases run in order: counting drills would promise "0:10 left" just before the long ones. So
 * each case's drills left are priced at what its drills cost so far, and a case not yet started
 * at its horizon times what the drills so far cost per horizon (an upper bound that the first
 * drills of the case replace). Costs are thread time; the wall time they took so far (workers
 * in parallel, threads starting) turns them into time left.
 */
export class TimeLeft {
  private readonly doneBy: number[];
  private readonly costBy: number[];
  private doneCostMs = 0;
  private doneHorizonMs = 0;

  constructor(private readonly cases: readonly CasePlan[]) {
    this.doneBy = cases.map(() => 0);
    this.costBy = cases.map(() => 0);
  }

  /** A drill of case `caseIndex` finished, having taken `costMs` in its thread. */
  add(caseIndex: number, costMs: number): void {
    this.doneBy[caseIndex]!++;
    this.costBy[caseIndex]! += costMs;
    this.doneCostMs += costMs;
    this.doneHorizonMs += this.cases[caseIndex]!.horizonMs;
  }

  /** Wall milliseconds left, given those elapsed so far; undefined until a drill has cost something. */
  leftMs(elapsedMs: number): number | undefined {
    if (this.doneCostMs <= 0) return undefined;
    const perHorizon = this.doneCostMs / this.doneHorizonMs;
    let costLeftMs = 0;
    this.cases.forEach((c, i) => {
      const left = c.drills - this.doneBy[i]!;
      if (left <= 0) return;
      costLeftMs += left * (this.doneBy[i]! > 0 ? this.costBy[i]! / this.doneBy[i]! : perHorizon * c.horizonMs);
    });
    return costLeftMs * (elapsedMs / this.doneCostMs);
  }
}
