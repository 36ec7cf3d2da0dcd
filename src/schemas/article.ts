import { z } from 'zod';
import { BYLINE_ROLES } from './author.ts';
import { calendarDay, newsroomDate } from './common.ts';
import type { HelperRuntime, SchemaHelpers } from './context.ts';

/** Story kinds the features section publishes. */
export const ARTICLE_KINDS = ['feature', 'profile', 'report', 'brief', 'opinion', 'photo'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

/** One byline entry: a staff author by reference, or a free name such as a correspondent. */
const bylineEntry = <R extends HelperRuntime>({ reference }: SchemaHelpers<R>) =>
  z
    .object({
      author: reference('authors').optional().describe('本报采编人员：从作者库中选择'),
      name: z.string().min(1).optional().describe('不在作者库中的署名，例如通讯员"周宁"；与"作者"二选一'),
      role: z.enum(BYLINE_ROLES).describe('本次署名的身份：记者、通讯员、摄影、评论员或编辑'),
    })
    .refine((e) => (e.author === undefined) !== (e.name === undefined), {
      message: '每条署名要么从作者库选择"作者"，要么填写"姓名"，只能二选一',
    });

/** The print reference: which day, page and page name the story ran on. */
const editionSchema = () =>
  z
    .object({
      date: calendarDay().describe('刊期：见报日期，写成 YYYY-MM-DD'),
      page: z.number().int().min(1, '版次从 1 开始').describe('版次：第几版，例如 5'),
      pageName: z.string().min(1, '请填写版名').describe('版名，例如"水城·温度"'),
    })
    .describe('见报信息（可选）：刊期、版次、版名');

/** The lead photo; its alt text is required because screen readers need it. */
const heroSchema = <R extends HelperRuntime>({ image }: SchemaHelpers<R>) =>
  z
    .object({
      image: image().describe('题图：放在文章文件夹里的图片'),
      alt: z
        .string()
        .min(2, '请为题图写替代文字，告诉看不见图片的读者图里有什么')
        .describe('替代文字：用一句话描述图片内容，供读屏软件朗读'),
      caption: z.string().optional().describe('图片说明，印在图片下方'),
      credit: z.string().optional().describe('图片署名，例如"本报记者 王浩 摄"'),
    })
    .describe('题图（可选）');

/** The person a profile is about. */
const subjectSchema = () =>
  z
    .object({
      name: z.string().min(1, '请填写人物姓名').describe('人物姓名'),
      title: z.string().min(1, '请填写人物身份').describe('身份或职务，例如"顺丰速运快递员"'),
      honors: z.array(z.string().min(1)).default([]).describe('荣誉称号，每条一项'),
    })
    .describe('人物稿的主人公（人物类稿件必填）');

const correctionSchema = () =>
  z.object({
    date: newsroomDate().describe('更正日期'),
    text: z.string().min(4, '请写明更正了什么').describe('更正内容，读者会在文末看到'),
  });

/** The article's frontmatter: content/articles/<slug>/index.mdx. */
export const articleSchema = <R extends HelperRuntime>(helpers: SchemaHelpers<R>) =>
  z
    .object({
      title: z
        .string({ error: '缺少主标题（title）' })
        .min(2, '主标题太短')
        .max(60, '主标题请控制在 60 字以内')
        .describe('主标题，必填'),
      kicker: z
        .string()
        .min(1)
        .max(40, '引题请控制在 40 字以内')
        .optional()
        .describe('引题：主标题上方的一行小字，例如"社会工作"'),
      subtitle: z
        .string()
        .min(1)
        .max(80, '副题请控制在 80 字以内')
        .refine((s) => !/^[—－-]/.test(s), '副题开头不要写"——"，页面会自动加上')
        .optional()
        .describe('副题：主标题下方，页面会自动在前面加"——"'),
      summary: z
        .string({ error: '缺少导语（summary）' })
        .min(20, '导语至少 20 字，用于列表卡片、搜索结果和分享摘要')
        .max(200, '导语最多 200 字')
        .describe('导语：20 到 200 字，用于列表卡片、搜索结果和分享摘要'),
      kind: z
        .enum(ARTICLE_KINDS, {
          error:
            '稿件类型只能是 feature（特稿）、profile（人物）、report（报道）、brief（简讯）、opinion（评论）、photo（图片）之一',
        })
        .describe('稿件类型：特稿、人物、报道、简讯、评论或图片'),
      column: helpers.reference('columns').describe('所属栏目'),
      authors: z.array(bylineEntry(helpers)).min(1, '至少需要一条署名').describe('署名，按见报顺序排列'),
      publishedAt: newsroomDate().describe('发布时间；不写时区时按北京时间；晚于现在的稿件到时才上线'),
      updatedAt: newsroomDate().optional().describe('最后更新时间（可选），不能早于发布时间'),
      edition: editionSchema().optional(),
      districts: z.array(helpers.reference('districts')).default([]).describe('涉及的区县'),
      topics: z.array(z.string().min(1).max(20)).default([]).describe('话题标签，例如"快递进村"'),
      hero: heroSchema(helpers).optional(),
      subject: subjectSchema().optional(),
      corrections: z.array(correctionSchema()).default([]).describe('更正记录，按日期显示在文末'),
      draft: z.boolean().default(false).describe('草稿：勾选后不会出现在网站、订阅和搜索中'),
    })
    .superRefine((a, ctx) => {
      if (a.kind === 'profile' && a.subject === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['subject'],
          message: '人物稿（kind: profile）必须填写主人公（subject）：姓名和身份',
        });
      }
      if (a.updatedAt !== undefined && a.updatedAt < a.publishedAt) {
        ctx.addIssue({
          code: 'custom',
          path: ['updatedAt'],
          message: '更新时间早于发布时间，请检查两个日期',
        });
      }
    });

/** Frontmatter as the schema outputs it, with plain-string references. */
export type ArticleData = z.output<ReturnType<typeof articleSchema<'plain'>>>;
