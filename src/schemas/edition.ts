import { z } from 'zod';
import { calendarDay } from './common.ts';
import type { FieldMeta, HelperRuntime, SchemaHelpers } from './context.ts';

/** A polygon as SVG and image maps write it: "x,y x,y x,y", at least three corners. */
export const POLYGON_POINTS = /^\s*\d+,\d+(?:\s+\d+,\d+){2,}\s*$/;

/** A file beside the edition's YAML, such as the page PDF. */
const localFile = (extension: string, message: string) =>
  z
    .string()
    .min(1, message)
    .refine((path) => path.toLowerCase().endsWith(`.${extension}`), message)
    .meta({ file: true } satisfies FieldMeta);

/**
 * Where a story sits on the page image, in the image's own pixels (origin at
 * the top left): a rectangle (x, y, width, height) or a polygon (points).
 */
export const regionAreaSchema = () =>
  z
    .object({
      x: z
        .number()
        .int()
        .min(0, '横坐标不能小于 0')
        .optional()
        .describe('矩形左上角离版面图左边的距离（像素）'),
      y: z
        .number()
        .int()
        .min(0, '纵坐标不能小于 0')
        .optional()
        .describe('矩形左上角离版面图上边的距离（像素）'),
      width: z.number().int().min(1, '宽度至少 1 像素').optional().describe('矩形的宽度（像素）'),
      height: z.number().int().min(1, '高度至少 1 像素').optional().describe('矩形的高度（像素）'),
      points: z
        .string()
        .regex(POLYGON_POINTS, '多边形请写成"x,y x,y x,y"，至少三个点，例如"10,10 300,10 300,200"')
        .optional()
        .describe('多边形的顶点（不是矩形时使用），写成"x,y x,y x,y"'),
    })
    .superRefine((area, ctx) => {
      const rect = [area.x, area.y, area.width, area.height];
      const some = rect.some((v) => v !== undefined);
      const all = rect.every((v) => v !== undefined);
      if (area.points !== undefined && some) {
        ctx.addIssue({
          code: 'custom',
          message: '区域要么是矩形（x、y、宽、高），要么是多边形（顶点），不能两样都填：请删掉其中一种',
        });
      } else if (area.points === undefined && !all) {
        ctx.addIssue({
          code: 'custom',
          message: '请在版面图上画出这篇稿件的区域：矩形要填齐 x、y、宽、高四个数，或改填多边形的顶点',
        });
      }
    })
    .meta({ region: true } satisfies FieldMeta)
    .describe('稿件在版面图上的区域：在图上拖出矩形，或填写坐标（像素）');

/** One story's clickable region on a page. */
const regionSchema = <R extends HelperRuntime>({ reference }: SchemaHelpers<R>) =>
  z.object({
    story: reference('articles').describe('这块区域对应的稿件'),
    area: regionAreaSchema(),
  });

/** One printed page (版) of an issue. */
const pageSchema = <R extends HelperRuntime>(helpers: SchemaHelpers<R>) =>
  z.object({
    page: z.number({ error: '请填写版次' }).int().min(1, '版次从 1 开始').describe('版次：第几版，例如 5'),
    pageName: z.string().min(1, '请填写版名').describe('版名，例如"水城·温度"'),
    image: helpers.image().describe('版面图：整版的图片（PNG 或 JPEG），读者在上面点选稿件'),
    pdf: localFile('pdf', '请上传这一版的 PDF 文件（.pdf）').describe('这一版的 PDF，供读者下载'),
    regions: z.array(regionSchema(helpers)).default([]).describe('本版每篇稿件在版面图上的区域'),
  });

/** One day's paper (一期): content/editions/<date>.yml, its page images and PDFs beside it. */
export const editionSchema = <R extends HelperRuntime>(helpers: SchemaHelpers<R>) =>
  z.object({
    date: calendarDay().describe('刊期：出版日期，写成 YYYY-MM-DD；文件名也是这个日期'),
    pages: z.array(pageSchema(helpers)).min(1, '每期至少要有一个版面').describe('本期的各个版面，按版次排列'),
  });

/** An edition as the schema outputs it, with plain-string references and image paths. */
export type EditionData = z.output<ReturnType<typeof editionSchema<'plain'>>>;
/** One page of an edition. */
export type EditionPageData = EditionData['pages'][number];
/** A region's area: a rectangle or a polygon. */
export type RegionArea = z.output<ReturnType<typeof regionAreaSchema>>;
