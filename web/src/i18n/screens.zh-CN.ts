// 证据列表（按类型分组、导入折叠）、“待处理事项”和政策表单编辑器的中文文案。键与 screens.en.ts 一致。
import type { evidenceListEn } from './screens.en.js';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

export const evidenceListZhCN: DeepStrings<typeof evidenceListEn> = {
  search: '搜索标题、签发方、批次',
  allKinds_one: '全部 · {{count}}',
  allKinds_other: '全部 · {{count}}',
  kindCount: '{{kind}} · {{count}}',
  noMatch: '没有符合搜索和筛选条件的证据。',
  range: '第 {{from}}–{{to}} 项，共 {{count}} 项',
  importTitle_one: '一次导入中的 {{count}} 条批次记录',
  importTitle_other: '一次导入中的 {{count}} 条批次记录',
  importTitleFile_one: '来自 {{file}} 的 {{count}} 条批次记录',
  importTitleFile_other: '来自 {{file}} 的 {{count}} 条批次记录',
  measurements_one: '{{count}} 个测量值',
  measurements_other: '{{count}} 个测量值',
  showLots_one: '显示该批次',
  showLots_other: '显示 {{count}} 个批次',
  hideLots: '隐藏批次',
  openImports: '导入记录',
  producedOn: '生产日期',
  measurementsHeader: '测量值',
  lotMeasurements_one: '{{count}} 个测量值 · {{characteristics}} 个特性',
  lotMeasurements_other: '{{count}} 个测量值 · {{characteristics}} 个特性',
  computedBy: '由 Bonafide 计算',
  expiring_one: '即将过期或已过期 · {{count}}',
  expiring_other: '即将过期或已过期 · {{count}}',
};
