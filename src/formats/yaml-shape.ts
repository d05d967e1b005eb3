import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export interface ShapeProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * Checks the shape of a parsed YAML tree before anything reads it: nesting depth, keys that
 * are plain names (and not `__proto__`), and keys that appear once per mapping. One pass with an explicit stack, so
 * a deep or wide file costs time in proportion to its size and never the call stack (the YAML
 * library's own check of unique keys compares every key with every other: minutes on a
 * megabyte of them).
 */
export function checkShape(root: unknown, maxDepth: number, lines: LineCounter): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const at = (node: unknown, message: string): void => {
    const pos = lines.linePos((node as Node | null)?.range?.[0] ?? 0);
    problems.push({ line: pos.line, column: pos.col, message });
  };
  let tooDeep = false;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > maxDepth) {
      if (!tooDeep) at(node, `nesting is too deep (more than ${maxDepth} levels of mappings and lists)`);
      tooDeep = true;
      continue;
    }
    if (isSeq(node)) {
      for (const item of node.items) stack.push([item, depth + 1]);
      continue;
    }
    const seen = new Map<string, unknown>();
    for (const pair of node.items) {
      const key = pair.key;
      if (isScalar(key) || key === null) {
        const name = String(isScalar(key) ? key.value : null);
        const first = seen.get(name);
        // Reading it would set an object's prototype, not a field: refused rather than lost.
        if (name === '__proto__') at(key, "'__proto__' cannot be used as a name");
        else if (first === undefined) seen.set(name, key);
        else {
          const pos = lines.linePos((first as Node | null)?.range?.[0] ?? 0);
          at(key, `duplicate key '${name.slice(0, 80)}' (first at line ${pos.line}, column ${pos.col})`);
        }
      } else if (!isAlias(key)) {
        at(key, 'a key must be a plain name, not a mapping or a list');
      }
      stack.push([pair.value, depth + 1]);
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The first line of a YAML library message, as a person reads it. */
export function describeYamlError(message: string, maxDepth: number): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (/Maximum call stack|too much recursion/i.test(first)) return `nesting is too deep (more than ${maxDepth} levels of mappings and lists)`;
  if (/multiple documents/i.test(first)) return 'a file holds one YAML document; this one has a second after ---';
  return first;
}
