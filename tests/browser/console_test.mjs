// End-to-end test of the Shouwang web console, driven in headless Chromium.
//
// Walks the path a center admin takes to bring an enterprise under scanning:
// sign in (changing the initial password when asked), create an enterprise,
// add an asset, request scan authorization, approve it with evidence, see the
// asset authorized, and find the approval in the audit log.
//
// Environment: see support.mjs (SW_URL, SW_ADMIN_PASSWORD, SW_NEW_PASSWORD,
// SW_ARTIFACTS, ...).
//
// Run: npm ci && SW_URL=https://127.0.0.1:8443 SW_ADMIN_PASSWORD=... npm test

import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  byTestId,
  corruptCreditCode,
  env,
  openBrowser,
  randomCreditCode,
  screenshot,
  signInAsAdmin,
  stepper,
  timeStamp,
} from './support.mjs'

const ASSET = '192.0.2.10'

function assetRow(page) {
  return page.locator('[data-testid="asset-table"] .el-table__body tr', { hasText: ASSET })
}

// ---- The test --------------------------------------------------------------

test('center admin brings an enterprise under authorized scanning', async (t) => {
  const { browser, page, consoleErrors } = await openBrowser()
  const stamp = timeStamp()
  const enterprise = `守望测试企业 ${stamp}`
  const creditCode = randomCreditCode()
  const step = stepper(t, page, consoleErrors)

  try {
    await step('sign in', async () => {
      await page.goto(`${env.url}/login`)
      await byTestId(page, 'login-username').waitFor()
      await screenshot(page, 'login.png')
      await signInAsAdmin(page)
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
