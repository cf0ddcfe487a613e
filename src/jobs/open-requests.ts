/**
 * Requests before jobs. Slack waits 3 s for an ack and a burst of /escalate is stored and acked on one event
 * loop; the jobs those acks queue (opening war-rooms) would otherwise start at once and share the loop with
 * the acks still to come. The HTTP server counts the requests it has not answered yet, and a job about to
 * start waits until none are open, for at most a bounded time, so steady traffic can only delay a job, not
 * starve it. Nothing is lost by waiting: the job is already stored and claimed.
 */

/** How long a job waits at most for the open requests to be answered. */
export const MAX_JOB_WAIT_MS = 200;

/** The requests this process is answering. */
export class OpenRequests {
  #open = 0;
  #idle: (() => void)[] = [];
  readonly #maxWaitMs: number;
  readonly #onBegin: (() => void) | undefined;

  /**
   * `maxWaitMs`: how long `idle()` waits at most (default MAX_JOB_WAIT_MS). `onBegin` runs as each request
   * begins, before it is handled: warroom settles the database answers that have come in meanwhile there.
   */
  constructor(maxWaitMs = MAX_JOB_WAIT_MS, onBegin?: () => void) {
    this.#maxWaitMs = maxWaitMs;
    this.#onBegin = onBegin;
  }

  /** Counts a request as open; call the returned function once it is answered (more calls do nothing). */
  begin(): () => void {
    this.#onBegin?.();
    this.#open++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#open--;
      if (this.#open === 0) for (const resolve of this.#idle.splice(0)) resolve();
    };
  }

  /** How many requests are open. */
  get open(): number {
    return this.#open;
  }

  /** Resolves once no request is open, or after `maxWaitMs`, whichever comes first. */
  idle(maxWaitMs = this.#maxWaitMs): Promise<void> {
    if (this.#open === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const at = this.#idle.indexOf(done);
        if (at >= 0) this.#idle.splice(at, 1);
        resolve();
      }, maxWaitMs);
      this.#idle.push(done);
    });
  }
}
