/** The organizations screen (the port authority's administrators). */
export const organizations = {
  en: {
    column: {
      code: 'Code',
      name: 'Name',
      nameZh: 'Chinese name',
      kind: 'Kind',
      users: 'Users',
      actions: 'Actions',
    },
    kind: {
      PORT_AUTHORITY: 'Port authority',
      LOGISTICS_COMPANY: 'Logistics company',
      TERMINAL_OPERATOR: 'Terminal operator',
      SHIPPING_LINE: 'Shipping line',
    },
    codeRule: '2 to 12 letters or digits.',
    create: 'Create',
    createTitle: 'New organization',
    edit: 'Edit',
    editOf: 'Edit {{code}}',
    editTitle: 'Edit {{code}}',
  },
  'zh-CN': {
    column: {
      code: '代码',
      name: '名称',
      nameZh: '中文名称',
      kind: '类型',
      users: '用户数',
      actions: '操作',
    },
    kind: {
      PORT_AUTHORITY: '港务局',
      LOGISTICS_COMPANY: '物流公司',
      TERMINAL_OPERATOR: '码头运营方',
      SHIPPING_LINE: '船公司',
    },
    codeRule: '2 到 12 个字母或数字。',
    create: '创建',
    createTitle: '新建单位',
    edit: '编辑',
    editOf: '编辑 {{code}}',
    editTitle: '编辑 {{code}}',
  },
} as const;
