import { basename } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { editDistance } from '../core/names.js';
import { curriculumInput } from './curriculum.js';
import { expectationsInput } from './expectations.js';
import { playbookInput } from './playbook.js';
import { seriesMapInput } from './rollout/series-names.js';
import { CONFIG_FILE_NAME, configInput } from './run-config.js';
import { scenarioInput } from './scenario-schema.js';

/** One kind of file firedrill reads: its schema, and what tells a file of it apart from the others. */
export interface FileKindSpec {
  /** Firedrill's own format: its fields tell a file of it, and give the JSON Schema editors read. */
  input?: z.ZodObject;
  /** Top-level fields that tell a file of another tool's format (a Prometheus rules file's `groups`). */
  fields?: readonly string[];
  title: string;
  description: string;
  /** A manifest of another tool (a rollout config) is told by its `apiVersion` and `kind`. */
  manifest?: { apiVersion: RegExp; kinds: readonly string[] };
  /** A file of this name is of this kind, whatever it holds. */
  fileName?: string;
}

/**
 * Every kind of file firedrill reads, in one place: `validate` judges a file by its kind, `run`
 * takes only scenarios from a folder, and `schema KIND` prints each kind's JSON Schema.
 */
export const FILE_KINDS = {
  scenario: {
    input: scenarioInput,
    title: 'Firedrill scenario',
    description: 'A simulated AI system, the incident injected into it, and what a team is told about it.',
  },
  playbook: {
    input: playbookInput,
    title: 'Firedrill playbook',
    description: 'An automated rollback controller: triggers, then steps that run operator commands.',
  },
  curriculum: {
    input: curriculumInput,
    title: 'Firedrill training curriculum',
    description: 'The order of firedrill train: levels of built-in scenarios, each with the patterns it teaches, and the scenarios left out.',
  },
  config: {
    input: configInput,
    title: 'Firedrill run configuration (firedrill.config.yaml)',
    description: 'Defaults for firedrill run that a team commits: scenarios, playbook, seeds, reports, output folder, and the misses it expects.',
    fileName: CONFIG_FILE_NAME,
  },
  expectations: {
    input: expectationsInput,
    title: 'Firedrill expected misses (firedrill run --expect FILE)',
    description: 'The scenarios a playbook is known to miss, each with the reason: reported as expected, and a failure of the run once one passes.',
  },
  'metrics-map': {
    input: seriesMapInput,
    title: 'Firedrill metrics map (--metrics-map FILE)',
    description: "How a team's metric and label names, as its rollout configs' queries use them, read the drill's series.",
  },
  rollout: {
    title: 'A real rollout config',
    description: 'Argo Rollouts, Flagger and Prometheus Operator manifests, and Prometheus rule files: run, compare, check and import read them.',
    manifest: {
      apiVersion: /^(argoproj\.io|flagger\.app|monitoring\.coreos\.com)\//,
      kinds: ['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate', 'Canary', 'MetricTemplate', 'PrometheusRule'],
    },
    fields: ['groups'],
  },
} satisfies Record<string, FileKindSpec>;

export type FileKind = keyof typeof FILE_KINDS;
export const FILE_KIND_NAMES = Object.keys(FILE_KINDS) as FileKind[];
/** The kinds in firedrill's own formats, each with a JSON Schema. */
export type SchemaKind = { [K in FileKind]: (typeof FILE_KINDS)[K] extends { input: z.ZodObject } ? K : never }[FileKind];
export const SCHEMA_KIND_NAMES = FILE_KIND_NAMES.filter((k): k is SchemaKind => 'input' in FILE_KINDS[k]);

/** How a file's kind was told: said by the file itself, or guessed from its fields. */
export interface Identified<K extends string = FileKind> {
  kind: K;
  by: 'file name' | 'schema line' | 'manifest' | 'fields';
}

