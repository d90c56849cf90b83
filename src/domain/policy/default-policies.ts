// The shipped verification policies (DESIGN.md, "The shipped cross-border default"): a starting point admins
// adapt. Cross-border asks for third-party verification where domestic accepts references or documents.
import type { AdvisorRule, Requirement, VerificationPolicy } from './types.js';
import { DEFAULT_DISCREPANCY_RULES } from '../discrepancies/rules.js';

const QMS_STANDARDS = ['ISO 9001', 'ISO 13485', 'IATF 16949', 'AS9100'];

// --- phase 1: credibility -------------------------------------------------------------------------------------

const registrationCrossBorder: Requirement = {
  id: 'p1.registration',
  type: 'evidence',
  title: { en: 'Company registration with a valid identifier', zh: '具有有效识别号的公司注册' },
  description: {
    en: 'A registry extract no older than 12 months showing the company identifier.',
    zh: '不超过12个月的工商登记摘录，显示公司识别号（如统一社会信用代码）。',
  },
  required: true,
  kinds: ['registration'],
  minProvenance: 'documented',
  maxAgeDays: 365,
  minCount: 1,
  requiredAttributes: ['identifier'],
};

const registrationDomestic: Requirement = {
  id: 'p1.registration',
  type: 'evidence',
  title: registrationCrossBorder.title,
  required: true,
  kinds: ['registration'],
  minProvenance: 'self_declared',
  minCount: 1,
  requiredAttributes: ['identifier'],
};

const qmsCertification = (required: boolean): Requirement => ({
  id: 'p1.qms_certification',
  type: 'evidence',
  title: {
    en: 'Quality-management certification in scope (e.g. ISO 9001)',
    zh: '覆盖范围内的质量管理体系认证（如 ISO 9001）',
  },
  required,
  kinds: ['certificate'],
  minProvenance: 'documented',
  mustBeValid: true,
  minCount: 1,
  subject: { attribute: 'standard', anyOf: QMS_STANDARDS },
});

const iso13485 = (required: boolean): Requirement => ({
  id: 'p1.iso13485',
  type: 'evidence',
  title: { en: 'ISO 13485 certification for medical devices', zh: '医疗器械 ISO 13485 认证' },
  required,
  kinds: ['certificate'],
  minProvenance: 'documented',
  mustBeValid: true,
  minCount: 1,
  subject: { attribute: 'standard', anyOf: ['ISO 13485'] },
  appliesWhen: { regulatedSector: ['medical_devices'] },
});

const responseTime: Requirement = {
  id: 'p1.response_time',
  type: 'response_time',
  title: {
    en: 'Technical inquiries answered promptly (median response time)',
    zh: '及时答复技术询问（响应时间中位数）',
  },
  required: true,
  maxMedianBusinessDays: 2,
  minInquiries: 3,
};

const referencesCrossBorder: Requirement = {
  id: 'p1.references',
  type: 'evidence',
  title: { en: 'References from other buyers', zh: '其他买家的推荐与证明' },
  description: {
    en: 'Signed attestations or verified references from two other buyers.',
    zh: '两家其他买家的签名证明或经核实的推荐。',
  },
  required: true,
  kinds: ['testimonial', 'attestation'],
  minProvenance: 'third_party',
  minCount: 2,
};

const referencesDomestic: Requirement = {
  id: 'p1.references',
  type: 'evidence',
  title: referencesCrossBorder.title,
  required: false,
  kinds: ['testimonial', 'attestation'],
  minProvenance: 'self_declared',
  minCount: 1,
};

// --- phase 2: capability validation ---------------------------------------------------------------------------

const qcProcesses: Requirement = {
  id: 'p2.qc_processes',
  type: 'evidence',
  title: {
    en: 'Documented QC processes (control plan, inspection procedures)',
    zh: '成文的质量控制流程（控制计划、检验规程）',
  },
  required: true,
  kinds: ['qc_procedure'],
  minProvenance: 'documented',
  minCount: 1,
};

