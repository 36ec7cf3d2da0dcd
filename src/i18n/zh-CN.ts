import { site } from './zh-CN/site.ts';

/**
 * The one zh-CN dictionary. Each area keeps its strings in its own file under
 * `zh-CN/` so that work on search, the hotline or the CMS never collides; the
 * keys are namespaced and merged here.
 */
export const zhCN = {
  ...site,
} as const;

export type MessageKey = keyof typeof zhCN;
