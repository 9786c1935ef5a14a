// The symbol library: every fixture a plan can show, with its real-world default size
// (metres; width along the symbol's own x axis, depth along its y), Chinese name and palette
// category. Rules look at the properties (sink purpose, cold storage, needs a hood), never
// at names.
export const symbolCategories = ['sink', 'cooking', 'cleaning', 'cold', 'work', 'hygiene', 'dining'] as const;
export type SymbolCategory = (typeof symbolCategories)[number];

export const symbolCategoryNames: Readonly<Record<SymbolCategory, string>> = {
  sink: '水池',
  cooking: '烹饪设备',
  cleaning: '清洗消毒与保洁',
  cold: '冷藏冷冻',
  work: '操作台与货架',
  hygiene: '卫生与防护设施',
  dining: '餐桌椅',
};

export const sinkPurposes = ['meat', 'vegetable', 'aquatic', 'tableware', 'tools', 'hands', 'mop'] as const;
export type SinkPurpose = (typeof sinkPurposes)[number];

export const sinkPurposeNames: Readonly<Record<SinkPurpose, string>> = {
  meat: '畜禽肉类清洗水池',
  vegetable: '蔬菜清洗水池',
  aquatic: '水产品清洗水池',
  tableware: '餐用具清洗消毒水池',
  tools: '工用具清洗水池',
  hands: '洗手池',
  mop: '拖布池',
};

export interface SymbolDef {
  readonly name: string;
  readonly category: SymbolCategory;
  readonly width: number;
  readonly depth: number;
  /** Mounting or standing height where a rule cares (rodent board ≥ 0.6 m). */
  readonly height?: number;
  readonly shape: 'rect' | 'round';
  /** Sinks: what the sink is for, and how many basins the symbol stands for. */
  readonly sink?: { readonly purpose: SinkPurpose; readonly basins: number };
  readonly cold?: 'fridge' | 'freezer';
  /** A heat source that needs a hood with mechanical exhaust above it. */
  readonly needsHood?: boolean;
  readonly seats?: number;
}

