/** The settings screen: every user's own account. */
export const settings = {
  en: {
    profile: { title: 'Profile', name: 'Name' },
    password: {
      title: 'Change password',
      currentPassword: 'Current password',
      newPassword: 'New password',
      repeat: 'New password again',
      rule: 'At least 10 characters. Your other sessions are logged out; this one stays.',
      submit: 'Change password',
      changed: 'Password changed. Your other sessions were logged out.',
    },
  },
  'zh-CN': {
    profile: { title: '个人资料', name: '姓名' },
    password: {
      title: '修改密码',
      currentPassword: '当前密码',
      newPassword: '新密码',
      repeat: '再次输入新密码',
      rule: '至少 10 个字符。修改后其他设备上的登录将退出，当前登录保持。',
      submit: '修改密码',
      changed: '密码已修改，其他设备上的登录已退出。',
    },
  },
} as const;
