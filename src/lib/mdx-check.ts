/**
 * Checks an article's MDX body the way the build will compile it: with
 * Sätteri, Astro's MDX compiler. Syntax errors, unknown components, missing
 * or malformed props and empty photos are reported with the line the editor
 * sees and what to change, so the build never fails on them later.
 */
import { mdxToMdast, type MdastNode, type MdxJsxFlowElement, type MdxJsxTextElement } from 'satteri';
import { describeObject, type FieldKind } from '../schemas/fields.ts';
import {
  figureContentSchema,
  MDX_COMPONENT_SPECS,
  type MdxComponentSpec,
} from '../schemas/mdx-components.ts';

/** A problem in a body, at a line of the whole file. */
export interface BodyProblem {
  line: number;
  message: string;
}

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

const SPECS: Readonly<Record<string, MdxComponentSpec>> = MDX_COMPONENT_SPECS;
const COMPONENT_NAMES = Object.keys(MDX_COMPONENT_SPECS);

/**
 * Plain HTML that is harmless in a body: inline formatting Markdown has no
 * syntax for. Anything else lowercase is most likely a misspelt component
 * (`<factbox>`) or markup the site's styles and image pipeline do not cover.
 */
const INLINE_HTML = new Set(['br', 'sup', 'sub', 'u', 's', 'del', 'ins', 'mark', 'small', 'abbr', 'span']);

/*
 * Everything this check looks at starts with one of these: a tag or a
 * less-than sign, a brace, an image, or an import/export line. A body with
 * none of them is plain Markdown, which cannot fail to compile as MDX, so the
 * parse (most of the check's time) is skipped.
 */
