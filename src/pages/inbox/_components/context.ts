import { getDistricts, getPublishedArticles } from '../../../lib/content.ts';
import type { InboxContext } from '../../../server/inbox/handlers.ts';

/**
 * Per-request context of the inbox: the client address for throttling, and
 * the published articles and districts from the content collections. The
 * collections are serialised into the server build, so the list is the one
 * of the deployed build: exactly the articles readers can see.
 */
export async function inboxContext(
  clientAddress: string,
): Promise<InboxContext & { articles: Map<string, string>; districtNames: Map<string, string> }> {
  const [articles, districts] = await Promise.all([getPublishedArticles(), getDistricts()]);
  return {
    clientAddress,
    articles: new Map(articles.map((a) => [a.id, a.data.title])),
    districtNames: new Map(districts.map((d) => [d.id, d.data.name])),
  };
}
