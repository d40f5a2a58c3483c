/**
 * The role vocabulary in a lexicon: compiled like the rest, and refused — with the
 * file, the entry and what to do — when a role has unknown fields, no forms, a form
 * another role claims without the rule (`shared: true` on both), or an unknown nation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLexicon } from './compile.ts';
import { formatProblems } from './problems.ts';
import { validateCompiled } from './validate-compiled.ts';
import type { CompiledLexicon, LexiconSource, RoleSource } from './types.ts';
import { bundledLexicon } from './bundled.ts';
import { SEED_NAME, SEED_TEXT } from '../../test/support/seed-article.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_TEXT = readFileSync(join(ROOT, 'seeds', '000_9cad41e55c3eddb4.lexicon.json'), 'utf8');
const SEEDS = { [SEED_NAME]: SEED_TEXT };

function withRoles(roles: unknown[]): LexiconSource {
  const src = JSON.parse(SOURCE_TEXT) as LexiconSource;
  src.roles = roles as RoleSource[];
  return src;
}
function problems(roles: unknown[]): string {
  const r = compileLexicon(withRoles(roles), SEEDS, 'mine.lexicon.json');
  if (r.ok) throw new Error('expected the lexicon to be refused');
  return formatProblems(r.problems);
}
const office = (id: string, forms: string[], extra: object = {}) => ({ id, kind: 'office', forms, source: 'curated', ...extra });

describe('role vocabulary: compile', () => {
  it('the seed lexicon ships offices, nations and bodies', () => {
    const roles = bundledLexicon.roles ?? [];
    expect(roles.find((r) => r.id === 'spokesperson')?.forms).toContain('spokesperson');
    expect(roles.find((r) => r.id === 'kremlin')).toMatchObject({ kind: 'body', nation: 'russia' });
    expect(roles.filter((r) => r.kind === 'nation').length).toBeGreaterThan(20);
  });

  it('refuses an unknown field, naming the file, the entry and the allowed fields', () => {
    expect(problems([office('envoy', ['envoy'], { gender: 'x' })])).toMatch(/^mine\.lexicon\.json: roles\[0\] \(envoy\) gender: unknown field/m);
  });

  it('refuses an empty role, and says what to write', () => {
    expect(problems([office('envoy', [])])).toMatch(/roles\[0\] \(envoy\) forms: lists no form — write the words that name this role/);
    expect(problems([office('envoy', ['  '])])).toMatch(/roles\[0\] \(envoy\) forms\[0\]: must be words/);
  });

  it('refuses a form claimed by two bodies without the rule, naming both', () => {
    const body = (id: string) => ({ id, kind: 'body', forms: ['Foreign Ministry'], source: 'curated' });
    const text = problems([body('ministry-a'), body('ministry-b')]);
    expect(text).toMatch(/roles\[1\] \(ministry-b\) forms\[0\]: form 'Foreign Ministry' is claimed by roles\[0\] \(ministry-a\) too/);
    expect(text).toMatch(/mark both roles "shared": true/);
  });

  it('accepts the claim when both roles say shared: true', () => {
    const body = (id: string) => ({ id, kind: 'body', forms: ['Foreign Ministry'], shared: true, source: 'curated' });
    const r = compileLexicon(withRoles([body('ministry-a'), body('ministry-b')]), SEEDS, 'mine.lexicon.json');
    expect(r.ok).toBe(true);
  });

  it('refuses a body whose nation is not a nation role', () => {
    expect(problems([{ id: 'kremlin', kind: 'body', forms: ['Kremlin'], nation: 'muscovy', source: 'curated' }])).toMatch(/unknown nation 'muscovy'/);
  });
});

describe('role vocabulary: compiled lexicons and import', () => {
  const compiledWith = (roles: unknown): unknown => ({ ...(JSON.parse(JSON.stringify(bundledLexicon)) as CompiledLexicon), roles });

  it('a compiled lexicon without roles (made before them) still loads', () => {
    const { roles: _roles, ...old } = JSON.parse(JSON.stringify(bundledLexicon)) as CompiledLexicon;
    expect(validateCompiled(old, 'old.json').ok).toBe(true);
  });

  // the options page imports compiled lexicons through validateCompiled and keeps the lexicon in use when it refuses
  it('a compiled lexicon with an unknown field, an empty role or a doubly claimed form is refused', () => {
    const unknown = validateCompiled(compiledWith([{ id: 'envoy', kind: 'office', forms: ['envoy'], nation: null, shared: false, rank: 1 }]), 'mine.json');
    expect(unknown.ok ? '' : formatProblems(unknown.problems)).toMatch(/mine\.json: roles\[0\] \(envoy\) rank: unknown field/);
    const empty = validateCompiled(compiledWith([{ id: 'envoy', kind: 'office', forms: [], nation: null, shared: false }]), 'x.json');
    expect(empty.ok).toBe(false);
    const twice = validateCompiled(
      compiledWith([
        { id: 'a', kind: 'body', forms: ['Ministry'], nation: null, shared: false },
        { id: 'b', kind: 'body', forms: ['ministry'], nation: null, shared: false },
      ]),
      'x.json',
    );
    expect(twice.ok ? '' : formatProblems(twice.problems)).toMatch(/x\.json: roles\[1\] \(b\) forms\[0\]: form 'ministry' is claimed by roles\[0\] \(a\) too/);
  });
});
