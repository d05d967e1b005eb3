/**
 * A count with its noun in the number the count needs: `1 action`, `2 actions`, `1 user-minute`.
 * `plural` is for a noun that does not take an s (`entry`, `entries`).
 */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
