// The tabs of an engagement's quality page, in display order (also the ?tab= values).
export const QUALITY_TABS = ['samples', 'lots', 'imports', 'spc', 'capacity'] as const;
export type QualityTab = (typeof QUALITY_TABS)[number];
