/**
 * The background's one queue of engine work: jobs in the order asked, a newer scan or a
 * closed tab cancelling its work, and a tab's budget that makes a page rescanning
 * without end wait while the other tabs are served. Time is a counter the steps move on
 * (no timers measured).
 */
import { describe, expect, it } from 'vitest';
import { Cancelled, Scheduler } from './scheduler.ts';

/** A clock the jobs' steps move forward, and a wait that moves it too. */
function clock() {
  let t = 0;
  return {
    now: () => t,
    advance: (ms: number) => (t += ms),
    wait: async (ms: number) => {
      t += ms;
      await Promise.resolve();
    },
  };
}

/** A job of `steps` steps of `ms` each that records when it ran. */
function* work(name: string, steps: number, ms: number, c: ReturnType<typeof clock>, log: string[]): Generator<void, string> {
  for (let i = 0; i < steps; i++) {
    c.advance(ms);
    log.push(name);
    yield;
  }
  return name;
}

describe('the background’s queue of engine work', () => {
  it('runs the jobs to their end in the order they were asked for, ten tabs at once', async () => {
    const c = clock();
    const s = new Scheduler({ now: c.now, wait: c.wait, sliceMs: 20 });
    const log: string[] = [];
    const done: string[] = [];
    const jobs = Array.from({ length: 10 }, (_, i) => s.run(`${i}:0`, work(`t${i}`, 5, 10, c, log)).then((v) => done.push(v)));
    await Promise.all(jobs);
    expect(done).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']);
    // one job at a time: no tab's steps interleave with another's
    expect(log.join(',')).toBe(Array.from({ length: 10 }, (_, i) => Array(5).fill(`t${i}`).join(',')).join(','));
  });

  it('a cancelled job rejects with the reason and runs no further step; the others go on', async () => {
    const c = clock();
    const s = new Scheduler({ now: c.now, wait: c.wait, sliceMs: 20 });
    const log: string[] = [];
    const a = s.run('1:0', work('a', 10, 10, c, log));
    const b = s.run('2:0', work('b', 2, 10, c, log));
    await Promise.resolve();
    s.cancel((o) => o.startsWith('1:'), 'the tab closed');
    await expect(a).rejects.toEqual(new Cancelled('the tab closed'));
    expect(await b).toBe('b');
    expect(log.filter((x) => x === 'a').length).toBeLessThan(10);
    expect(s.pending).toBe(0);
  });

  it('a job that throws rejects; the queue goes on', async () => {
    const c = clock();
    const s = new Scheduler({ now: c.now, wait: c.wait });
    const bad = s.run(
      '1:0',
      (function* (): Generator<void, string> {
        yield;
        throw new Error('odd page');
      })(),
    );
    const good = s.run('2:0', work('ok', 1, 1, c, []));
    await expect(bad).rejects.toThrow('odd page');
    expect(await good).toBe('ok');
  });

  it('a tab past its budget waits while the other tabs are served, and is served again as it refills', async () => {
    const c = clock();
    const s = new Scheduler({ now: c.now, wait: c.wait, sliceMs: 20, budget: { capacityMs: 100, refillPerMs: 0.1 } });
    const log: string[] = [];
    // a page that asks for 1,000 ms of work, and a quiet tab asking after it
    let flooded = false;
    const flood = s.run('1:0', work('flood', 100, 10, c, log), '1').then(() => (flooded = true));
    const quiet = s.run('2:0', work('quiet', 3, 10, c, log), '2');
    await quiet;
    // the quiet tab did not wait for the flood to finish: it ran once the flood's budget was spent
    expect(flooded).toBe(false);
    expect(log.indexOf('quiet')).toBeLessThanOrEqual(12);
    const start = c.now();
    await flood;
    // 1,000 ms of work at 10 % of the clock beyond the first 100 ms: the flood is held to its budget
    expect(c.now() - start).toBeGreaterThanOrEqual(((1000 - 100) / 0.1) * 0.9);
  });
});