const MDX_SYNTAX = /[<{}]|!\[|^(?:import|export)\b/m;

/** Each component's props by name with their kind, worked out once. */
const PROP_KINDS = new Map<string, Map<string, { kind: FieldKind; description: string }>>(
  Object.values(SPECS).map((spec) => [
    spec.name,
    new Map(
      describeObject(spec.props).map((f) => [f.name, { kind: f.kind, description: f.description ?? '' }]),
    ),
  ]),
);

/** The first words of a `.describe()` text ("图片说明：…" → "图片说明"), to name a prop in messages. */
const shortLabel = (description: string): string => description.split(/[：，（]/)[0] ?? description;

/** What the body check may know about the story's folder. */
export interface BodyCheckOptions {
  /**
   * Whether a photo path written in the body exists beside the story (the
   * build stops on a missing one). Without it, photo paths are not checked.
   */
  hasPhoto?: (path: string) => boolean;
}

/**
 * Checks one MDX body. `firstLine` is the file line the body starts on, so
 * that line numbers match what the editor sees with the frontmatter above.
 */
export function checkMdxBody(body: string, firstLine = 1, options: BodyCheckOptions = {}): BodyProblem[] {
  if (!MDX_SYNTAX.test(body)) return [];
  let tree: MdastNode;
  try {
    tree = mdxToMdast(body);
  } catch (error) {
    return [explainSyntaxError(error instanceof Error ? error.message : String(error), body, firstLine)];
  }
  const problems: BodyProblem[] = [];
  const at = (node: { position?: { start: { line: number } } | undefined }): number =>
    firstLine + (node.position?.start.line ?? 1) - 1;
  const report = (node: { position?: { start: { line: number } } | undefined }, message: string): void => {
    problems.push({ line: at(node), message: `正文第 ${String(at(node))} 行：${message}` });
  };

  const visit = (node: MdastNode): void => {
    switch (node.type) {
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node, report);
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        if (!isComment(node.value)) {
          report(
            node,
            `花括号 {${abbreviate(node.value)}} 会被当作程序代码运行，发布时会出错。要显示花括号本身，请写成 \\{ 和 \\}，或改用全角"｛｝"；要写备注请用 {/* 备注 */}`,
          );
        }
        break;
      case 'mdxjsEsm':
        report(
          node,
          '这一段以 import 或 export 开头，会被当作程序代码。正文里的组件不需要 import，可以直接使用；如果这是正文文字，请改写这一段的开头',
        );
        break;
      case 'image': {
        const alt = figureContentSchema.shape.alt.safeParse(node.alt);
        if (!alt.success) report(node, alt.error.issues[0]?.message ?? '图片缺少替代文字');
        if (options.hasPhoto && !options.hasPhoto(node.url)) report(node, missingPhoto(node.url));
        break;
      }
      default:
        break;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return problems;
}

/** The message for a photo path that is not in the story's folder. */
export function missingPhoto(path: string): string {
  return `找不到图片 ${path}：请把这张照片放进稿件所在的文件夹，或检查文件名和扩展名（大小写要一致），网站才能生成这篇稿件`;
}

type Report = (node: { position?: { start: { line: number } } | undefined }, message: string) => void;

/** Checks one JSX element: its name, how it sits in the text, its attributes and what is between its tags. */
function checkElement(node: JsxElement, report: Report): void {
  const name = node.name;
  if (name === null) return;
  const spec = SPECS[name];
  if (!spec) {
    if (INLINE_HTML.has(name)) return;
    report(node, unknownComponent(name));
    return;
  }
  if (node.type === 'mdxJsxTextElement') {
    report(node, `<${name}> 要单独成段：请把它移到单独的一行，前后各空一行，不要和正文文字写在同一段里`);
  }
  checkAttributes(spec, node, report);
  checkContent(spec, node, report);
}

function unknownComponent(name: string): string {
  const folded = name.toLowerCase().replace(/[^a-z]/g, '');
  const meant = COMPONENT_NAMES.find((c) => c.toLowerCase() === folded);
  if (meant) return `组件名 <${name}> 写错了，应写成 <${meant}>（大小写要一致）`;
  return `正文里没有 <${name}> 这个组件。可用的组件只有 ${COMPONENT_NAMES.map((c) => `<${c}>`).join('、')}，名字要一字不差（包括大小写）；如果这里本来是文字，请把"<"改成全角"＜"`;
}

/** Reads the attributes into plain values, reporting the ones that cannot be read, then checks them with the props schema. */
function checkAttributes(spec: MdxComponentSpec, node: JsxElement, report: Report): void {
  const kinds = PROP_KINDS.get(spec.name) ?? new Map<string, { kind: FieldKind; description: string }>();
  const values: Record<string, unknown> = {};
  const reported = new Set<string>();
  const example = (prop: string, kind: FieldKind | undefined): string =>
    kind === 'list' ? `${prop}={["第一项","第二项"]}` : `${prop}="…"`;
  for (const attribute of node.attributes) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      report(node, `<${spec.name}> 里不能写 {${abbreviate(attribute.value)}}：属性要写成 名字="文字"`);
      continue;
    }
    const prop = attribute.name;
    const info = kinds.get(prop);
    if (!info) {
      const meant = [...kinds.keys()].find((k) => k.toLowerCase() === prop.toLowerCase());
      const available = [...kinds.entries()]
        .map(([k, v]) => `${k}（${shortLabel(v.description)}）`)
        .join('、');
      report(
        node,
        meant
          ? `<${spec.name}> 的属性 ${prop} 写错了，应写成 ${meant}（大小写要一致）`
          : `<${spec.name}> 没有属性 ${prop}。${available ? `可用的属性：${available}` : '这个组件不需要属性，请删除它'}`,
      );
      continue;
    }
    if (prop in values || reported.has(prop)) {
      report(node, `<${spec.name}> 的属性 ${prop} 写了两次，请删掉其中一个`);
      continue;
    }
    const value = attribute.value;
    if (info.kind === 'list') {
      const parsed = typeof value === 'object' && value !== null ? parseJson(value.value) : undefined;
      if (parsed === undefined) {
        reported.add(prop);
        report(
          node,
          `<${spec.name}> 的属性 ${prop} 要写成 ${example(prop, 'list')}：花括号里是一对方括号，每一项用英文双引号括起来、用英文逗号隔开`,
        );
      } else values[prop] = parsed.value;
    } else if (typeof value === 'string') {
      values[prop] = value;
    } else {
      reported.add(prop);
      report(
        node,
        value === null || value === undefined
          ? `<${spec.name}> 的属性 ${prop} 没有值：请写成 ${example(prop, info.kind)}，或删除它`
          : `<${spec.name}> 的属性 ${prop} 要写成 ${example(prop, info.kind)}，用英文双引号，不能用花括号 {…}`,
      );
    }
  }
  const result = spec.props.safeParse(values);
  if (result.success) return;
  for (const issue of result.error.issues) {
    const prop = String(issue.path[0] ?? '');
    if (reported.has(prop)) continue;
    const item = typeof issue.path[1] === 'number' ? ` 第 ${String(issue.path[1] + 1)} 项` : '';
    report(node, `<${spec.name}>${item ? ` 的 ${prop}${item}：` : ' '}${issue.message}`);
  }
}

/** Checks what goes between the tags against the component's content schema. */
function checkContent(spec: MdxComponentSpec, node: JsxElement, report: Report): void {
  const children: MdastNode[] = node.children;
  switch (spec.content) {
    case 'none':
      if (children.length > 0) {
        report(
          node,
          `<${spec.name}> 的标签之间不能放内容，放了也不会显示。请把它写成一个自闭合标签 <${spec.name} … />，内容写在属性里或放到标签外面`,
        );
      }
      return;
    case 'photo': {
      const images = children.flatMap(function find(n: MdastNode): MdastNode[] {
        if (n.type === 'image') return [n];
        return 'children' in n ? n.children.flatMap(find) : [];
      });
      if (images.length === 0) {
        report(
          node,
          `<${spec.name}> 里没有照片：请在 <${spec.name} …> 和 </${spec.name}> 之间放一张图片，单独一行、前后空行，写成 ![替代文字](./photo-2.jpg)`,
        );
      }
      // Alt text is checked with every image; the photo path has nothing else to check here.
      return;
    }
    case 'text':
      validate(spec, node, { text: children.map(plainText).join('') }, report);
      return;
    case 'list': {
      const items = children.flatMap((n) =>
        n.type === 'list' ? n.children.map((item) => ({ text: plainText(item) })) : [],
      );
      validate(spec, node, { items }, report);
      return;
    }
  }
}

