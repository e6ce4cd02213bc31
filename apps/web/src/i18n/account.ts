/** The pages a one-time link opens, logged out: accepting an invitation, resetting a password. */
export const account = {
  en: {
    password: 'New password',
    repeat: 'New password again',
    passwordRule: 'At least 10 characters; a few words make a good one.',
    submit: 'Set password',
    toLogin: 'Go to login',
    noToken: 'This link is incomplete. Open the whole link you were given.',
    invitation: {
      title: 'Join Harbor',
      intro: 'You were invited to Harbor. Choose a password for your account.',
      done: 'Your account {{email}} is ready. Log in with your email and the new password.',
    },
    reset: {
      title: 'Reset password',
      intro: 'Choose a new password for your Harbor account.',
      done: 'Your password is changed. Log in with the new one.',
    },
  },
  'zh-CN': {
    password: '新密码',
    repeat: '再次输入新密码',
    passwordRule: '至少 10 个字符；几个词组成的短语是好密码。',
    submit: '设置密码',
    toLogin: '前往登录',
    noToken: '此链接不完整，请打开您收到的完整链接。',
    invitation: {
      title: '加入 Harbor',
      intro: '您已受邀加入 Harbor，请为您的账号设置密码。',
      done: '您的账号 {{email}} 已开通，请用邮箱和新密码登录。',
    },
    reset: {
      title: '重置密码',
      intro: '请为您的 Harbor 账号设置新密码。',
      done: '密码已修改，请用新密码登录。',
    },
  },
} as const;
