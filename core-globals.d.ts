/**
 * The only globals the pure core (tsconfig.core.json) may use beyond ECMAScript: two
 * web-platform classes every runtime it runs in has (Node ≥ 20, Chromium, Firefox),
 * declared as narrowly as the core uses them. Nothing else from the DOM or Node.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly hostname: string;
  readonly pathname: string;
}

declare class TextDecoder {
  constructor(label?: string);
  decode(input?: ArrayBufferView): string;
}
