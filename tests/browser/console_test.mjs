// End-to-end test of the Shouwang web console, driven in headless Chromium.
//
// Walks the path a center admin takes to bring an enterprise under scanning:
// sign in (changing the initial password when asked), create an enterprise,
// add an asset, request scan authorization, approve it with evidence, see the
// asset authorized, and find the approval in the audit log.
//
// Environment:
//   SW_URL             https base URL of a running `shouwang serve` (required)
//   SW_ADMIN_USER      center admin username (default: admin)
//   SW_ADMIN_PASSWORD  its password (required)
//   SW_NEW_PASSWORD    password to set if the server asks for a change
//                      (default: a random one, printed to the log)
//   SW_ARTIFACTS       folder for screenshots (default: ./artifacts)
//   SW_CHROMIUM        browser binary (default: /usr/bin/chromium)
//
// Run: npm ci && SW_URL=https://127.0.0.1:8443 SW_ADMIN_PASSWORD=... npm test

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes, randomInt } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'

const ASSET = '192.0.2.10'
const STEP_TIMEOUT_MS = 15_000

const env = {
  url: (process.env.SW_URL ?? '').replace(/\/+$/, ''),
  user: process.env.SW_ADMIN_USER || 'admin',
  password: process.env.SW_ADMIN_PASSWORD ?? '',
  newPassword: process.env.SW_NEW_PASSWORD || `Sw-${randomBytes(9).toString('base64url')}`,
  artifacts: path.resolve(process.env.SW_ARTIFACTS || 'artifacts'),
  chromium: process.env.SW_CHROMIUM || '/usr/bin/chromium',
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
function corruptCreditCode(code) {
  const good = code[17]
  const bad = USCC_ALPHABET[(USCC_ALPHABET.indexOf(good) + 1) % USCC_ALPHABET.length]
  return code.slice(0, 17) + bad
}

// ---- Browser helpers -------------------------------------------------------

const byTestId = (page, id) => page.locator(`[data-testid="${id}"]:visible`)

// Waits for dialogs to finish closing; toasts are left out of the picture.
async function screenshot(page, name) {
  const file = path.join(env.artifacts, name)
  await page.locator('.el-overlay-dialog:visible').waitFor({ state: 'detached', timeout: 5000 }).catch(() => {})
  await page.locator('.el-overlay:visible').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {})
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', style: '.el-message { display: none !important; }' })
  console.log(`  screenshot: ${file}`)
}

// Text of any error toast or inline form error, for failure messages.
async function visibleErrors(page) {
  const texts = await page
    .locator('.el-message--error:visible, .el-form-item__error:visible, .el-alert--error:visible')
    .allInnerTexts()
    .catch(() => [])
  return texts.map((t) => t.trim()).filter(Boolean)
}

async function login(page, username, password) {
  await page.goto(`${env.url}/login`)
  await byTestId(page, 'login-username').fill(username)
  await byTestId(page, 'login-password').fill(password)
  await byTestId(page, 'login-submit').click()
  const outcome = await Promise.race([
    page.waitForURL((u) => !u.pathname.startsWith('/login')).then(() => 'signed in'),
    byTestId(page, 'login-error').waitFor().then(() => 'refused'),
  ]).catch(() => 'timeout')
  if (outcome !== 'signed in') {
    const errors = await visibleErrors(page)
    throw new Error(`login as ${username} failed: ${errors.join('; ') || 'still on the login page'}`)
  }
}

async function changePasswordIfAsked(page) {
  if (!new URL(page.url()).pathname.startsWith('/password')) return env.password
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
  return env.newPassword
}

function assetRow(page) {
  return page.locator('[data-testid="asset-table"] .el-table__body tr', { hasText: ASSET })
}

// ---- The test --------------------------------------------------------------

