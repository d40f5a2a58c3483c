/**
 * Work done in steps: a generator stops (yields) whenever it may, and the caller
 * decides whether to go on or give a page's main thread back first.
 */

/** Runs a step-wise computation to its end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
