/** Strings of the containers screen, in both languages (keys alike in each). */
export const containers = {
  en: {
    title: 'containers',
  },
  'zh-CN': {
    title: 'containers',
  },
};
