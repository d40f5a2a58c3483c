// @vitest-environment happy-dom
/**
 * The hover card as a reader sees it: who said it (and whether the lexicon knows
 * them), the stance as glyph and word, why (the evidence), how the words compare with
 * the seed; every string from the page or the lexicon set as text, never as markup;
 * and a closed shadow root the page cannot reach.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyze } from '../engine/analyze.ts';
import type { Report, Speaker, Statement } from '../engine/types.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { Card, evidenceLine } from './card.ts';

const speaker = (over: Partial<Speaker> = {}): Speaker => ({
  id: 'kallas',
  name: 'Kaja Kallas',
  inLexicon: true,
  role: 'EU foreign policy chief',
  mentions: [],
  stance: { 'pro-ukraine': 1, 'contra-ukraine': 0, neutral: 0, unknown: 0 },
  overall: 'pro-ukraine',
  ...over,
});

const statement = (over: Partial<Statement> = {}): Statement => ({
  text: 'Russia is the aggressor',
  kind: 'direct',
  speaker: 'kallas',
  attribution: 'explicit',
  stance: 'pro-ukraine',
  confidence: 0.8,
  evidence: [
    {
      kind: 'cue',
      cueId: 'pro-aggressor',
      match: 'Russia is the aggressor',
      stance: 'pro-ukraine',
      weight: 1,
      reason: 'Names Russia as the aggressor.',
      negated: false,
    },
  ],
  seedMatch: 'none',
  flags: [],
  start: 0,
  end: 23,
  ...over,
});

/** A report as the engine makes them (whatever else it carries), with these speakers and statements. */
const empty = analyze('', bundledLexicon, { source: 'https://news.example/a' });
const report = (speakers: Speaker[] = [speaker()], statements: Statement[] = [statement()]): Report => ({ ...empty, speakers, statements });

const rect = (over: Partial<DOMRect> = {}): DOMRect =>
  ({ top: 100, bottom: 120, left: 50, right: 250, width: 200, height: 20, x: 50, y: 100, toJSON: () => ({}), ...over }) as DOMRect;

/** The card's shadow roots, as the card created them (closed: the page gets null from host.shadowRoot). */
let roots: ShadowRoot[];
let card: Card;
beforeEach(() => {
  roots = [];
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
  card = new Card(document);
});
afterEach(() => {
  card.destroy();
  vi.restoreAllMocks();
});

const box = (): HTMLElement => roots[0]!.querySelector<HTMLElement>('.card')!;
const text = (sel: string): string | null | undefined => roots[0]!.querySelector(sel)?.textContent;
const lines = (): string[] => [...roots[0]!.querySelectorAll('.why li')].map((li) => li.textContent ?? '');

