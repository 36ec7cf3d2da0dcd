/**
 * A fixed test set for search at scale: twelve hand-written stories (made-up
 * people and villages, spread over the archive's years) that the search
 * benchmark hides among the generated ones, and the queries a reader would
 * type to find each of them, with the right answers. Nothing here comes from
 * the live content; the names and villages do not occur in the generator's
 * vocabulary, so each query has exactly the answers listed.
 */
import type { GeneratedArticle } from './generate.ts';

interface Seed {
  slug: string;
  name: string;
  trade: string;
  village: string;
  district: string;
  topic: string;
  publishedAt: string;
  number: string;
  detail: string;
}

const SEEDS: Seed[] = [
  {
    slug: 'seed-qu-wanhe',
    name: '瞿万禾',
    trade: '乡村医生',
    village: '柿子湾村',
    district: 'dong-e-xian',
    topic: '健康乡村',
    publishedAt: '2018-03-14 08:00',
    number: '4172',
    detail: '他骑坏了三辆摩托车，出诊记录摞起来有半人高',
  },
  {
    slug: 'seed-geng-suyun',
    name: '耿素云',
    trade: '养老护理员',
    village: '槐荫屯',
    district: 'lin-qing-shi',
    topic: '一老一小',
    publishedAt: '2018-11-02 09:30',
    number: '386',
    detail: '她给每位老人做了一张写着忌口和吃药时间的卡片',
  },
  {
    slug: 'seed-ran-jingchuan',
    name: '冉敬川',
    trade: '非遗传承人',
    village: '芦花荡村',
    district: 'dong-chang-fu-qu',
    topic: '非遗传承',
    publishedAt: '2019-06-21 07:40',
    number: '57',
    detail: '他把老艺人口述的唱词一句一句记在烟盒纸上',
  },
  {
    slug: 'seed-ou-yang-xiaoman',
    name: '欧阳晓蔓',
    trade: '农技员',
    village: '杏林洼',
    district: 'yan-zhou-qu',
    topic: '助农直播',
    publishedAt: '2019-12-09 10:10',
    number: '12800',
    detail: '她在地头支起手机，一场直播卖出了一万多斤红薯',
  },
  {
    slug: 'seed-pu-chenglin',
    name: '濮承霖',
    trade: '社区网格员',
    village: '枣园巷',
    district: 'kai-fa-qu',
    topic: '基层治理',
    publishedAt: '2020-04-30 08:20',
    number: '913',
    detail: '他的笔记本上记着每户人家的电话和难处',
  },
  {
    slug: 'seed-dou-xinyue',
    name: '窦馨玥',
    trade: '快递员',
    village: '苇子坑村',
    district: 'dong-e-xian',
    topic: '快递进村',
    publishedAt: '2021-01-18 07:00',
    number: '2936',
    detail: '她把包裹送到山脚下最远的一户，来回要一个半小时',
  },
  {
    slug: 'seed-lian-baoshan',
    name: '廉宝山',
    trade: '环卫工人',
    village: '石榴园社区',
    district: 'lin-qing-shi',
    topic: '城市美容师',
    publishedAt: '2021-09-05 06:30',
    number: '64',
    detail: '凌晨四点，他已经扫完了整整两条街',
  },
  {
    slug: 'seed-qi-lanfang',
    name: '亓兰芳',
    trade: '志愿者',
    village: '荷花池村',
    district: 'yan-zhou-qu',
    topic: '志愿服务',
    publishedAt: '2022-05-12 09:00',
    number: '1508',
    detail: '她组织的红马甲队伍，每周三都去村里理发',
  },
  {
    slug: 'seed-xiang-zhiyuan',
    name: '相致远',
    trade: '网约车司机',
    village: '柳树营',
    district: 'kai-fa-qu',
    topic: '新就业群体',
    publishedAt: '2023-02-27 08:45',
    number: '72',
    detail: '他的车里常备一把雨伞和一盒创可贴，专给乘客用',
  },
  {
    slug: 'seed-chu-yuanqing',
    name: '褚元庆',
    trade: '外卖骑手',
    village: '桃花渡',
    district: 'dong-chang-fu-qu',
    topic: '夜间经济',
    publishedAt: '2023-10-16 21:10',
    number: '3307',
    detail: '夜里十一点以后的单子，他一单也不推',
  },
  {
    slug: 'seed-sha-mengjie',
    name: '沙梦洁',
    trade: '养老护理员',
    village: '榆钱坡',
    district: 'dong-e-xian',
    topic: '社区食堂',
    publishedAt: '2024-07-08 11:30',
    number: '245',
    detail: '社区食堂开张那天，她一个人包了六百个饺子',
  },
  {
    slug: 'seed-zang-heming',
    name: '臧鹤鸣',
    trade: '乡村医生',
    village: '青檀沟村',
    district: 'yan-zhou-qu',
    topic: '健康乡村',
    publishedAt: '2025-03-03 08:00',
    number: '19',
    detail: '村里十九位慢病老人的血压，他每周都要亲自量一遍',
  },
];