function validate(spec: MdxComponentSpec, node: JsxElement, data: unknown, report: Report): void {
  const result = spec.contentSchema?.safeParse(data);
  if (result && !result.success) for (const issue of result.error.issues) report(node, issue.message);
}

function plainText(node: MdastNode): string {
  if ('value' in node && (node.type === 'text' || node.type === 'inlineCode')) return node.value;
  return 'children' in node ? node.children.map(plainText).join('') : '';
}

function parseJson(source: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(source) as unknown };
  } catch {
    return undefined;
  }
}

const isComment = (source: string): boolean => /^\s*\/\*[\s\S]*\*\/\s*$/.test(source);

const abbreviate = (source: string): string => (source.length > 20 ? `${source.slice(0, 20)}…` : source);

/*
 * Sätteri reports the first syntax error it meets as "line:column: reason
 * (rule)", sometimes with the position of the tag it refers to in the reason.
 * Both positions are in the body; they are moved to file lines and the reason
 * is said in words an editor can act on.
 */
const SYNTAX = /^(\d+):(\d+): ([\s\S]*?)\s*\(([\w:-]+)\)\s*$/;

/** Turns a compiler error into a message with the file line and what to change. */
export function explainSyntaxError(raw: string, body: string, firstLine = 1): BodyProblem {
  const match = SYNTAX.exec(raw);
  const bodyLine = Number(match?.[1] ?? 1);
  const line = firstLine + bodyLine - 1;
  const reason = match?.[3] ?? raw;
  const fileLine = (l: string | undefined): string => String(firstLine + Number(l ?? 1) - 1);
  const say = (message: string): BodyProblem => ({ line, message: `正文第 ${String(line)} 行：${message}` });

  let m = /^Expected a closing tag for `<([^>`]*)>` \((\d+):\d+\)( before the end of `(\w+)`)?/.exec(reason);
  if (m) {
    const name = m[1] ?? '';
    const spec = SPECS[name];
    if (spec?.content === 'none') {
      return say(`<${name}> 没有结束：它是自闭合组件，请在末尾的 > 前加上 /，写成 <${name} … />`);
    }
    if (m[3]) {
      return say(
        `<${name}> 没有结束标签 </${name}>：开始和结束标签要写在同一段里，请在${spec?.contentLabel ?? '内容'}之后、换行之前加上 </${name}>`,
      );
    }
    return say(
      `<${name}> 没有结束标签 </${name}>，请在${spec?.contentLabel ?? '组件内容'}之后加上它（单独一行，前面空一行）`,
    );
  }
  m =
    /^Unexpected closing tag `<\/([^>`]*)>`, expected corresponding closing tag for `<([^>`]*)>` \((\d+):\d+\)/.exec(
      reason,
    );
  if (m) {
    return say(
      `结束标签 </${m[1] ?? ''}> 和第 ${fileLine(m[3])} 行的 <${m[2] ?? ''}> 对不上：请把它改成 </${m[2] ?? ''}>（名字和大小写要一致），或者在它前面先补上 </${m[2] ?? ''}>`,
    );
  }
  m = /^Unexpected closing tag `<\/([^>`]*)>`, expected an open tag first/.exec(reason);
  if (m)
    return say(`多了一个结束标签 </${m[1] ?? ''}>：前面没有对应的 <${m[1] ?? ''}>，请删除它或补上开始标签`);
  if (reason.includes('to create a comment in MDX')) {
    return say('正文里不能用 HTML 注释 <!-- -->，请删除它，或改写成 {/* 备注 */}');
  }
  if (/^Unexpected character after `<`|before name/.test(reason)) {
    const text = body.split('\n')[bodyLine - 1] ?? '';
    const column = Number(match?.[2] ?? 1);
    if (/^<\/?[A-Za-z]/.test(text.slice(column - 1))) {
      return say(
        '组件标签写法有误：属性要写成 名字="文字"（英文双引号，不能用中文引号“”，引号要成对），标签要以 > 或 /> 结尾',
      );
    }
    return say(
      '这里的"<"会被当作组件标签的开始。要写小于号请改用全角"＜"或写成 \\<；要放网址请写成 [文字](网址)',
    );
  }
  if (reason.includes('expected a corresponding closing brace for `{`')) {
    return say(
      '花括号 { 没有配对的 }。正文里的花括号会被当作程序代码：要显示花括号本身，请写成 \\{ 和 \\}，或改用全角"｛｝"',
    );
  }
  if (reason.startsWith('Could not parse expression')) {
    return say(
      '花括号 {…} 里的内容不是有效的写法。属性里的列表要写成 {["第一项","第二项"]}，用英文双引号和逗号；正文里要显示花括号本身，请写成 \\{ 和 \\}',
    );
  }
  return say(`MDX 写法有误，网站无法生成这篇稿件（${reason}）。请检查这一行的标签、引号和花括号是否成对`);
}
