/**
 * The relevance set for site search over the sample edition. Each case is
 * what a reader types (and filters), and the stories that must come first:
 * `relevant` lists every story that counts as a right answer, so P@1 asks
 * whether the first result is one of them and recall@5 how many of them
 * (up to five) are in the first five. `absent` lists stories that must not
 * appear at all, to keep the recall work honest about precision.
 */

export interface RelevanceCase {
  /** What the case exercises, for the report. */
  kind: 'name' | 'partial-name' | 'typo' | 'place' | 'topic' | 'phrase' | 'number' | 'two-words' | 'filter';
  q: string;
  /** Extra URL parameters: facets and sort. */
  params?: Record<string, string>;
  relevant: string[];
  absent?: string[];
}

const LIN = 'lin-dong-ge-kuai-di-yuan';
const NIE = 'nie-xiang-xian-xue-16-nian';
const DONGE = 'dong-e-wang-pi-xi';
const KAIFA = 'kai-fa-qu-xin-jiu-ye-qun-ti';
const KUAIDI = 'kuai-di-jin-cun-wen-de-zhu';
const LINQING = 'lin-cheng-she-bao-shu-zi-hua';
const TANGYI = 'tang-yi-hu-lu-ka-fei';
const YANZHOU = 'yan-zhou-xin-xing-ling-yu-dang-jian';
const YICHENG = 'yi-cheng-nuan-xin';

export const CASES: RelevanceCase[] = [
  // People: subjects and people quoted in the text.
  { kind: 'name', q: '林东阁', relevant: [LIN], absent: [NIE, DONGE, LINQING] },
  { kind: 'name', q: '聂翔', relevant: [NIE], absent: [LIN, DONGE] },
  { kind: 'name', q: '尹祚', relevant: [DONGE] },
  { kind: 'name', q: '胖哥', relevant: [LIN] },
  { kind: 'partial-name', q: '东阁', relevant: [LIN] },
  { kind: 'partial-name', q: '阁', relevant: [LIN] },
  { kind: 'typo', q: '林东格', relevant: [LIN] },
  { kind: 'typo', q: '聂祥', relevant: [NIE] },
  // Places, with and without their suffix.
  { kind: 'place', q: '兖州区', relevant: [YANZHOU], absent: [DONGE, NIE] },
  { kind: 'place', q: '兖州', relevant: [YANZHOU], absent: [DONGE, NIE] },
  { kind: 'place', q: '开发区', relevant: [KAIFA, LIN] },
  { kind: 'place', q: '东阿', relevant: [DONGE] },
  { kind: 'place', q: '东阿县', relevant: [DONGE] },
  { kind: 'place', q: '临清', relevant: [LINQING] },
  { kind: 'place', q: '临清市', relevant: [LINQING] },
  { kind: 'place', q: '东昌府区', relevant: [TANGYI] },
  { kind: 'place', q: '堂邑镇', relevant: [TANGYI] },
  { kind: 'place', q: '牛角店镇', relevant: [DONGE] },
  { kind: 'place', q: '济宁', relevant: [YANZHOU] },
  // Topics and phrases from the text.
  { kind: 'topic', q: '快递进村', relevant: [KUAIDI] },
  { kind: 'topic', q: '新就业群体', relevant: [KAIFA, YANZHOU, YICHENG, LIN] },
  { kind: 'topic', q: '王皮戏', relevant: [DONGE] },
  { kind: 'topic', q: '无偿献血', relevant: [NIE] },
  { kind: 'topic', q: '乡村振兴', relevant: [TANGYI, KUAIDI] },
  { kind: 'topic', q: '劳动模范', relevant: [LIN] },
  { kind: 'phrase', q: '静默认证', relevant: [LINQING] },
  { kind: 'phrase', q: '葫芦', relevant: [TANGYI] },
  { kind: 'phrase', q: '骑手驿站', relevant: [YICHENG, YANZHOU, KAIFA] },
  { kind: 'phrase', q: '外卖骑手', relevant: [YICHENG, KAIFA, YANZHOU] },
  { kind: 'phrase', q: '社保', relevant: [LINQING] },
  // Numbers.
  { kind: 'number', q: '94次', relevant: [NIE] },
  { kind: 'number', q: '4900', relevant: [KAIFA] },
  { kind: 'number', q: '1300', relevant: [KUAIDI] },
  { kind: 'number', q: '37500', relevant: [NIE] },
  // Two words.
  { kind: 'two-words', q: '临清 社保', relevant: [LINQING] },
  { kind: 'two-words', q: '聂翔 献血', relevant: [NIE] },
  { kind: 'two-words', q: '开发区 快递员', relevant: [LIN, KAIFA] },
  // Filters, alone and combined with a query.
  {
    kind: 'filter',
    q: '快递',
    params: { district: '开发区' },
    relevant: [LIN, KAIFA],
    absent: [KUAIDI, YICHENG],
  },
  {
    kind: 'filter',
    q: '新就业群体',
    params: { column: '锐观点' },
    relevant: [YICHENG],
    absent: [KAIFA, LIN],
  },
  { kind: 'filter', q: '', params: { topic: '王皮戏' }, relevant: [DONGE] },
  {
    kind: 'filter',
    q: '乡村振兴',
    params: { kind: '图片', year: '2026' },
    relevant: [TANGYI],
    absent: [KUAIDI],
  },
];
