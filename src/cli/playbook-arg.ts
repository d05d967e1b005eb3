import { existsSync } from 'node:fs';
import type { Playbook } from '../formats/playbook.js';
import { loadPlaybook } from '../formats/playbook.js';
import { configPlaybook, readConfig, type Config, type ConfigFile } from '../formats/rollout/config.js';
import { YamlSource } from '../formats/source.js';
import { readInput } from './files.js';

/**
 * A playbook argument names one file, or several joined with commas that make one controller
 * (`rollout.yaml,analysis.yaml`); `--metrics-map FILE` joins one more. A native playbook file
 * loads as such; anything else is read as a real rollout config and runs as its native form.
 */
/** A playbook argument with a metrics map joined, as one argument (what a replay command repeats). */
export function withMetricsMap(arg: string, metricsMap: unknown): string {
  return typeof metricsMap === 'string' ? `${arg},${metricsMap}` : arg;
}

export function playbookFiles(arg: string, metricsMap?: string): string[] {
  const files = arg.split(',').filter((f) => f !== '');
  return metricsMap === undefined ? files : [...files, metricsMap];
}

/** Whether every file of a (possibly joined) argument exists: a path, not a built-in name. */
export function filesExist(arg: string): boolean {
  const files = playbookFiles(arg);
  return files.length > 0 && files.every((f) => existsSync(f));
}

/** The part of a (possibly joined) argument that is not there: what a missing-file message names. */
export function missingFile(arg: string): string {
  return playbookFiles(arg).find((f) => !existsSync(f)) ?? arg;
}

export function loadPlaybookArg(arg: string, metricsMap?: string): Playbook {
  const files: ConfigFile[] = playbookFiles(arg, metricsMap).map((file) => ({ file, text: readInput(file) }));
  if (files.length === 1 && isNativePlaybook(files[0]!)) return loadPlaybook(files[0]!.text, files[0]!.file);
  return configPlaybook(files, readConfig(files));
}

/** Reads a config for `check` and `import`: the same files, the native form and its warnings. */
export function loadConfigArgs(args: string[], options: Parameters<typeof readConfig>[1] = {}): { files: ConfigFile[]; config: Config } {
  const files = args.flatMap((a) => playbookFiles(a)).map((file) => ({ file, text: readInput(file) }));
  return { files, config: readConfig(files, options) };
}

/** A file of one YAML document that reads as a native playbook (no apiVersion, no rule groups). */
function isNativePlaybook(f: ConfigFile): boolean {
  let docs: { data: unknown }[];
  try {
    docs = YamlSource.parseAll(f.text, f.file);
  } catch {
    // Let the playbook loader report what is wrong with it, as it always has.
    return true;
  }
  if (docs.length !== 1) return false;
  const d = docs[0]!.data as Record<string, unknown>;
  return d.apiVersion === undefined && d.kind === undefined && d.groups === undefined && !['metrics', 'labels', 'routes'].some((k) => k in d && !('name' in d));
}
