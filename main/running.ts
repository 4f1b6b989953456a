import { AppError } from './errors';

/**
 * Work that runs under an id the caller chose (a question, a suggestion, an
 * indexing job), each cancellable on its own or all at once (at quit).
 */
export class Running {
  private readonly controllers = new Map<string, AbortController>();

  /** Registers work under `id` and gives its signal; `busy` is the German message when that id is running already. */
  begin(id: string, busy: string): AbortSignal {
    if (this.controllers.has(id)) throw new AppError('invalid_argument', busy);
    const controller = new AbortController();
    this.controllers.set(id, controller);
    return controller.signal;
  }

  end(id: string): void {
    this.controllers.delete(id);
  }

  /** Runs `work` registered under `id`, and forgets the id when it is done. */
  async run<T>(id: string, busy: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const signal = this.begin(id, busy);
    try {
      return await work(signal);
    } finally {
      this.end(id);
    }
  }

  /** Whether there was such work to cancel. */
  cancel(id: string): boolean {
    const controller = this.controllers.get(id);
    controller?.abort();
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.controllers.values()) controller.abort();
  }
}
