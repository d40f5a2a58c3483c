/**
 * Parses saved HTML pages with happy-dom for the CLI and the benchmark, inert: no
 * script runs, and nothing is fetched (scripts, styles, images, frames, navigation).
 */
import { Window } from 'happy-dom';

export interface ParsedPage {
  document: Document;
  /** Releases the window; call it once the text has been extracted. */
  close(): Promise<void>;
}

/** A window that cannot run or fetch anything. */
function inertWindow(url: string): Window {
  return new Window({
    url,
    settings: {
      enableJavaScriptEvaluation: false,
      disableJavaScriptFileLoading: true,
      enableCSSFileLoading: false,
      enableImageFileLoading: false,
      enableIframePageLoading: false,
      disableComputedStyleRendering: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
        disableFallbackToSetURL: true,
      },
      fetch: {
        // Last line of defence: whatever still asks for a resource gets an empty 404,
        // without a request leaving the process.
        interceptor: {
          beforeAsyncRequest: async ({ window }) => new window.Response('', { status: 404 }),
          beforeSyncRequest: ({ request, window }) => ({
            status: 404,
            statusText: 'Not Found',
            ok: false,
            url: request.url,
            redirected: false,
            headers: new window.Headers(),
            body: null,
          }),
        },
      },
    },
  });
}

/**
 * Parses `html` as a document. `url` only sets document.URL (for relative links);
 * it is never loaded.
 */
export function parseHtml(html: string, url = 'https://localhost/'): ParsedPage {
  const window = inertWindow(url);
  const parser = new window.DOMParser();
  const document = parser.parseFromString(html, 'text/html') as unknown as Document;
  return {
    document,
    close: () => window.happyDOM.close(),
  };
}
