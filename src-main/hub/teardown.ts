/**
 * What a hub or the desktop shell opened, released in one place: each thing is added with a name
 * as it is opened, and `run()` closes them in reverse order (last opened, first closed), each
 * once. A closer that fails is logged and the rest still run; nothing is thrown half-way. The
 * start-up's failure path and `close()` both call `run()`.
 */
export class Teardown {
  private readonly closers: { name: string; close: () => unknown }[] = [];
  private running: Promise<Error[]> | null = null;

  constructor(private readonly log: (line: string) => void) {}

  /** Registers a closer; after `run()` has begun, the thing is closed at once instead. */
  add(name: string, close: () => unknown): void {
    if (this.running) {
      void this.running.then(() => this.closeOne({ name, close }));
      return;
    }
    this.closers.push({ name, close });
  }

  /** Closes everything added, last first; resolves with the errors (already logged), never rejects. */
  run(): Promise<Error[]> {
    this.running ??= (async () => {
      const errors: Error[] = [];
      for (let closer = this.closers.pop(); closer; closer = this.closers.pop()) {
        const error = await this.closeOne(closer);
        if (error) errors.push(error);
      }
      return errors;
    })();
    return this.running;
  }

  private async closeOne(closer: { name: string; close: () => unknown }): Promise<Error | null> {
    try {
      await closer.close();
      return null;
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      this.log(`closing ${closer.name} failed: ${error.message}`);
      return error;
    }
  }
}
