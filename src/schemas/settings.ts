import { z } from 'zod';

/** Site-wide settings edited in the CMS: content/settings/site.yml. */
export const settingsSchema = () =>
  z.object({
    siteName: z.string().min(1).describe('网站名称，显示在页头和浏览器标题中'),
    paperName: z.string().min(1).describe('报纸名称，用于"本报"出处和结构化数据中的出版者'),
    tagline: z.string().min(1).describe('一句话介绍本栏目，显示在首页和"关于"页'),
    hotline: z
      .object({
        phones: z
          .array(z.string().regex(/^[\d-]{7,20}$/, '电话只能包含数字和连字符，例如 0635-8888888'))
          .min(1, '至少填写一个热线电话')
          .describe('热线电话，可填多个'),
        qq: z
          .string()
          .regex(/^\d{5,12}$/, 'QQ 号应为 5 到 12 位数字')
          .describe('读者联系用的 QQ 号'),
        email: z.email('邮箱格式不对，例如 rexian@example.com').describe('接收读者来信的邮箱'),
        notice: z.string().min(1).describe('热线框中的一句话，例如"欢迎广大读者提供新闻线索"'),
      })
      .describe('党报热线：电话、QQ、邮箱和提示语'),
    tipsNotice: z
      .string()
      .min(1)
      .describe('报料表单上方的隐私说明：网上报料不是匿名的，敏感线索请打热线电话'),
  });
