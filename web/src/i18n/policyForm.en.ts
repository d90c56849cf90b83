// The policy editor's form (web/src/pages/policies/PolicyForm.tsx).
export const policyFormEn = {
  hint: 'Change the common settings in the form, anything else in the JSON (both prefilled from v{{version}}), or upload a .json file. It is saved as your next version; engagements keep the version they use until moved.',
  formTab: 'Form',
  jsonTab: 'JSON (everything)',
  capacityTolerance: 'Capacity tolerance',
  capacityToleranceHint: 'Observed capacity below this share of the claimed capacity contradicts the claim.',
  requirement: 'Requirement',
  required: 'Required',
  minProvenance: 'At least',
  maxAgeDays: 'Max. age (days)',
  minCount: 'At least (count)',
  noLimit: 'No limit',
  maxMedianBusinessDays: 'Median response at most (business days)',
  notAPolicy: 'The JSON has no phases or claim tolerance to show in the form; fix it here or save it as it is.',
  fixMarked_one: '{{count}} field above was refused: see the message next to it.',
  fixMarked_other: '{{count}} fields above were refused: see the messages next to them.',
};