/** `# yaml-language-server: $schema=../schema/playbook.schema.json`, or a URL ending the same way. */
const SCHEMA_LINE = /^#.*\$schema=\S*?([\w-]+)\.schema\.json\s*$/m;
/** A key at the start of a line: a field of the top-level mapping of a block-style YAML file. */
const TOP_KEY = /^(?!#|-|\s|\.\.\.)["']?([^\s"':#][^"':]*?)["']?\s*:(?:\s|$)/gm;

function topLevel(text: string): { keys: string[]; values: Map<string, string> } {
  const values = new Map<string, string>();
  for (const m of text.matchAll(TOP_KEY)) {
    const rest = text.slice(m.index + m[0].length).split('\n', 1)[0]!.trim();
    values.set(m[1]!, rest.replace(/^["']|["']$/g, ''));
  }
  if (values.size > 0 || !text.trimStart().startsWith('{')) return { keys: [...values.keys()], values };
  // A flow mapping or JSON: rare enough to parse.
  try {
    const data = parse(text) as unknown;
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
      for (const [k, v] of Object.entries(data)) values.set(k, typeof v === 'string' ? v : '');
    }
  } catch {
    // Not YAML at all: no kind is told, and the loader says what is wrong.
  }
  return { keys: [...values.keys()], values };
}

/**
 * Fields of the file the kind has, then fields one typo away from one it has (`stpes` for
 * `steps`), then the share of the kind's fields the file has: of two kinds that both have its
 * one field, the kind with fewer fields is the likelier.
 */
function fieldScore(keys: readonly string[], fields: readonly string[]): [number, number, number] {
  const exact = keys.filter((k) => fields.includes(k)).length;
  const near = keys.filter((k) => !fields.includes(k) && k.length > 3 && fields.some((f) => editDistance(k, f) <= 2)).length;
  return [exact, near, exact / Math.max(1, fields.length)];
}

function better(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/**
 * The kind of a file: the one its name is kept for (firedrill.config.yaml), else the one its
 * `$schema` line names, else the manifest kind its `apiVersion` and `kind` say, else the kind
 * whose fields it has most of. Undefined when nothing tells.
 */
export function identifyKind<K extends string>(text: string, kinds: Record<K, FileKindSpec>, file?: string): Identified<K> | undefined {
  const names = Object.keys(kinds) as K[];
  const named = file === undefined ? undefined : names.find((n) => kinds[n].fileName !== undefined && basename(file) === kinds[n].fileName);
  if (named !== undefined) return { kind: named, by: 'file name' };
  const said = SCHEMA_LINE.exec(text)?.[1];
  if (said !== undefined && names.includes(said as K)) return { kind: said as K, by: 'schema line' };
  const { keys, values } = topLevel(text);
  const manifest = names.find((n) => {
    const m = kinds[n].manifest;
    return m !== undefined && m.apiVersion.test(values.get('apiVersion') ?? '') && m.kinds.includes(values.get('kind') ?? '');
  });
  if (manifest !== undefined) return { kind: manifest, by: 'manifest' };
  let best: { kind: K; score: [number, number, number] } | undefined;
  for (const n of names) {
    const spec = kinds[n];
    const score = fieldScore(keys, spec.input ? Object.keys(spec.input.shape) : (spec.fields ?? []));
    if (score[0] + score[1] === 0) continue;
    if (!best || better(score, best.score)) best = { kind: n, score };
  }
  return best && { kind: best.kind, by: 'fields' };
}

/** The kind of one of firedrill's own files, from its text and, where it has one, its path. */
export function fileKindOf(text: string, file?: string): Identified | undefined {
  return identifyKind(text, FILE_KINDS, file);
}

/**
 * The text with a first line naming its schema, replacing one it had: editors then complete and
 * check the file, and `validate` knows its kind for certain.
 */
export function withSchemaLine(text: string, schemaPath: string): string {
  const rest = /^#.*\$schema=.*\n/.test(text) ? text.slice(text.indexOf('\n') + 1) : text;
  return `# yaml-language-server: $schema=${schemaPath}\n${rest}`;
}
