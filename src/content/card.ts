/**
 * The hover card: who said it, their role, the stance and why, and how the words
 * compare with the seed. One <stance-lens-ui> host with a closed shadow root, so page
 * CSS cannot reach it and it cannot reach the page; every string is set as text.
 */
import type { Evidence, Report, Statement } from '../engine/types.ts';
import { STANCE_GLYPH } from '../vocab/vocab.ts';

const CSS = `
:host { all: initial; }
.card { position: fixed; z-index: 2147483647; max-width: 360px; box-sizing: border-box; padding: 10px 12px;
  font: 13px/1.4 system-ui, sans-serif; color: #111; background: #fff; border: 1px solid #888; border-radius: 6px;
  box-shadow: 0 4px 16px rgba(0,0,0,.2); pointer-events: none; }
.card[hidden] { display: none; }
.who { font-weight: 600; }
.role { color: #444; }
.stance { margin-top: 4px; font-weight: 600; }
.why { margin: 4px 0 0; padding-left: 16px; }
.seed { margin-top: 4px; color: #333; }
del { color: #a00; } ins { color: #060; text-decoration: underline; }
@media (prefers-color-scheme: dark) {
  .card { color: #eee; background: #222; border-color: #777; }
  .role, .seed { color: #ccc; } del { color: #f88; } ins { color: #8f8; }
}`;

/**
 * One piece of evidence as a line of the card, by kind: the one place the card renders
 * a kind (a new kind is a new case; the compiler points here until it has one).
 */
export function evidenceLine(ev: Evidence): string {
  switch (ev.kind) {
    case 'seed-quote':
      return `Seed quote: ${ev.reason}`;
    case 'cue':
      return `“${ev.match}” → ${ev.stance}: ${ev.reason}`;
    case 'model': {
      const words = ev.terms.map((w) => `“${w.text}” → ${w.toward === 'none' ? 'not about the war' : w.toward} ${w.weight.toFixed(2)}`);
      const head = ev.abstained
        ? `Stance model leans ${ev.stance === 'none' ? 'not about the war' : ev.stance} (${Math.round(ev.probability * 100)} %; it needs ${Math.round(ev.threshold * 100)} % to decide alone)`
        : `Stance model: ${ev.stance === 'none' ? 'not about the war' : ev.stance} (${Math.round(ev.probability * 100)} %)`;
      return words.length ? `${head}: ${words.join(', ')}` : head;
    }
    default:
      return unknownKind(ev);
  }
}

function unknownKind(ev: never): string {
  void ev;
  return '';
}

export class Card {
  private host: HTMLElement | null = null;
  private box: HTMLElement | null = null;

  constructor(private doc: Document) {}

  private ensure(): HTMLElement {
    if (this.box) return this.box;
    const host = this.doc.createElement('stance-lens-ui');
    host.setAttribute('data-stance-lens-ui', '');
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = this.doc.createElement('style');
    style.textContent = CSS;
    const box = this.doc.createElement('div');
    box.className = 'card';
    box.setAttribute('role', 'tooltip');
    box.hidden = true;
    shadow.append(style, box);
    this.doc.documentElement.appendChild(host);
    this.host = host;
    this.box = box;
    return box;
  }

  show(st: Statement, report: Report, rect: DOMRect): void {
    const box = this.ensure();
    box.replaceChildren();
    const el = (tag: string, cls: string, text: string) => {
      const e = this.doc.createElement(tag);
      if (cls) e.className = cls;
      e.textContent = text;
      return e;
    };
    const speaker = report.speakers.find((s) => s.id === st.speaker);
    box.append(el('div', 'who', speaker ? speaker.name + (speaker.inLexicon ? '' : ' (not in lexicon)') : 'Unattributed'));
    if (speaker?.role) box.append(el('div', 'role', speaker.role));
    box.append(el('div', 'stance', `${STANCE_GLYPH[st.stance]} ${st.stance} · confidence ${Math.round(st.confidence * 100)}%`));
    const why = this.doc.createElement('ul');
    why.className = 'why';
    for (const ev of st.evidence.slice(0, 4)) {
      why.append(el('li', '', evidenceLine(ev)));
    }
    if (st.evidence.length === 0) why.append(el('li', '', 'No cue phrase from the lexicon: stance unknown.'));
    if (st.attributionNote) why.append(el('li', '', `Speaker: ${st.attributionNote}`));
    box.append(why);
    const seed = this.doc.createElement('div');
    seed.className = 'seed';
    seed.textContent = st.seedMatch === 'none' ? 'Not a seed quote.' : `Seed match: ${st.seedMatch}`;
    for (const f of st.flags) {
      if (f.kind === 'altered-quote' && f.diff) {
        // a changed quotation is a warning; another translation or a paraphrase is for information
        seed.append(f.severity === 'warning' ? ' — quotation changed (warning): ' : f.severity === 'info' ? ' — another wording (for information): ' : ' — ');
        for (const part of f.diff) {
          seed.append(part.op === 'same' ? `${part.text} ` : el(part.op === 'added' ? 'ins' : 'del', '', part.text), ' ');
        }
      } else if (f.kind === 'misattributed') seed.append(` — ${f.message}`);
    }
    box.append(seed);
    // for a flag: the seed's sentence, to compare in one look (the page's attribution words are in the misattribution's message)
    const flagged = st.flags.find((f) => f.seedText && (f.kind === 'misattributed' || f.severity === 'warning'));
    if (flagged?.seedText) box.append(el('div', 'seed-text', `In the seed: “${flagged.seedText}”`));
    box.hidden = false;
    const view = this.doc.defaultView!;
    const top = rect.bottom + 8 + 200 < view.innerHeight ? rect.bottom + 8 : Math.max(8, rect.top - 8 - 200);
    box.style.top = `${Math.round(top)}px`;
    box.style.left = `${Math.round(Math.min(Math.max(8, rect.left), view.innerWidth - 370))}px`;
  }

  hide(): void {
    if (this.box) this.box.hidden = true;
  }

  destroy(): void {
    this.host?.remove();
    this.host = null;
    this.box = null;
  }
}
