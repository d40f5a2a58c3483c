import { mkdtemp, readFile, rm, writeFile, access } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { compileLexicon } from './compile.ts';
import { formatProblems, type Problem } from './problems.ts';
import { stringifyCompiled } from './stringify.ts';
import type { CompiledLexicon, LexiconSource } from './types.ts';
import { foldString, words } from '../text/normalize.ts';
import { SEED_MENTIONED, SEED_NAME, SEED_SPEAKERS, SEED_TEXT } from '../../test/support/seed-article.ts';
import { buildLexiconFile, DEFAULT_OUT, DEFAULT_SOURCE, jsonErrorOffset, parseJson } from '../../scripts/build-lexicon.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_TEXT = readFileSync(join(ROOT, 'seeds', '000_9cad41e55c3eddb4.lexicon.json'), 'utf8');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'src', 'lexicon', 'lexicon.schema.json'), 'utf8')) as object;
const SEEDS = { [SEED_NAME]: SEED_TEXT };

/** A fresh, mutable copy of the seed annotation. */
function source(): LexiconSource {
  return JSON.parse(SOURCE_TEXT) as LexiconSource;
}

function compiled(): CompiledLexicon {
  const result = compileLexicon(source(), SEEDS, 'seed.lexicon.json');
  if (!result.ok) throw new Error(formatProblems(result.problems));
  return result.lexicon;
}

function problemsOf(src: unknown): Problem[] {
  const result = compileLexicon(src, SEEDS, 'test.lexicon.json');
  if (result.ok) throw new Error('expected the lexicon to be refused');
  return result.problems;
}

function actor(src: LexiconSource, id: string) {
  const a = src.actors.find((x) => x.id === id);
  if (!a) throw new Error(`no actor ${id}`);
  return a;
}

function statement(src: LexiconSource, id: string) {
  const s = src.statements.find((x) => x.id === id);
  if (!s) throw new Error(`no statement ${id}`);
  return s;
}

/** Which actors own an alias (after folding). */
function owners(lex: CompiledLexicon, alias: string): string[] {
  const f = foldString(alias);
  return lex.actors.filter((a) => a.aliases.some((x) => x.folded === f)).map((a) => a.id);
}

