import { site } from './zh-CN/site.ts';
import { search } from './zh-CN/search.ts';
import { hotline } from './zh-CN/hotline.ts';
import { inbox } from './zh-CN/inbox.ts';
import { cms } from './zh-CN/cms.ts';
import { publishing } from './zh-CN/publishing.ts';
import { editions } from './zh-CN/editions.ts';
import { readerLoop } from './zh-CN/reader-loop.ts';
import { cmsGit } from './zh-CN/cms-git.ts';

/**
 * The one zh-CN dictionary. Each area keeps its strings in its own file under
 * `zh-CN/` so that work on search, the hotline or the CMS never collides; the
 * keys are namespaced and merged here.
 */
export const zhCN = {
  ...site,
  ...search,
  ...hotline,
  ...inbox,
  ...cms,
  ...publishing,
  ...editions,
  ...readerLoop,
  ...cmsGit,
} as const;

export type MessageKey = keyof typeof zhCN;
