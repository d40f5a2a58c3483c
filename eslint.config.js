// Lint rules that keep page text as data: no markup sinks, no code from strings.
// `npm run lint` runs it over src/ and scripts/; test/unit/hostile-input.test.ts
// runs it too (and shows each rule catching its sink), so the suite fails when a sink appears.
import tseslint from "typescript-eslint";
import noUnsanitized from "eslint-plugin-no-unsanitized";

export default [
  { ignores: ["dist/**", "dist-e2e/**", "node_modules/**", "artifacts/**", "test-results/**"] },
  {
    files: ["src/**/*.{ts,tsx}", "scripts/**/*.ts"],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2022,
      sourceType: "module",
      // no-implied-eval looks for these globals
      globals: { window: "readonly", self: "readonly", globalThis: "readonly", setTimeout: "readonly", setInterval: "readonly", document: "readonly" },
    },
    plugins: { "no-unsanitized": noUnsanitized },
    rules: {
      "no-unsanitized/method": "error",
      "no-unsanitized/property": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Page text is data: build nodes with textContent/createElement." },
        { property: "outerHTML", message: "Page text is data: build nodes with textContent/createElement." },
        { property: "insertAdjacentHTML", message: "Page text is data: build nodes with textContent/createElement." },
        { object: "document", property: "write", message: "document.write is never needed." },
        { object: "document", property: "writeln", message: "document.write is never needed." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "Page text is data: no dangerouslySetInnerHTML." },
      ],
    },
  },
];
