import stories from 'virtual:site-data/stories';
import { getDistricts } from '../../../lib/site-data.ts';
import type { InboxContext } from '../../../server/inbox/handlers.ts';
import type { User } from '../../../server/inbox/users.ts';

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

/**
 * The editor the middleware signed in for this request. The middleware
 * refuses every protected inbox route without a session before the page
 * runs, so a missing user here means the page is on a public route by mistake.
 */
export function signedInEditor(locals: App.Locals): User {
  if (!locals.inboxUser)
    throw new Error('inbox page rendered without the session check of src/middleware.ts');
  return locals.inboxUser;
}