const DISTRICT_NAMES: Record<string, string> = {
  'dong-chang-fu-qu': '东昌府区',
  'dong-e-xian': '东阿县',
  'kai-fa-qu': '开发区',
  'lin-qing-shi': '临清市',
  'yan-zhou-qu': '兖州区',
};

/** The seeded stories, in the generator's shape so the same page writer renders them. */
export function seededArticles(): GeneratedArticle[] {
  return SEEDS.map((s) => {
    const district = DISTRICT_NAMES[s.district] ?? '';
    return {
      slug: s.slug,
      data: {
        title: `${s.trade}${s.name}：守在${s.village}的人`,
        summary: `${district}${s.village}的${s.trade}${s.name}，${s.detail}。`,
        kind: 'profile',
        column: 'shui-cheng-wen-du',
        authors: [{ author: 'zhao-qi', role: 'reporter' }],
        publishedAt: s.publishedAt,
        districts: [s.district],
        topics: [s.topic],
        subject: { name: s.name, title: s.trade, honors: [] },
      },
      body: [
        `清早的${s.village}还很安静，${s.name}已经出门了。${s.detail}。`,
        `“这份活儿，干久了就放不下。”${s.name}说。这些年，经${s.name}的手办成的事有${s.number}件，村里人都记着。`,
        `## 一件小事`,
        `去年冬天，${s.village}一位老人夜里犯了急病，是${s.name}第一个赶到。${district}有关部门表示，将把${s.topic}的经验推广到更多村庄。`,
      ].join('\n\n'),
      usesComponents: false,
    };
  });
}

/** One query of the fixed set: what a reader types and which seeded stories are right. */
export interface SeededCase {
  kind: 'full name' | 'given name' | 'village' | 'number' | 'name typo' | 'village typo';
  q: string;
  relevant: string[];
}

/** Replaces the character at `at` by a near-looking one that no seeded name uses there. */
function typo(word: string, at: number): string {
  const chars = Array.from(word);
  chars[at] = chars[at] === '某' ? '甲' : '某';
  return chars.join('');
}

/** The queries of the fixed set. */
export function seededCases(): SeededCase[] {
  return SEEDS.flatMap((s): SeededCase[] => {
    const given = s.name.startsWith('欧阳') ? s.name.slice(2) : s.name.slice(1);
    return [
      { kind: 'full name', q: s.name, relevant: [s.slug] },
      { kind: 'given name', q: given, relevant: [s.slug] },
      { kind: 'village', q: s.village, relevant: [s.slug] },
      { kind: 'number', q: `${s.name} ${s.number}`, relevant: [s.slug] },
      { kind: 'name typo', q: typo(s.name, Array.from(s.name).length - 1), relevant: [s.slug] },
      { kind: 'village typo', q: typo(s.village, 1), relevant: [s.slug] },
    ];
  });
}
