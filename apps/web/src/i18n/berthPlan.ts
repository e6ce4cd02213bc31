/** Strings of the berthPlan screen, in both languages (keys alike in each). */
export const berthPlan = {
  en: {
    title: 'berthPlan',
  },
  'zh-CN': {
    title: 'berthPlan',
  },
};
