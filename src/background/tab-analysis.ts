/**
 * The background's side of a scan: the page's text arrives from the tab's content
 * script in parts (content/analyze), is put together, analysed on the shared queue
 * (scheduler.ts) with the tab's slice cache, and the report goes back to the tab to be
 * painted. The report is the tab's once the tab says it painted it (content/painted).
 *
 * A scan is named by the tab, the frame and the content script's sequence number: a
 * newer scan cancels the older one; a tab that closes, loads another document or is
 * switched off cancels its work. A background that restarted mid-scan has lost the
 * parts: it asks for the text again from the first part, so the tab's scan restarts.
 */
import type { Report } from '../engine/types.ts';
import { MAX_PAGE_CHARS, type AnalyzeReply, type Req, type ContentToBackgroundCalls } from '../messages.ts';
import { analyzePageSteps, SliceCache, type Engine } from './analysis.ts';
import { Cancelled, type Scheduler } from './scheduler.ts';

type Part = Req<ContentToBackgroundCalls, 'content/analyze'>;

interface Intake {
  seq: number;
  url: string;
  parts: number;
  got: string[];
  chars: number;
  /** why it was cancelled while the engine was being prepared */
  cancelled?: string;
}

const ownerOf = (tabId: number, frameId: number): string => `${tabId}:${frameId}`;
const ofTab = (tabId: number) => (owner: string) => owner.startsWith(`${tabId}:`);

export class TabAnalyses {
  private intake = new Map<string, Intake>();
  private caches = new Map<string, SliceCache>();
  private delivered = new Map<string, { seq: number; url: string; report: Report }>();

  constructor(
    private scheduler: Scheduler,
    /** the engine in use (prepared once, again after the settings changed) */
    private engine: () => Promise<Engine>,
  ) {}

  /** One part of a scan's text: the part wanted next, or after the last one the report. */
  async part(tabId: number, frameId: number, msg: Part): Promise<AnalyzeReply> {
    const owner = ownerOf(tabId, frameId);
    let cur = this.intake.get(owner);
    if (cur && msg.seq < cur.seq) throw new Cancelled('a newer scan of the page');
    if (!cur || msg.seq > cur.seq) {
      // a background that restarted has no parts yet: the text again, from the start
      if (msg.part !== 0) return { next: 0 };
      this.scheduler.cancel((o) => o === owner, 'a newer scan of the page');
      if (cur) cur.cancelled = 'a newer scan of the page';
      cur = { seq: msg.seq, url: msg.url, parts: msg.parts, got: [], chars: 0 };
      this.intake.set(owner, cur);
    }
    if (msg.parts !== cur.parts || msg.url !== cur.url) throw new Error('the parts of this scan do not belong together');
    if (msg.part !== cur.got.length) return { next: cur.got.length };
    cur.got.push(msg.text);
    cur.chars += msg.text.length;
    if (cur.chars > MAX_PAGE_CHARS) {
      cur.got = [];
      throw new Error(`the page has more than ${MAX_PAGE_CHARS.toLocaleString('en')} characters of text; Stance Lens reads pages up to that size`);
    }
    if (cur.got.length < cur.parts) return { next: cur.got.length };
    const text = cur.got.join('');
    cur.got = [];
    const engine = await this.engine();
    if (cur.cancelled) throw new Cancelled(cur.cancelled);
    let cache = this.caches.get(owner);
    if (!cache) this.caches.set(owner, (cache = new SliceCache()));
    const { report, analysed } = await this.scheduler.run(owner, analyzePageSteps(text, msg.url, engine, cache), String(tabId));
    this.delivered.set(owner, { seq: msg.seq, url: msg.url, report });
    return { report, analysed };
  }

  /** The report of scan `seq`, now painted in the tab; null when it is not known (a restarted background). */
  painted(tabId: number, frameId: number, seq: number): { url: string; report: Report } | null {
    const d = this.delivered.get(ownerOf(tabId, frameId));
    return d && d.seq === seq ? { url: d.url, report: d.report } : null;
  }

  /**
   * The tab left its page (closed: `closed`, another document, or highlights off):
   * its work is cancelled and its parts dropped; the slice cache goes with the page.
   */
  drop(tabId: number, reason: string, closed = false): void {
    this.scheduler.cancel(ofTab(tabId), reason);
    for (const [owner, intake] of this.intake) if (ofTab(tabId)(owner)) intake.cancelled = reason;
    for (const map of [this.intake, this.caches, this.delivered]) for (const owner of [...map.keys()]) if (ofTab(tabId)(owner)) map.delete(owner);
    if (closed) this.scheduler.forget(String(tabId));
  }
}
