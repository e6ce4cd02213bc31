/** Strings of the vessels screen, in both languages (keys alike in each). */
export const vessels = {
  en: {
    title: 'vessels',
  },
  'zh-CN': {
    title: 'vessels',
  },
};
