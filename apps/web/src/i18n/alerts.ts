/** Strings of the alerts screen, in both languages (keys alike in each). */
export const alerts = {
  en: {
    title: 'alerts',
  },
  'zh-CN': {
    title: 'alerts',
  },
};
