// 政策编辑器的表单（web/src/pages/policies/PolicyForm.tsx）。
export const policyFormZhCN = {
  hint: '在表单中修改常用设置，其余内容在 JSON 中修改（均已按 v{{version}} 预填），或上传 .json 文件。它将保存为你的下一个版本；合作项目在更换前保留其当前版本。',
  formTab: '表单',
  jsonTab: 'JSON（全部内容）',
  capacityTolerance: '产能容差',
  capacityToleranceHint: '实测产能低于声明产能的该比例时，该声明即被反驳。',
  requirement: '要求',
  required: '必需',
  minProvenance: '最低来源',
  maxAgeDays: '最长时效（天）',
  minCount: '最少数量',
  noLimit: '不限',
  maxMedianBusinessDays: '响应时间中位数上限（工作日）',
  notAPolicy: '该 JSON 中没有可在表单中显示的阶段或声明容差；请在此处修改，或直接保存。',
  fixMarked_one: '上方有 {{count}} 个字段被拒绝：请查看其旁边的说明。',
  fixMarked_other: '上方有 {{count}} 个字段被拒绝：请查看其旁边的说明。',
};
