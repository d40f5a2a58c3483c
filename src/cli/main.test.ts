import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelEvidence, Report } from '../engine/types.ts';
import {
  csvCell,
  evidenceText,
  formatCsv,
  formatExportCsv,
  formatJson,
  formatJsonl,
  formatMarkdown,
  formatText,
  mdEscape,
  CSV_HEADER,
} from '../report/format.ts';
import schema from '../report/report.schema.json' with { type: 'json' };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'stance-lens.mjs');
// Relative to ROOT, the child's working directory: `source` must echo them as given.
const HTML = 'test/fixtures/news-article.html';
const TXT = 'test/fixtures/news-article.txt';
const STDIN_TEXT = readFileSync(join(ROOT, TXT), 'utf8');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, STANCE_LENS_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const ajv = new Ajv2020({ allErrors: true });
const validateReport = ajv.compile(schema);

function expectValidReport(value: unknown): asserts value is Report {
  const ok = validateReport(value);
  expect(ok, JSON.stringify(validateReport.errors, null, 2)).toBe(true);
}

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(quoted, 'unterminated quoted field').toBe(false);
  expect(field === '' && row.length === 0, 'last record must end with CRLF').toBe(true);
  return rows;
}

function expectNoStack(text: string): void {
  expect(text).not.toContain('    at ');
  expect(text).not.toMatch(/\bError:/);
}

