// English strings of the evidence list (grouped by kind, imports collapsed), the "waiting for you" inbox and the
// policy form editor. screens.zh-CN.ts has exactly the same keys (typed against this file).

export const evidenceListEn = {
  search: 'Search title, issuer, lot',
  allKinds_one: 'All · {{count}}',
  allKinds_other: 'All · {{count}}',
  kindCount: '{{kind}} · {{count}}',
  noMatch: 'No evidence matches the search and filter.',
  range: '{{from}}–{{to}} of {{count}}',
  importTitle_one: '{{count}} lot record from one import',
  importTitle_other: '{{count}} lot records from one import',
  importTitleFile_one: '{{count}} lot record from {{file}}',
  importTitleFile_other: '{{count}} lot records from {{file}}',
  measurements_one: '{{count}} measurement',
  measurements_other: '{{count}} measurements',
  showLots_one: 'Show the lot',
  showLots_other: 'Show {{count}} lots',
  hideLots: 'Hide lots',
  openImports: 'Imports',
  producedOn: 'Produced',
  measurementsHeader: 'Measurements',
  lotMeasurements_one: '{{count}} measurement · {{characteristics}} characteristics',
  lotMeasurements_other: '{{count}} measurements · {{characteristics}} characteristics',
  computedBy: 'Computed by Bonafide',
  expiring_one: 'Expiring or expired · {{count}}',
  expiring_other: 'Expiring or expired · {{count}}',
};
