/**
 * The layers (ARCHITECTURE.md), enforced by eslint.config.js: the whole project lints
 * clean, and the rules catch a file that imports a layer above its own, sibling
 * folders importing each other, a page's module importing its components, and an
 * import cycle — shown on a small project written to a temporary folder and linted
 * with this project's own config.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = join(ROOT, 'eslint.config.js');
const LAYER_RULES = ['import-x/no-restricted-paths', 'import-x/no-cycle', '@typescript-eslint/no-restricted-imports'];

describe('the layer lint (eslint.config.js)', () => {
  it('finds no upward import and no cycle in src/, scripts/ and test/', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(['src', 'scripts', 'test']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(ROOT.length)}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(problems).toEqual([]);
  }, 60_000);

  describe('on deliberate violations', () => {
    let dir = '';
    const files: Record<string, string> = {
      'src/engine/analyze.ts': 'export const analyze = (s: string) => s;\n',
      // the vocabulary (bottom) reaching up into the engine
      'src/vocab/upward.ts': "import { analyze } from '../engine/analyze.ts';\nexport const x = analyze('a');\n",
      // the lexicon reaching up into the engine
      'src/lexicon/upward.ts': "import { analyze } from '../engine/analyze.ts';\nexport const y = analyze('b');\n",
      // the engine may use the text layer below it
      'src/text/words.ts': "export const words = (s: string) => s.split(' ');\n",
      'src/engine/downward.ts': "import { words } from '../text/words.ts';\nexport const z = words('c d');\n",
      // the popup importing the options page: siblings
      'src/options/stance.ts': "export const label = 'x';\n",
      'src/popup/sideways.ts': "import { label } from '../options/stance.ts';\nexport const w = label;\n",
      // a popup module reaching up into the popup's components
      'src/popup/components/Legend.tsx': 'export const legend = 1;\n',
      'src/popup/upward.ts': "import { legend } from './components/Legend.tsx';\nexport const v = legend;\n",
      // two modules of one layer importing each other
      'src/text/a.ts': "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n",
      'src/text/b.ts': "import { a } from './a.ts';\nexport const b = (): number => (Math.random() > 2 ? a() : 0);\n",
      // the content script running the engine on the page's thread; naming its types is fine
      'src/content/engine.ts': "import { analyze } from '../engine/analyze.ts';\nexport const u = analyze('e');\n",
      'src/engine/types.ts': 'export interface Report { source: string }\n',
      'src/content/types.ts': "import type { Report } from '../engine/types.ts';\nexport const t = (r: Report): string => r.source;\n",
    };
    let byFile = new Map<string, string[]>();

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'stance-lens-layers-'));
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      // the layer zones are paths relative to the working directory (no-restricted-paths' basePath)
      const cwd = process.cwd();
      process.chdir(dir);
      let results: ESLint.LintResult[];
      try {
        results = await new ESLint({ cwd: dir, overrideConfigFile: CONFIG }).lintFiles(['src']);
      } finally {
        process.chdir(cwd);
      }
      byFile = new Map(
        results.map((r) => [
          r.filePath.slice(dir.length + 1),
          r.messages.filter((m) => LAYER_RULES.includes(m.ruleId ?? '')).map((m) => `${m.ruleId}: ${m.message}`),
        ]),
      );
    }, 60_000);

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('fails a lower layer importing a higher one', () => {
      expect(byFile.get('src/vocab/upward.ts')).toEqual([expect.stringMatching(/no-restricted-paths: .*the vocab layer may not import the engine layer/)]);
      expect(byFile.get('src/lexicon/upward.ts')).toEqual([expect.stringMatching(/no-restricted-paths: .*the lexicon layer may not import the engine layer/)]);
    });

    it('lets a layer import the ones below it', () => {
      expect(byFile.get('src/engine/downward.ts')).toEqual([]);
    });

    it('fails sibling folders importing each other', () => {
      expect(byFile.get('src/popup/sideways.ts')).toEqual([expect.stringMatching(/no-restricted-paths: .*sibling folders of the extension layer/)]);
    });

    it('fails a page module importing the components above it', () => {
      expect(byFile.get('src/popup/upward.ts')).toEqual([
        expect.stringMatching(/no-restricted-paths: .*in src\/popup, the modules may not import the components/),
      ]);
    });

    it('fails the content script importing engine code, not naming its types', () => {
      expect(byFile.get('src/content/engine.ts')).toEqual([expect.stringMatching(/no-restricted-imports: .*the content script holds no engine/)]);
      expect(byFile.get('src/content/types.ts')).toEqual([]);
    });

    it('fails an import cycle', () => {
      expect(byFile.get('src/text/a.ts')).toEqual([expect.stringMatching(/^import-x\/no-cycle/)]);
      expect(byFile.get('src/text/b.ts')).toEqual([expect.stringMatching(/^import-x\/no-cycle/)]);
    });
  });
});