describe('the hover card', () => {
  it('shows the speaker, their role, the stance as glyph and word with the confidence, and why', () => {
    card.show(statement(), report(), rect());
    expect(box().hidden).toBe(false);
    expect(box().getAttribute('role')).toBe('tooltip');
    expect(text('.who')).toBe('Kaja Kallas');
    expect(text('.role')).toBe('EU foreign policy chief');
    expect(text('.stance')).toBe('▲ pro-ukraine · confidence 80%');
    expect(lines()).toEqual(['“Russia is the aggressor” → pro-ukraine: Names Russia as the aggressor.']);
    expect(text('.seed')).toBe('Not a seed quote.');
  });

  it('each stance has its own glyph', () => {
    for (const [stance, glyph] of [
      ['pro-ukraine', '▲'],
      ['contra-ukraine', '▼'],
      ['neutral', '●'],
      ['unknown', '?'],
    ] as const) {
      card.show(statement({ stance, evidence: [] }), report(), rect());
      expect(text('.stance')).toBe(`${glyph} ${stance} · confidence 80%`);
    }
  });

  it('says when the lexicon does not know the speaker, and when no one could be found', () => {
    card.show(
      statement({ speaker: 'page:maria' }),
      report([speaker({ id: 'page:maria', name: 'Maria Smolenska', inLexicon: false, role: undefined })]),
      rect(),
    );
    expect(text('.who')).toBe('Maria Smolenska (not in lexicon)');
    expect(roots[0]!.querySelector('.role')).toBeNull();

    card.show(statement({ speaker: null, attributionNote: 'no speech verb near the quote' }), report(), rect());
    expect(text('.who')).toBe('Unattributed');
    expect(lines().at(-1)).toBe('Speaker: no speech verb near the quote');
  });

  it('lists seed-quote and cue evidence (four at most), or says there is none', () => {
    const cue = (n: number) => ({
      kind: 'cue' as const,
      cueId: `c${n}`,
      match: `cue ${n}`,
      stance: 'contra-ukraine' as const,
      weight: 1,
      reason: `reason ${n}`,
      negated: false,
    });
    const seed = {
      kind: 'seed-quote' as const,
      quoteId: 'q-1',
      seedText: 'We stand with Ukraine',
      seedSpeaker: 'kallas',
      reason: 'Commits to Ukraine.',
      similarity: 1,
    };
    card.show(statement({ evidence: [seed, cue(1), cue(2), cue(3), cue(4)] }), report(), rect());
    expect(lines()).toEqual([
      'Seed quote: Commits to Ukraine.',
      '“cue 1” → contra-ukraine: reason 1',
      '“cue 2” → contra-ukraine: reason 2',
      '“cue 3” → contra-ukraine: reason 3',
    ]);

    card.show(statement({ evidence: [], stance: 'unknown' }), report(), rect());
    expect(lines()).toEqual(['No cue phrase from the lexicon: stance unknown.']);
  });

  it('shows how the words differ from the seed (<del>/<ins>), and a misattribution', () => {
    const altered = statement({
      seedMatch: 'altered',
      flags: [
        {
          kind: 'altered-quote',
          severity: 'warning',
          message: 'differs',
          quoteId: 'q-1',
          seedText: 'In any negotiation',
          diff: [
            { op: 'same', text: 'In' },
            { op: 'removed', text: 'any' },
            { op: 'added', text: 'every' },
            { op: 'same', text: 'negotiation' },
          ],
        },
        { kind: 'misattributed', message: 'In the seed this is said by Landsbergis.', quoteId: 'q-1', seedSpeaker: 'landsbergis' },
      ],
    });
    card.show(altered, report(), rect());
    const seed = roots[0]!.querySelector('.seed')!;
    expect([...seed.querySelectorAll('del')].map((d) => d.textContent)).toEqual(['any']);
    expect([...seed.querySelectorAll('ins')].map((d) => d.textContent)).toEqual(['every']);
    expect(seed.textContent?.replace(/\s+/g, ' ')).toBe(
      'Seed match: altered — quotation changed (warning): In any every negotiation — In the seed this is said by Landsbergis.',
    );
    expect(text('.seed-text')).toBe('In the seed: “In any negotiation”');

    card.show(statement({ seedMatch: 'verbatim' }), report(), rect());
    expect(text('.seed')).toBe('Seed match: verbatim');
  });

  it('sets page and lexicon text as text, never as markup', () => {
    const evil = '<img src=x onerror="alert(1)"><b>bold</b>';
    const st = statement({
      speaker: 'page:x',
      attributionNote: evil,
      evidence: [{ kind: 'cue', cueId: 'c', match: evil, stance: 'pro-ukraine', weight: 1, reason: evil, negated: false }],
      seedMatch: 'altered',
      flags: [{ kind: 'altered-quote', message: evil, quoteId: 'q', diff: [{ op: 'added', text: evil }] }],
    });
    card.show(st, report([speaker({ id: 'page:x', name: evil, role: evil })]), rect());
    expect(roots[0]!.querySelector('img, b, script')).toBeNull();
    expect(text('.who')).toBe(evil);
    expect(text('.role')).toBe(evil);
    expect(lines()).toEqual([`“${evil}” → pro-ukraine: ${evil}`, `Speaker: ${evil}`]);
    expect(roots[0]!.querySelector('ins')?.textContent).toBe(evil);
  });

  it('lives in one closed shadow root: the page sees a host element and nothing inside it', () => {
    card.show(statement(), report(), rect());
    card.show(statement({ text: 'again' }), report(), rect());
    const hosts = document.querySelectorAll('stance-lens-ui');
    expect(hosts).toHaveLength(1);
    expect(roots).toHaveLength(1);
    expect(hosts[0]!.shadowRoot).toBeNull();
    expect(hosts[0]!.hasAttribute('data-stance-lens-ui')).toBe(true);
    expect(document.querySelector('.card')).toBeNull();
  });

  it('hide() hides it, destroy() removes it from the page', () => {
    card.hide(); // before anything was shown: nothing to hide, no host created
    expect(document.querySelector('stance-lens-ui')).toBeNull();
    card.show(statement(), report(), rect());
    card.hide();
    expect(box().hidden).toBe(true);
    card.destroy();
    expect(document.querySelector('stance-lens-ui')).toBeNull();
    card.show(statement(), report(), rect());
    expect(document.querySelectorAll('stance-lens-ui')).toHaveLength(1);
  });

  it('opens below the statement when there is room, above it near the bottom, and stays inside the window', () => {
    card.show(statement(), report(), rect({ top: 100, bottom: 120, left: 50 }));
    expect(box().style.top).toBe('128px');
    expect(box().style.left).toBe('50px');
    const h = window.innerHeight;
    card.show(statement(), report(), rect({ top: h - 40, bottom: h - 20, left: -30 }));
    expect(box().style.top).toBe(`${h - 40 - 8 - 200}px`);
    expect(box().style.left).toBe('8px');
    card.show(statement(), report(), rect({ left: window.innerWidth }));
    expect(box().style.left).toBe(`${window.innerWidth - 370}px`);
  });
});

describe('the card’s evidence lines', () => {
  it('a model label reads as the model’s decision and the words behind it, with direction and weight', () => {
    const ev = {
      kind: 'model' as const,
      modelId: 'stance-lr',
      stance: 'contra-ukraine' as const,
      probability: 0.91,
      threshold: 0.76,
      abstained: false,
      terms: [
        { text: 'illusionary goal', toward: 'contra-ukraine' as const, weight: 1.2 },
        { text: 'borders', toward: 'pro-ukraine' as const, weight: 0.3 },
      ],
      reason: 'r',
    };
    expect(evidenceLine(ev)).toBe('Stance model: contra-ukraine (91 %): “illusionary goal” → contra-ukraine 1.20, “borders” → pro-ukraine 0.30');
    expect(evidenceLine({ ...ev, abstained: true, stance: 'none', terms: [] })).toBe(
      'Stance model leans not about the war (91 %; it needs 76 % to decide alone)',
    );
  });
});
