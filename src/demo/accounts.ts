// The people and organizations of the demo story (DESIGN.md, "The demo workspace"). All names are invented.
export const DEMO_PASSWORD = 'bonafide-demo-2026';

export const DEMO_ORGANIZATIONS = {
  nordlicht: {
    name: 'Nordlicht Medical GmbH',
    kind: 'buyer',
    country: 'DE',
    description: 'Infusion and patient-monitoring devices, Freiburg im Breisgau.',
    website: 'https://nordlicht-medical.example',
    categories: ['medical devices', 'infusion pumps'],
    identifiers: [
      { scheme: 'eu-vat', value: 'DE136695976' },
      { scheme: 'lei', value: '529900T8BM49AURSDO55' },
    ],
  },
  hengtai: {
    name: 'Ningbo Hengtai Precision Co., Ltd.',
    kind: 'supplier',
    country: 'CN',
    description: 'CNC machining and anodising of aluminium housings; two lines in Beilun, Ningbo. ISO 9001 and ISO 13485 certified.',
    website: 'https://hengtai-precision.example',
    categories: ['cnc machining', 'aluminium housings', 'medical devices'],
    identifiers: [{ scheme: 'cn-uscc', value: '91330200MA2H2KGP8X' }],
  },
  meridian: {
    name: 'Meridian Assurance Ltd',
    kind: 'auditor',
    country: 'GB',
    description: 'Supplier audits and factory inspections for medical-device manufacturers (ISO 13485, ISO 9001).',
    website: 'https://meridian-assurance.example',
    categories: ['supplier audits', 'medical devices'],
    identifiers: [{ scheme: 'gb-crn', value: '08123456' }],
  },
  lakeshore: {
    name: 'Lakeshore Outdoor Inc.',
    kind: 'buyer',
    country: 'US',
    description: 'Camping stoves and lanterns, Duluth, Minnesota.',
    website: 'https://lakeshore-outdoor.example',
    categories: ['outdoor equipment'],
    identifiers: [{ scheme: 'us-ein', value: '41-1876543' }],
  },
} as const;

export type DemoOrgKey = keyof typeof DEMO_ORGANIZATIONS;

export const DEMO_USERS: { email: string; displayName: string; org: DemoOrgKey; role: 'owner' | 'admin' | 'member'; locale: 'en' | 'zh-CN'; timeZone: string; title: string }[] = [
  { email: 'anna.weber@nordlicht.example', displayName: 'Anna Weber', org: 'nordlicht', role: 'owner', locale: 'en', timeZone: 'Europe/Berlin', title: 'Head of Strategic Sourcing' },
  { email: 'jonas.richter@nordlicht.example', displayName: 'Jonas Richter', org: 'nordlicht', role: 'member', locale: 'en', timeZone: 'Europe/Berlin', title: 'Supplier Quality Engineer' },
  { email: 'li.wei@hengtai.example', displayName: 'Li Wei', org: 'hengtai', role: 'owner', locale: 'zh-CN', timeZone: 'Asia/Shanghai', title: 'Export Manager' },
  { email: 'chen.jing@hengtai.example', displayName: 'Chen Jing', org: 'hengtai', role: 'member', locale: 'zh-CN', timeZone: 'Asia/Shanghai', title: 'Quality Manager' },
  { email: 'sarah.hughes@meridian.example', displayName: 'Sarah Hughes', org: 'meridian', role: 'owner', locale: 'en', timeZone: 'Europe/London', title: 'Lead Auditor' },
  { email: 'mike.carlson@lakeshore.example', displayName: 'Mike Carlson', org: 'lakeshore', role: 'owner', locale: 'en', timeZone: 'America/Chicago', title: 'Purchasing Manager' },
];
