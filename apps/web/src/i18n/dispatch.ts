/** Strings of the dispatch screen, in both languages (keys alike in each). */
export const dispatch = {
  en: {
    title: 'dispatch',
  },
  'zh-CN': {
    title: 'dispatch',
  },
};
