// Helpers shared by the browser tests: settings from the environment, valid
// credit codes, browser start-up, sign-in (with the password change the
// first sign-in asks for), screenshots and failure reports.
//
// Environment:
//   SW_URL             https base URL of a running `shouwang serve` (required)
//   SW_ADMIN_USER      center admin username (default: admin)
//   SW_ADMIN_PASSWORD  its password (required)
//   SW_NEW_PASSWORD    password to set if the server asks for a change, and
//                      to sign in with when SW_ADMIN_PASSWORD is refused
//                      because an earlier test changed it (default: a random
//                      one, printed to the log)
//   SW_ARTIFACTS       folder for screenshots (default: ./artifacts)
//   SW_CHROMIUM        browser binary (default: /usr/bin/chromium)

import assert from 'node:assert/strict'
import { randomBytes, randomInt } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'

export const STEP_TIMEOUT_MS = 15_000

export const env = {
  url: (process.env.SW_URL ?? '').replace(/\/+$/, ''),
  user: process.env.SW_ADMIN_USER || 'admin',
  password: process.env.SW_ADMIN_PASSWORD ?? '',
  newPassword: process.env.SW_NEW_PASSWORD || `Sw-${randomBytes(9).toString('base64url')}`,
  artifacts: path.resolve(process.env.SW_ARTIFACTS || 'artifacts'),
  chromium: process.env.SW_CHROMIUM || '/usr/bin/chromium',
}

// A stamp for names made by one run of a test: "20261122083000".
export function timeStamp() {
  return new Date().toISOString().replace(/\D/g, '').slice(0, 14)
}

// ---- Unified social credit codes (GB 32100-2015) -------------------------

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export function usccCheckChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i])
    if (v < 0) throw new Error(`credit code: invalid character ${first17[i]}`)
    sum += v * USCC_WEIGHTS[i]
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]
}

// Check digit of the embedded 9-character organization code (GB 11714),
// so generated codes are valid under the stricter reading of the standard.
function orgCodeCheckChar(first8) {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * weights[i]
  const c = 11 - (sum % 11)
  return c === 10 ? 'X' : c === 11 ? '0' : String(c)
}

// A random valid code: "91" (enterprise), Fuzhou region 350100, org code.
export function randomCreditCode() {
  let org = ''
  for (let i = 0; i < 8; i++) org += String(randomInt(10))
  const first17 = `91350100${org}${orgCodeCheckChar(org)}`
  return first17 + usccCheckChar(first17)
}

// The same code with a wrong check character.
export function corruptCreditCode(code) {
  const good = code[17]
  const bad = USCC_ALPHABET[(USCC_ALPHABET.indexOf(good) + 1) % USCC_ALPHABET.length]
  return code.slice(0, 17) + bad
}

// ---- Browser ---------------------------------------------------------------

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]:visible`)

// Checks the settings, starts headless Chromium with one page, and collects
// script errors for failure reports.
export async function openBrowser() {
  assert.ok(env.url.startsWith('https://') || env.url.startsWith('http://'), 'SW_URL must be set to the server URL')
  assert.ok(env.password, 'SW_ADMIN_PASSWORD must be set')
  mkdirSync(env.artifacts, { recursive: true })

  const browser = await chromium.launch({
    executablePath: env.chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    locale: 'zh-CN',
    viewport: { width: 1400, height: 900 },
  })
  const page = await context.newPage()
  page.setDefaultTimeout(STEP_TIMEOUT_MS)
  const consoleErrors = []
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`))
  page.on('console', (m) => {
    // Refused requests are reported by the page itself; keep script errors.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      consoleErrors.push(`console: ${m.text()}`)
    }
  })
  return { browser, page, consoleErrors }
}

// Waits for dialogs to finish closing; toasts are left out of the picture.
export async function screenshot(page, name) {
  const file = path.join(env.artifacts, name)
  await page.locator('.el-overlay-dialog:visible').waitFor({ state: 'detached', timeout: 5000 }).catch(() => {})
  await page.locator('.el-overlay:visible').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {})
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', style: '.el-message { display: none !important; }' })
  console.log(`  screenshot: ${file}`)
}

// Text of any error toast or inline form error, for failure messages.
export async function visibleErrors(page) {
  const texts = await page
    .locator('.el-message--error:visible, .el-form-item__error:visible, .el-alert--error:visible')
    .allInnerTexts()
    .catch(() => [])
  return texts.map((t) => t.trim()).filter(Boolean)
}

