/**
 * Our paint rules where the page's stylesheet cannot reach: inside open shadow roots
 * and same-origin iframes (the background's scripting.insertCSS styles the top
 * document only). One <style data-stance-lens-ui> per such tree, put in when a range
 * there is painted and taken out again on clear().
 */
export class ScopedStyles {
  private placed = new Map<ShadowRoot | Document, HTMLStyleElement>();
  private css = '';

  /** The paint rules (the palette in use); styles already placed are updated. */
  setCss(css: string): void {
    this.css = css;
    for (const style of this.placed.values()) style.textContent = css;
  }

  /** Makes sure every tree holding one of the ranges has our rules; the top document is left alone. */
  cover(ranges: Iterable<Range>, top: Document): void {
    if (!this.css) return;
    // trees the page has dropped since (a feed replacing its cards) are let go
    for (const [root, style] of this.placed) {
      const alive = root.nodeType === 9 ? (root as Document).defaultView !== null : (root as ShadowRoot).host.isConnected;
      if (!alive) {
        style.remove();
        this.placed.delete(root);
      }
    }
    const roots = new Set<ShadowRoot | Document>();
    for (const r of ranges) {
      const root = r.startContainer.getRootNode();
      if (root !== top && (root.nodeType === 9 || root.nodeType === 11)) roots.add(root as ShadowRoot | Document);
    }
    for (const root of roots) {
      const have = this.placed.get(root);
      if (have && have.isConnected) continue;
      const doc = root.nodeType === 9 ? (root as Document) : (root.ownerDocument as Document);
      const style = doc.createElement('style');
      style.setAttribute('data-stance-lens-ui', '');
      style.textContent = this.css;
      const parent = root.nodeType === 9 ? ((root as Document).head ?? (root as Document).documentElement) : root;
      parent.appendChild(style);
      this.placed.set(root, style);
    }
  }

  clear(): void {
    for (const style of this.placed.values()) style.remove();
    this.placed.clear();
  }
}
