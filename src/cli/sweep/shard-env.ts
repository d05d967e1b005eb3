import { UsageError } from '../io.js';
import { MAX_SHARDS, parseShard, type Shard } from './grid.js';
import { wholeOption } from './options.js';

type Env = Readonly<Record<string, string | undefined>>;

function index(env: Env, name: string, min: number, command: string): number {
  const text = env[name]!;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > MAX_SHARDS) throw new UsageError(`--shard auto: ${name}=${JSON.stringify(text)} is not a shard index (a whole number from ${min})`, command);
  return n;
}

/**
 * The shard the CI engine assigned this job: GitLab's `parallel: N` sets CI_NODE_INDEX
 * (1-based) and CI_NODE_TOTAL; a Kubernetes Indexed Job sets JOB_COMPLETION_INDEX (0-based)
 * and nothing with the count, which --shards N gives (the Job's completions).
 */
export function shardFromEnv(env: Env, shards: number | null, command: string): Shard {
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    if (shards === null) throw new UsageError('--shard auto: a Kubernetes Indexed Job sets JOB_COMPLETION_INDEX but not the number of shards: give --shards N (the Job\'s completions)', command);
    const k = index(env, 'JOB_COMPLETION_INDEX', 0, command) + 1;
    if (k > shards) throw new UsageError(`--shard auto: JOB_COMPLETION_INDEX=${k - 1} is not below --shards ${shards}`, command);
    return { index: k, count: shards };
  }
  if (env.CI_NODE_INDEX !== undefined) {
    if (env.CI_NODE_TOTAL === undefined) throw new UsageError('--shard auto: CI_NODE_INDEX is set but CI_NODE_TOTAL is not', command);
    const total = index(env, 'CI_NODE_TOTAL', 1, command);
    const k = index(env, 'CI_NODE_INDEX', 1, command);
    if (k > total) throw new UsageError(`--shard auto: CI_NODE_INDEX=${k} is more than CI_NODE_TOTAL=${total}`, command);
    if (shards !== null && shards !== total) throw new UsageError(`--shards ${shards} disagrees with CI_NODE_TOTAL=${total}: leave --shards out`, command);
    return { index: k, count: total };
  }
  throw new UsageError(
    '--shard auto found no shard in the environment: GitLab (parallel: N) sets CI_NODE_INDEX and CI_NODE_TOTAL; a Kubernetes Indexed Job sets JOB_COMPLETION_INDEX (give --shards N); elsewhere give --shard K/N',
    command,
  );
}

/** --shard K/N, or --shard auto with the CI engine's variables; null for a whole run. */
export function shardOption(values: { shard?: unknown; shards?: unknown }, env: Env, command: string): Shard | null {
  const shards = values.shards === undefined ? null : wholeOption(values.shards, 'shards', 1, 1, MAX_SHARDS, command);
  if (values.shard === undefined) {
    if (shards !== null) throw new UsageError('--shards N goes with --shard auto', command);
    return null;
  }
  if (values.shard !== 'auto') {
    if (shards !== null) throw new UsageError('--shards N goes with --shard auto; --shard K/N says the count itself', command);
    return parseShard(values.shard as string);
  }
  return shardFromEnv(env, shards, command);
}
