// A budget of requests in flight shared by several readers (lib/mirror's sync reads several
// day windows at once, each with its own reader): a request waits for a free slot, first
// come first served, and gives it back when its answer (or failure) is in. A reader busy
// writing what it read holds no slot, so the others' requests keep the budget full. Readers
// may also take slots nobody waits for (`idle`, `onFree`): at the end of a sync, when fewer
// windows are left than slots, the last ones are read with several requests each.

export class RequestSlots {
  private free: number;
  private readonly queue: { grant: () => void; fail: (reason: unknown) => void }[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError("size must be 1 or more");
    this.free = size;
  }

  /** Runs `request` in a slot; an abort while waiting for one rejects without running it. */
  async run<T>(signal: AbortSignal | undefined, request: () => Promise<T>): Promise<T> {
    await this.acquire(signal);
    try {
      return await request();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.free > 0 && this.queue.length === 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        fail: reject,
      };
      const onAbort = () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(entry);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) return next.grant();
    this.free += 1;
    for (const listener of [...this.listeners]) listener();
  }

  /** A slot is free and nobody waits for one: a request started now runs at once. */
  get idle(): boolean {
    return this.free > 0 && this.queue.length === 0;
  }

  /** Calls `listener` each time a slot becomes idle; returns the unsubscribe function. */
  onFree(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Slots in use now (for tests). */
  get inUse(): number {
    return this.size - this.free;
  }
}
