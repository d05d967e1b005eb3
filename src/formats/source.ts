import { isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { inertLine, inertStrings } from '../core/inert.js';
import { unknownName } from '../core/names.js';
import { checkShape, describeYamlError } from './yaml-shape.js';
import { MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, MAX_PROBLEMS } from './limits.js';
import { checkExpansion } from './yaml-expansion.js';

export { MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES, MAX_PROBLEMS };

export type Path = readonly (string | number)[];

export interface Problem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

/** Bad input: one or more problems, each pointing at a place in a file. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}

function failAt(file: string): (message: string, line?: number, column?: number) => never {
  return (message, line = 1, column = 1) => {
    throw new InputError([{ file, line, column, path: '', message }]);
  };
}

/** What is refused before parsing: too large, binary, or empty. */
function checkText(text: string, file: string): void {
  const fail = failAt(file);
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) fail(`file is larger than ${MAX_FILE_BYTES / 1024} KiB (${MAX_FILE_BYTES} bytes), the limit for scenarios and playbooks`);
  if (text.includes('\u0000')) fail('this is a binary file, not YAML');
  if (text.trim() === '') fail('file is empty: expected a YAML mapping');
}

export function formatProblem(p: Problem): string {
  return inertLine(`${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
}

export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/** A parsed YAML file that can say where any path in it came from. */
export class YamlSource {
  private constructor(
    readonly file: string,
    readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly text: string,
  ) {}

  static parse(text: string, file: string): { source: YamlSource; data: unknown } {
    const fail = failAt(file);
    checkText(text, file);
    const lines = new LineCounter();
    let doc: Document;
    try {
      // Keys are checked for uniqueness by checkShape, in one pass; warnings would go to stderr.
      doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    } catch (e) {
      return fail(e instanceof RangeError ? `nesting is too deep (more than ${MAX_DEPTH} levels)` : `cannot parse YAML: ${(e as Error).message}`);
    }
    return YamlSource.read(doc, lines, file, text);
  }

  /**
   * A file of several YAML documents separated by `---`, as Kubernetes manifests are written:
   * each document checked as `parse` checks a file; empty documents are skipped.
   */
  static parseAll(text: string, file: string): { source: YamlSource; data: unknown }[] {
    const fail = failAt(file);
    checkText(text, file);
    const lines = new LineCounter();
    let docs: Document[];
    try {
      const parsed = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
      docs = Array.isArray(parsed) ? parsed : [];
    } catch (e) {
      return fail(e instanceof RangeError ? `nesting is too deep (more than ${MAX_DEPTH} levels)` : `cannot parse YAML: ${(e as Error).message}`);
    }
    const out = docs.filter((d) => d.errors.length > 0 || (d.contents !== null && !(isNode(d.contents) && (d.contents as { value?: unknown }).value === null))).map((d) => YamlSource.read(d, lines, file, text));
    if (out.length === 0) fail('file holds no YAML document');
    return out;
  }

  private static read(doc: Document, lines: LineCounter, file: string, text: string): { source: YamlSource; data: unknown } {
    const fail = failAt(file);
    const source = new YamlSource(file, doc, lines, text);
    if (doc.errors.length > 0) {
      throw new InputError(
        doc.errors.slice(0, MAX_PROBLEMS).map((e) => {
          const at = lines.linePos(e.pos[0]);
          return { file, line: at.line, column: at.col, path: '', message: describeYamlError(e.message, MAX_DEPTH) };
        }),
      );
    }
    const shape = checkShape(doc.contents, MAX_DEPTH, lines);
    if (shape.length > 0) throw new InputError(shape.slice(0, MAX_PROBLEMS).map((p) => ({ file, path: '', ...p })));
    let data: unknown;
    let unread: Error | undefined;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      unread = e as Error;
    }
    if (unread && /alias count/i.test(unread.message)) fail(`${unread.message}: more than ${MAX_ALIASES} alias expansions`);
    // Aliases shared within the count can still repeat a long list, or contain themselves.
    const expansion = checkExpansion(doc, MAX_NODES, lines);
    if (expansion.length > 0) throw new InputError(expansion.map((p) => ({ file, path: '', ...p })));
    if (unread) fail(`cannot read the YAML: ${unread.message}`);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) fail('expected a YAML mapping at the top of the file');
    // A control character in a title or an explanation would act on whoever's terminal shows it.
    return { source, data: inertStrings(data) };
  }

  /** Line and column of the deepest node the path reaches; for a missing key, its parent. */
  locate(path: Path, key?: string): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    for (const part of path) {
      const next = isMap(node) || isSeq(node) ? node.get(part, true) : undefined;
      if (!isNode(next)) break;
      node = next;
    }
    let offset = isNode(node) && node.range ? node.range[0] : 0;
    if (key !== undefined && isMap(node)) {
      const item = node.items.find((i) => isNode(i.key) && (i.key as { value?: unknown }).value === key);
      if (item && isNode(item.key) && item.key.range) offset = item.key.range[0];
    }
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  /**
   * Where a place inside a string value (its line and column, from 1) sits in the file: a
   * query's syntax error points at the character, in a block scalar (`|`) as on one line.
   */
  locateInside(path: Path, line: number, column: number): { line: number; column: number } {
    const node = this.doc.getIn(path, true);
    const at = this.locate(path);
    if (!isScalar(node) || !node.range) return at;
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      const fileLines = this.text.split('\n');
      const first = fileLines.slice(at.line).find((l) => l.trim() !== '') ?? '';
      const indent = first.length - first.trimStart().length;
      return { line: at.line + line, column: indent + column };
    }
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
    return line === 1 ? { line: at.line, column: at.column + quoted + column - 1 } : { line: at.line + line - 1, column };
  }

  /** A problem at a place inside a string value (see `locateInside`). */
  problemInside(path: Path, line: number, column: number, message: string): Problem {
    const at = this.locateInside(path, line, column);
    return { file: this.file, line: at.line, column: at.column, path: formatPath(path), message };
  }

  problem(path: Path, message: string, key?: string): Problem {
    const { line, column } = this.locate(path, key);
    return { file: this.file, line, column, path: formatPath(key !== undefined ? [...path, key] : path), message };
  }

  /** Turns zod's issues into problems with positions, choosing the likeliest branch of a union. */
  zodProblems(error: z.ZodError): Problem[] {
    return flatten(error.issues)
      .slice(0, MAX_PROBLEMS)
      .map((issue) => {
        if (issue.code === 'unrecognized_keys') {
          const keys = (issue as { keys: string[] }).keys;
          const named = keys.slice(0, 10).map((k) => `'${k.slice(0, 80)}'`).join(', ');
          return this.problem(issue.path as Path, `unknown field${keys.length > 1 ? 's' : ''} ${named}${keys.length > 10 ? ` and ${keys.length - 10} more` : ''}`, keys[0]);
        }
        if (issue.code === 'invalid_value') {
          // Name what was written and the nearest allowed value, as for unknown names elsewhere.
          const found: unknown = this.doc.getIn(issue.path as Path);
          if (typeof found === 'string' && issue.values.every((v) => typeof v === 'string')) {
            return this.problem(issue.path as Path, unknownName('value', found.slice(0, 80), issue.values as string[]));
          }
        }
        return this.problem(issue.path as Path, describeIssue(issue));
      });
  }
}

type Issue = z.core.$ZodIssue;

function flatten(issues: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // The branch that got furthest (deepest first issue, then fewest issues) is the one meant.
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0]!;
      out.push(...flatten(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue)));
    } else {
      out.push(issue);
    }
  }
  return out;
}

function depth(issues: readonly Issue[]): number {
  const first = issues[0];
  if (!first) return 0;
  // An unknown key means this branch does not describe the input at all.
  return first.code === 'unrecognized_keys' && first.path.length === 0 ? -1 : first.path.length;
}

function describeIssue(issue: Issue): string {
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return `missing required field (expected ${issue.expected})`;
  return issue.message.replace(/^Invalid input: /, '');
}