describe('the bundled seed lexicon', () => {
  it('is the fresh compile of the seed annotation (run `npm run lexicon` after editing it)', async () => {
    const committed = readFileSync(join(ROOT, 'src', 'lexicon', 'seed.lexicon.json'), 'utf8');
    expect(committed).toBe(stringifyCompiled(compiled()));
    const built = await buildLexiconFile(DEFAULT_SOURCE, { out: DEFAULT_OUT, write: false });
    expect(built.ok).toBe(true);
    if (built.ok) expect(built.json).toBe(committed);
  });

  it('compiles without problems or warnings, deterministically', () => {
    const a = compileLexicon(source(), SEEDS);
    const b = compileLexicon(JSON.parse(JSON.stringify(source())), { ...SEEDS });
    expect(a.ok && a.warnings).toEqual([]);
    expect(a.ok && b.ok && stringifyCompiled(a.lexicon) === stringifyCompiled(b.lexicon)).toBe(true);
    if (a.ok) expect(JSON.parse(stringifyCompiled(a.lexicon))).toEqual(a.lexicon);
  });

  it('has every speaker of the seed and the people it mentions', () => {
    const ids = compiled().actors.map((a) => a.id);
    for (const id of [...SEED_SPEAKERS, ...SEED_MENTIONED]) expect(ids).toContain(id);
    const lex = compiled();
    const kallas = lex.actors.find((a) => a.id === 'kallas')!;
    expect(kallas.pronoun).toBe('she');
    const group = lex.actors.find((a) => a.id === 'european-joint-statement')!;
    expect(group).toMatchObject({ kind: 'group', pronoun: 'they' });
    expect(group.members).toEqual(['France', 'Germany', 'Italy', 'Poland', 'the UK', 'Spain', 'the European Union']);
    // every quoted speaker has at least one statement
    const speakers = new Set(lex.statements.map((s) => s.speaker));
    for (const id of SEED_SPEAKERS) expect(speakers).toContain(id);
  });

  it('gives the aliases readers rely on to the right actors', () => {
    const lex = compiled();
    for (const alias of ['Zelensky', 'Zelenskyy', 'Zelenskiy', 'Zelenskii', 'Volodimir Zelensky', 'the Ukrainian leader', "Zelensky's office"]) {
      expect(owners(lex, alias), alias).toEqual(['zelenskiy']);
    }
    expect(owners(lex, 'the Pentagon chief')).toEqual(['hegseth']);
    expect(owners(lex, 'Defence Secretary Pete Hegseth')).toEqual(['hegseth']);
    expect(owners(lex, 'Dmitri Peskov')).toEqual(['peskov']);
    expect(owners(lex, 'the Kremlin')).toEqual(['peskov']);
    expect(owners(lex, 'the Russian leader')).toEqual(['putin']);
    expect(owners(lex, 'the EU’s foreign policy chief')).toEqual(['kallas']);
    expect(owners(lex, 'Rep. Don Bacon')).toEqual(['bacon']);
    expect(owners(lex, 'the Weimar+ group')).toEqual(['european-joint-statement']);
    // generic words and the White House are nobody's alias
    for (const alias of ['President', 'the president', 'Donald', 'the White House']) expect(owners(lex, alias)).toEqual([]);
    // an alias claimed twice is shared by every claimant
    for (const a of lex.actors) {
      for (const al of a.aliases) {
        const who = owners(lex, al.text);
        if (who.length > 1) expect(al.shared, `${al.text} (${who.join(', ')})`).toBe(true);
      }
    }
    expect(owners(lex, 'Graham').sort()).toEqual(['graham', 'lindsey-graham']);
    // provenance: seed aliases point at their text in the seed
    for (const a of lex.actors) {
      for (const al of a.aliases) {
        if (al.from !== 'curated') expect(SEED_TEXT.slice(al.from.offset, al.from.offset + al.text.length)).toBe(al.text);
      }
    }
  });

  it('labels the statements as curated', () => {
    const lex = compiled();
    const byText = (t: string) => lex.statements.find((s) => s.text === t)!;
    expect(byText('consequences of rewarding the invader')).toMatchObject({ speaker: 'bacon', kind: 'direct', stance: 'pro-ukraine' });
    expect(byText('Nothing about Ukraine without Ukraine')).toMatchObject({ speaker: null, kind: 'slogan', stance: 'pro-ukraine' });
    expect(byText('we are charting our next steps to stop Russian aggression')).toMatchObject({ speaker: 'zelenskiy', stance: 'pro-ukraine' });
    expect(byText('sounds like abandoning Ukraine')).toMatchObject({ speaker: 'landsbergis', stance: 'pro-ukraine' });
    expect(byText('poll numbers aren’t particularly great')).toMatchObject({ speaker: 'trump', stance: 'contra-ukraine' });
    expect(byText('I’m just here to try and get peace')).toMatchObject({ speaker: 'trump', stance: 'neutral' });
    for (const t of [
      'the US wouldn’t contribute troops to secure a peace',
      'called eventual NATO membership for Ukraine unrealistic',
      'Ukraine would probably have to accept the loss of some territory',
    ]) {
      expect(byText(t)).toMatchObject({ speaker: 'hegseth', kind: 'reported', stance: 'contra-ukraine' });
    }
    expect(lex.statements.filter((s) => s.speaker === 'berzina').map((s) => s.stance)).toEqual(['pro-ukraine', 'pro-ukraine']);
    expect(lex.statements.filter((s) => s.speaker === 'wallace').every((s) => s.stance === 'pro-ukraine')).toBe(true);
    expect(lex.statements.find((s) => s.speaker === 'graham' && s.text.includes('not going to war'))!.stance).toBe('neutral');
    expect(byText('Putin invited Trump to visit Moscow').speaker).toBe('peskov');
    // every statement is verbatim at its offset, with its words
    for (const s of lex.statements) {
      expect(SEED_TEXT.slice(s.from.offset, s.from.offset + s.text.length), s.id).toBe(s.text);
      expect(s.words).toEqual(words(s.text));
      expect(s.text, s.id).not.toMatch(/^[“”"]|[“”",]$/);
    }
  });

  it('has at least 60 cues with folded slots, seed cues pointing at their words', () => {
    const lex = compiled();
    expect(lex.cues.length).toBeGreaterThanOrEqual(60);
    for (const stance of ['pro-ukraine', 'contra-ukraine', 'neutral'] as const) {
      expect(lex.cues.some((c) => c.stance === stance)).toBe(true);
    }
    const sellOut = lex.cues.find((c) => c.phrase === 'sell out')!;
    expect(sellOut.from).not.toBe('curated');
    if (sellOut.from !== 'curated') expect(SEED_TEXT.slice(sellOut.from.offset)).toMatch(/^sell-out/);
    expect(lex.cues.find((c) => c.phrase === 'abandon* ukraine|kyiv|ukrainians')!.slots).toEqual([['abandon*'], ['ukraine', 'kyiv', 'ukrainians']]);
    for (const c of lex.cues) {
      expect(c.weight).toBeGreaterThan(0);
      expect(c.weight).toBeLessThanOrEqual(1);
      for (const slot of c.slots) for (const alt of slot) expect(alt).toBe(foldString(alt));
    }
  });
});

