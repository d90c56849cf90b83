// Tables of specifications, sample tests, lot inspections, batch records and production logs (migration 003).
// Timestamps are ISO strings, booleans 0/1, JSON in text columns — as everywhere else.
import type { Generated } from 'kysely';

/** A buyer's specification of one product; its content lives in versions (a new version on every change). */
export interface SpecificationsTable {
  id: string;
  organization_id: string;
  /** The product as named in data files and engagements, e.g. "NM-4472-A". */
  product: string;
  /** Lower-cased, whitespace-collapsed product: one active specification per buyer and product. */
  product_key: string;
  title: string;
  current_version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface SpecificationVersionsTable {
  specification_id: string;
  version: number;
  title: string;
  characteristics: string; // JSON CharacteristicSpec[]
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface SampleTestsTable {
  id: string;
  engagement_id: string;
  specification_id: string;
  specification_version: number;
  product: string;
  recorded_by_organization_id: string;
  recorded_by: string;
  /** supplier | buyer | third_party_lab */
  run_by: string;
  lab_name: string | null;
  conditions: string; // JSON
  tested_at: string;
  samples: string; // JSON SampleResultInput[]
  results: string; // JSON CharacteristicVerdict[]
  verdict: string;
  evidence_id: string;
  report_file_id: string | null;
  note: string | null;
  created_at: string;
}

/** One lot inspected by attributes under ISO 2859-1; `seq` orders the lots of one switching scheme. */
export interface LotInspectionsTable {
  id: string;
  engagement_id: string;
  supplier_organization_id: string;
  product: string;
  product_key: string;
  defect_class: string;
  seq: number;
  lot: string;
  lot_size: number;
  inspection_level: string;
  aql: number;
  /** Severity in effect when the lot was inspected (normal, tightened, reduced, discontinued). */
  severity: string;
  code_letter: string | null;
  plan_letter: string | null;
  sample_size: number | null;
  accept_number: number;
  reject_number: number;
  hundred_percent: number;
  nonconforming: number;
  decision: string;
  resubmitted: number;
  conditions: string; // JSON {productionSteady, authorityApprovesReduced, normalWarranted, correctiveActionAccepted}
  switching_score: number;
  state_after: string; // JSON InspectionState
  transitions: string; // JSON InspectionTransition[]
  inspected_at: string;
  recorded_by: string;
  recorded_by_organization_id: string;
  note: string | null;
  created_at: string;
}

export interface QualityImportsTable {
  id: string;
  engagement_id: string;
  supplier_organization_id: string;
  /** batches | production_logs */
  kind: string;
  /** csv | jsonl */
  format: string;
  filename: string | null;
  /** SHA-256 of the file's bytes: the same file is completed once per engagement and kind. */
  sha256: string;
  bytes: number;
  row_count: number;
  /** running (only inside the import's own transaction) | completed | withdrawn (its rows are no longer read) */
  status: string;
  mapping: string | null; // JSON
  spec_versions: string; // JSON {product: version}
  summary: string; // JSON
  imported_by: string;
  created_at: string;
  completed_at: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
}

/** One measured value of a batch test record, in the specification's unit. */
export interface BatchMeasurementsTable {
  id: Generated<number>;
  import_id: string;
  supplier_organization_id: string;
  product: string;
  lot: string;
  line: string | null;
  produced_at: string;
  characteristic: string;
  value: number;
  source_line: number;
}

export interface ProductionLogsTable {
  id: Generated<number>;
  import_id: string;
  supplier_organization_id: string;
  site: string;
  line: string;
  period_start: string;
  period_end: string;
  planned_minutes: number;
  downtime_minutes: number;
  good_output: number;
  scrap: number;
  source_line: number;
}

export interface QualityTables {
  specifications: SpecificationsTable;
  specification_versions: SpecificationVersionsTable;
  sample_tests: SampleTestsTable;
  lot_inspections: LotInspectionsTable;
  quality_imports: QualityImportsTable;
  batch_measurements: BatchMeasurementsTable;
  production_logs: ProductionLogsTable;
}
