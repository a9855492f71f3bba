/**
 * Forge stops a resolver invocation after 25 seconds. One deadline, started when the invocation
 * starts, bounds everything in it: authorisation, the engine's Jira calls, and saving the history.
 */
export const INVOCATION_BUDGET_MS = 22_000;
/** Kept back from the engine for saving the history entry and answering. */
export const SAVE_RESERVE_MS = 2_000;

export class Deadline {
  private constructor(
    readonly at: number,
    private readonly now: () => number,
  ) {}

  static start(budgetMs: number, now: () => number = Date.now): Deadline {
    return new Deadline(now() + budgetMs, now);
  }

  /** Milliseconds left, less `reserveMs`; never negative. */
  remainingMs(reserveMs = 0): number {
    return Math.max(0, this.at - reserveMs - this.now());
  }

  /** Aborts when the deadline (less `reserveMs`) passes. */
  signal(reserveMs = 0): AbortSignal {
    return AbortSignal.timeout(this.remainingMs(reserveMs));
  }

  /**
   * Settles with `work`, or rejects with DeadlineExceeded when the deadline (less `reserveMs`)
   * passes first: for calls whose HTTP stack may not honour an abort signal.
   */
  race<T>(work: Promise<T>, reserveMs = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new DeadlineExceeded()), this.remainingMs(reserveMs));
      work.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }
}

export class DeadlineExceeded extends Error {
  constructor() {
    super('The invocation deadline passed.');
    this.name = 'DeadlineExceeded';
  }
}
