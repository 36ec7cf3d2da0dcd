import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  decodeAttribute,
  encodeAttribute,
  factBox,
  figure,
  findComponents,
  hotlineCallout,
  MDX_COMPONENTS,
  profileCard,
  pullQuote,
  type ComponentField,
  type MdxComponent,
} from './components.ts';
import { describeObject, type FieldInfo } from '../src/schemas/fields.ts';
import {
  factBoxContentSchema,
  factBoxPropsSchema,
  figureContentSchema,
  figurePropsSchema,
  hotlineCalloutPropsSchema,
  profileCardPropsSchema,
  pullQuoteContentSchema,
  pullQuotePropsSchema,
} from '../src/schemas/mdx-components.ts';
import { FIXTURE_CONTENT } from '../tests/support/fixture.ts';

/** Parses `text` with the component's pattern and serializes it again. */
function roundTrip(component: MdxComponent, text: string): string {
  const match = component.pattern.exec(text);
  if (!match) throw new Error(`${component.id} did not match:\n${text}`);
  expect(match[0]).toBe(text);
  return component.toBlock(component.fromBlock(match));
}

const FIGURE = `<Figure caption="驿站货架按字母分区。" credit="本报记者 岳殿举 摄">

![驿站里一排排货架上码放着包裹](./photo-2.jpg)

</Figure>`;
const PULL_QUOTE =
  '<PullQuote cite="下码头村村民 尹训太">过去村里几乎人人会唱，后来几十年没人唱了。</PullQuote>';
const FACT_BOX = `<FactBox title="数说开发区">

- **310家** 新业态企业
- **4900余名** 新就业形态劳动者
- 没有数字的一条

</FactBox>`;
const PROFILE = '<ProfileCard name="林东阁" title="快递员" honors={["水城工匠","聊城市劳动模范"]} />';

describe('each body component round-trips exactly', () => {
  test.each([
    ['Figure', figure, FIGURE],
    ['Figure without credit', figure, '<Figure caption="说明">\n\n![图](./a.jpg)\n\n</Figure>'],
    [
      'Figure with an escaped alt and a path with spaces',
      figure,
      '<Figure>\n\n![a \\[b\\]](<./my photo.jpg>)\n\n</Figure>',
    ],
    ['PullQuote', pullQuote, PULL_QUOTE],
    ['PullQuote without cite', pullQuote, '<PullQuote>一句话。</PullQuote>'],
    ['FactBox', factBox, FACT_BOX],
    ['ProfileCard', profileCard, PROFILE],
    ['ProfileCard without honors', profileCard, '<ProfileCard name="聂翔" title="退伍军人" />'],
    ['HotlineCallout', hotlineCallout, '<HotlineCallout />'],
    [
      'HotlineCallout with text',
      hotlineCallout,
      '<HotlineCallout text="您身边有这样的故事吗？欢迎告诉我们。" />',
    ],
  ])('%s', (_name, component, text) => {
    expect(roundTrip(component, text)).toBe(text);
  });

  test('the form sees the values, not the syntax', () => {
    const match = figure.pattern.exec(FIGURE) as RegExpExecArray;
    expect(figure.fromBlock(match)).toEqual({
      image: './photo-2.jpg',
      alt: '驿站里一排排货架上码放着包裹',
      caption: '驿站货架按字母分区。',
      credit: '本报记者 岳殿举 摄',
    });
    const facts = factBox.fromBlock(factBox.pattern.exec(FACT_BOX) as RegExpExecArray);
    expect(facts['items']).toEqual([
      { figure: '310家', text: '新业态企业' },
      { figure: '4900余名', text: '新就业形态劳动者' },
      { figure: '', text: '没有数字的一条' },
    ]);
    expect(profileCard.fromBlock(profileCard.pattern.exec(PROFILE) as RegExpExecArray)['honors']).toEqual([
      '水城工匠',
      '聊城市劳动模范',
    ]);
  });
});

