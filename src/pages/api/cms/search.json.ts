import type { APIRoute } from 'astro';
import { CONTENT, cmsEnvironment } from '../../../../cms/config.ts';
import { searchStories } from '../../../../cms/search/content-search.ts';
import { authenticate } from '../../../server/inbox/handlers.ts';
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
 * GET /api/cms/search.json?q=快递 驿站: the stories on the site's branch that
 * contain every word (cms/search/content-search.ts), as the CMS search box
 * shows them. The repository is the working directory unless CMS_REPO_DIR says.
 */
export const GET: APIRoute = async ({ request, clientAddress, url }) => {
  if (!mayRead(request, clientAddress)) return json({ error: '需要登录编辑后台' }, 401);
  const query = url.searchParams.get('q') ?? '';
  const result = await searchStories({
    repo: process.env['CMS_REPO_DIR'] ?? process.cwd(),
    branch: cmsEnvironment(process.env).branch,
    folder: CONTENT.articles,
    query,
  });
  return json(result);
};
