import { i18n } from '../i18n/index.ts';

/** Something named in English with, where the seed or its editor gave one, a Chinese form. */
export type Named = { name: string; nameZh?: string | null };

/**
 * A name in the user's language: the Chinese form in zh-CN where there is one (上海港务局 for
 * the Shanghai Port Authority), else the name as entered. Pass the language to follow a
 * switch inside a component (`useTranslation().i18n.language`).
 */
export function localName(named: Named, language: string = i18n.language): string {
  return language === 'zh-CN' && named.nameZh ? named.nameZh : named.name;
}
