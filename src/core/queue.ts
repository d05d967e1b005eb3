/**
 * The event queue: a binary min-heap ordered by (time, insertion sequence), so events at the
 * same millisecond run in the order they were scheduled (FoundationDB and SimPy order ties the
 * same way). Keys live in parallel typed arrays and payloads in a plain array: no object per
 * entry, which keeps a million-event drill out of the garbage collector's way.
 *
 * An event due before everything queued waits beside the heap, in the front slot: a drill's
 * clock tick, scheduled a second ahead, is most often the next event, and then it never goes
 * through the heap. Whatever is in the front slot comes before everything in the heap.
 */
export class EventQueue<T> {
  private times: Float64Array;
  private seqs: Float64Array;
  private items: (T | undefined)[];
  private count = 0;
  private nextSeq = 0;
  private hasFront = false;
  private frontTime = 0;
  private frontSeq = 0;
  private frontItem: T | undefined;

  constructor(
    initialCapacity = 64,
    /** A queue that grows past this is a runaway simulation, not a big one. */
    readonly maxSize = 1 << 22,
  ) {
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.items = new Array(initialCapacity);
  }

  get size(): number {
    return this.count + (this.hasFront ? 1 : 0);
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    if (this.hasFront) return this.frontTime;
    return this.count === 0 ? Infinity : this.times[0]!;
  }

  push(time: number, item: T): void {
    if (!Number.isFinite(time)) throw new Error(`event time must be finite, got ${time}`);
    if (this.size >= this.maxSize) throw new Error(`event queue exceeded ${this.maxSize} pending events: a runaway simulation`);
    const seq = this.nextSeq++;
    // A later sequence never comes first at an equal time: only an earlier time takes the front.
    if (this.hasFront) {
      if (time >= this.frontTime) return this.heapPush(time, seq, item);
      this.heapPush(this.frontTime, this.frontSeq, this.frontItem!);
    } else if (this.count > 0 && time >= this.times[0]!) {
      return this.heapPush(time, seq, item);
    }
    this.hasFront = true;
    this.frontTime = time;
    this.frontSeq = seq;
    this.frontItem = item;
  }

  private heapPush(time: number, seq: number, item: T): void {
    if (this.count === this.times.length) this.grow();
    let i = this.count++;
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Removes and returns the earliest event's payload; call peekTime() first for its time. */
  pop(): T | undefined {
    if (this.hasFront) {
      const item = this.frontItem;
      this.hasFront = false;
      this.frontItem = undefined;
      return item;
    }
    if (this.count === 0) return undefined;
    const items = this.items;
    const top = items[0];
    const last = --this.count;
    if (last > 0) this.siftDown(this.times[last]!, this.seqs[last]!, items[last]);
    items[last] = undefined;
    return top;
  }

  private siftDown(time: number, seq: number, item: T | undefined): void {
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    const n = this.count;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n) {
        const ct = times[child]!;
        const rt = times[right]!;
        if (rt < ct || (rt === ct && seqs[right]! < seqs[child]!)) child = right;
      }
      const ct = times[child]!;
      if (time < ct || (time === ct && seq < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      items[i] = items[child];
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    if (capacity > this.maxSize) {
      throw new Error(`event queue exceeded ${this.maxSize} pending events: a runaway simulation`);
    }
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
    this.items.length = capacity;
  }
}
