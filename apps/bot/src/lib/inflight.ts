// Tracks work in progress (interactions, gateway events) so a graceful shutdown can wait for it.
export class Inflight {
  private readonly running = new Set<Promise<unknown>>();
  accepting = true;

  get size(): number {
    return this.running.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => this.running.delete(work);
    work.then(done, done);
    return work;
  }

  /** Resolves once nothing tracked is running (work tracked meanwhile included); keeps accepting. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Resolves when everything tracked so far (and `also`) has settled, or after `timeoutMs`. */
  async drain(timeoutMs: number, also?: Promise<unknown>): Promise<boolean> {
    this.accepting = false;
    if (also) this.track(also);
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.running]),
        new Promise((r) => {
          timer = setTimeout(r, left);
        }),
      ]);
      clearTimeout(timer);
    }
    return true;
  }
}
