import { Box, Text } from 'ink';
import type { RouteView, Snapshot } from '../../core/snapshot.js';
import { fit } from '../format.js';
import { HEALTH_COLOR, HEALTH_MARK, type Theme } from '../theme.js';

interface Props {
  snapshot: Snapshot;
  width: number;
  theme: Theme;
  /** Drawn in a box (side by side on a wide screen) or bare (stacked on a narrow one). */
  boxed: boolean;
}

/**
 * A route as a rollout controller lists it: its share of users, the environment it serves from
 * where routes differ in that, and the versions it serves where routes differ in those (one
 * component: its version alone; several: each named).
 */
export function routeText(r: RouteView, tracksDiffer: boolean): string {
  const versions = r.versions.length === 1 ? r.versions[0]!.version : r.versions.map((v) => `${v.component} ${v.version}`).join(', ');
  return `${r.name} ${r.weightPct}%${tracksDiffer ? `→${r.track}` : ''}${versions ? ` ${versions}` : ''}`;
}

/**
 * A component's version as a team reads it: the one it runs, or, while pods of other versions
 * are still there, those first and the one it is going to (`2.15→2.14`): the target alone would
 * name a version no pod may serve yet.
 */
export function versionText(c: Snapshot['layers'][number]['components'][number]): string {
  const others = [...new Set((c.pods?.byVersion ?? []).filter((v) => v.pods > 0 && v.version !== c.version).map((v) => v.version))];
  return others.length > 0 ? `${others.join('+')}→${c.version}` : c.version;
}

/** The four layers: each component with what it runs and how it looks from outside. */
export function LayerPanel({ snapshot: s, width, theme, boxed }: Props) {
  const components = s.layers.flatMap((l) => l.components);
  const versionWidth = Math.min(14, Math.max(...components.map((c) => versionText(c).length), 4));
  const idWidth = Math.min(22, Math.max(...s.layers.flatMap((l) => l.components.map((c) => c.id.length)), 8));
  const tracksDiffer = new Set(s.routes.map((r) => r.track)).size > 1;
  const footer = [
    s.release ? `release ${s.release}` : 'release: mixed',
    ...s.pools.map((p) => `pool ${p.id} ${p.used}/${p.slots}`),
    ...(s.routes.length > 1 ? s.routes.map((r) => routeText(r, tracksDiffer)) : []),
  ].join(' · ');
  return (
    <Box flexDirection="column" borderStyle={theme.graphics && boxed ? 'round' : undefined} width={width} paddingX={0}>
      <Text bold> layers</Text>
      {s.layers.map((l) =>
        l.components.map((c, i) => (
          <Text key={c.id} wrap="truncate">
            {fit(i === 0 ? ` ${l.layer}` : '', 9)}
            {fit(c.id, idWidth)} {fit(versionText(c), versionWidth)}{' '}
            <Text color={theme.color(HEALTH_COLOR[c.health])}>{fit(HEALTH_MARK[c.health], 11)}</Text>
            {c.detail}
          </Text>
        )),
      )}
      <Text dimColor wrap="truncate">
        {' '}
        {footer}
      </Text>
    </Box>
  );
}
