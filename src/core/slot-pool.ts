import type { Pod, TrackedPod } from './pod-book.js';

/**
 * A pool of slots shared by deployments, and its queue of Pending pods, first come first
 * served. A pod leaves the queue from anywhere (scaled away while Pending) at no cost: it is
 * only marked, and passed over when the queue reaches it.
 */
export class SlotPool {
  used = 0;
  private queue: TrackedPod[] = [];
  private head = 0;
  private queued = 0;

  constructor(
    readonly id: string,
    readonly slots: number,
  ) {}

  get free(): boolean {
    return this.used < this.slots;
  }

  /** Pods waiting for a slot, first come first. */
  get waiting(): readonly Pod[] {
    return this.queue.slice(this.head).filter((p) => p.queued);
  }

  get waitingCount(): number {
    return this.queued;
  }

  enqueue(pod: TrackedPod): void {
    pod.queued = true;
    this.queued++;
    this.queue.push(pod);
  }

  /** Takes a pod out of the queue wherever it is. */
  leave(pod: TrackedPod): void {
    if (!pod.queued) return;
    pod.queued = false;
    this.queued--;
    if (this.queued === 0) this.reset();
    else if (this.queue.length - this.head > 2 * this.queued + 64) this.compact();
  }

  /** The pod waiting longest, out of the queue; undefined when none waits. */
  next(): TrackedPod | undefined {
    while (this.head < this.queue.length) {
      const pod = this.queue[this.head++]!;
      if (!pod.queued) continue;
      pod.queued = false;
      this.queued--;
      if (this.queued === 0) this.reset();
      else if (this.head > 64 && this.head * 2 > this.queue.length) this.compact();
      return pod;
    }
    return undefined;
  }

  private reset(): void {
    this.queue = [];
    this.head = 0;
  }

  private compact(): void {
    this.queue = this.queue.slice(this.head).filter((p) => p.queued);
    this.head = 0;
  }
}
