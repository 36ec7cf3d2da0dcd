/**
 * POST /api/cms/git/: the newsroom's own Git backend for Decap CMS, behind the
 * editors' inbox accounts. Only a signed-in editor gets past the first lines;
 * every request is validated with zod and every path with the write policy
 * before Git is touched.
 */
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { cmsEnvironment, type CmsEnvironment } from '../../../cms/config.ts';
import { t } from '../../i18n/t.ts';
import { authenticate, type InboxServices } from '../inbox/handlers.ts';
import type { User } from '../inbox/users.ts';
import { runAction, type Reply } from './actions.ts';
import { GitStore, type Identity } from './git-store.ts';
import { ACTIONS, CMS_REQUEST } from './request.ts';
import { dataExtensions, writableRoots } from './write-policy.ts';

/**
 * The largest request: Decap sends a story's new photos base64-encoded inside the JSON. The same as the
 * server's body limit (astro.config.mjs), which src/server/serve.ts enforces before the request gets here.
 */
export const MAX_REQUEST_BYTES = 42 * 1024 * 1024;

/** The newsroom service, committer of every commit an editor authors through the CMS. */
export const COMMITTER: Identity = { name: 'Newsroom CMS', email: 'cms@newsroom.invalid' };

/**
 * The author of an editor's commits: the account name, and an address made
 * from it under `.invalid` (RFC 2606), which says it is an account, not a
 * mailbox. Account names are letters, digits, . _ - (users.ts), so nothing
 * in them can break Git's `Name <email>` line.
 */
export function editorIdentity(user: Pick<User, 'name'>): Identity {
  const name = user.name.replace(/[<>\p{Cc}]/gu, '');
  return { name, email: `${name}@editors.newsroom.invalid` };
}

/** Where the backend writes: the repository and branch the publisher builds. */
export interface GitTarget {
  repo: string;
  branch: string;
}

/**
 * The target from the server's environment, as `npm start` passes it to the
 * workers: PUBLISH_REPO and PUBLISH_BRANCH (else CMS_BRANCH, else `main`).
 */
export function targetFromEnv(env: NodeJS.ProcessEnv): GitTarget | undefined {
  const repo = env['PUBLISH_REPO'];
  if (!repo) return undefined;
  return { repo: resolve(repo), branch: env['PUBLISH_BRANCH'] ?? env['CMS_BRANCH'] ?? 'main' };
}

/** Everything a request needs besides itself. */
export interface CmsGitServices {
  inbox: InboxServices;
  env: NodeJS.ProcessEnv;
}

const stores = new Map<string, GitStore>();
/** One store per repository in this process, so its one-at-a-time queue covers every request. */
function storeFor(repo: string): GitStore {
  let store = stores.get(repo);
  if (!store) {
    store = new GitStore(repo, COMMITTER);
    stores.set(repo, store);
  }
  return store;
}

let policy: { roots: string[]; dataTypes: string[] } | undefined;
/** The write policy from the CMS config, made once: the config does not change while the server runs. */
function policyFor(cms: CmsEnvironment) {
  policy ??= { roots: writableRoots(cms), dataTypes: dataExtensions(cms) };
  return policy;
}

const json = ({ body, status }: Reply) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
const refuse = (status: number, error: string) => json({ status, body: { error } });

/** The signed-in editor, or the refusal: 401 without a session, 403 before the one-time password is changed. */
export function cmsEditor(request: Request, inbox: InboxServices): { user: User } | { refuse: Response } {
  const user = authenticate(request, inbox);
  if (!user) return { refuse: refuse(401, t('cmsGit.signIn')) };
  if (user.must_change) return { refuse: refuse(403, t('cmsGit.mustChange')) };
  return { user };
}

async function readBody(request: Request): Promise<{ value: unknown } | { refuse: Response }> {
  const type = request.headers.get('content-type') ?? '';
  // A form on another site cannot send application/json without CORS' permission; with the SameSite=Strict
  // session cookie this keeps cross-site requests out.
  if (!/^application\/json\s*(;|$)/i.test(type)) return { refuse: refuse(415, t('cmsGit.contentType')) };
  const tooLarge = () => ({
    refuse: refuse(413, t('cmsGit.tooLarge', { mb: MAX_REQUEST_BYTES / 1024 / 1024 })),
  });
  if (Number(request.headers.get('content-length') ?? '0') > MAX_REQUEST_BYTES) return tooLarge();
  const text = await request.text();
  if (text.length > MAX_REQUEST_BYTES) return tooLarge();
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { refuse: refuse(400, t('cmsGit.badJson')) };
  }
}

function problems(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '请求'}：${issue.message}`)
    .join('；');
}

/** Answers one request of Decap's proxy backend. Never a 5xx for anyone but a signed-in editor. */
export async function handleCmsGit(request: Request, services: CmsGitServices): Promise<Response> {
  const editor = cmsEditor(request, services.inbox);
  if ('refuse' in editor) return editor.refuse;
  const cms = cmsEnvironment(services.env);
  if (cms.backend !== 'newsroom') return refuse(404, t('cmsGit.notEnabled'));
  const target = targetFromEnv(services.env);
  if (!target) return refuse(503, t('cmsGit.notConfigured'));
  if (request.method !== 'POST') return refuse(405, t('cmsGit.method'));
  const body = await readBody(request);
  if ('refuse' in body) return body.refuse;
  const action = z.object({ action: z.string().max(64) }).safeParse(body.value);
  if (!action.success) return refuse(422, t('cmsGit.badRequest', { problems: problems(action.error) }));
  if (!ACTIONS.has(action.data.action)) {
    return refuse(422, t('cmsGit.unknownAction', { action: action.data.action }));
  }
  const parsed = CMS_REQUEST.safeParse(body.value, { error: z.locales.zhCN().localeError });
  if (!parsed.success) return refuse(422, t('cmsGit.badRequest', { problems: problems(parsed.error) }));
  try {
    return json(
      await runAction(
        {
          store: storeFor(target.repo),
          branch: target.branch,
          ...policyFor(cms),
          author: editorIdentity(editor.user),
        },
        parsed.data,
      ),
    );
  } catch (error) {
    console.error(`[cms-git] ${parsed.data.action} in ${basename(target.repo)} failed:`, error);
    return refuse(500, t('cmsGit.failed'));
  }
}
