// Vocabulary of Chinese business news that the general-purpose segmenter cuts badly: period words, financial
// measures and industry terms. Genre knowledge, shared by every article; no article's own names.

/** Terms kept whole by segmentation. */
export const GENRE_WORDS: string[] = [
  '前三季度', '前三个季度', '上半年', '下半年', '第一季度', '第二季度', '第三季度', '第四季度', '全年',
  '不良率', '不良贷款率', '净利润', '营业收入', '营收', '毛利率', '净利率', '市占率', '市值', '估值', '总资产', '净资产',
  '资产规模', '保有规模', '出货量', '月活', '日活', '用户规模', '获客', '风控', '消金', '代销', '对外投资', '事业群',
  '轮值总裁', '副总裁', '董事长', '首席执行官', '首席财务官', '首席技术官', '不良资产', '未偿本息', '大模型',
  '通用人工智能', '数字支付', '数字金融', '近场支付', '同比增长', '环比增长',
  // Share classes: a listing's A shares and H shares trade at prices of their own (text is lower-cased first).
  'a股', 'h股', 'b股', 'A股', 'H股', 'B股',
];
