import { z } from 'zod';
import type { HelperRuntime, SchemaHelpers } from './context.ts';

/** Staff roles shown in bylines, in the order the paper prints them. */
export const BYLINE_ROLES = ['reporter', 'correspondent', 'photographer', 'commentator', 'editor'] as const;
export type BylineRole = (typeof BYLINE_ROLES)[number];

/** A staff member of the newsroom: content/authors/<id>.yml. */
export const authorSchema = <R extends HelperRuntime>({ image }: SchemaHelpers<R>) =>
  z.object({
    name: z.string().min(1, '请填写姓名').describe('姓名，署名时原样显示，例如"赵琦"'),
    role: z.enum(BYLINE_ROLES).describe('默认身份：记者、通讯员、摄影、评论员或编辑'),
    bio: z
      .string()
      .max(300, '简介请控制在 300 字以内')
      .optional()
      .describe('一两句话的个人简介，显示在作者页'),
    photo: image().optional().describe('作者照片（可选），放在作者文件旁'),
  });
