// API shapes of the quality capability (specifications, sample tests, AQL, imports, SPC, capacity), inferred
// from the Zod contracts the server validates with (src/contracts/quality.ts).
import type { z } from 'zod';
import type {
  AqlPlanView,
  CapacityView,
  CharacteristicInput,
  CharacteristicVerdictView,
  CharacteristicView,
  ImportView,
  LotInspectionsResponse,
  LotInspectionView,
  SampleTestView,
  SpcCharacteristicsView,
  SpcView,
  SpecificationView,
} from '../../../../src/contracts/quality.js';

export type Specification = z.infer<typeof SpecificationView>;
export type Characteristic = z.infer<typeof CharacteristicView>;
export type CharacteristicDraft = z.input<typeof CharacteristicInput>;
export type SampleTest = z.infer<typeof SampleTestView>;
export type CharacteristicVerdict = z.infer<typeof CharacteristicVerdictView>;
export type AqlPlan = z.infer<typeof AqlPlanView>;
export type LotInspection = z.infer<typeof LotInspectionView>;
export type LotInspections = z.infer<typeof LotInspectionsResponse>;
export type Scheme = LotInspections['schemes'][number];
export type Import = z.infer<typeof ImportView>;
export type SpcCharacteristic = z.infer<typeof SpcCharacteristicsView>[number];
export type Spc = z.infer<typeof SpcView>;
export type Capacity = z.infer<typeof CapacityView>;
export type CapacityLine = Capacity['lines'][number];

export type { Criticality } from '../../../../src/domain/quality/rows.js';
export { CRITICALITIES } from '../../../../src/domain/quality/rows.js';
export { INSPECTION_LEVELS, SEVERITIES, type InspectionLevel, type Severity } from '../../../../src/domain/aql/tables.js';
export type ImportKind = 'batches' | 'production_logs';