const sampleTest = (minProvenance: 'third_party' | 'documented'): Requirement => ({
  id: 'p2.sample_test',
  type: 'evidence',
  title: {
    en: "Sample test under documented conditions against the buyer's specification",
    zh: '按买方规格在成文条件下进行的样品测试',
  },
  ...(minProvenance === 'third_party'
    ? { description: { en: 'By an accredited third-party lab, or observed by the buyer.', zh: '由经认可的第三方实验室进行，或由买方现场见证。' } }
    : {}),
  required: true,
  kinds: ['sample_test'],
  minProvenance,
  minCount: 1,
});

const visit = (required: boolean): Requirement => ({
  id: 'p2.visit_or_audit',
  type: 'visit',
  title: { en: 'Factory visit or third-party audit (per the visit advisor)', zh: '工厂访问或第三方审核（依据访厂建议）' },
  required,
  kinds: ['visit_observation', 'audit_report'],
  minProvenance: 'third_party',
  maxAgeDays: 730,
  waivableByAdvisor: true,
});

const productionLimits: Requirement = {
  id: 'p2.production_limits',
  type: 'claims_with_limits',
  title: {
    en: 'Production limits discussed (capacity and its limit per product line)',
    zh: '讨论生产极限（每条产品线的产能及其上限）',
  },
  required: true,
  claimType: 'capacity',
  requireStatedLimit: true,
  perProductLine: true,
};

// --- phase 3: operational compatibility -----------------------------------------------------------------------

const pilot: Requirement = {
  id: 'p3.pilot',
  type: 'pilot',
  title: { en: 'Pilot of 3–6 months with KPIs and evaluation points', zh: '为期3至6个月、设有KPI和评估节点的试运行' },
  required: true,
  minMonths: 3,
  maxMonths: 6,
  requiresKpis: true,
  requiresEvaluationPoints: true,
};

const cadence = (required: boolean): Requirement => ({
  id: 'p3.cadence',
  type: 'cadence',
  title: { en: 'Communication cadence kept; escalation ladder named', zh: '保持沟通节奏；明确升级路径' },
  required,
  progressUpdateEveryDays: 14,
  escalationLadderRequired: true,
});

// --- partnership ----------------------------------------------------------------------------------------------

const reverification = (reauditRequired: boolean): Requirement => ({
  id: 'p4.reverification',
  type: 'reverification',
  title: {
    en: 'Re-verification: certificates before expiry, re-audit every 24 months, batch records per lot',
    zh: '持续验证：证书到期前更新、每24个月复审、每批次提供批次检验记录',
  },
  required: true,
  certificatesBeforeExpiry: true,
  reaudit: {
    everyMonths: 24,
    required: reauditRequired,
    kinds: ['audit_report', 'visit_observation'],
    minProvenance: 'third_party',
  },
  batchRecordsPerLot: true,
});

// --- visit advisor --------------------------------------------------------------------------------------------

