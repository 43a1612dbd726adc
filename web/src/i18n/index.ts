// vue-i18n setup: Chinese by default, English one click away; the choice is
// remembered in localStorage. Element Plus follows the same locale.
import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import elEn from 'element-plus/es/locale/lang/en'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import en from './en'
import zhCN from './zh-CN'

export type Locale = 'zh-CN' | 'en'

const STORAGE_KEY = 'shouwang.locale'

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? elEn : elZhCn))

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

document.documentElement.lang = currentLocale()
