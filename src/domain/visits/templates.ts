// The shipped checklist templates (data, versioned like the shipped policies): the buyer's visit checklist with
// the four areas the verification model names, and the supplier's assessment of the buyer's sincerity.
// Admins save their own versions; engagements keep the version a visit was planned with.
import type { ChecklistTemplate } from './checklist.js';

const score15 = (one: [string, string], three: [string, string], five: [string, string]) => ({
  min: 1,
  max: 5,
  anchors: [
    { value: 1, label: { en: one[0], zh: one[1] } },
    { value: 3, label: { en: three[0], zh: three[1] } },
    { value: 5, label: { en: five[0], zh: five[1] } },
  ],
});

export const SHIPPED_BUYER_CHECKLIST: ChecklistTemplate = {
  key: 'bonafide.buyer-visit',
  version: 1,
  purpose: 'visit_checklist',
  name: { en: 'Buyer factory visit checklist', zh: '买方验厂检查表' },
  description: {
    en: 'Claims against what was seen: capacity, QC practice against the written policy, responsiveness under real conditions, communication fit.',
    zh: '以现场所见核对声明：产能、质控实践与书面程序、真实条件下的响应、沟通契合度。',
  },
  sections: [
    {
      id: 'capacity',
      focus: 'capacity',
      claimType: 'capacity',
      title: { en: 'Production capacity: claimed vs observed', zh: '生产产能：声称与实际' },
      description: {
        en: 'Count what you can see on the line of the product in scope; the figures compute the observed capacity that is held against the claim.',
        zh: '在范围内产品的产线上清点可见的数据；这些数字用于计算实际产能，并与声称的产能对比。',
      },
      questions: [
        {
          id: 'cap.lines',
          type: 'number',
          unit: 'lines',
          integer: true,
          min: 0,
          max: 200,
          required: true,
          capacityInput: 'lines',
          text: { en: 'Lines (or cells) running this product line today', zh: '今天生产该产品线的产线（或单元）数量' },
        },
        {
          id: 'cap.shifts',
          type: 'number',
          unit: 'shifts/day',
          integer: true,
          min: 1,
          max: 4,
          required: true,
          capacityInput: 'shiftsPerDay',
          text: { en: 'Shifts per day (from the shift plan on the board)', zh: '每天班次数（以看板上的排班为准）' },
        },
        {
          id: 'cap.hours_per_shift',
          type: 'number',
          unit: 'h',
          min: 0.5,
          max: 24,
          required: true,
          capacityInput: 'hoursPerShift',
          text: { en: 'Productive hours per shift (without breaks)', zh: '每班有效工作小时（不含休息）' },
        },
        {
          id: 'cap.cycle_time',
          type: 'number',
          unit: 's',
          min: 0.1,
          capacityInput: 'cycleTimeSeconds',
          text: { en: 'Cycle time at the bottleneck station (timed over at least 5 cycles)', zh: '瓶颈工位的节拍时间（至少计时 5 个循环）' },
          help: { en: 'Answer this or the counted output per hour, not both.', zh: '填写此项或每小时实测产出，二选一。' },
        },
        {
          id: 'cap.units_per_cycle',
          type: 'number',
          unit: 'pcs/cycle',
          integer: true,
          min: 1,
          capacityInput: 'cavitiesOrUnitsPerCycle',
          text: { en: 'Parts completed per cycle (fixtures or cavities)', zh: '每个循环完成的零件数（夹具或型腔数）' },
        },
        {
          id: 'cap.units_per_hour',
          type: 'number',
          unit: 'pcs/h',
          min: 0,
          capacityInput: 'unitsPerHour',
          text: { en: 'Output per hour of one line, counted (instead of the cycle time)', zh: '单条产线每小时实测产出（代替节拍时间）' },
        },
        {
          id: 'cap.availability',
          type: 'number',
          unit: '%',
          min: 0,
          max: 100,
          required: true,
          capacityInput: 'availability',
          text: { en: 'Availability: share of planned time the line actually ran (shift board, downtime log)', zh: '设备可用率：产线实际运行时间占计划时间的比例（看板、停机记录）' },
        },
        {
          id: 'cap.working_days',
          type: 'number',
          unit: 'days/month',
          min: 1,
          max: 31,
          required: true,
          capacityInput: 'workingDaysPerPeriod',
          text: { en: 'Working days per month (from the factory calendar)', zh: '每月工作天数（以工厂日历为准）' },
        },
        {
          id: 'cap.stock_consistent',
          type: 'yes_no',
          expected: true,
          text: { en: 'Are work-in-progress and finished stock consistent with the claimed output?', zh: '在制品和成品库存是否与声称的产出相符？' },
        },
        {
          id: 'cap.limit',
          type: 'text',
          multiline: true,
          text: { en: 'What limits capacity (people, machines, subcontracted steps)?', zh: '产能受什么限制（人员、设备、外包工序）？' },
        },
        {
          id: 'cap.photo',
          type: 'photo',
          minPhotos: 1,
          text: { en: 'Photo of the line or the shift production board', zh: '产线或班次生产看板的照片' },
        },
      ],
    },
    {
      id: 'qc',
      focus: 'qc_practice',
      claimType: 'qc_process',
      title: { en: 'QC practice vs written policy', zh: '质控实践与书面程序' },
      description: {
        en: 'Sample stations and records: is what the control plan says done on the floor?',
        zh: '抽查工位和记录：控制计划的要求在现场是否得到执行？',
      },
      questions: [
        {
          id: 'qc.control_plan_at_station',
          type: 'yes_no',
          expected: true,
          required: true,
          claimType: 'qc_process',
          text: { en: 'Is the current control-plan revision available at the stations you saw?', zh: '所见工位是否有现行版本的控制计划？' },
        },
        {
          id: 'qc.inspection_as_written',
          type: 'yes_no',
          expected: true,
          required: true,
          claimType: 'qc_process',
          text: { en: 'Do operators inspect at the frequency and with the gauges the control plan states?', zh: '操作员是否按控制计划规定的频次和量具进行检验？' },
        },
        {
          id: 'qc.traceability',
          type: 'yes_no',
          expected: true,
          text: { en: 'Can one lot be traced from the material certificate to the final inspection record within 15 minutes?', zh: '能否在 15 分钟内将一个批次从材料证书追溯到最终检验记录？' },
        },
        {
          id: 'qc.calibration',
          type: 'yes_no',
          expected: true,
          text: { en: 'Are the gauges in use within their calibration date?', zh: '在用量具是否在校准有效期内？' },
        },
        {
          id: 'qc.nonconforming',
          type: 'yes_no',
          expected: true,
          text: { en: 'Is non-conforming product identified and segregated?', zh: '不合格品是否已标识并隔离？' },
        },
        {
          id: 'qc.practice_score',
          type: 'score',
          required: true,
          scale: score15(
            ['The written policy is not followed', '未执行书面程序'],
            ['Followed, with gaps at some stations', '基本执行，部分工位有缺口'],
            ['Practice matches the written policy everywhere sampled', '抽查之处实践均与书面程序一致'],
          ),
          text: { en: 'Overall: QC practice against the written policy', zh: '总体：质控实践与书面程序的一致程度' },
        },
        {
          id: 'qc.photo',
          type: 'photo',
          text: { en: 'Photo of a control-plan station, an inspection record or a gauge', zh: '控制计划工位、检验记录或量具的照片' },
        },
      ],
    },
    {
      id: 'responsiveness',
      focus: 'responsiveness',
      title: { en: 'Team responsiveness under real conditions', zh: '真实条件下的团队响应' },
      questions: [
        {
          id: 'resp.unplanned_request',
          type: 'score',
          required: true,
          scale: score15(
            ['Not answered, or deflected', '未回应或回避'],
            ['Answered late or in part', '回应迟缓或不完整'],
            ['Answered at once, with the record', '当场回应并出示记录'],
          ),
          text: { en: 'Unplanned requests during the visit (e.g. a record you asked to see)', zh: '访问期间的临时请求（例如要求查看某份记录）' },
        },
        {
          id: 'resp.minutes_to_record',
          type: 'number',
          unit: 'min',
          min: 0,
          max: 1440,
          text: { en: 'Minutes to produce a record you asked for', zh: '出示所要求记录所用的分钟数' },
        },
        {
          id: 'resp.decision_makers',
          type: 'yes_no',
          expected: true,
          text: { en: 'Were people who can decide (quality, production, engineering) available?', zh: '有决策权的人员（质量、生产、工程）是否在场？' },
        },
        {
          id: 'resp.problem_openness',
          type: 'score',
          scale: score15(
            ['Denied or avoided', '否认或回避'],
            ['Discussed in general terms', '泛泛而谈'],
            ['Walked through with data and the corrective action', '用数据和纠正措施详细说明'],
          ),
          text: { en: 'Openness when discussing a recent defect or delay', zh: '讨论近期缺陷或延误时的坦诚程度' },
        },
      ],
    },
    {
      id: 'fit',
      focus: 'cultural_fit',
      title: { en: 'Cultural and communication fit', zh: '文化与沟通契合度' },
      questions: [
        {
          id: 'fit.technical_communication',
          type: 'score',
          required: true,
          scale: score15(
            ['Frequent misunderstandings', '经常误解'],
            ['Understood with effort or an interpreter', '需要费力或借助翻译才能理解'],
            ['Clear technical exchange, no misunderstandings', '技术交流清晰，无误解'],
          ),
          text: { en: 'Technical communication (directly or through the team’s interpreter)', zh: '技术沟通（直接或通过团队翻译）' },
        },
        {
          id: 'fit.change_control',
          type: 'score',
          scale: score15(
            ['Changes made without notice are seen as normal', '认为不通知即变更是正常的'],
            ['Notice for major changes only', '仅重大变更会通知'],
            ['No change to process, material or subcontractor without approval', '未经批准不变更工艺、材料或外包方'],
          ),
          text: { en: 'Shared understanding of quality expectations and change control', zh: '对质量期望和变更控制的共同理解' },
        },
        {
          id: 'fit.escalation_contact',
          type: 'yes_no',
          expected: true,
          text: { en: 'Is an escalation contact named and reachable outside office hours?', zh: '是否指定了升级联系人，且在非工作时间可联系？' },
        },
        {
          id: 'fit.notes',
          type: 'text',
          multiline: true,
          text: { en: 'Notes on communication and working style', zh: '关于沟通和工作方式的记录' },
        },
      ],
    },
  ],
};

