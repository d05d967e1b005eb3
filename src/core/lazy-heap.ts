/**
 * A binary heap of items by a numeric key, smallest key on top, whose removals are lazy: the
 * owner says whether an entry still holds, and is told (`dropped`) when one leaves the heap,
 * popped or found stale. Stale entries are dropped when they reach the top, and the whole heap
 * is rebuilt whenever it has doubled since it was last rebuilt, so stale entries never
 * outnumber what they cost to push. Push, peek and pop are logarithmic (amortized).
 *
 * An entry whose item comes to hold again before it is dropped holds again: an owner that
 * knows (from `dropped`) which items still have an entry pushes each at most once.
 */
export class LazyHeap<T> {
  // Entries live in [0, count): the arrays never shrink, so a heap that is rebuilt and refilled
  // over and over (a crash-looping fleet's) reuses its storage instead of growing it anew.
  private readonly items: (T | undefined)[] = [];
  private readonly keys: number[] = [];
  private count = 0;
  private rebuildAt = 64;

  constructor(
    private readonly holds: (item: T) => boolean,
    private readonly dropped: (item: T) => void = () => {},
  ) {}

  /** Entries held, stale ones included. */
  get size(): number {
    return this.count;
  }

  push(item: T, key: number): void {
    if (this.count >= this.rebuildAt) this.rebuild();
    const at = this.count++;
    this.items[at] = item;
    this.keys[at] = key;
    this.up(at);
  }

  /** The item with the smallest key that still holds, or undefined. */
  peek(): T | undefined {
    while (this.count > 0 && !this.holds(this.items[0]!)) this.removeTop();
    return this.count > 0 ? this.items[0] : undefined;
  }

  pop(): T | undefined {
    const top = this.peek();
    if (top !== undefined) this.removeTop();
    return top;
  }

  private removeTop(): void {
    const top = this.items[0]!;
    const last = --this.count;
    this.move(last, 0);
    this.items[last] = undefined;
    if (last > 0) this.down(0);
    this.dropped(top);
  }

  /** Keeps the entries that hold and restores heap order bottom-up: linear in the entries. */
  private rebuild(): void {
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      const item = this.items[i]!;
      if (this.holds(item)) this.move(i, n++);
      else this.dropped(item);
    }
    for (let i = n; i < this.count; i++) this.items[i] = undefined;
    this.count = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.down(i);
    this.rebuildAt = Math.max(64, 2 * n);
  }

  private move(from: number, to: number): void {
    this.items[to] = this.items[from];
    this.keys[to] = this.keys[from]!;
  }

  private swap(a: number, b: number): void {
    const item = this.items[a];
    const key = this.keys[a]!;
    this.move(b, a);
    this.items[b] = item;
    this.keys[b] = key;
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
    const n = this.count;
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
