import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The console is served by `shouwang serve` from dist/. During development
// `npm run dev` forwards API calls to a locally running server.
export default defineConfig({
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': {
        target: process.env.SW_API_TARGET ?? 'https://127.0.0.1:8443',
        secure: false,
        changeOrigin: false,
      },
    },
  },
})
