// Texts of the web-wide pass over what a user meets: form limits, what waits for the user, phone layouts.
export const uxEn = {
  listSeparator: ', ',
  engagement: { discrepancies: 'Discrepancies', escalation: 'Escalation ladder' },
  waiting: {
    title: 'Waiting for you',
    none: 'Nothing waits for you: every request, visit, inquiry and file request is answered.',
    navCount_one: '{{count}} thing waits for you here',
    navCount_other: '{{count}} things wait for you here',
    kinds: {
      requests_one: 'request to answer',
      requests_other: 'requests to answer',
      visits_one: 'visit to confirm',
      visits_other: 'visits to confirm',
      messages_one: 'inquiry unanswered',
      messages_other: 'inquiries unanswered',
      evidence_one: 'file asked for',
      evidence_other: 'files asked for',
    },
  },
  length_one: '{{count}} of {{max}} characters',
  length_other: '{{count}} of {{max}} characters',
  policies: {
    'default-cross-border': {
      name: 'Default cross-border verification',
      description: 'Shipped default for cross-border engagements: third-party verification where a domestic engagement accepts references.',
    },
    'default-domestic': {
      name: 'Default domestic verification',
      description: 'Shipped default for domestic engagements: references and documents accepted.',
    },
  },
};
