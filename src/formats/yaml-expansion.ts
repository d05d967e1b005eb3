import { isAlias, isMap, isSeq, visit, type Alias, type Document, type LineCounter, type Node } from 'yaml';
import type { ShapeProblem } from './yaml-shape.js';

/**
 * The node each alias stands for (the last node with its anchor before it, as YAML resolves
 * it), and the first alias that has none.
 */
function aliasTargets(doc: Document): { targets: Map<Alias, Node>; unresolved?: Alias } {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  let unresolved: Alias | undefined;
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
        else unresolved ??= node;
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return unresolved ? { targets, unresolved } : { targets };
}

/**
 * Walks the tree as reading it would, with every alias expanded, and stops at the first alias
 * that refers to a node containing it (reading it would never end) or once more than
 * `maxNodes` nodes have been met: a few aliases of a long list make a small file into a huge
 * document, which the limit on alias count alone does not see. The walk is bounded by
 * `maxNodes` whatever the file, and uses no call stack.
 */
export function checkExpansion(doc: Document, maxNodes: number, lines: LineCounter): ShapeProblem[] {
  const { targets, unresolved } = aliasTargets(doc);
  const at = (node: Node, message: string): ShapeProblem[] => {
    const pos = lines.linePos(node.range?.[0] ?? 0);
    return [{ line: pos.line, column: pos.col, message }];
  };
  if (unresolved) return at(unresolved, `alias *${unresolved.source} names no anchor before it: write &${unresolved.source} on the value it stands for, above`);
  if (targets.size === 0) return [];
  const onPath = new Set<Node>();
  // Each entry: a node, the first alias it was reached through, and whether the walk is leaving it.
  const stack: [unknown, Alias | undefined, boolean][] = [[doc.contents, undefined, false]];
  let nodes = 0;
  while (stack.length > 0) {
    const [node, via, leaving] = stack.pop()!;
    if (leaving) {
      onPath.delete(node as Node);
      continue;
    }
    if (isAlias(node)) {
      const target = targets.get(node);
      if (!target) continue;
      if (onPath.has(target)) return at(node, `alias *${node.source} refers to a node that contains it: reading it would never end`);
      stack.push([target, via ?? node, false]);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (++nodes > maxNodes) {
      return at(via ?? (node as Node), `the file holds more than ${maxNodes} values once its aliases are expanded (the limit)${via ? `: alias *${via.source} here repeats more than the rest of the file allows` : ''}`);
    }
    if (!isMap(node) && !isSeq(node)) continue;
    onPath.add(node);
    stack.push([node, via, true]);
    // Pushed last to first, so the walk meets them in the order of the file.
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item = node.items[i];
      if (isMap(node)) {
        const pair = item as { key: unknown; value: unknown };
        stack.push([pair.value, via, false], [pair.key, via, false]);
      } else {
        stack.push([item, via, false]);
      }
    }
  }
  return [];
}
