/** The API keys screen: keys for HTTP ingest. */
export const apiKeys = {
  en: {
    explain:
      'Feeds and scripts send positions to /ingest with an API key (Authorization: Bearer …). Harbor keeps only a hash of each key.',
    none: 'No API keys yet.',
    column: {
      name: 'Name',
      prefix: 'Key starts with',
      organization: 'Organization',
      created: 'Created',
      lastUsed: 'Last used',
      status: 'Status',
      actions: 'Actions',
    },
    active: 'Active',
    revokedAt: 'Revoked {{at}}',
    revoke: 'Revoke',
    revokeOf: 'Revoke key {{name}}',
    revokeTitle: 'Revoke API key',
    revokeConfirm:
      'Requests with the key “{{name}}” ({{prefix}}…) will be refused from now on. This cannot be undone.',
    create: {
      open: 'New API key',
      title: 'New API key',
      nameHint: 'Say what will use it, e.g. “VTS feed” or “Gate OCR”.',
      submit: 'Create key',
      key: 'The new API key',
      usage: 'Send it as Authorization: Bearer <key> with each request to /ingest.',
    },
  },
  'zh-CN': {
    explain:
      '数据源和脚本通过 API 密钥向 /ingest 上传定位（Authorization: Bearer …）。Harbor 只保存密钥的哈希值。',
    none: '还没有 API 密钥。',
    column: {
      name: '名称',
      prefix: '密钥开头',
      organization: '单位',
      created: '创建时间',
      lastUsed: '最近使用',
      status: '状态',
      actions: '操作',
    },
    active: '有效',
    revokedAt: '已于 {{at}} 吊销',
    revoke: '吊销',
    revokeOf: '吊销密钥 {{name}}',
    revokeTitle: '吊销 API 密钥',
    revokeConfirm: '使用密钥“{{name}}”（{{prefix}}…）的请求将从现在起被拒绝。此操作无法撤销。',
    create: {
      open: '新建 API 密钥',
      title: '新建 API 密钥',
      nameHint: '写明用途，例如“VTS 数据源”或“闸口 OCR”。',
      submit: '创建密钥',
      key: '新的 API 密钥',
      usage: '每次请求 /ingest 时以 Authorization: Bearer <密钥> 发送。',
    },
  },
} as const;
