/**
 * The background's one queue of engine work, for every tab. Jobs run one at a time in
 * the order they were asked for, step by step, giving the background's thread back
 * every SLICE_MS so that new messages (a newer scan, a closed tab) are heard between
 * steps. Each tab has a budget of engine time that refills at a fixed rate: a page
 * that rescans without end (a flood of mutations, forged messages) waits for its
 * budget while the other tabs' jobs run, so it cannot make the background work
 * without bound.
 */

export interface Budget {
  /** engine milliseconds a tab may spend at once */
  capacityMs: number;
  /** milliseconds of budget given back per millisecond of wall time */
  refillPerMs: number;
}

export interface SchedulerOptions {
  sliceMs?: number;
  budget?: Budget;
  now?: () => number;
  /** gives the thread back; resolves after `ms` (0: as soon as other events have run) */
  wait?: (ms: number) => Promise<void>;
}

/** The default: up to 4 s of engine time at once, then a quarter of one core per tab. */
export const DEFAULT_BUDGET: Budget = { capacityMs: 4000, refillPerMs: 0.25 };
const SLICE_MS = 20;

/** A job was cancelled: a newer scan of the tab, the tab closed or left its page. */
export class Cancelled extends Error {
  constructor(reason: string) {
    super(`cancelled: ${reason}`);
  }
}

interface Job {
  owner: string;
  /** whose budget pays: the tab */
  payer: string;
  steps: Generator<void, unknown>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

interface Account {
  tokens: number;
  at: number;
}

export class Scheduler {
  private queue: Job[] = [];
  private running = false;
  private accounts = new Map<string, Account>();
  private readonly sliceMs: number;
  private readonly budget: Budget;
  private readonly now: () => number;
  private readonly wait: (ms: number) => Promise<void>;

  constructor(o: SchedulerOptions = {}) {
    this.sliceMs = o.sliceMs ?? SLICE_MS;
    this.budget = o.budget ?? DEFAULT_BUDGET;
    this.now = o.now ?? (() => performance.now());
    this.wait = o.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Runs `steps` to their end for `owner` (a tab, or a frame of one), after the jobs asked for before. */
  run<T>(owner: string, steps: Generator<void, T>, payer = owner): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ owner, payer, steps, resolve: resolve as (v: unknown) => void, reject });
      void this.drain();
    });
  }

  /** Cancels every job of owners `match` accepts (queued or running); they reject with Cancelled. */
  cancel(match: (owner: string) => boolean, reason: string): void {
    const keep: Job[] = [];
    for (const job of this.queue) {
      if (!match(job.owner)) {
        keep.push(job);
        continue;
      }
      job.steps.return(undefined);
      job.reject(new Cancelled(reason));
    }
    this.queue = keep;
  }

  /** Forgets a payer's budget (its tab closed). */
  forget(payer: string): void {
    this.accounts.delete(payer);
  }

  /** Jobs waiting or running: for tests. */
  get pending(): number {
    return this.queue.length;
  }

  private account(owner: string): Account {
    const now = this.now();
    let a = this.accounts.get(owner);
    if (!a) this.accounts.set(owner, (a = { tokens: this.budget.capacityMs, at: now }));
    a.tokens = Math.min(this.budget.capacityMs, a.tokens + (now - a.at) * this.budget.refillPerMs);
    a.at = now;
    return a;
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        // the first job, in the order asked, whose tab has budget left
        const job = this.queue.find((j) => this.account(j.payer).tokens > 0);
        if (!job) {
          const short = Math.min(...this.queue.map((j) => -this.account(j.payer).tokens));
          await this.wait(Math.max(1, Math.ceil(short / this.budget.refillPerMs)));
          continue;
        }
        this.slice(job);
        await this.wait(0);
      }
    } finally {
      this.running = false;
    }
  }

  /** Runs one job for up to sliceMs, charges its tab, and settles it when done or failed. */
  private slice(job: Job): void {
    const start = this.now();
    let done = false;
    try {
      for (;;) {
        const r = job.steps.next();
        if (r.done) {
          done = true;
          job.resolve(r.value);
          break;
        }
        if (this.now() - start >= this.sliceMs) break;
      }
    } catch (e) {
      done = true;
      job.reject(e);
    }
    this.account(job.payer).tokens -= this.now() - start;
    if (done) this.queue.splice(this.queue.indexOf(job), 1);
  }
}
