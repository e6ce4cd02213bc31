/** Strings of the map screen, in both languages (keys alike in each). */
export const map = {
  en: {
    title: 'map',
  },
  'zh-CN': {
    title: 'map',
  },
};