export const SINCERITY_DIMENSIONS = ['technical_depth', 'preparation', 'specification_clarity', 'operational_understanding', 'beyond_price'] as const;
export type SincerityDimension = (typeof SINCERITY_DIMENSIONS)[number];

/** The supplier's view of the buyer (DESIGN.md, "Buyer sincerity"): five dimensions, scored 1–5 with anchors. */
export const SHIPPED_SINCERITY_TEMPLATE: ChecklistTemplate = {
  key: 'bonafide.buyer-sincerity',
  version: 1,
  purpose: 'buyer_sincerity',
  name: { en: 'Buyer sincerity (supplier’s assessment)', zh: '买方诚意（供应商评估）' },
  description: {
    en: 'How serious the visiting buyer is about a partnership, not only about price.',
    zh: '来访买方对合作（而不仅是价格）的认真程度。',
  },
  sections: [
    {
      id: 'sincerity',
      focus: 'custom',
      title: { en: 'The buyer’s sincerity', zh: '买方诚意' },
      questions: [
        {
          id: 'technical_depth',
          type: 'score',
          required: true,
          scale: score15(
            ['Only price and delivery', '只问价格和交期'],
            ['Some technical questions, in general terms', '有一些笼统的技术问题'],
            ['Detailed questions on tolerances, process and inspection', '对公差、工艺和检验提出详细问题'],
          ),
          text: { en: 'Technical depth of the questions asked', zh: '所提问题的技术深度' },
        },
        {
          id: 'preparation',
          type: 'score',
          required: true,
          scale: score15(
            ['Came without drawings or an agenda', '来访时没有图纸或议程'],
            ['An agenda, little prior review', '有议程，但事先了解不多'],
            ['Reviewed our documents beforehand; a focused agenda', '事先审阅了我们的文件，议程明确'],
          ),
          text: { en: 'Preparation for the visit', zh: '访问前的准备' },
        },
        {
          id: 'specification_clarity',
          type: 'score',
          required: true,
          scale: score15(
            ['No drawing or specification', '没有图纸或规格'],
            ['Drawings with open points', '图纸有未决事项'],
            ['Complete drawings, tolerances and acceptance criteria', '图纸、公差和验收标准完整'],
          ),
          text: { en: 'Clarity of the specifications brought', zh: '所带规格的清晰程度' },
        },
        {
          id: 'operational_understanding',
          type: 'score',
          required: true,
          scale: score15(
            ['Ignored lead times, MOQ and process limits', '忽视交期、最小起订量和工艺限制'],
            ['Understood some operational constraints', '理解部分运营限制'],
            ['Discussed capacity limits, ramp-up and subcontracted steps realistically', '实事求是地讨论了产能上限、爬坡和外包工序'],
          ),
          text: { en: 'Understanding of operational details', zh: '对运营细节的理解' },
        },
        {
          id: 'beyond_price',
          type: 'score',
          required: true,
          scale: score15(
            ['Price was the only topic', '价格是唯一话题'],
            ['Price dominant, some interest in quality', '以价格为主，对质量有一定兴趣'],
            ['Quality, development and a long-term partnership as much as price', '对质量、开发和长期合作的关注不亚于价格'],
          ),
          text: { en: 'Interest beyond price', zh: '对价格以外方面的兴趣' },
        },
      ],
    },
  ],
};

export const SHIPPED_CHECKLIST_TEMPLATES: readonly ChecklistTemplate[] = [SHIPPED_BUYER_CHECKLIST, SHIPPED_SINCERITY_TEMPLATE];

/** Every question of a template, with the section it belongs to. */
export function questionsOf(t: ChecklistTemplate) {
  return t.sections.flatMap((s) => s.questions.map((q) => ({ section: s, question: q })));
}

export function findQuestion(t: ChecklistTemplate, questionId: string) {
  return questionsOf(t).find((x) => x.question.id === questionId) ?? null;
}
