import { z } from 'zod';

/** A column (栏目) of the features section: content/columns/<id>.yml. */
export const columnSchema = () =>
  z.object({
    name: z.string().min(1, '请填写栏目名').describe('栏目名，例如"水城·温度""广角镜""锐观点"'),
    description: z.string().min(1, '请填写栏目简介').describe('一句话介绍栏目，显示在栏目页顶部'),
    order: z.number().int().min(0).describe('在导航和首页中的排序，数字小的在前'),
  });
