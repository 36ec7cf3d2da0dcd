/**
 * What the newsroom backend does for each action of Decap's proxy backend, on
 * a {@link GitStore}. Editorial workflow as decap-server keeps it (so one
 * repository works with either): an unpublished entry is the branch
 * `cms/<collection>/<slug>`, its state the branch's description
 * (`decap-cms/<status>`); 发布 merges it into the content branch.
 */
import { basename } from 'node:path';
import { t } from '../../i18n/t.ts';
import {
  StaleBranchError,
  type FileChange,
  type GitStore,
  type Identity,
  type TreeFile,
} from './git-store.ts';
import type { CmsAction, CmsRequest, ParamsOf } from './request.ts';
import { MEDIA_EXTENSIONS, pathProblem, treeProblem, typeProblem } from './write-policy.ts';

/** An answer: the JSON body and its status. */
export interface Reply {
  status: number;
  body: unknown;
}

/** What every action needs: the store, the content branch, the writable roots and the editor. */
export interface ActionContext {
  store: GitStore;
  branch: string;
  roots: readonly string[];
  /** The file types an entry may have (from the CMS config); media are {@link MEDIA_EXTENSIONS}. */
  dataTypes: readonly string[];
  author: Identity;
}

const reply = (body: unknown, status = 200): Reply => ({ status, body });
const refuse = (status: number, error: string): Reply => ({ status, body: { error } });

/** Refused with a status and a Chinese message; thrown inside an action, answered by {@link runAction}. */
export class Refusal extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const DATA_EXTENSIONS = /\.(mdx|md|ya?ml|json)$/i;
const DEFAULT_LABEL_PREFIX = 'decap-cms/';

/** A workflow state as decap-server labels it; an empty prefix means Decap's default. */
const label = (prefix: string | undefined, status: string) =>
  `${prefix === undefined || prefix === '' ? DEFAULT_LABEL_PREFIX : prefix}${status}`;

function checkPaths(ctx: ActionContext, paths: readonly string[], folder = false): void {
  for (const path of paths) {
    const problem = pathProblem(path, ctx.roots, folder);
    if (problem) throw new Refusal(403, problem);
  }
}

/** Refuses a file whose type is not one of `types` (an entry's, or a photo's or PDF's). */
function checkTypes(paths: readonly string[], types: readonly string[]): void {
  for (const path of paths) {
    const problem = typeProblem(path, types);
    if (problem) throw new Refusal(415, problem);
  }
}

/** Every type the CMS writes: for a deletion or a publish, which may carry both. */
const anyType = (ctx: ActionContext) => [...ctx.dataTypes, ...MEDIA_EXTENSIONS];

async function checkTree(ctx: ActionContext, rev: string | undefined, paths: readonly string[]) {
  const problem = await treeProblem(ctx.store, rev, paths);
  if (problem) throw new Refusal(403, problem);
}

async function contentTip(ctx: ActionContext): Promise<string> {
  const tip = await ctx.store.tip(ctx.branch);
  if (tip === undefined) throw new Refusal(409, t('cmsGit.noBranch', { branch: ctx.branch }));
  return tip;
}

/** Decap's `{ data, file: { path, id } }` for each file, data null for a missing one; `found` is what the tree has. */
async function entriesOf(
  ctx: ActionContext,
  files: readonly { path: string; label?: string | undefined }[],
  found: readonly TreeFile[],
) {
  const byPath = new Map(found.filter((f) => f.type === 'blob').map((f) => [f.path, f.sha]));
  const blobs = await ctx.store.blobs([...new Set(byPath.values())]);
  return files.map((f) => {
    const sha = byPath.get(f.path);
    const data = sha === undefined ? undefined : blobs.get(sha);
    return {
      data: data === undefined ? null : data.toString('utf8'),
      file: { path: f.path, ...(f.label === undefined ? {} : { label: f.label }), id: sha ?? null },
    };
  });
}

/** Reads the named files at `rev`. */
async function readEntries(
  ctx: ActionContext,
  rev: string,
  files: readonly { path: string; label?: string | undefined }[],
) {
  const found =
    files.length === 0
      ? []
      : await ctx.store.files(
          rev,
          files.map((f) => f.path),
        );
  return entriesOf(ctx, files, found);
}

/** One media file as Decap's proxy backend deserialises it (base64 bytes). */
async function mediaFile(ctx: ActionContext, rev: string, path: string) {
  const [file] = (await ctx.store.files(rev, [path])).filter((f) => f.path === path && f.type === 'blob');
  if (!file) throw new Refusal(404, t('cmsGit.fileNotFound', { path }));
  const bytes = (await ctx.store.blobs([file.sha])).get(file.sha) ?? Buffer.alloc(0);
  return { id: file.sha, content: bytes.toString('base64'), encoding: 'base64', path, name: basename(path) };
}

