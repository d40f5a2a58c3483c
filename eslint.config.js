// Lint rules that keep page text as data (no markup sinks, no code from strings) and
// the layers in order (imports run one way, no cycles; see ARCHITECTURE.md).
// `npm run lint` runs it over src/ and scripts/; test/unit/hostile-input.test.ts and
// test/unit/layers.test.ts run it too (and show each rule catching a violation), so the
// suite fails when a sink, an upward import or a cycle appears.
import tseslint from 'typescript-eslint';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/**
 * The layers, bottom first: a file may import its own layer and the ones below it,
 * never one above. Within a layer the folders (or files) listed together are
 * siblings that may not import each other. The pure core is vocab … report.
 */
export const LAYERS = [
  { name: 'vocab', parts: [['src/vocab/**']] },
  { name: 'text', parts: [['src/text/**']] },
  { name: 'lexicon', parts: [['src/lexicon/**']] },
  { name: 'engine/model', parts: [['src/engine/model/**']] },
  { name: 'engine', parts: [['src/engine/*']] },
  { name: 'train', parts: [['src/train/**']] },
  { name: 'report', parts: [['src/report/**']] },
  { name: 'page', parts: [['src/page/**']] },
  { name: 'extension base', parts: [['src/*.ts']] },
  { name: 'extension', parts: [['src/background/**'], ['src/content/**'], ['src/popup/**'], ['src/options/**']] },
  { name: 'cli', parts: [['src/cli/**']] },
  { name: 'tools', parts: [['scripts/**', 'test/**']] },
];

/** One no-restricted-paths zone per (layer part, higher layer or sibling part). */
function layerZones() {
  const zones = [];
  LAYERS.forEach((layer, i) => {
    const above = LAYERS.slice(i + 1);
    for (const part of layer.parts) {
      for (const target of part) {
        for (const higher of above) {
          zones.push({
            target,
            from: higher.parts.flat(),
            message: `the ${layer.name} layer may not import the ${higher.name} layer above it (see ARCHITECTURE.md)`,
          });
        }
        for (const sibling of layer.parts) {
          if (sibling === part) continue;
          zones.push({ target, from: sibling, message: `sibling folders of the ${layer.name} layer may not import each other (see ARCHITECTURE.md)` });
        }
      }
    }
  });
  // inside each page of the extension: its modules (*.ts) < hooks/ < components/ < the page (App.tsx, main.tsx)
  for (const app of ['src/popup', 'src/options']) {
    const order = [[`${app}/*.ts`], [`${app}/hooks/**`], [`${app}/components/**`], [`${app}/*.tsx`]];
    const names = ['modules', 'hooks', 'components', 'page'];
    order.forEach((target, i) => {
      for (let j = i + 1; j < order.length; j++) {
        for (const t of target)
          zones.push({ target: t, from: order[j], message: `in ${app}, the ${names[i]} may not import the ${names[j]} above them (see ARCHITECTURE.md)` });
      }
    });
  }
  return zones;
}

export default [
  { ignores: ['dist/**', 'dist-e2e/**', 'node_modules/**', 'artifacts/**', 'test-results/**'] },
  {
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    // tests beside the modules build their DOM fixtures from literal markup; they never run on a page
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2022,
      sourceType: 'module',
      // no-implied-eval looks for these globals
      globals: { window: 'readonly', self: 'readonly', globalThis: 'readonly', setTimeout: 'readonly', setInterval: 'readonly', document: 'readonly' },
    },
    plugins: { 'no-unsanitized': noUnsanitized },
    rules: {
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Page text is data: build nodes with textContent/createElement.' },
        { property: 'outerHTML', message: 'Page text is data: build nodes with textContent/createElement.' },
        { property: 'insertAdjacentHTML', message: 'Page text is data: build nodes with textContent/createElement.' },
        { object: 'document', property: 'write', message: 'document.write is never needed.' },
        { object: 'document', property: 'writeln', message: 'document.write is never needed.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Page text is data: no dangerouslySetInnerHTML.' },
      ],
    },
  },
  {
    // imports run one way, and no module reaches itself again through its imports
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts', 'test/**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // the page pays only for what touches the DOM: the content script imports no engine,
    // lexicon or model code (their types are erased at build time and may be named)
    files: ['src/content/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/**', '**/lexicon/**', '**/train/**', '**/report/**'],
              allowTypeImports: true,
              message: 'the content script holds no engine, lexicon or model: the background analyses (see ARCHITECTURE.md)',
            },
          ],
        },
      ],
    },
  },
  {
    // tests sit beside the module they test and may build fixtures from any layer
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones() }],
    },
  },
];
