/** Strings of the reports screen, in both languages (keys alike in each). */
export const reports = {
  en: {
    title: 'reports',
  },
  'zh-CN': {
    title: 'reports',
  },
};
