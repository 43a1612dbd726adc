import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { setUnauthenticatedHandler } from './api/client'
import { i18n } from './i18n'
import { goToLoginAfterExpiry, router } from './router'
import { clearSession } from './session'
import './styles.css'

setUnauthenticatedHandler(() => {
  clearSession()
  goToLoginAfterExpiry()
})

createApp(App).use(i18n).use(router).use(ElementPlus).mount('#app')