describe('stance-lens analyze: formats', () => {
  it('prints a readable text report by default', async () => {
    const run = await cli(['analyze', HTML]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`== ${HTML} ==`);
    expect(lines[1]).toMatch(/^lexicon \S+ \S+ · stance model \S+ · \d+ speakers? · \d+ statements?$/);
    expect(run.stdout).toContain('▲ pro-ukraine  ▼ contra-ukraine  ● neutral  ? unknown');
  });

  it('prints one JSON object for one file and an array for several, valid against the schema', async () => {
    const one = await cli(['analyze', '--format', 'json', HTML]);
    expect(one.code).toBe(0);
    const report: unknown = JSON.parse(one.stdout);
    expectValidReport(report);
    expect(report.source).toBe(HTML);

    const two = await cli(['analyze', '--format=json', HTML, TXT]);
    expect(two.code).toBe(0);
    const reports = JSON.parse(two.stdout) as unknown[];
    expect(Array.isArray(reports)).toBe(true);
    expect(reports.map((r) => (r as Report).source)).toEqual([HTML, TXT]);
    reports.forEach((r) => expectValidReport(r));
  });

  it('prints one JSON line per input, in input order, stdin included', async () => {
    const run = await cli(['analyze', '-f', 'jsonl', TXT, '-', HTML], STDIN_TEXT);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('\n')).toBe(true);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const reports = lines.map((l) => JSON.parse(l) as Report);
    expect(reports.map((r) => r.source)).toEqual([TXT, 'stdin', HTML]);
    reports.forEach((r) => expectValidReport(r));
    // Plain text from a file and from stdin is analysed as is: the same report.
    expect({ ...reports[1], source: TXT }).toEqual(reports[0]);
  });

  it('prints a Markdown report', async () => {
    const run = await cli(['analyze', '--format', 'md', HTML, TXT]);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(`# Stance Lens report: ${mdEscape(HTML)}\n`)).toBe(true);
    expect(run.stdout.match(/^# Stance Lens report: /gm)).toHaveLength(2);
    expect(run.stdout.match(/^## Speakers$/gm)).toHaveLength(2);
    expect(run.stdout.match(/^## Statements$/gm)).toHaveLength(2);
  });

  it('prints RFC 4180 CSV, one row per statement', async () => {
    const [csv, json] = await Promise.all([cli(['analyze', '--format', 'csv', HTML, TXT]), cli(['analyze', '--format', 'json', HTML, TXT])]);
    expect(csv.code).toBe(0);
    const rows = parseCsv(csv.stdout);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows[0]!.join(',')).toBe('source,speaker_id,speaker_name,kind,attribution,stance,confidence,seed_match,flags,start,end,text');
    const reports = JSON.parse(json.stdout) as Report[];
    const statements = reports.flatMap((r) => r.statements.map((s) => ({ source: r.source, s })));
    expect(rows.length - 1).toBe(statements.length);
    rows.slice(1).forEach((row, i) => {
      const { source, s } = statements[i]!;
      expect(row).toHaveLength(CSV_HEADER.length);
      expect(row[0]).toBe(source);
      expect(row[1]).toBe(s.speaker ?? '');
      expect(row[9]).toBe(String(s.start));
      expect(row[10]).toBe(String(s.end));
    });
  });
});

describe('stance-lens analyze: bad input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stance-lens-cli-'));
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0x41]));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Sch\xf6ne Gr\xfc\xdfe aus Kyiv', 'latin1'));
    writeFileSync(join(dir, 'blank.txt'), ' \n\n\t \r\n');
    writeFileSync(join(dir, 'scripts-only.html'), '<!DOCTYPE html><html><body><script>var a = "“quote”";</script><nav>Home</nav></body></html>');
    mkdirSync(join(dir, 'folder.html'));
    writeFileSync(join(dir, 'not-json.json'), '{ "format": 1, ');
    writeFileSync(join(dir, 'source-lexicon.json'), JSON.stringify({ id: 'x', version: '1', title: 't', seeds: [], actors: [], statements: [], cues: [] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names each unusable file in one stderr line, analyses the others and exits 1', async () => {
    const bad = {
      missing: join(dir, 'missing.txt'),
      directory: join(dir, 'folder.html'),
      binary: join(dir, 'binary.txt'),
      latin1: join(dir, 'latin1.txt'),
      blank: join(dir, 'blank.txt'),
      scriptsOnly: join(dir, 'scripts-only.html'),
    };
    const run = await cli(['analyze', '--format', 'jsonl', bad.missing, TXT, bad.directory, bad.binary, HTML, bad.latin1, bad.blank, bad.scriptsOnly]);
    expect(run.code).toBe(1);
    expectNoStack(run.stderr);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    const expected: Array<[string, RegExp]> = [
      [bad.missing, /no such file/],
      [bad.directory, /is a directory/],
      [bad.binary, /binary/],
      [bad.latin1, /not valid UTF-8/],
      [bad.blank, /empty/],
      [bad.scriptsOnly, /no article text/],
    ];
    expected.forEach(([file, problem], i) => {
      const line = lines[i]!;
      expect(line.startsWith(`stance-lens: ${file}: `), line).toBe(true);
      expect(line).toMatch(problem);
      expect(line, 'what to do comes after a dash').toMatch(/ — \S/);
    });
    const reports = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Report);
    expect(reports.map((r) => r.source)).toEqual([TXT, HTML]);
  });

  it('prints the usage and exits 2 on a wrong command line', async () => {
    const cases = [['analyze', '--frobnicate', TXT], ['analyze'], ['analyze', '--format', 'xml', TXT], ['analyse', TXT], [], ['analyze', '--lexicon']];
    const runs = await Promise.all(cases.map((args) => cli(args)));
    for (const [i, run] of runs.entries()) {
      expect(run.code, cases[i]!.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^stance-lens: .+\n\nUsage: stance-lens analyze/);
      expectNoStack(run.stderr);
    }
  });

  it('prints the usage on stdout for --help', async () => {
    const run = await cli(['analyze', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: stance-lens analyze/);
  });

  it('rejects a lexicon that is not compiled JSON of format 1, in one line', async () => {
    const cases = [
      [join(dir, 'not-json.json'), /not valid JSON/],
      [join(dir, 'source-lexicon.json'), /format 1/],
      [join(dir, 'no-lexicon.json'), /no such lexicon file/],
    ] as const;
    const runs = await Promise.all(cases.map(([file]) => cli(['analyze', '--lexicon', file, TXT])));
    for (const [i, [file, problem]] of cases.entries()) {
      const run = runs[i]!;
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.startsWith(`stance-lens: ${file}: `)).toBe(true);
      expect(lines[0]).toMatch(problem);
      expectNoStack(run.stderr);
    }
  });

  it('train: a fact-checker’s own labelled statements make a model that analyze --model uses', async () => {
    // statements written for this test, in the stance corpus's format
    const texts: Record<string, string[]> = {
      'pro-ukraine': [
        'We will defend every city',
        'Sanctions on the aggressor must stay',
        'Send more air defence now',
        'The occupiers will be driven out',
        'Our soldiers hold the line',
      ],
      'contra-ukraine': [
        'The regime in Kyiv must capitulate',
        'Stop the weapons deliveries now',
        'The new regions are ours forever',
        'The West prolongs the war',
        'Aid must be cut at once',
      ],
      neutral: [
        'The talks resume on Tuesday',
        'The delegations met for three hours',
        'Both sides exchanged prisoners',
        'The agency counted the refugees',
        'A ceasefire was discussed',
      ],
      none: [
        'The match ended in a draw',
        'Shares rose after the earnings',
        'Rain is expected tomorrow',
        'The striker scored twice',
        'The film opens next week',
      ],
    };
    const lines = Object.entries(texts).flatMap(([stance, list]) =>
      list.map((quote, i) => JSON.stringify({ id: `${stance}-${i}`, outlet: `Outlet ${i}`, paragraph: `“${quote},” an official said.`, quote, stance })),
    );
    const labelled = join(dir, 'mine.jsonl');
    writeFileSync(labelled, `${lines.join('\n')}\n`);
    const out = join(dir, 'mine.model.json');
    const run = await cli(['train', '--out', out, labelled]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/trained on 20 statements \(pro-ukraine 5, contra-ukraine 5, neutral 5, none 5\) → .*mine\.model\.json/);
    // twenty statements cannot keep precision at 0.9 out of sample: it says so
    expect(run.stderr).toMatch(/will leave pro and contra unknown — label more statements/);
    const again = join(dir, 'again.model.json');
    await cli(['train', '--out', again, labelled]);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8').replace('"id":"mine"', '"id":"again"'));
    const used = await cli(['analyze', '--format', 'json', '--model', out, TXT]);
    expect(used.code).toBe(0);
    expect((JSON.parse(used.stdout) as Report).model).toEqual({ id: 'mine', status: 'ok' });
  });

  it('train: a broken line, too few statements or an analyze option are refused in one line', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id": "a", "paragraph": "p", "quote": "q", "stance": "pro-russia"}\n');
    const r1 = await cli(['train', '--out', join(dir, 'x.json'), bad]);
    expect(r1.code).toBe(1);
    expect(r1.stderr.trim()).toMatch(/^stance-lens: .*bad\.jsonl:1: stance "pro-russia" is not one of pro-ukraine, contra-ukraine, neutral, none$/);
    const few = join(dir, 'few.jsonl');
    writeFileSync(few, '{"id": "a", "paragraph": "p", "quote": "q", "stance": "neutral"}\n');
    const r2 = await cli(['train', '--out', join(dir, 'y.json'), few]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/1 labelled statement of 1 stance — training needs at least 20/);
    const r3 = await cli(['train', '--format', 'json', few]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/--format belongs to analyze, not train/);
  });

  it('uses a compiled lexicon given with --lexicon', async () => {
    const compiled = JSON.parse(readFileSync(join(ROOT, 'src/lexicon/seed.lexicon.json'), 'utf8')) as { id: string; version: string };
    const file = join(dir, 'copy.lexicon.json');
    writeFileSync(file, JSON.stringify({ ...compiled, id: 'copy-of-seed', version: '9.9.9' }));
    const run = await cli(['analyze', '--format', 'json', '--lexicon', file, TXT]);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expect(report.lexicon).toEqual({ id: 'copy-of-seed', version: '9.9.9' });
  });

  it('judges with the bundled model; a model file that cannot be used is named in one line, and seed quotes and cues judge alone', async () => {
    const bundled = JSON.parse((await cli(['analyze', '--format', 'json', TXT])).stdout) as Report;
    expect(bundled.model).toMatchObject({ status: 'ok' });
    const off = JSON.parse((await cli(['analyze', '--format', 'json', '--no-model', TXT])).stdout) as Report;
    expect(off.model).toEqual({ id: null, status: 'off' });
    expect(off.statements.flatMap((s) => s.evidence).some((e) => e.kind === 'model')).toBe(false);

    const old = join(dir, 'old.model.json');
    const shipped = JSON.parse(readFileSync(join(ROOT, 'src/lexicon/stance.model.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(old, JSON.stringify({ ...shipped, weights: (shipped.weights as number[]).slice(1) }));
    const run = await cli(['analyze', '--format', 'json', '--model', old, TXT]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /old\.model\.json: stance model: \d+ weights for \d+ features × 4 classes .*npm run train.*; seed quotes and cue phrases judge stance alone$/,
    );
    const report = JSON.parse(run.stdout) as Report;
    expectValidReport(report);
    expect(report.model).toMatchObject({ id: null, status: 'unavailable' });
    expect(report.statements.length).toBe(bundled.statements.length);

    const broken = join(dir, 'broken.model.json');
    writeFileSync(broken, '{"format": ');
    const bad = await cli(['analyze', '--model', broken, TXT]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/broken\.model\.json: is not valid JSON/);
  });

  it('never fetches anything a page refers to', async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const page = join(dir, 'loads.html');
      writeFileSync(
        page,
        `<!DOCTYPE html><html><head><link rel="stylesheet" href="${base}/a.css"><script src="${base}/a.js"></script>
         <script>fetch("${base}/fetch")</script><meta http-equiv="refresh" content="0; url=${base}/refresh"></head>
         <body><img src="${base}/i.png"><iframe src="${base}/frame"></iframe>
         <article><p>“Europe must have a central role,” Kaja Kallas said.</p></article></body></html>`,
      );
      const run = await cli(['analyze', '--format', 'json', page]);
      expect(run.code).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('reports an internal error as one line asking for a bug report, exit 3', async () => {
    vi.resetModules();
    vi.doMock('../engine/analyze.ts', () => ({
      analyze: () => {
        throw new TypeError('engine exploded');
      },
    }));
    try {
      const { main } = await import('./main.ts');
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['analyze', join(ROOT, TXT), join(dir, 'missing.txt')], {
        stdout: (s) => out.push(s),
        stderr: (s) => err.push(s),
        readStdin: async () => new Uint8Array(),
      });
      expect(code).toBe(3);
      const lines = err.join('').trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^stance-lens: .*news-article\.txt: internal error: engine exploded — this is a bug; please report it/);
      expect(lines[1]).toMatch(/missing\.txt: no such file/);
      expect(err.join('')).not.toContain('    at ');
    } finally {
      vi.doUnmock('../engine/analyze.ts');
      vi.resetModules();
    }
  });

  it('finds the quotes of the article in the HTML page, not those of its comments, aside or ads', async () => {
    const r = await cli(['analyze', '--format', 'json', HTML]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    const kallas = report.statements.find((s) => s.text.startsWith('In any negotiation, Europe must have a central role'))!;
    expect(kallas).toMatchObject({ speaker: 'kallas', attribution: 'explicit', seedMatch: 'verbatim' });
    const landsbergis = report.statements.find((s) => s.text.includes('abandoning Ukraine'))!;
    expect(landsbergis).toMatchObject({ speaker: 'landsbergis', stance: 'pro-ukraine' });
    expect(report.statements.some((s) => s.text.includes('This is a comment'))).toBe(false);
  });
});

describe('formatters', () => {
  const report: Report = {
    source: 'pages/=cmd|evil.html',
    lexicon: { id: 'test', version: '1' },
    model: { id: 'test-model', status: 'ok' },
    speakers: [
      {
        id: 'kallas',
        name: 'Kaja Kallas',
        inLexicon: true,
        role: 'EU foreign policy chief',
        kind: 'person',
        mentions: [{ start: 0, end: 11 }],
        stance: { 'pro-ukraine': 1, 'contra-ukraine': 0, neutral: 0, unknown: 0 },
        overall: 'pro-ukraine',
      },
      {
        id: 'page:someone',
        name: 'Some | One',
        inLexicon: false,
        mentions: [],
        stance: { 'pro-ukraine': 0, 'contra-ukraine': 1, neutral: 0, unknown: 0 },
        overall: 'contra-ukraine',
      },
    ],
    statements: [
      {
        text: 'Europe must have "a central role", and\nmore',
        kind: 'direct',
        speaker: 'kallas',
        attribution: 'explicit',
        stance: 'pro-ukraine',
        confidence: 0.9,
        evidence: [
          { kind: 'cue', cueId: 'c1', match: 'central role', stance: 'pro-ukraine', weight: 0.5, reason: 'a <b>reason</b>', negated: false },
          { kind: 'seed-quote', quoteId: 'q1', seedText: 'Europe must have a central role', seedSpeaker: 'kallas', reason: 'r', similarity: 1 },
        ],
        seedMatch: 'altered',
        flags: [{ kind: 'altered-quote', message: 'wording differs', quoteId: 'q1', diff: [{ op: 'same', text: 'Europe' }] }],
        start: 20,
        end: 60,
        speakerStart: 0,
        speakerEnd: 11,
        attributionNote: 'named right after the quote',
      },
      {
        text: '=HYPERLINK("http://evil")',
        kind: 'reported',
        speaker: null,
        attribution: 'none',
        stance: 'unknown',
        confidence: 0,
        evidence: [
          {
            kind: 'model',
            modelId: 'test-model',
            stance: 'none',
            probability: 0.41,
            threshold: 0.38,
            abstained: false,
            terms: [{ text: 'HYPERLINK', toward: 'none', weight: 0.6 }],
            reason: 'the stance model finds it not about the war (41 %)',
          },
        ],
        seedMatch: 'none',
        flags: [],
        start: 70,
        end: 80,
      },
    ],
  };

  it('the schema accepts a full report and rejects unknown fields and values', () => {
    expectValidReport(report);
    expect(validateReport({ ...report, extra: 1 })).toBe(false);
    expect(validateReport({ ...report, statements: [{ ...report.statements[0], stance: 'pro-russia' }] })).toBe(false);
    expect(validateReport({ ...report, speakers: [{ ...report.speakers[0], stance: { 'pro-ukraine': 1 } }] })).toBe(false);
    const { model: _model, ...noModel } = report;
    expect(validateReport(noModel)).toBe(false);
    const modelEv = report.statements[1]!.evidence[0]! as ModelEvidence;
    const badTerm = { ...modelEv, terms: [{ ...modelEv.terms[0]!, toward: 'pro-russia' }] };
    expect(validateReport({ ...report, statements: [{ ...report.statements[1], evidence: [badTerm] }] })).toBe(false);
  });

  it('every format shows the model’s decision and the words behind it', () => {
    const line = 'stance model test-model: not about the war (0.41, needs 0.38): “HYPERLINK” → not about the war 0.60';
    expect(evidenceText(report.statements[1]!)).toBe(line);
    expect(formatMarkdown([report])).toContain('- stance model test-model: not about the war');
    expect(formatText([report])).toContain('why: stance model test-model');
    expect(formatText([report])).toContain('· stance model test-model ·');
    expect(formatExportCsv(report, { url: 'u', exportedAt: '2026-01-01T00:00:00Z' })).toContain('stance model test-model');
  });

  it('csv quotes fields and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const risky of ['=1+1', '+44 20', '-2', '@SUM(A1)', '\tx']) expect(csvCell(risky)).toBe(`'${risky}`);
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(-1)).toBe('-1');
    const rows = parseCsv(formatCsv([report]));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual([
      'pages/=cmd|evil.html',
      'kallas',
      'Kaja Kallas',
      'direct',
      'explicit',
      'pro-ukraine',
      '0.9',
      'altered',
      'altered-quote',
      '20',
      '60',
      'Europe must have "a central role", and\nmore',
    ]);
    expect(rows[2]![1]).toBe('');
    expect(rows[2]![11]).toBe(`'=HYPERLINK("http://evil")`);
    expect(formatCsv([])).toBe(`${CSV_HEADER.join(',')}\r\n`);
  });

  it('json is an object for one input and an array for several; jsonl is one line each', () => {
    expect(JSON.parse(formatJson([report]))).toEqual(report);
    expect(JSON.parse(formatJson([report, report]))).toEqual([report, report]);
    expect(JSON.parse(formatJson([report], { inputs: 3 }))).toEqual([report]);
    expect(formatJson([], { inputs: 1 })).toBe('');
    const lines = formatJsonl([report, report]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual(report);
  });

  it('markdown keeps page text inert', () => {
    expect(mdEscape('a <script>|*b*_[x](y)')).toBe('a &lt;script&gt;\\|\\*b\\*\\_\\[x\\](y)');
    const md = formatMarkdown([report]);
    expect(md).toContain('| Some \\| One | no | 0 | 1 | 0 | 0 | ▼ contra-ukraine |');
    expect(md).toContain('a &lt;b&gt;reason&lt;/b&gt;');
    expect(md).not.toContain('<b>');
    expect(md).toContain('(unattributed)');
  });

  it('text shows the stance glyphs, the speaker and the start of each statement', () => {
    const text = formatText([report]);
    expect(text).toContain('== pages/=cmd|evil.html ==');
    expect(text).toMatch(/Kaja Kallas\s+yes\s+1\s+0\s+0\s+0\s+▲ pro-ukraine/);
    expect(text).toContain('▲ Kaja Kallas — pro-ukraine (direct, attribution: explicit, seed: altered, confidence 0.90)');
    expect(text).toContain('? (unattributed) — unknown');
    expect(text).toContain('⚑ altered-quote: wording differs');
  });
});
