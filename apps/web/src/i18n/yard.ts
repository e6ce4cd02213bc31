/** Strings of the yard screen, in both languages (keys alike in each). */
export const yard = {
  en: {
    title: 'yard',
  },
  'zh-CN': {
    title: 'yard',
  },
};