export const DEFAULT_ADVISOR_RULES: AdvisorRule[] = [
  {
    id: 'waive.commercialized_certified',
    effect: 'waive',
    weight: 1,
    condition: {
      kind: 'all_of',
      conditions: [
        { kind: 'product_maturity', equals: 'commercialized' },
        { kind: 'has_evidence', evidenceKinds: ['certificate'], minProvenance: 'third_party' },
      ],
    },
    explanation: {
      en: 'The product is fully commercialized and third-party certified',
      zh: '产品已完全商业化并经第三方认证',
    },
  },
  {
    id: 'waive.shared_network_track_record',
    effect: 'waive',
    weight: 1,
    condition: { kind: 'attestations_from_other_buyers', min: 2 },
    explanation: {
      en: 'Verifiable track record in the shared network: attestations from at least two other buyers',
      zh: '在共享网络中有可验证的业绩记录：至少两家其他买家的证明',
    },
  },
  {
    id: 'waive.regulated_framework',
    effect: 'waive',
    weight: 1,
    condition: {
      kind: 'all_of',
      conditions: [
        { kind: 'regulated_sector', sectors: ['medical_devices'] },
        { kind: 'certification_held', standard: 'ISO 13485' },
      ],
    },
    explanation: {
      en: 'The regulatory framework already assures quality: ISO 13485 certified medical-device supplier',
      zh: '监管框架已保证质量：通过 ISO 13485 认证的医疗器械供应商',
    },
  },
  {
    id: 'raise.custom_product',
    effect: 'raise',
    weight: 2,
    condition: { kind: 'product_is_custom' },
    explanation: { en: 'Custom product made to the buyer’s design', zh: '按买方设计定制的产品' },
  },
  {
    id: 'raise.new_product',
    effect: 'raise',
    weight: 2,
    condition: { kind: 'product_maturity', equals: 'new' },
    explanation: { en: 'New product without a production history', zh: '没有生产历史的新产品' },
  },
  {
    id: 'raise.large_claimed_capacity',
    effect: 'raise',
    weight: 1,
    condition: { kind: 'claimed_capacity_over', units: 20000, period: 'month' },
    explanation: { en: 'Large claimed capacity (over 20,000 units a month)', zh: '声称的产能较大（每月超过20,000件）' },
  },
  {
    id: 'raise.contradicted_claims',
    effect: 'raise',
    weight: 3,
    condition: { kind: 'contradicted_claims', min: 1 },
    explanation: { en: 'Claims contradicted by evidence', zh: '存在被证据否定的声明' },
  },
  {
    id: 'raise.no_formal_qc_system',
    effect: 'raise',
    weight: 3,
    condition: { kind: 'no_formal_qc_system' },
    explanation: {
      en: 'No formal QC system: neither a documented QC procedure nor a valid quality-management certificate',
      zh: '没有正式的质量控制体系：既无成文的质控程序，也无有效的质量管理体系证书',
    },
  },
  {
    id: 'waive.verified_track_record',
    effect: 'waive',
    weight: 1,
    condition: { kind: 'verified_track_record', min: 1 },
    explanation: {
      en: 'Verifiable track record in the shared network: a track-record credential from another buyer, verified (signature, issuer key, not revoked, not expired)',
      zh: '在共享网络中有可验证的业绩记录：另一家采购方签发的业绩凭证已验证（签名、签发方密钥、未撤销、未过期）',
    },
  },
];

// --- the policies ---------------------------------------------------------------------------------------------

export const DEFAULT_CROSS_BORDER_POLICY: VerificationPolicy = {
  key: 'default-cross-border',
  name: 'Default cross-border verification',
  version: 1,
  scope: 'cross_border',
  description:
    'Shipped default for cross-border engagements (DESIGN.md): third-party verification where a domestic engagement accepts references.',
  claimTolerance: { capacity: 0.8 },
  phases: {
    credibility: [registrationCrossBorder, qmsCertification(true), iso13485(true), responseTime, referencesCrossBorder],
    capability_validation: [qcProcesses, sampleTest('third_party'), visit(true), productionLimits],
    operational_compatibility: [pilot, cadence(true)],
    partnership: [reverification(true)],
  },
  visitAdvisor: {
    baseScore: 2,
    thresholds: { needed: 3, recommended: 1 },
    rules: DEFAULT_ADVISOR_RULES,
  },
  discrepancies: DEFAULT_DISCREPANCY_RULES,
};

export const DEFAULT_DOMESTIC_POLICY: VerificationPolicy = {
  key: 'default-domestic',
  name: 'Default domestic verification',
  version: 1,
  scope: 'domestic',
  description: 'Shipped default for domestic engagements (DESIGN.md): references and documents accepted.',
  claimTolerance: { capacity: 0.8 },
  phases: {
    credibility: [registrationDomestic, qmsCertification(false), iso13485(false), responseTime, referencesDomestic],
    capability_validation: [qcProcesses, sampleTest('documented'), visit(false), productionLimits],
    operational_compatibility: [pilot, cadence(false)],
    partnership: [reverification(false)],
  },
  visitAdvisor: {
    baseScore: 1,
    thresholds: { needed: 3, recommended: 1 },
    rules: DEFAULT_ADVISOR_RULES,
  },
  discrepancies: DEFAULT_DISCREPANCY_RULES,
};

export const DEFAULT_POLICIES: readonly VerificationPolicy[] = [DEFAULT_CROSS_BORDER_POLICY, DEFAULT_DOMESTIC_POLICY];

/** The shipped default for an engagement. */
export function defaultPolicyFor(crossBorder: boolean): VerificationPolicy {
  return crossBorder ? DEFAULT_CROSS_BORDER_POLICY : DEFAULT_DOMESTIC_POLICY;
}
