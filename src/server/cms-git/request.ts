/**
 * The requests Decap CMS's `proxy` backend sends (decap-cms-backend-proxy:
 * one POST of `{ action, params }` per call), as zod schemas. Types come from
 * here; src/server/cms-git/actions.ts answers each one.
 */
import { z } from 'zod';
import { t } from '../../i18n/t.ts';
import { COLLECTION_NAMES } from '../../schemas/index.ts';

/** Ignored: the server writes only its own content branch, whatever a page says. */
const branch = z.string().max(255).optional().describe(t('cmsGit.field.branch'));
const path = z.string().min(1).max(1024).describe(t('cmsGit.field.path'));
const collection = z.enum(COLLECTION_NAMES).describe(t('cmsGit.field.collection'));
/** An entry's slug becomes a branch name (cms/<collection>/<slug>), so it is held to what Git accepts. */
const slug = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/)
  .describe(t('cmsGit.field.slug'));
/** An unpublished entry's id as Decap passes it: `<collection>/<slug>`, its branch being `cms/<id>`. */
export const ENTRY_ID = z
  .string()
  .max(300)
  .transform((id, ctx) => {
    const at = id.indexOf('/');
    const parsed = z
      .object({ collection, slug })
      .safeParse({ collection: id.slice(0, at), slug: id.slice(at + 1) });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: t('cmsGit.field.id') });
      return z.NEVER;
    }
    return parsed.data;
  })
  .describe(t('cmsGit.field.id'));
const labelPrefix = z.string().max(64).optional().describe(t('cmsGit.field.labelPrefix'));
/** Decap's three workflow states: 草稿, 审核中, 就绪. */
export const WORKFLOW_STATUS = z
  .enum(['draft', 'pending_review', 'pending_publish'])
  .describe(t('cmsGit.field.status'));
const commitMessage = z.string().min(1).max(2000).describe(t('cmsGit.field.commitMessage'));

/** A file sent as base64, as Decap serialises photos and other media. */
export const ASSET = z
  .object({
    path,
    content: z
      .base64()
      .max(48 * 1024 * 1024)
      .describe(t('cmsGit.field.content')),
    encoding: z.literal('base64').describe(t('cmsGit.field.encoding')),
  })
  .describe(t('cmsGit.field.assets'));

/** One data file of an entry (its MDX or YAML text). */
export const DATA_FILE = z
  .object({
    slug,
    path,
    raw: z
      .string()
      .max(4 * 1024 * 1024)
      .describe(t('cmsGit.field.raw')),
    newPath: path.optional().describe(t('cmsGit.field.newPath')),
  })
  .describe(t('cmsGit.field.dataFiles'));

const entryKey = { branch, collection, slug };
const entryFile = { ...entryKey, path, id: z.string().max(1024).optional().describe(t('cmsGit.field.id')) };
const noteParams = z.object({ branch }).loose();

/** Every action with its parameters. */
export const CMS_REQUEST = z.discriminatedUnion('action', [
  z.object({ action: z.literal('info') }),
  z.object({
    action: z.literal('entriesByFolder'),
    params: z.object({
      branch,
      folder: path.describe(t('cmsGit.field.folder')),
      extension: z
        .string()
        .regex(/^[A-Za-z0-9]{1,16}$/)
        .describe(t('cmsGit.field.extension')),
      depth: z.number().int().min(1).max(16).describe(t('cmsGit.field.depth')),
    }),
  }),
  z.object({
    action: z.literal('entriesByFiles'),
    params: z.object({
      branch,
      files: z
        .array(z.object({ path, label: z.string().max(500).optional() }))
        .max(20_000)
        .describe(t('cmsGit.field.files')),
    }),
  }),
  z.object({ action: z.literal('getEntry'), params: z.object({ branch, path }) }),
  z.object({ action: z.literal('unpublishedEntries'), params: z.object({ branch }) }),
  z.object({
    action: z.literal('unpublishedEntry'),
    params: z.object({
      branch,
      id: ENTRY_ID.optional(),
      collection: collection.optional(),
      slug: slug.optional(),
      cmsLabelPrefix: labelPrefix,
    }),
  }),
  z.object({ action: z.literal('unpublishedEntryDataFile'), params: z.object(entryFile) }),
  z.object({ action: z.literal('unpublishedEntryMediaFile'), params: z.object(entryFile) }),
  z.object({ action: z.literal('deleteUnpublishedEntry'), params: z.object(entryKey) }),
  z.object({
    action: z.literal('persistEntry'),
    params: z.object({
      branch,
      dataFiles: z.array(DATA_FILE).min(1).max(20),
      assets: z.array(ASSET).max(50),
      options: z.object({
        collectionName: collection.optional(),
        commitMessage,
        useWorkflow: z.boolean().optional().describe(t('cmsGit.field.useWorkflow')),
        status: WORKFLOW_STATUS.optional(),
      }),
      cmsLabelPrefix: labelPrefix,
    }),
  }),
  z.object({
    action: z.literal('updateUnpublishedEntryStatus'),
    params: z.object({ ...entryKey, newStatus: WORKFLOW_STATUS, cmsLabelPrefix: labelPrefix }),
  }),
  z.object({ action: z.literal('publishUnpublishedEntry'), params: z.object(entryKey) }),
  z.object({
    action: z.literal('getMedia'),
    params: z.object({ branch, mediaFolder: path.describe(t('cmsGit.field.mediaFolder')) }),
  }),
  z.object({ action: z.literal('getMediaFile'), params: z.object({ branch, path }) }),
  z.object({
    action: z.literal('persistMedia'),
    params: z.object({ branch, asset: ASSET, options: z.object({ commitMessage }) }),
  }),
  z.object({
    action: z.literal('deleteFile'),
    params: z.object({ branch, path, options: z.object({ commitMessage }) }),
  }),
  z.object({
    action: z.literal('deleteFiles'),
    params: z.object({
      branch,
      paths: z.array(path).min(1).max(200).describe(t('cmsGit.field.paths')),
      options: z.object({ commitMessage }),
    }),
  }),
  z.object({ action: z.literal('getDeployPreview'), params: z.object(entryKey).partial() }),
  z.object({ action: z.literal('getNotes'), params: noteParams }),
  z.object({ action: z.literal('getPRMetadata'), params: noteParams }),
  z.object({ action: z.literal('addNote'), params: noteParams }),
  z.object({ action: z.literal('updateNote'), params: noteParams }),
  z.object({ action: z.literal('deleteNote'), params: noteParams }),
  z.object({ action: z.literal('toggleNoteResolution'), params: noteParams }),
]);

/** A request Decap's proxy backend sends. */
export type CmsRequest = z.infer<typeof CMS_REQUEST>;
/** The name of an action. */
export type CmsAction = CmsRequest['action'];
/** The parameters of one action. */
export type ParamsOf<A extends CmsAction> =
  Extract<CmsRequest, { action: A }> extends { params: infer P } ? P : never;

/** The action names, to tell an unknown action (422) from malformed parameters. */
export const ACTIONS: ReadonlySet<string> = new Set(CMS_REQUEST.options.map((o) => o.shape.action.value));