test('center admin brings an enterprise under authorized scanning', async (t) => {
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

  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  const enterprise = `守望测试企业 ${stamp}`
  const creditCode = randomCreditCode()
  let failed = false

  // Runs one step; after a failure the remaining steps are skipped so the
  // report names the first thing that went wrong.
  async function step(name, fn) {
    await t.test(name, { skip: failed && 'an earlier step failed' }, async () => {
      try {
        await fn()
      } catch (e) {
        failed = true
        await page.screenshot({ path: path.join(env.artifacts, 'failure.png'), fullPage: true }).catch(() => {})
        const errors = await visibleErrors(page)
        const detail = [
          `step "${name}" failed at ${page.url()}: ${e.message}`,
          ...errors.map((x) => `  shown on the page: ${x}`),
          ...consoleErrors.slice(-5).map((x) => `  ${x}`),
          `  screenshot: ${path.join(env.artifacts, 'failure.png')}`,
        ]
        throw new Error(detail.join('\n'))
      }
    })
  }

  try {
    await step('sign in', async () => {
      await page.goto(`${env.url}/login`)
      await byTestId(page, 'login-username').waitFor()
      await screenshot(page, 'login.png')
      await login(page, env.user, env.password)
      await changePasswordIfAsked(page)
      await byTestId(page, 'user-menu').waitFor()
    })

    await step('create an enterprise (the server checks the credit code)', async () => {
      await page.goto(`${env.url}/tenants`)
      await byTestId(page, 'tenant-create').click()
      await byTestId(page, 'tenant-form-name').fill(enterprise)
      await byTestId(page, 'tenant-form-industry').fill('制造业')
      await byTestId(page, 'tenant-form-district').fill('鼓楼区')

      // A wrong check character is refused with the server's message under the field.
      await byTestId(page, 'tenant-form-credit-code').fill(corruptCreditCode(creditCode))
      await byTestId(page, 'tenant-form-submit').click()
      const fieldError = page.locator('[data-testid="tenant-create-dialog"] .el-form-item__error:visible')
      await fieldError.first().waitFor()
      const message = (await fieldError.first().innerText()).trim()
      assert.ok(message.length > 0, 'an invalid credit code shows an error message')
      console.log(`  invalid credit code refused: "${message}"`)

      await byTestId(page, 'tenant-form-credit-code').fill(creditCode)
      await byTestId(page, 'tenant-form-submit').click()
      await page.waitForURL(/\/tenants\/[^/?]+/)
    })

    await step('the enterprise is in the list', async () => {
      await page.goto(`${env.url}/tenants`)
      await page.locator('[data-testid="tenant-table"] .el-table__body tr').first().waitFor()
      await screenshot(page, 'enterprise-list.png')
      // The list may have many pages; search finds the new one wherever it is.
      await byTestId(page, 'tenant-search').fill(stamp)
      await byTestId(page, 'tenant-search-submit').click()
      const row = page.locator('[data-testid="tenant-table"] .el-table__body tr', { hasText: enterprise })
      await row.waitFor()
      assert.ok((await row.innerText()).includes(creditCode), 'the list shows the credit code')
      await row.getByTestId('tenant-link').click()
      await page.waitForURL(/\/tenants\/[^/?]+/)
    })

    await step(`add the asset ${ASSET}`, async () => {
      await page.locator('#tab-assets').click()
      await byTestId(page, 'asset-create').click()
      await byTestId(page, 'asset-form-value').fill(ASSET)
      await byTestId(page, 'asset-form-submit').click()
      await assetRow(page).waitFor()
      const status = assetRow(page).getByTestId('auth-status')
      assert.equal(await status.getAttribute('data-status'), 'none')
      assert.equal((await status.innerText()).trim(), '未授权')
    })

    await step('request scan authorization', async () => {
      await assetRow(page).getByTestId('asset-request-auth').click()
      await byTestId(page, 'authz-note').waitFor()
      await byTestId(page, 'authz-note').fill('年度常态化漏洞扫描（自动化测试）')
      await byTestId(page, 'authz-request-submit').click()
      await assetRow(page).locator('[data-testid="auth-status"][data-status="pending"]').waitFor()
      assert.equal((await assetRow(page).getByTestId('auth-status').innerText()).trim(), '待审批')
    })

    await step('approve it with an evidence note', async () => {
      await assetRow(page).getByTestId('asset-approve').click()
      await byTestId(page, 'authz-decision-text').fill(`已签署授权书 编号 SQ-${stamp}`)
      await byTestId(page, 'authz-decision-submit').click()
      await assetRow(page).locator('[data-testid="auth-status"][data-status="approved"]').waitFor()
    })

    await step('the asset shows 已授权', async () => {
      const text = (await assetRow(page).innerText()).replace(/\s+/g, ' ')
      assert.ok(text.includes('已授权'), `asset row says "${text}"`)
      assert.ok(text.includes('有效期至'), `asset row shows the end date: "${text}"`)
      await screenshot(page, 'asset-approved.png')
    })

    await step('the audit log has the approval', async () => {
      await byTestId(page, 'nav-audit').click()
      await page.waitForURL(/\/audit/)
      const entry = page.locator('[data-testid="audit-action"][data-action="authorization.approve"]').first()
      await entry.waitFor()
      assert.equal((await entry.innerText()).trim(), '批准扫描授权')
      const row = page.locator('[data-testid="audit-table"] .el-table__body tr', {
        has: page.locator('[data-action="authorization.approve"]'),
      })
      const rowText = await row.first().innerText()
      assert.ok(rowText.includes('成功'), `the approval row shows its outcome: "${rowText}"`)
      await screenshot(page, 'audit-log.png')
    })
  } finally {
    await browser.close()
  }
})