describe('text that would break MDX is written safely', () => {
  test('quotes and ampersands in attributes become entities and come back', () => {
    const data = { cite: '他说"好"& 走了', text: '引语' };
    const block = pullQuote.toBlock(data);
    expect(block).toBe('<PullQuote cite="他说&quot;好&quot;&amp; 走了">引语</PullQuote>');
    expect(pullQuote.fromBlock(pullQuote.pattern.exec(block) as RegExpExecArray)).toEqual(data);
    expect(decodeAttribute(encodeAttribute('a&quot;b'))).toBe('a&quot;b');
  });

  test('a pull quote typed over several lines stays on one line', () => {
    expect(pullQuote.toBlock({ text: '第一行\n第二行', cite: '' })).toBe(
      '<PullQuote>第一行第二行</PullQuote>',
    );
  });

  test('markdown characters in form values are kept as typed, not backslash-escaped', () => {
    const block = factBox.toBlock({ title: '数说', items: [{ figure: '5*8', text: 'a_b <c>' }] });
    expect(block).toContain('- **5*8** a_b <c>');
    expect(block).not.toContain('\\');
  });

  test('a photo Decap names by its bare file name is written as ./name', () => {
    expect(figure.toBlock({ image: 'fen-jian.jpg', alt: '图' })).toBe(
      '<Figure>\n\n![图](./fen-jian.jpg)\n\n</Figure>',
    );
  });

  test('blank optional values leave no empty attributes', () => {
    expect(figure.toBlock({ image: './a.jpg', alt: '图', caption: '', credit: '' })).toBe(
      '<Figure>\n\n![图](./a.jpg)\n\n</Figure>',
    );
    expect(profileCard.toBlock({ name: '甲', title: '乙', honors: [] })).toBe(
      '<ProfileCard name="甲" title="乙" />',
    );
  });

  test('patterns have no multiline flag (Decap rejects it) and match only at a block start', () => {
    for (const c of MDX_COMPONENTS) {
      expect(c.pattern.flags).not.toContain('m');
      expect(c.pattern.source.startsWith('^')).toBe(true);
    }
  });
});

describe('previews', () => {
  test('show the caption and credit under the photo, the cite after ——, and resolve image paths', () => {
    const html = figure.toPreviewHtml(
      { image: './a.jpg', alt: '图', caption: '说明', credit: '摄' },
      (p) => `blob:${p}`,
    );
    expect(html).toContain('<img src="blob:./a.jpg" alt="图">');
    expect(html).toContain('<figcaption>说明<span class="credit">摄</span></figcaption>');
    expect(pullQuote.toPreviewHtml({ text: '话', cite: '某人' })).toContain('——某人');
    expect(hotlineCallout.toPreviewHtml({})).toContain('欢迎广大读者提供新闻线索');
    expect(factBox.toPreviewHtml({ title: 'T', items: [{ figure: '<1>', text: 'x' }] })).toContain(
      '<strong>&lt;1&gt;</strong>',
    );
  });
});

describe('sample articles', () => {
  const dir = join(FIXTURE_CONTENT, 'articles');
  const bodies = readdirSync(dir).map((slug) => ({
    slug,
    text: readFileSync(join(dir, slug, 'index.mdx'), 'utf8'),
  }));

  test('every component in every sample is recognised and round-trips exactly', () => {
    let count = 0;
    for (const { slug, text } of bodies) {
      const tags = (text.match(/^<(Figure|PullQuote|FactBox|ProfileCard|HotlineCallout)\b/gm) ?? []).length;
      const found = findComponents(text);
      expect(found.length, `${slug}: components recognised`).toBe(tags);
      for (const { id, text: block } of found) {
        const component = MDX_COMPONENTS.find((c) => c.id === id) as MdxComponent;
        expect(roundTrip(component, block), `${slug}: ${id}`).toBe(block);
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(5);
  });
});

describe('editor fields come from the component schemas', () => {
  test.each([
    { component: figure, schemas: [figureContentSchema, figurePropsSchema] },
    { component: pullQuote, schemas: [pullQuoteContentSchema, pullQuotePropsSchema] },
    { component: factBox, schemas: [factBoxPropsSchema, factBoxContentSchema] },
    { component: profileCard, schemas: [profileCardPropsSchema] },
    { component: hotlineCallout, schemas: [hotlineCalloutPropsSchema] },
  ])('$component.id: names, required state and hints', ({ component, schemas }) => {
    const walk = (fields: ComponentField[], infos: FieldInfo[]): void => {
      expect(fields.map((f) => f.name)).toEqual(infos.map((i) => i.name));
      fields.forEach((field, i) => {
        const info = infos[i] as FieldInfo;
        expect(field.required ?? true, `${component.id}.${field.name}`).toBe(info.required);
        expect(field.hint).toBe(info.description);
        expect(field.label).not.toBe('');
        if (info.fields) walk(field.fields ?? [], info.fields);
      });
    };
    walk(
      component.fields,
      schemas.flatMap((s) => describeObject(s)),
    );
  });
});
