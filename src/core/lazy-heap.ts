/**
 * A binary heap of items by a numeric key, smallest key on top, whose removals are lazy: an
 * entry is pushed with a stamp, and the owner says whether an entry still holds. Stale entries
 * are dropped when they reach the top, and the whole heap is rebuilt whenever it has doubled
 * since it was last rebuilt, so stale entries never outnumber what they cost to push.
 * Push, peek and pop are logarithmic (amortized).
 */
export class LazyHeap<T> {
  private items: T[] = [];
  private keys: number[] = [];
  private stamps: number[] = [];
  private rebuildAt = 64;

  constructor(private readonly holds: (item: T, stamp: number) => boolean) {}

  /** Entries held, stale ones included. */
  get size(): number {
    return this.items.length;
  }

  push(item: T, key: number, stamp: number): void {
    if (this.items.length >= this.rebuildAt) this.rebuild();
    this.items.push(item);
    this.keys.push(key);
    this.stamps.push(stamp);
    this.up(this.items.length - 1);
  }

  /** The item with the smallest key that still holds, or undefined. */
  peek(): T | undefined {
    while (this.items.length > 0 && !this.holds(this.items[0]!, this.stamps[0]!)) this.removeTop();
    return this.items[0];
  }

  pop(): T | undefined {
    const top = this.peek();
    if (top !== undefined) this.removeTop();
    return top;
  }

  private removeTop(): void {
    const last = this.items.length - 1;
    this.move(last, 0);
    this.items.pop();
    this.keys.pop();
    this.stamps.pop();
    if (last > 0) this.down(0);
  }

  /** Keeps the entries that hold and restores heap order bottom-up: linear in the entries. */
  private rebuild(): void {
    let n = 0;
    for (let i = 0; i < this.items.length; i++) {
      if (!this.holds(this.items[i]!, this.stamps[i]!)) continue;
      this.move(i, n++);
    }
    this.items.length = n;
    this.keys.length = n;
    this.stamps.length = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.down(i);
    this.rebuildAt = Math.max(64, 2 * n);
  }

  private move(from: number, to: number): void {
    this.items[to] = this.items[from]!;
    this.keys[to] = this.keys[from]!;
    this.stamps[to] = this.stamps[from]!;
  }

  private swap(a: number, b: number): void {
    const item = this.items[a]!;
    const key = this.keys[a]!;
    const stamp = this.stamps[a]!;
    this.move(b, a);
    this.items[b] = item;
    this.keys[b] = key;
    this.stamps[b] = stamp;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= this.keys[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && this.keys[r]! < this.keys[l]! ? r : l;
      if (this.keys[i]! <= this.keys[c]!) return;
      this.swap(i, c);
      i = c;
    }
  }
}