/**
 * Commits `changes` on top of `branch` and moves it, retrying from the new
 * tip when another writer (a parallel save, the inbox's 回音) got there
 * first. `build` makes the commit from the tip it is given.
 */
async function commitToBranch(
  ctx: ActionContext,
  branch: string,
  build: (tip: string | undefined) => Promise<string>,
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const tip = await ctx.store.tip(branch);
    const sha = await build(tip);
    try {
      await ctx.store.moveBranch(branch, sha, tip);
      return sha;
    } catch (error) {
      if (!(error instanceof StaleBranchError) || attempt >= 4) {
        throw error instanceof StaleBranchError ? new Refusal(409, t('cmsGit.conflict')) : error;
      }
    }
  }
}

/** A commit of `changes` straight onto the content branch (simple publish mode, media, deletions). */
async function commitDirect(ctx: ActionContext, changes: FileChange[], message: string) {
  checkPaths(
    ctx,
    changes.map((c) => c.path),
  );
  return commitToBranch(ctx, ctx.branch, async (tip) => {
    if (tip === undefined) throw new Refusal(409, t('cmsGit.noBranch', { branch: ctx.branch }));
    await checkTree(
      ctx,
      tip,
      changes.map((c) => c.path),
    );
    const removed = changes.filter((c) => c.content === null).map((c) => c.path);
    const present = new Set(removed.length ? (await ctx.store.files(tip, removed)).map((f) => f.path) : []);
    const missing = removed.find((path) => !present.has(path));
    if (missing !== undefined) throw new Refusal(404, t('cmsGit.fileNotFound', { path: missing }));
    return ctx.store.commit({ base: tip, parents: [tip], changes, message, author: ctx.author });
  });
}

const cmsBranch = (collection: string, slug: string) => `cms/${collection}/${slug}`;

function entryChanges(params: ParamsOf<'persistEntry'>): FileChange[] {
  const changes: FileChange[] = [];
  for (const file of params.dataFiles) {
    changes.push({ path: file.newPath ?? file.path, content: Buffer.from(file.raw, 'utf8') });
    if (file.newPath !== undefined && file.newPath !== file.path)
      changes.push({ path: file.path, content: null });
  }
  for (const asset of params.assets)
    changes.push({ path: asset.path, content: Buffer.from(asset.content, 'base64') });
  return changes;
}

async function persistEntry(ctx: ActionContext, params: ParamsOf<'persistEntry'>): Promise<Reply> {
  const changes = entryChanges(params);
  checkPaths(
    ctx,
    changes.map((c) => c.path),
  );
  checkTypes(
    params.dataFiles.flatMap((f) => [f.path, ...(f.newPath === undefined ? [] : [f.newPath])]),
    ctx.dataTypes,
  );
  checkTypes(
    params.assets.map((a) => a.path),
    MEDIA_EXTENSIONS,
  );
  const written = changes.filter((c) => c.content !== null).map((c) => c.path);
  const { options } = params;
  if (!options.useWorkflow) {
    await commitDirect(ctx, changes, options.commitMessage);
    return reply({ message: 'entry persisted' });
  }
  const first = params.dataFiles[0];
  const collection = options.collectionName;
  if (!first || collection === undefined)
    throw new Refusal(422, t('cmsGit.badRequest', { problems: 'collectionName' }));
  const branch = cmsBranch(collection, first.slug);
  const head = await contentTip(ctx);
  const state = { created: false };
  await commitToBranch(ctx, branch, async (tip) => {
    state.created = tip === undefined;
    const base = tip ?? head;
    await checkTree(ctx, base, written);
    await checkTree(ctx, head, written);
    // Photos dropped from the entry since its last save leave its branch too, as with decap-server.
    const kept = new Set(changes.map((c) => c.path));
    const dropped =
      tip === undefined
        ? []
        : (await ctx.store.changes(head, tip))
            .filter((c) => c.status !== 'D' && !kept.has(c.path) && !DATA_EXTENSIONS.test(c.path))
            .map((c) => ({ path: c.path, content: null }));
    return ctx.store.commit({
      base,
      parents: [base],
      changes: [...changes, ...dropped],
      message: options.commitMessage,
      author: ctx.author,
    });
  });
  if (state.created) {
    await ctx.store.describe(branch, label(params.cmsLabelPrefix, options.status ?? 'draft'));
  }
  return reply({ message: 'entry persisted' });
}

