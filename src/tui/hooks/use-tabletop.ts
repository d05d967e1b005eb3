import { useEffect, useState } from 'react';
import type { Snapshot } from '../../core/snapshot.js';
import type { Tabletop } from '../../drill/tabletop.js';

/**
 * The latest snapshot of a tabletop, re-read whenever its driver draws a frame (at most ten
 * times a second, never once per simulated event).
 */
export function useSnapshot(tabletop: Tabletop): Snapshot {
  const [snapshot, setSnapshot] = useState(() => tabletop.view.snapshot());
  useEffect(() => {
    setSnapshot(tabletop.view.snapshot());
    return tabletop.driver.onFrame(() => setSnapshot(tabletop.view.snapshot()));
  }, [tabletop]);
  return snapshot;
}