describe('refusals', () => {
  it('refuses a quote that is not verbatim in its seed, and says where it diverges', () => {
    const src = source();
    statement(src, 'q-bacon-1').text = 'consequences of rewarding the aggressor';
    const [p] = problemsOf(src);
    expect(p).toMatchObject({ file: 'test.lexicon.json', entry: expect.stringContaining('(q-bacon-1)'), field: 'text' });
    expect(p!.message).toContain(`does not occur verbatim in seed ${SEED_NAME}`);
    expect(p!.message).toContain('"invader');
  });

  it('points at typographic apostrophes when only the folded text occurs', () => {
    const src = source();
    statement(src, 'q-trump-4').text = "I'm just here to try and get peace";
    const [p] = problemsOf(src);
    expect(p!.entry).toBe(`statements[${src.statements.findIndex((s) => s.id === 'q-trump-4')}] (q-trump-4)`);
    expect(p!.message).toMatch(/typographic quotes and apostrophes/);
    expect(p!.message).toContain('I’m just here');
  });

  it('refuses an unknown speaker id and suggests the closest', () => {
    const src = source();
    statement(src, 'r-hegseth-1').speaker = 'hegset';
    const [p] = problemsOf(src);
    expect(p).toMatchObject({ field: 'speaker' });
    expect(p!.message).toContain("unknown speaker id 'hegset'");
    expect(p!.message).toContain("did you mean 'hegseth'?");
  });

  it('refuses an alias claimed by two actors unless both mark it shared', () => {
    const src = source();
    actor(src, 'trump').aliases.push({ text: 'the pentagon chief', kind: 'descriptor', source: 'curated' });
    const problems = problemsOf(src);
    expect(problems).toHaveLength(2); // one on each claimant
    expect(problems.map((p) => p.entry).sort()).toEqual(['actors[0] (trump)', 'actors[2] (hegseth)']);
    expect(problems[0]!.message).toMatch(/also claimed by actors\[\d\] \((trump|hegseth)\)/);
    expect(problems[0]!.message).toContain('"shared": true');

    // marking only one side is not enough
    actor(src, 'trump').aliases.at(-1)!.shared = true;
    expect(problemsOf(src)).toHaveLength(1);
    // both sides: accepted
    actor(src, 'hegseth').aliases.find((a) => a.text === 'the Pentagon chief')!.shared = true;
    expect(compileLexicon(src, SEEDS).ok).toBe(true);
  });

  it('refuses an unknown stance label and lists the valid ones', () => {
    const src = source();
    (statement(src, 'q-bacon-1') as { stance: string }).stance = 'pro';
    const [p] = problemsOf(src);
    expect(p!.field).toBe('stance');
    expect(p!.message).toBe("unknown stance label 'pro' — use one of pro-ukraine, contra-ukraine, neutral (did you mean 'pro-ukraine'?)");
    expect(formatProblems([p!])).toBe(`test.lexicon.json: ${p!.entry} stance: ${p!.message}`);
  });

  it('refuses a "seed" alias the seed does not contain', () => {
    const src = source();
    actor(src, 'zelenskiy').aliases.find((a) => a.text === 'Zelensky')!.source = 'seed';
    actor(src, 'european-joint-statement').aliases.push({ text: 'european allies', kind: 'descriptor', source: 'seed' });
    const problems = problemsOf(src);
    expect(problems.map((p) => p.field)).toEqual(['aliases[3].source', 'aliases[6].source']);
    expect(problems[0]!.message).toContain(`'Zelensky' is marked source "seed" but does not occur in seed ${SEED_NAME} — mark it "curated"`);
    // same words, other case or punctuation: the seed's spelling is shown
    expect(problems[1]!.message).toContain("but the seed writes it 'European allies'");
  });

  it('refuses bad cue phrases, weights and negation rules with a fix', () => {
    const src = source();
    const base = { stance: 'pro-ukraine', weight: 0.5, negation: 'keep', reason: 'test', source: 'curated' } as const;
    src.cues.push(
      { ...base, id: 'x-hyphen', phrase: 'sell-out|betrayal' },
      { ...base, id: 'x-possessive', phrase: "ukraine's future" },
      { ...base, id: 'x-star', phrase: 'nato membership * unrealistic' },
      { ...base, id: 'x-short', phrase: 'ab* ukraine' },
      { ...base, id: 'x-weight', phrase: 'totally new phrase', weight: 1.5 },
      { ...base, id: 'x-negation', phrase: 'another new phrase', negation: 'invert' as 'keep' },
      { ...base, id: 'x-seed', phrase: 'not in the seed at all', source: 'seed' },
      { ...base, id: 'x-dup', phrase: 'Russian  aggression' },
    );
    const problems = problemsOf(src);
    const by = (id: string) =>
      problems
        .filter((p) => p.entry.endsWith(`(${id})`))
        .map((p) => p.message)
        .join(' | ');
    expect(by('x-hyphen')).toContain('is matched as 2 words (sell out)');
    expect(by('x-possessive')).toContain("write 'ukraine'");
    expect(by('x-star')).toContain("'*' alone is not supported");
    expect(by('x-short')).toContain('too short');
    expect(by('x-weight')).toContain('weight 1.5 is out of range — use a number greater than 0 and at most 1');
    expect(by('x-negation')).toContain("unknown negation rule 'invert' — use one of flip, drop, keep");
    expect(by('x-seed')).toContain('mark it "curated"');
    expect(by('x-dup')).toContain('single spaces');
  });

  it('refuses unknown and missing fields, bad ids and duplicate ids', () => {
    const src = source() as unknown as Record<string, unknown> & LexiconSource;
    (src.actors[0] as unknown as Record<string, unknown>).alias = [];
    delete (statement(src, 'q-kallas-1') as Partial<LexiconSource['statements'][number]>).reason;
    src.cues[0]!.id = 'Bad_Id';
    src.statements[1]!.id = src.statements[0]!.id;
    const problems = problemsOf(src);
    const text = formatProblems(problems);
    expect(text).toContain("actors[0] (trump) alias: unknown field 'alias' — did you mean 'aliases'?");
    expect(text).toContain("(q-kallas-1) reason: missing required field 'reason' — add a one-line reason");
    expect(text).toContain("'Bad_Id' is not a valid id");
    expect(text).toMatch(/id 'r-allies-1' is already used by statements\[0\]/);
  });

  it('reports all problems at once', () => {
    const src = source();
    statement(src, 'q-bacon-1').text = 'consequences of rewarding the aggressor';
    statement(src, 'r-hegseth-1').speaker = 'hegset';
    (statement(src, 'q-kallas-1') as { stance: string }).stance = 'pro';
    actor(src, 'trump').aliases.push({ text: 'Hegseth', kind: 'surname', source: 'seed' });
    src.cues[0]!.weight = 0;
    const problems = problemsOf(src);
    const fields = problems.map((p) => `${p.entry.replace(/^\w+\[\d+\] /, '')} ${p.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        '(q-bacon-1) text',
        '(r-hegseth-1) speaker',
        '(q-kallas-1) stance',
        '(trump) aliases[19].text',
        '(hegseth) aliases[1].text',
        '(pro-russian-aggression) weight',
      ]),
    );
    expect(problems.length).toBe(6);
  });

  it('refuses what is not a lexicon at all', () => {
    expect(problemsOf(null)[0]!.message).toContain('must be a JSON object');
    const problems = problemsOf({});
    expect(problems.map((p) => p.field)).toEqual(['id', 'version', 'title', 'seeds', 'actors', 'statements', 'cues']);
  });
});

describe('npm run lexicon (buildLexiconFile)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stance-lens-lexicon-'));
    await writeFile(join(dir, SEED_NAME), SEED_TEXT);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const exists = (p: string) =>
    access(p).then(
      () => true,
      () => false,
    );

  it('compiles a user lexicon next to it, seeds resolved relative to it', async () => {
    const path = join(dir, 'my.lexicon.json');
    await writeFile(path, SOURCE_TEXT);
    const result = await buildLexiconFile(path);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.outPath).toBe(join(dir, 'my.compiled.json'));
    expect(await readFile(result.outPath, 'utf8')).toBe(readFileSync(join(ROOT, 'src', 'lexicon', 'seed.lexicon.json'), 'utf8'));
    const out = join(dir, 'elsewhere.json');
    const again = await buildLexiconFile(path, { out });
    expect(again.ok && again.outPath).toBe(out);
    expect(await exists(out)).toBe(true);
  });

  it('reports invalid JSON with line and column, without throwing', async () => {
    const path = join(dir, 'broken.lexicon.json');
    await writeFile(path, '{\n  "id": "x",\n  "version": "1.0.0",\n}\n');
    const result = await buildLexiconFile(path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toMatch(/^invalid JSON at line 4, column 1 \(found "}"\)/);
    expect(await exists(join(dir, 'broken.compiled.json'))).toBe(false);
  });

  it('locates JSON errors that JSON.parse does not place', () => {
    expect(jsonErrorOffset('{"a":}')).toBe(5);
    expect(jsonErrorOffset('{"a": 1}')).toBe(-1);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    const r = parseJson('{\n "a": "x\n"}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('line 2, column 9 (found "\\n")');
    expect(parseJson('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('reports an unreadable lexicon or seed and writes nothing', async () => {
    const missing = await buildLexiconFile(join(dir, 'nope.lexicon.json'));
    expect(!missing.ok && missing.problems[0]!.message).toMatch(/cannot read the lexicon: no such file/);

    const src = source();
    src.seeds = ['missing-seed.txt'];
    const path = join(dir, 'noseed.lexicon.json');
    await writeFile(path, JSON.stringify(src));
    const result = await buildLexiconFile(path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ entry: 'seeds[0]' });
    expect(result.problems[0]!.message).toMatch(/cannot read seed 'missing-seed.txt' .*no such file/);
    expect(await exists(join(dir, 'noseed.compiled.json'))).toBe(false);
  });

  it('writes nothing when the lexicon has problems', async () => {
    const src = source();
    (src.statements[0] as { stance: string }).stance = 'pro';
    const path = join(dir, 'bad.lexicon.json');
    await writeFile(path, JSON.stringify(src, null, 2));
    const result = await buildLexiconFile(path);
    expect(!result.ok && formatProblems(result.problems)).toContain(`${path}: statements[0] (r-allies-1) stance: unknown stance label 'pro'`);
    expect(await exists(join(dir, 'bad.compiled.json'))).toBe(false);
  });
});

describe('lexicon.schema.json', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(SCHEMA);

  it('validates the seed annotation', () => {
    const ok = validate(source());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  const broken: Array<[string, (s: LexiconSource & Record<string, unknown>) => void]> = [
    [
      'an unknown top-level field',
      (s) => {
        s.extra = 1;
      },
    ],
    [
      'an unknown alias field',
      (s) => {
        (s.actors[0]!.aliases[0] as unknown as Record<string, unknown>).note = 'x';
      },
    ],
    [
      'a missing reason',
      (s) => {
        delete (s.statements[0] as Partial<LexiconSource['statements'][number]>).reason;
      },
    ],
    [
      'an unknown stance label',
      (s) => {
        (s.statements[0] as { stance: string }).stance = 'pro';
      },
    ],
    [
      'a weight of 0',
      (s) => {
        s.cues[0]!.weight = 0;
      },
    ],
    [
      'a weight above 1',
      (s) => {
        s.cues[0]!.weight = 1.5;
      },
    ],
    [
      'a weight that is a string',
      (s) => {
        (s.cues[0] as unknown as Record<string, unknown>).weight = '0.5';
      },
    ],
    [
      'an id that is not slug-shaped',
      (s) => {
        s.actors[0]!.id = 'Donald Trump';
      },
    ],
    [
      'an unknown negation rule',
      (s) => {
        (s.cues[0] as { negation: string }).negation = 'invert';
      },
    ],
    [
      'a phrase with a double space',
      (s) => {
        s.cues[0]!.phrase = 'russian  aggression';
      },
    ],
    [
      'a phrase with an empty alternative',
      (s) => {
        s.cues[0]!.phrase = 'russian|| aggression';
      },
    ],
    [
      'an unknown alias kind',
      (s) => {
        (s.actors[0]!.aliases[0] as { kind: string }).kind = 'nickname';
      },
    ],
    [
      'an actor without aliases',
      (s) => {
        s.actors[0]!.aliases = [];
      },
    ],
    [
      'a bad version',
      (s) => {
        s.version = 'one';
      },
    ],
    [
      'no seeds',
      (s) => {
        s.seeds = [];
      },
    ],
    [
      'a text with trailing space',
      (s) => {
        s.actors[0]!.name = 'Donald Trump ';
      },
    ],
  ];

  it.each(broken)('agrees with the compiler on %s', (_name, mutate) => {
    const s = source() as LexiconSource & Record<string, unknown>;
    mutate(s);
    expect(validate(s)).toBe(false);
    expect(compileLexicon(s, SEEDS).ok).toBe(false);
  });

  it('describes every field', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties && typeof n.properties === 'object') {
        for (const [k, v] of Object.entries(n.properties as Record<string, unknown>)) {
          if (!(v as Record<string, unknown>).description) missing.push(`${path}.${k}`);
          walk(v, `${path}.${k}`);
        }
      }
      for (const key of ['$defs', 'items']) {
        const child = n[key];
        if (key === '$defs' && child) for (const [k, v] of Object.entries(child as object)) walk(v, `${path}.$defs.${k}`);
        else if (child) walk(child, `${path}.${key}`);
      }
    };
    walk(SCHEMA, '');
    expect(missing).toEqual([]);
  });
});
