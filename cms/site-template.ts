/**
 * The site's own article styles for the CMS preview. The article page's CSS
 * is Astro's: bundled stylesheets plus small inlined ones, with each
 * component's rules scoped by a `data-astro-cid-*` attribute whose name
 * changes with the component's source. Rather than keep a copy of those rules
 * (which drifted: no first-line indent, the credit inline), the CMS reads one
 * published story page of the site it is served with, registers that page's
 * stylesheets in the preview frame, and learns which scope attribute each
 * part of the page carries, so the preview's markup picks up the same rules.
 */

/** The parts of an article page the preview draws, by a selector that finds each on the page. */
export const PAGE_PARTS = {
  /** The page's own rules: the story column, the standfirst and the body (first-line indent). */
  story: 'article.story',
  /** ArticleHeader: column, kicker, title, subtitle, meta lines. */
  head: '.story-head',
  byline: '.byline',
  hero: 'figure.hero',
  /** PhotoCaption: caption with the credit set right. */
  caption: 'figure figcaption',
} as const;

/** A part of the page. */
export type PagePart = keyof typeof PAGE_PARTS;

/** What the preview needs from the site. */
export interface SiteTemplate {
  /** Stylesheet URLs of the article page, in order. */
  stylesheets: string[];
  /** The text of the page's inlined <style> elements. */
  inlineStyles: string[];
  /** The scope attributes (name → value) of each part. */
  scopes: Partial<Record<PagePart, Record<string, string>>>;
}

/** Reads a story page's stylesheets and scopes from its HTML. */
export function readTemplate(html: string, pageUrl: string): SiteTemplate {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const stylesheets = [...doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map(
    (link) => new URL(link.getAttribute('href') ?? '', pageUrl).href,
  );
  const inlineStyles = [...doc.querySelectorAll('style')].map((style) => style.textContent);
  const scopes: SiteTemplate['scopes'] = {};
  for (const [part, selector] of Object.entries(PAGE_PARTS) as [PagePart, string][]) {
    const el = doc.querySelector(selector);
    if (!el) continue;
    scopes[part] = Object.fromEntries(
      [...el.attributes].filter((a) => a.name.startsWith('data-astro-cid-')).map((a) => [a.name, a.value]),
    );
  }
  return { stylesheets, inlineStyles, scopes };
}

/**
 * Finds a published story from the site's front page and reads its template;
 * undefined when the site has no story yet or cannot be reached (the preview
 * then has the site's base styles only).
 */
export async function loadSiteTemplate(siteUrl: string): Promise<SiteTemplate | undefined> {
  try {
    const home = await fetch(new URL('/', siteUrl));
    if (!home.ok) return undefined;
    const doc = new DOMParser().parseFromString(await home.text(), 'text/html');
    const href = doc.querySelector('a[href*="/articles/"]')?.getAttribute('href');
    if (!href) return undefined;
    const pageUrl = new URL(href, siteUrl).href;
    const page = await fetch(pageUrl);
    return page.ok ? readTemplate(await page.text(), pageUrl) : undefined;
  } catch {
    return undefined;
  }
}
