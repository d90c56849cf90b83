// What a buyer's message asks about, read from its words (English and Chinese). A keyword heuristic, and every
// signal built on it says so; the supplier can overrule any signal with its own judgement. Pure.

export const TECHNICAL_TOPICS = ['process', 'materials', 'tolerances'] as const;
export type TechnicalTopic = (typeof TECHNICAL_TOPICS)[number];

export const OPERATIONS_TOPICS = ['capacity', 'lead_time', 'qc_method'] as const;
export type OperationsTopic = (typeof OPERATIONS_TOPICS)[number];

export type MessageTopic = TechnicalTopic | OperationsTopic | 'price';

// Chinese has no word boundaries, so its terms stand alone; English terms are anchored where a prefix would match
// unrelated words.
const PATTERNS: Record<MessageTopic, RegExp> = {
  price:
    /\b(price|prices|pricing|discount|cheaper|cost|costs|quote|quotation|rebate|usd|eur|cny|rmb|payment terms?)\b|\$\s?\d|价格|报价|折扣|便宜|降价|单价|付款/i,
  process:
    /\bprocess(es|ing)?\b|\bmachin(e|ed|es|ing)\b|fixtur|anodi[sz]|\bcoating\b|plating|heat[- ]treat|\bweld|\bcasting\b|\bforg(e|ing)\b|\bmou?ld(ing)?\b|\bcnc\b|deburr|\bseal(ing|ed)?\b|surface treatment|工艺|加工|阳极|表面处理|热处理|焊接|铸造|夹具|注塑/i,
  materials:
    /\bmaterials?\b|\balloy|\b(6061|6063|7075|5052|304|316l?)\b|alumin(i)?um|stainless|\bsteel\b|\bresin\b|polymer|\bgrade\b|en ?10204|mill cert|material cert|\b3\.1 cert|材料|合金|牌号|材质/i,
  tolerances:
    /toleranc|\bh7\b|\bit\d{1,2}\b|±|\+\/-|micron|µm|\bum\b|flatness|roughness|\bra ?\d|ø|diameter|thickness|gd&t|\bdatum|公差|粗糙度|平面度|直径|厚度/i,
  capacity: /capacit|ramp[- ]?up|bottleneck|\bshifts?\b|utili[sz]ation|throughput|what would limit|\blimit(s|ed|ing)?\b|产能|瓶颈|班次|扩产/i,
  lead_time: /lead[- ]?times?|delivery time|how (soon|fast|quickly)|ship(ping)? date|turn-?around|交期|交货期|交货时间/i,
  qc_method:
    /inspect|\bcmm\b|\baql\b|control plan|\bspc\b|\bcpk\b|first[- ]article|\bfai\b|\bverif(y|ied|ies|ication)\b|\bmeasur(e|ed|es|ing|ement)|\bgauges?\b|\bgages?\b|calibrat|test(ing)? method|traceab|检验|检测|测量|控制计划|首件|追溯/i,
};

export interface MessageClassification {
  technical: TechnicalTopic[];
  operations: OperationsTopic[];
  price: boolean;
  /** technical: asks about the product or the operation; price_only: only about price; general: neither. */
  nature: 'technical' | 'price_only' | 'general';
}

export function classifyMessage(subject: string | null, body: string): MessageClassification {
  const text = `${subject ?? ''}\n${body}`;
  const technical = TECHNICAL_TOPICS.filter((t) => PATTERNS[t].test(text));
  const operations = OPERATIONS_TOPICS.filter((t) => PATTERNS[t].test(text));
  const price = PATTERNS.price.test(text);
  const nature = technical.length + operations.length > 0 ? 'technical' : price ? 'price_only' : 'general';
  return { technical, operations, price, nature };
}
