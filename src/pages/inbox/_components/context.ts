import stories from 'virtual:site-data/stories';
import { getDistricts } from '../../../lib/site-data.ts';
import type { InboxContext } from '../../../server/inbox/handlers.ts';

/**
 * Per-request context of the inbox: the client address for throttling, and
 * the published stories and districts, read from the content tree when the
 * server is built, so the list is the one of the deployed build: exactly the
 * stories readers can see. (Not through `astro:content`, which would bundle
 * every story's compiled body into the server.)
 */
export async function inboxContext(
  clientAddress: string,
): Promise<InboxContext & { articles: Map<string, string>; districtNames: Map<string, string> }> {
  const districts = await getDistricts();
  return {
    clientAddress,
    articles: new Map(stories),
    districtNames: new Map(districts.map((d) => [d.id, d.data.name])),
  };
}