// Steps of one test: after a failure the remaining steps are skipped so the
// report names the first thing that went wrong, with a screenshot.
export function stepper(t, page, consoleErrors, failureShot = 'failure.png') {
  let failed = false
  return async function step(name, fn) {
    await t.test(name, { skip: failed && 'an earlier step failed' }, async () => {
      try {
        await fn()
      } catch (e) {
        failed = true
        const file = path.join(env.artifacts, failureShot)
        await page.screenshot({ path: file, fullPage: true }).catch(() => {})
        const errors = await visibleErrors(page)
        const detail = [
          `step "${name}" failed at ${page.url()}: ${e.message}`,
          ...errors.map((x) => `  shown on the page: ${x}`),
          ...consoleErrors.slice(-5).map((x) => `  ${x}`),
          `  screenshot: ${file}`,
        ]
        throw new Error(detail.join('\n'))
      }
    })
  }
}

// ---- Signing in --------------------------------------------------------------

// Resolves 'signed in' or 'refused' (or 'timeout').
async function tryLogin(page, username, password) {
  await page.goto(`${env.url}/login`)
  await byTestId(page, 'login-username').fill(username)
  await byTestId(page, 'login-password').fill(password)
  await byTestId(page, 'login-submit').click()
  return Promise.race([
    page.waitForURL((u) => !u.pathname.startsWith('/login')).then(() => 'signed in'),
    byTestId(page, 'login-error').waitFor().then(() => 'refused'),
  ]).catch(() => 'timeout')
}

export async function login(page, username, password) {
  const outcome = await tryLogin(page, username, password)
  if (outcome !== 'signed in') {
    const errors = await visibleErrors(page)
    throw new Error(`login as ${username} failed: ${errors.join('; ') || 'still on the login page'}`)
  }
}

// Sets SW_NEW_PASSWORD when the server asks for a new password.
export async function changePasswordIfAsked(page) {
  if (!new URL(page.url()).pathname.startsWith('/password')) return
  console.log(`  the server asks for a new password; setting SW_NEW_PASSWORD (${env.newPassword})`)
  await byTestId(page, 'password-current').fill(env.password)
  await byTestId(page, 'password-new').fill(env.newPassword)
  await byTestId(page, 'password-repeat').fill(env.newPassword)
  await byTestId(page, 'password-submit').click()
  try {
    await page.waitForURL((u) => !u.pathname.startsWith('/password'))
  } catch {
    const errors = await visibleErrors(page)
    throw new Error(`password change failed: ${errors.join('; ') || 'still on the password page'}`)
  }
  // A server that ends the session on a password change sends us to login.
  if (new URL(page.url()).pathname.startsWith('/login')) await login(page, env.user, env.newPassword)
}

// Signs in as the center admin with SW_ADMIN_PASSWORD, or with
// SW_NEW_PASSWORD when an earlier test against the same server already
// replaced the one-time password; changes the password when asked.
export async function signInAsAdmin(page) {
  let outcome = await tryLogin(page, env.user, env.password)
  if (outcome === 'refused' && env.newPassword !== env.password) {
    console.log('  SW_ADMIN_PASSWORD refused; trying SW_NEW_PASSWORD (an earlier test changed it)')
    outcome = await tryLogin(page, env.user, env.newPassword)
  }
  if (outcome !== 'signed in') {
    const errors = await visibleErrors(page)
    throw new Error(`login as ${env.user} failed: ${errors.join('; ') || 'still on the login page'}`)
  }
  await changePasswordIfAsked(page)
  await byTestId(page, 'user-menu').waitFor()
}

// ---- Enterprise set-up ---------------------------------------------------------

// Creates an enterprise through the dialog and ends on its page.
export async function createEnterprise(page, name, creditCode) {
  await page.goto(`${env.url}/tenants`)
  await byTestId(page, 'tenant-create').click()
  await byTestId(page, 'tenant-form-name').fill(name)
  await byTestId(page, 'tenant-form-credit-code').fill(creditCode)
  await byTestId(page, 'tenant-form-submit').click()
  await page.waitForURL(/\/tenants\/[^/?]+/)
}

export function assetRow(page, value) {
  return page.locator('[data-testid="asset-table"] .el-table__body tr', {
    has: page.locator('[data-testid="asset-value"]', { hasText: new RegExp(`^\\s*${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }),
  })
}

// On an enterprise's page: adds an asset, requests its scan authorization
// and approves it (as a center admin), ending with it 已授权.
export async function addAuthorizedAsset(page, value, evidence) {
  await page.locator('#tab-assets').click()
  await byTestId(page, 'asset-create').click()
  await byTestId(page, 'asset-form-value').fill(value)
  await byTestId(page, 'asset-form-submit').click()
  const row = assetRow(page, value)
  await row.waitFor()
  await row.getByTestId('asset-request-auth').click()
  await byTestId(page, 'authz-note').fill('常态化漏洞扫描（自动化测试）')
  await byTestId(page, 'authz-request-submit').click()
  await row.locator('[data-testid="auth-status"][data-status="pending"]').waitFor()
  await row.getByTestId('asset-approve').click()
  await byTestId(page, 'authz-decision-text').fill(evidence)
  await byTestId(page, 'authz-decision-submit').click()
  await row.locator('[data-testid="auth-status"][data-status="approved"]').waitFor()
}
