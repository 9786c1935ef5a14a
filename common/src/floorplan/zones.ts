// The zone list of ../shared/docs/floorplan.md (功能区). A zone's group says how clean it is:
// raw materials may only move general → semi-clean → clean (生进熟出).
export const zoneGroups = ['clean', 'semi-clean', 'general', 'dining', 'auxiliary'] as const;
export type ZoneGroup = (typeof zoneGroups)[number];

export const zoneGroupNames: Readonly<Record<ZoneGroup, string>> = {
  clean: '清洁操作区',
  'semi-clean': '准清洁操作区',
  general: '一般操作区',
  dining: '就餐区',
  auxiliary: '辅助区',
};

/** Cleanliness rank of the food handling groups; other zones have none. */
export const cleanliness: Readonly<Partial<Record<ZoneGroup, number>>> = { general: 1, 'semi-clean': 2, clean: 3 };

export interface ZoneKind {
  readonly name: string;
  readonly group: ZoneGroup;
  /** A 专间: a closed room for ready-to-eat food (cold dishes, cake decorating, raw seafood). */
  readonly specialRoom?: boolean;
}

export const zoneKinds = {
  'cold-dish-room': { name: '凉菜间', group: 'clean', specialRoom: true },
  'cake-room': { name: '裱花间', group: 'clean', specialRoom: true },
  'raw-seafood-room': { name: '生食类加工专间', group: 'clean', specialRoom: true },
  'fresh-juice': { name: '现榨饮料及水果拼盘制作区', group: 'clean' },
  'serving-prep': { name: '备餐区', group: 'clean' },
  cooking: { name: '烹饪区', group: 'semi-clean' },
  'cutting-cooking': { name: '切配烹饪区', group: 'semi-clean' },
  'drinks-prep': { name: '饮品制作区', group: 'semi-clean' },
  'tableware-storage': { name: '餐用具保洁区', group: 'semi-clean' },
  'rough-processing': { name: '粗加工区', group: 'general' },
  cutting: { name: '切配区', group: 'general' },
  dishwashing: { name: '餐用具清洗消毒区', group: 'general' },
  storage: { name: '库房', group: 'general' },
  dining: { name: '就餐区', group: 'dining' },
  changing: { name: '更衣区', group: 'auxiliary' },
  toilet: { name: '卫生间', group: 'auxiliary' },
  office: { name: '办公室', group: 'auxiliary' },
  'cleaning-tools': { name: '清洁工具存放区', group: 'auxiliary' },
  corridor: { name: '通道', group: 'auxiliary' },
} as const satisfies Record<string, ZoneKind>;

export type ZoneType = keyof typeof zoneKinds;
export const zoneTypes = Object.keys(zoneKinds) as [ZoneType, ...ZoneType[]];

export const zoneKind = (type: ZoneType): ZoneKind => zoneKinds[type];

/** 食品处理区: the clean, semi-clean and general groups. */
export const isFoodHandling = (type: ZoneType): boolean => cleanliness[zoneKinds[type].group] !== undefined;
