import type { uxEn } from './ux.en.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const uxZhCN: Strings<typeof uxEn> = {
  listSeparator: '，',
  engagement: { discrepancies: '不符合项', escalation: '升级路径' },
  waiting: {
    title: '待您处理',
    none: '没有待您处理的事项：所有请求、访问、询问和文件请求均已答复。',
    navCount_one: '此处有 {{count}} 项待您处理',
    navCount_other: '此处有 {{count}} 项待您处理',
    kinds: {
      requests_one: '项请求待答复',
      requests_other: '项请求待答复',
      visits_one: '次访问待确认',
      visits_other: '次访问待确认',
      messages_one: '个询问未答复',
      messages_other: '个询问未答复',
      evidence_one: '份文件被索取',
      evidence_other: '份文件被索取',
    },
  },
  length_one: '{{count}} / {{max}} 个字符',
  length_other: '{{count}} / {{max}} 个字符',
  policies: {
    'default-cross-border': {
      name: '默认跨境验证',
      description: '跨境合作的内置默认策略：在国内合作接受推荐信之处，要求第三方验证。',
    },
    'default-domestic': {
      name: '默认国内验证',
      description: '国内合作的内置默认策略：接受推荐信和文件。',
    },
  },
};