async function unpublishedEntry(ctx: ActionContext, params: ParamsOf<'unpublishedEntry'>): Promise<Reply> {
  const { collection, slug } = params.id ?? params;
  if (collection === undefined || slug === undefined) return reply({ message: 'Not Found' }, 404);
  const branch = cmsBranch(collection, slug);
  const tip = await ctx.store.tip(branch);
  if (tip === undefined) return reply({ message: 'Not Found' }, 404);
  const head = await contentTip(ctx);
  const diffs = (await ctx.store.changes(head, tip))
    .filter((c) => c.status !== 'D')
    .map((c) => ({
      oldPath: c.path,
      newPath: c.path,
      status: c.status.startsWith('A') ? 'added' : 'modified',
      newFile: c.status.startsWith('A'),
      path: c.path,
      id: c.path,
      binary: !DATA_EXTENSIONS.test(c.path),
    }));
  const described = await ctx.store.description(branch);
  const prefix = label(params.cmsLabelPrefix, '');
  const meta = await ctx.store.commitMeta(tip);
  return reply({
    collection,
    slug,
    status: described.startsWith(prefix) ? described.slice(prefix.length) : 'draft',
    diffs,
    updatedAt: meta.date,
    // Decap shows it on the workflow card: who saved the entry last.
    pullRequestAuthor: meta.author,
  });
}

async function publish(ctx: ActionContext, params: ParamsOf<'publishUnpublishedEntry'>): Promise<Reply> {
  const branch = cmsBranch(params.collection, params.slug);
  const entryTip = await ctx.store.tip(branch);
  if (entryTip === undefined) throw new Refusal(404, t('cmsGit.notFound'));
  await commitToBranch(ctx, ctx.branch, async (tip) => {
    if (tip === undefined) throw new Refusal(409, t('cmsGit.noBranch', { branch: ctx.branch }));
    // An entry branch is a Git branch anyone with access to the repository could push: what it brings into
    // the content branch is held to the same rule as a save.
    const brought = (await ctx.store.changes(tip, entryTip)).map((c) => c.path);
    checkPaths(ctx, brought);
    checkTypes(brought, anyType(ctx));
    const tree = await ctx.store.mergeTree(tip, entryTip);
    if (tree === undefined) throw new Refusal(409, t('cmsGit.mergeConflict'));
    return ctx.store.commit({
      base: tip,
      tree,
      parents: [tip, entryTip],
      changes: [],
      message: `Publish ${params.collection} “${params.slug}”`,
      author: ctx.author,
    });
  });
  await ctx.store.deleteBranch(branch, entryTip);
  return reply({ message: `branch ${branch} merged to ${ctx.branch}` });
}

type Handlers = { [A in CmsAction]: (ctx: ActionContext, params: ParamsOf<A>) => Promise<Reply> };

const notes = () => Promise.resolve(refuse(422, t('cmsGit.notes')));

