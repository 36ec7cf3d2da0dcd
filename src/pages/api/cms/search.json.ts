import type { APIRoute } from 'astro';
import { z } from 'zod';
import { CONTENT, cmsEnvironment } from '../../../../cms/config.ts';
import { listStories, searchStories } from '../../../../cms/search/content-search.ts';
import { authenticate } from '../../../server/inbox/handlers.ts';
import { targetFromEnv } from '../../../server/cms-git/handler.ts';
import { getServices } from '../../../server/services.ts';

export const prerender = false;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Who may search: a signed-in editor of the newsroom's accounts, or, with the
 * no-login local backend of development, a browser on this machine that
 * addressed the server by a loopback name. A reverse proxy also connects from
 * loopback; with TRUSTED_PROXY the client's own address counts instead, and
 * without it the public host name in the request still gives it away.
 * Drafts and scheduled stories are on the branch, so the search is never public.
 */
function mayRead(request: Request, clientAddress: string): boolean {
  const user = authenticate(request, getServices().inbox);
  if (user && !user.must_change) return true;
  return (
    cmsEnvironment(process.env).backend === 'local' &&
    LOOPBACK.has(clientAddress) &&
    LOOPBACK_HOSTS.has(new URL(request.url).hostname)
  );
}

/**
 * The repository and branch the editors save to: PUBLISH_REPO and its branch, as
 * `npm start` hands them to the publisher, the newsroom backend and decap-server,
 * so the search reads the stories those write. Without PUBLISH_REPO (`npm run dev`)
 * decap-server works in the project itself, the working directory.
 */
export function searchTarget(env: NodeJS.ProcessEnv): { repo: string; branch: string } {
  return targetFromEnv(env) ?? { repo: process.cwd(), branch: cmsEnvironment(env).branch };
}

/** A page of the story list: page 1 and up, at most 100 stories a page. */
const listPage = z.object({
  page: z.coerce.number().int().min(1).describe('第几页，从 1 开始'),
  size: z.coerce.number().int().min(1).max(100).default(50).describe('每页稿件数，最多 100'),
});

/**
 * GET /api/cms/search.json?q=快递 驿站: the stories on the site's branch that
 * contain every word (cms/search/content-search.ts), as the CMS search box
 * shows them, from the repository of {@link searchTarget}.
 * GET /api/cms/search.json?page=2&size=50: the CMS story list's second page, newest first
 * (cms/search/story-list.ts).
 */
export const GET: APIRoute = async ({ request, clientAddress, url }) => {
  if (!mayRead(request, clientAddress)) return json({ error: '需要登录编辑后台' }, 401);
  if (url.searchParams.has('page')) {
    const asked = listPage.safeParse(Object.fromEntries(url.searchParams));
    if (!asked.success) return json({ error: 'page 须是从 1 开始的整数，size 须在 1 到 100 之间' }, 400);
    const list = await listStories({ ...searchTarget(process.env), folder: CONTENT.articles, ...asked.data });
    return json(list);
  }
  const query = url.searchParams.get('q') ?? '';
  const result = await searchStories({
    ...searchTarget(process.env),
    folder: CONTENT.articles,
    query,
  });
  return json(result);
};
