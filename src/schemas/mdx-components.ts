import { z } from 'zod';
import { plainHelpers } from './context.ts';

/*
 * The components editors use in article bodies (src/components/mdx/). Each one
 * has a props schema (its attributes in MDX) and, when something goes between
 * its tags, a content schema for what the editor puts there. The components'
 * `Props` types, the content check and the CMS editor components all read
 * these, so a prop added here reaches all three.
 */

/** An optional text attribute; quotes are required, so anything given is a string. */
const textAttribute = (description: string) =>
  z.string({ error: '这个属性要写成 名字="文字"，用英文双引号' }).optional().describe(description);

/** `<Figure caption="…" credit="…">` around one photo. */
export const figurePropsSchema = z.object({
  caption: textAttribute('图片说明：印在图片下方，可不填'),
  credit: textAttribute('图片署名：显示在说明行末尾，例如"本报记者 王浩 摄"，可不填'),
});

/** The photo between `<Figure>` and `</Figure>`: a Markdown image `![替代文字](./photo.jpg)`. */
export const figureContentSchema = z.object({
  image: plainHelpers.image().describe('图片：放在文章文件夹里的照片'),
  alt: z
    .string()
    .regex(/\S/, '图片缺少替代文字：请在 ![ ] 的方括号里用一句话描述图片内容，供看不见图片的读者使用')
    .describe('替代文字：用一句话描述图片内容，供读屏软件朗读；不要重复图片说明'),
});

/** `<PullQuote cite="…">引语</PullQuote>`. */
export const pullQuotePropsSchema = z.object({
  cite: textAttribute('出处：说话人，显示在引语后的"——"之后，可不填'),
});

/** The quotation between the tags. */
export const pullQuoteContentSchema = z.object({
  text: z
    .string()
    .regex(/\S/, '引语是空的：请在 <PullQuote> 和 </PullQuote> 之间写上引语')
    .describe('引语内容：不用加引号，页面会自动加上“ ”'),
});

/** `<FactBox title="…">` around a list of key numbers. */
export const factBoxPropsSchema = z.object({
  title: textAttribute('标题：数据框的标题，例如"数说开发区"；不填时显示"数据"'),
});

/** The list between the tags: one `- **数字** 说明` line per fact. */
export const factBoxContentSchema = z.object({
  items: z
    .array(
      z.object({
        figure: z.string().optional().describe('数字：加粗显示，例如"3 万件"'),
        text: z.string().describe('说明：这个数字说的是什么'),
      }),
    )
    .min(1, '数据框里没有条目：请在标签之间写一个列表，每行以"- "开头，例如"- **310家** 新业态企业"')
    .describe('条目：每条一个数字和它的说明'),
});

/** `<ProfileCard name="…" title="…" honors={["…"]} />`. */
export const profileCardPropsSchema = z.object({
  name: z
    .string({ error: '缺少人物姓名：请加上 name="姓名"，例如 <ProfileCard name="林东阁" … />' })
    .regex(/\S/, '人物姓名 name 不能为空')
    .describe('姓名：名片上的人物姓名，必填'),
  title: textAttribute('身份：职务或身份，例如"顺丰速运快递员"，可不填'),
  honors: z
    .array(
      z
        .string({ error: '每个荣誉称号都要是英文双引号括起来的文字，例如 "水城工匠"' })
        .regex(/\S/, '荣誉称号不能是空的'),
      { error: '荣誉称号要写成一组文字，例如 honors={["水城工匠","聊城市劳动模范"]}' },
    )
    .optional()
    .describe('荣誉称号：每条一项，例如"聊城市劳动模范"，可不填'),
});

/** `<HotlineCallout />` or `<HotlineCallout text="…" />`. */
export const hotlineCalloutPropsSchema = z.object({
  text: textAttribute('提示语：写给读者的一句话；不填时显示网站设置里的报料提示语'),
});

/** Props of `Figure.astro`. */
export type FigureProps = z.infer<typeof figurePropsSchema>;
/** Props of `PullQuote.astro`. */
export type PullQuoteProps = z.infer<typeof pullQuotePropsSchema>;
/** Props of `FactBox.astro`. */
export type FactBoxProps = z.infer<typeof factBoxPropsSchema>;
/** Props of `ProfileCard.astro`. */
export type ProfileCardProps = z.infer<typeof profileCardPropsSchema>;
/** Props of `HotlineCallout.astro`. */
export type HotlineCalloutProps = z.infer<typeof hotlineCalloutPropsSchema>;

/**
 * What may go between a component's tags: one or more photos, a line of
 * text, a Markdown list, or nothing at all (the component has no slot, so
 * anything written there would silently disappear).
 */
export type MdxContentKind = 'photo' | 'text' | 'list' | 'none';

/** One body component as the content check and the CMS see it. */
export interface MdxComponentSpec {
  /** The tag name editors write, capital letters included. */
  name: string;
  props: z.ZodObject;
  content: MdxContentKind;
  /** The schema of what goes between the tags, when there is something. */
  contentSchema?: z.ZodObject;
  /** How an editor would name what goes inside, for messages: "数据框内容", "引语". */
  contentLabel: string;
}

/** Every component an article body may use, keyed by its tag name. */
export const MDX_COMPONENT_SPECS = {
  Figure: {
    name: 'Figure',
    props: figurePropsSchema,
    content: 'photo',
    contentSchema: figureContentSchema,
    contentLabel: '图片',
  },
  PullQuote: {
    name: 'PullQuote',
    props: pullQuotePropsSchema,
    content: 'text',
    contentSchema: pullQuoteContentSchema,
    contentLabel: '引语',
  },
  FactBox: {
    name: 'FactBox',
    props: factBoxPropsSchema,
    content: 'list',
    contentSchema: factBoxContentSchema,
    contentLabel: '数据框内容',
  },
  ProfileCard: {
    name: 'ProfileCard',
    props: profileCardPropsSchema,
    content: 'none',
    contentLabel: '人物名片',
  },
  HotlineCallout: {
    name: 'HotlineCallout',
    props: hotlineCalloutPropsSchema,
    content: 'none',
    contentLabel: '热线提示',
  },
} as const satisfies Record<string, MdxComponentSpec>;

/** A tag name of {@link MDX_COMPONENT_SPECS}. */
export type MdxComponentName = keyof typeof MDX_COMPONENT_SPECS;