export const symbols = {
  'sink-meat': { name: '畜禽肉类清洗池', category: 'sink', width: 0.6, depth: 0.6, shape: 'rect', sink: { purpose: 'meat', basins: 1 } },
  'sink-vegetable': { name: '蔬菜清洗池', category: 'sink', width: 0.6, depth: 0.6, shape: 'rect', sink: { purpose: 'vegetable', basins: 1 } },
  'sink-aquatic': { name: '水产品清洗池', category: 'sink', width: 0.6, depth: 0.6, shape: 'rect', sink: { purpose: 'aquatic', basins: 1 } },
  'sink-tableware': { name: '餐用具清洗池', category: 'sink', width: 0.6, depth: 0.6, shape: 'rect', sink: { purpose: 'tableware', basins: 1 } },
  'sink-tableware-triple': { name: '三联餐用具清洗消毒池', category: 'sink', width: 1.8, depth: 0.6, shape: 'rect', sink: { purpose: 'tableware', basins: 3 } },
  'sink-tools': { name: '工用具清洗池', category: 'sink', width: 0.6, depth: 0.6, shape: 'rect', sink: { purpose: 'tools', basins: 1 } },
  'hand-basin': { name: '洗手池', category: 'hygiene', width: 0.5, depth: 0.4, shape: 'rect', sink: { purpose: 'hands', basins: 1 } },
  'mop-sink': { name: '拖布池', category: 'hygiene', width: 0.5, depth: 0.5, shape: 'rect', sink: { purpose: 'mop', basins: 1 } },
  stove: { name: '炒灶', category: 'cooking', width: 1.2, depth: 0.8, shape: 'rect', needsHood: true },
  'noodle-cooker': { name: '煮面炉', category: 'cooking', width: 0.8, depth: 0.8, shape: 'rect', needsHood: true },
  'soup-stove': { name: '汤灶', category: 'cooking', width: 0.8, depth: 0.8, shape: 'rect', needsHood: true },
  steamer: { name: '蒸柜', category: 'cooking', width: 0.9, depth: 0.8, shape: 'rect', needsHood: true },
  griddle: { name: '扒炉/烤炉', category: 'cooking', width: 0.9, depth: 0.7, shape: 'rect', needsHood: true },
  hood: { name: '排烟罩', category: 'cooking', width: 1.6, depth: 1.0, shape: 'rect' },
  'coffee-machine': { name: '咖啡机', category: 'cooking', width: 0.7, depth: 0.55, shape: 'rect' },
  'disinfection-cabinet': { name: '消毒柜', category: 'cleaning', width: 0.6, depth: 0.5, shape: 'rect' },
  'clean-storage-cabinet': { name: '保洁柜', category: 'cleaning', width: 1.0, depth: 0.5, shape: 'rect' },
  fridge: { name: '冷藏柜', category: 'cold', width: 0.6, depth: 0.6, shape: 'rect', cold: 'fridge' },
  'fridge-double': { name: '双门冷藏柜', category: 'cold', width: 1.2, depth: 0.7, shape: 'rect', cold: 'fridge' },
  freezer: { name: '冷冻柜', category: 'cold', width: 1.2, depth: 0.7, shape: 'rect', cold: 'freezer' },
  'work-table': { name: '工作台', category: 'work', width: 1.5, depth: 0.7, shape: 'rect' },
  shelf: { name: '货架', category: 'work', width: 1.2, depth: 0.5, shape: 'rect' },
  pallet: { name: '离地垫板', category: 'work', width: 1.0, depth: 0.8, shape: 'rect' },
  'uv-lamp': { name: '紫外线消毒灯', category: 'hygiene', width: 0.6, depth: 0.1, shape: 'rect' },
  'air-conditioner': { name: '独立空调', category: 'hygiene', width: 0.9, depth: 0.25, shape: 'rect' },
  'hand-sanitizer': { name: '手消毒器', category: 'hygiene', width: 0.2, depth: 0.1, shape: 'rect' },
  'waste-bin': { name: '带盖垃圾桶', category: 'hygiene', width: 0.4, depth: 0.4, shape: 'round' },
  'rodent-board': { name: '挡鼠板', category: 'hygiene', width: 0.9, depth: 0.05, height: 0.6, shape: 'rect' },
  'fly-curtain': { name: '防蝇帘', category: 'hygiene', width: 0.9, depth: 0.05, shape: 'rect' },
  'air-curtain': { name: '风幕机', category: 'hygiene', width: 0.9, depth: 0.2, shape: 'rect' },
  locker: { name: '更衣柜', category: 'hygiene', width: 0.9, depth: 0.5, shape: 'rect' },
  'cleaning-tool-cabinet': { name: '清洁工具柜', category: 'hygiene', width: 0.6, depth: 0.5, shape: 'rect' },
  'table-square': { name: '方桌', category: 'dining', width: 0.8, depth: 0.8, shape: 'rect' },
  'table-long': { name: '长桌', category: 'dining', width: 1.2, depth: 0.7, shape: 'rect' },
  'table-round': { name: '圆桌', category: 'dining', width: 1.2, depth: 1.2, shape: 'round' },
  chair: { name: '椅子', category: 'dining', width: 0.45, depth: 0.45, shape: 'rect', seats: 1 },
  stool: { name: '凳子', category: 'dining', width: 0.35, depth: 0.35, shape: 'round', seats: 1 },
  counter: { name: '收银台/吧台', category: 'dining', width: 1.5, depth: 0.6, shape: 'rect' },
} as const satisfies Record<string, SymbolDef>;

export type SymbolId = keyof typeof symbols;
export const symbolIds = Object.keys(symbols) as [SymbolId, ...SymbolId[]];

export const symbolDef = (id: SymbolId): SymbolDef => symbols[id];

/** The palette: symbols grouped by category, in library order. */
export function symbolsByCategory(): Array<{ category: SymbolCategory; name: string; symbols: SymbolId[] }> {
  return symbolCategories.map((category) => ({
    category,
    name: symbolCategoryNames[category],
    symbols: symbolIds.filter((id) => symbolDef(id).category === category),
  }));
}