const HANDLERS: Handlers = {
  info: (ctx) =>
    Promise.resolve(
      reply({
        repo: basename(ctx.store.repo),
        publish_modes: ['simple', 'editorial_workflow'],
        type: 'newsroom_git',
      }),
    ),
  entriesByFolder: async (ctx, { folder, extension, depth }) => {
    checkPaths(ctx, [folder], true);
    const tip = await contentTip(ctx);
    const files = (await ctx.store.files(tip, [folder])).filter((f) => {
      const rest = f.path.slice(folder.length + 1);
      return (
        f.type === 'blob' &&
        f.path.startsWith(`${folder}/`) &&
        f.path.endsWith(`.${extension}`) &&
        rest.split('/').length <= depth
      );
    });
    // The listing already names every blob: read them straight away, without naming 10,000 paths to Git again.
    return reply(await entriesOf(ctx, files, files));
  },
  entriesByFiles: async (ctx, { files }) => {
    checkPaths(
      ctx,
      files.map((f) => f.path),
    );
    return reply(await readEntries(ctx, await contentTip(ctx), files));
  },
  getEntry: async (ctx, { path }) => {
    checkPaths(ctx, [path]);
    const [entry] = await readEntries(ctx, await contentTip(ctx), [{ path }]);
    return reply(entry);
  },
  unpublishedEntries: async (ctx) =>
    reply((await ctx.store.branches('cms')).map((b) => b.slice('cms/'.length))),
  unpublishedEntry,
  unpublishedEntryDataFile: async (ctx, { collection, slug, path }) => {
    checkPaths(ctx, [path]);
    const tip = await ctx.store.tip(cmsBranch(collection, slug));
    if (tip === undefined) throw new Refusal(404, t('cmsGit.notFound'));
    const [entry] = await readEntries(ctx, tip, [{ path }]);
    return reply({ data: entry?.data ?? null });
  },
  unpublishedEntryMediaFile: async (ctx, { collection, slug, path }) => {
    checkPaths(ctx, [path]);
    const tip = await ctx.store.tip(cmsBranch(collection, slug));
    if (tip === undefined) throw new Refusal(404, t('cmsGit.notFound'));
    return reply(await mediaFile(ctx, tip, path));
  },
  deleteUnpublishedEntry: async (ctx, { collection, slug }) => {
    const branch = cmsBranch(collection, slug);
    const tip = await ctx.store.tip(branch);
    if (tip !== undefined) await ctx.store.deleteBranch(branch, tip);
    return reply({ message: `deleted branch: ${branch}` });
  },
  persistEntry,
  updateUnpublishedEntryStatus: async (ctx, { collection, slug, newStatus, cmsLabelPrefix }) => {
    const branch = cmsBranch(collection, slug);
    if ((await ctx.store.tip(branch)) === undefined) throw new Refusal(404, t('cmsGit.notFound'));
    await ctx.store.describe(branch, label(cmsLabelPrefix, newStatus));
    return reply({ message: `${branch} description was updated to ${newStatus}` });
  },
  publishUnpublishedEntry: publish,
  getMedia: async (ctx, { mediaFolder }) => {
    checkPaths(ctx, [mediaFolder], true);
    const tip = await contentTip(ctx);
    const files = (await ctx.store.files(tip, [mediaFolder])).filter(
      (f) =>
        f.type === 'blob' &&
        f.path.startsWith(`${mediaFolder}/`) &&
        !f.path.slice(mediaFolder.length + 1).includes('/'),
    );
    return reply(await Promise.all(files.map((f) => mediaFile(ctx, tip, f.path))));
  },
  getMediaFile: async (ctx, { path }) => {
    checkPaths(ctx, [path]);
    return reply(await mediaFile(ctx, await contentTip(ctx), path));
  },
  persistMedia: async (ctx, { asset, options }) => {
    checkPaths(ctx, [asset.path]);
    checkTypes([asset.path], MEDIA_EXTENSIONS);
    const sha = await commitDirect(
      ctx,
      [{ path: asset.path, content: Buffer.from(asset.content, 'base64') }],
      options.commitMessage,
    );
    return reply(await mediaFile(ctx, sha, asset.path));
  },
  deleteFile: async (ctx, { path, options }) => {
    checkPaths(ctx, [path]);
    checkTypes([path], anyType(ctx));
    await commitDirect(ctx, [{ path, content: null }], options.commitMessage);
    return reply({ message: `deleted file ${path}` });
  },
  deleteFiles: async (ctx, { paths, options }) => {
    checkPaths(ctx, paths);
    checkTypes(paths, anyType(ctx));
    await commitDirect(
      ctx,
      paths.map((path) => ({ path, content: null })),
      options.commitMessage,
    );
    return reply({ message: `deleted files ${paths.join(', ')}` });
  },
  getDeployPreview: () => Promise.resolve(reply(null)),
  getNotes: () => Promise.resolve(reply({ notes: [] })),
  getPRMetadata: () => Promise.resolve(reply({ metadata: null })),
  addNote: notes,
  updateNote: notes,
  deleteNote: notes,
  toggleNoteResolution: notes,
};

/** Actions that move a branch or change a label; everything else only reads. */
const WRITES: ReadonlySet<CmsAction> = new Set([
  'persistEntry',
  'updateUnpublishedEntryStatus',
  'publishUnpublishedEntry',
  'deleteUnpublishedEntry',
  'persistMedia',
  'deleteFile',
  'deleteFiles',
]);

/**
 * Answers one validated request. Writes of this process run one at a time (a
 * save reads a tip and moves it); other processes are kept out by the
 * compare-and-swap on every branch move. Reads need neither: each reads one
 * commit, which never changes, so a long listing does not hold up a save.
 */
export function runAction(ctx: ActionContext, request: CmsRequest): Promise<Reply> {
  const answer = async () => {
    try {
      const handler = HANDLERS[request.action] as (c: ActionContext, p: unknown) => Promise<Reply>;
      return await handler(ctx, 'params' in request ? request.params : {});
    } catch (error) {
      if (error instanceof Refusal) return refuse(error.status, error.message);
      throw error;
    }
  };
  return WRITES.has(request.action) ? ctx.store.exclusive(answer) : answer();
}
