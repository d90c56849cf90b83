// The vocabulary of discrepancies (non-conformances) and their 8D corrective action (standards.md §4.1, Ford
// Global 8D naming). Pure data: services, contracts and the web app all speak these names.

export const DISCREPANCY_SEVERITIES = ['critical', 'major', 'minor'] as const;
export type DiscrepancySeverity = (typeof DISCREPANCY_SEVERITIES)[number];

/** D0 plan/emergency response … D8 closure and recognition, in the order they are worked. */
export const EIGHT_D_STEPS = ['D0', 'D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8'] as const;
export type EightDStep = (typeof EIGHT_D_STEPS)[number];

export interface StepText {
  en: string;
  zh: string;
}

/** Titles and what each step has to show (the prompt a step's owner answers). */
export const EIGHT_D_TITLES: Record<EightDStep, StepText> = {
  D0: { en: 'Plan and emergency response', zh: '准备与紧急响应' },
  D1: { en: 'Team', zh: '成立小组' },
  D2: { en: 'Problem description', zh: '问题描述' },
  D3: { en: 'Interim containment', zh: '临时遏制措施' },
  D4: { en: 'Root cause and escape point', zh: '根本原因与流出点' },
  D5: { en: 'Permanent corrective action', zh: '永久纠正措施' },
  D6: { en: 'Implementation and validation', zh: '实施与验证' },
  D7: { en: 'Prevention of recurrence', zh: '预防再发生' },
  D8: { en: 'Closure and recognition', zh: '关闭与表彰' },
};

export const EIGHT_D_PROMPTS: Record<EightDStep, StepText> = {
  D0: { en: 'Emergency response taken, prerequisites checked', zh: '已采取的紧急响应，前提条件检查' },
  D1: { en: 'Who works on it, from both sides', zh: '双方参与人员' },
  D2: { en: 'What, where, when, how many (5W2H, is / is not)', zh: '何事、何地、何时、多少（5W2H，是/不是）' },
  D3: { en: 'Containment: stock sorted, shipments blocked, customer protected', zh: '遏制：库存筛选、发货冻结、保护客户' },
  D4: { en: 'Root cause verified, and why the defect escaped detection', zh: '已验证的根本原因，以及缺陷为何未被检出' },
  D5: { en: 'Chosen corrective action and how it was verified', zh: '选定的纠正措施及其验证方式' },
  D6: { en: 'Action implemented, containment removed, results', zh: '措施已实施、遏制措施解除、结果' },
  D7: { en: 'Procedures, FMEA, control plan and similar products updated', zh: '已更新程序、FMEA、控制计划及类似产品' },
  D8: { en: 'Effectiveness verified and accepted; team recognised', zh: '有效性已验证并被接受；表彰团队' },
};

/** What a discrepancy is raised against. */
export const DISCREPANCY_TARGET_KINDS = ['delivery', 'lot_inspection', 'batch_record', 'claim', 'visit_finding', 'sample_test'] as const;
export type DiscrepancyTargetKind = (typeof DISCREPANCY_TARGET_KINDS)[number];

export const DISCREPANCY_STATUSES = ['open', 'closed'] as const;
export type DiscrepancyStatus = (typeof DISCREPANCY_STATUSES)[number];

export const ENGAGEMENT_SIDES = ['buyer', 'supplier'] as const;
export type EngagementSide = (typeof ENGAGEMENT_SIDES)[number];

export function otherSide(side: EngagementSide): EngagementSide {
  return side === 'buyer' ? 'supplier' : 'buyer';
}

/** How the effectiveness of the corrective action was verified before closure. */
export const EFFECTIVENESS_METHODS = ['next_lots_accepted', 'spc_no_signal', 'retest_passed', 'audit_verified', 'other'] as const;
export type EffectivenessMethod = (typeof EFFECTIVENESS_METHODS)[number];

export const EFFECTIVENESS_TEXT: Record<EffectivenessMethod, StepText> = {
  next_lots_accepted: { en: 'The next lots were accepted', zh: '后续批次均被接收' },
  spc_no_signal: { en: 'SPC chart with no signal since the fix', zh: '整改后控制图无异常信号' },
  retest_passed: { en: 'Re-test passed', zh: '复测合格' },
  audit_verified: { en: 'Verified by an audit or visit', zh: '经审核或访厂验证' },
  other: { en: 'Other verification', zh: '其他验证方式' },
};
