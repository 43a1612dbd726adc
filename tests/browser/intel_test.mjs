// End-to-end test of the 威胁情报 (threat intelligence) pages.
//
// As the center admin: open 威胁情报 from the side menu and find it empty
// (暂无情报, with a button to 导入). Import a small list file written here
// ("198.51.100.7", "evil.example", "not a value") as TLP:GREEN: the report
// says 新增 2, 拒绝 1, and names line 3. 情报检索 then lists exactly those two
// values with TLP:GREEN tags, and a row opens the drawer. 情报查询: the
// subdomain www.evil.example matches evil.example; 192.0.2.1 is 未命中.
// A file over 1 MB is refused before it is sent, pointing to the command line.
// 导出 as CSV: the whole center gets both values, an anonymous audience
// (TLP:CLEAR only) none. Last, 合作伙伴: add one partner and see it listed.
//
// Environment: see support.mjs.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { byTestId, env, openBrowser, screenshot, signInAsAdmin, stepper, timeStamp } from './support.mjs'

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const rows = (page) => page.locator('[data-testid="intel-table"] .el-table__body tr.el-table__row')

// Waits until the indicator table shows exactly these values. The list is
// newest first and one import stores both at the same moment, so their order
// is not fixed: the values are compared sorted.
async function expectValues(page, expected, timeout = 10_000) {
  const deadline = Date.now() + timeout
  let seen = []
  while (Date.now() < deadline) {
    const loading = await page.locator('[data-testid="intel-table"] .el-loading-mask:visible').count()
    seen = (await page.locator('[data-testid="intel-table"] [data-testid="intel-value"]').allInnerTexts()).map((s) =>
      s.trim(),
    )
    if (!loading && JSON.stringify([...seen].sort()) === JSON.stringify([...expected].sort())) return seen
    await sleep(100)
  }
  assert.deepEqual([...seen].sort(), [...expected].sort(), 'indicators shown')
  return seen
}

async function openTab(page, name) {
  await page.locator(`#tab-${name}`).click()
}

async function matchValues(page, text) {
  await byTestId(page, 'intel-match-input').fill(text)
  await byTestId(page, 'intel-match-submit').click()
  await byTestId(page, 'intel-match-results').waitFor()
}

test('threat intelligence: import a list, search, match, partners', async (t) => {
  const { browser, page, consoleErrors } = await openBrowser()
  const step = stepper(t, page, consoleErrors, 'intel-failure.png')
  const stamp = timeStamp()
  const partnerName = `某电信运营商 ${stamp}`
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-intel-'))
  const listFile = path.join(dir, 'blocklist.txt')
  writeFileSync(listFile, '198.51.100.7\nevil.example\nnot a value\n')
  // Over the server's 1 MiB request limit: refused before it is sent.
  const bigFile = path.join(dir, 'big-feed.txt')
  writeFileSync(bigFile, '203.0.113.9\n'.repeat(90_000))

  try {
    await step('sign in', async () => {
      await signInAsAdmin(page)
    })

    await step('威胁情报 (side menu) is empty and offers to import', async () => {
      const nav = byTestId(page, 'nav-intel')
      assert.equal((await nav.innerText()).trim(), '威胁情报')
      await nav.click()
      await page.waitForURL((u) => u.pathname === '/intel')
      const empty = page.locator('[data-testid="intel-table"] [data-testid="empty-state"]')
      await empty.waitFor()
      const text = await empty.innerText()
      assert.ok(text.includes('暂无情报'), `the empty state says there is no intelligence: "${text}"`)
      assert.ok(text.includes('导入'), 'the empty state says how to get some')
      await screenshot(page, 'intel-empty.png')
      await empty.getByTestId('intel-empty-import').click()
      await page.waitForURL((u) => u.searchParams.get('tab') === 'import')
      await byTestId(page, 'intel-import-file').waitFor()
    })

    await step('导入: a list file as TLP:GREEN gives 新增 2, 拒绝 1 and the line of the refused value', async () => {
      await page.locator('[data-testid="intel-import-file"] input[type="file"]').setInputFiles(listFile)
      await page.locator('.el-upload-list__item', { hasText: 'blocklist.txt' }).waitFor()
      await byTestId(page, 'intel-import-tlp').click()
      await page.locator('[data-testid="intel-import-tlp-option"][data-value="green"]:visible').click()
      const hint = await page.locator('.el-form-item', { has: byTestId(page, 'intel-import-tlp') }).innerText()
      assert.ok(hint.includes('TLP:GREEN'), `the chosen level is shown: "${hint}"`)
      await byTestId(page, 'intel-import-submit').click()
      const report = byTestId(page, 'intel-import-report')
      await report.waitFor()
      const count = (kind) =>
        report.locator(`[data-testid="intel-report-count"][data-kind="${kind}"]`).getAttribute('data-count')
      assert.deepEqual(
        {
          new: await count('new'),
          merged: await count('merged'),
          notMatchable: await count('notMatchable'),
          skipped: await count('skipped'),
          rejected: await count('rejected'),
        },
        { new: '2', merged: '0', notMatchable: '0', skipped: '0', rejected: '1' },
        'the report counts',
      )
      const newCard = await report.locator('[data-testid="intel-report-count"][data-kind="new"]').innerText()
      assert.ok(newCard.includes('新增'), `the card is labelled 新增: "${newCard}"`)
      const issues = (await report.getByTestId('intel-report-issue').allInnerTexts()).map((s) => s.trim())
      assert.equal(issues.length, 1, `one issue: ${JSON.stringify(issues)}`)
      assert.ok(issues[0].startsWith('line 3:'), `the issue names line 3: "${issues[0]}"`)
      assert.ok(issues[0].includes('not a value'), `the issue quotes the value: "${issues[0]}"`)
      const facts = await report.getByTestId('intel-report-origin').innerText()
      assert.ok(facts.includes('blocklist.txt') && facts.includes('列表文件'), `the report names the file: "${facts}"`)
      await screenshot(page, 'intel-import-report.png')
    })

    await step('导入: a file over 1 MB is refused before upload, pointing to the command line', async () => {
      await byTestId(page, 'intel-import-again').click()
      await byTestId(page, 'intel-import-report').waitFor({ state: 'hidden' })
      await page.locator('[data-testid="intel-import-file"] input[type="file"]').setInputFiles(bigFile)
      const item = page.locator('.el-form-item', { has: byTestId(page, 'intel-import-file') })
      const error = item.locator('.el-form-item__error')
      await error.waitFor()
      const text = await error.innerText()
      assert.ok(text.includes('超过网页导入的上限 1 MB'), `the limit is explained: "${text}"`)
      assert.ok(text.includes('shouwang intel import'), `the command line is suggested: "${text}"`)
      assert.ok(await byTestId(page, 'intel-import-submit').isDisabled(), 'the import button is disabled')
      await page.locator('.el-upload-list__item', { hasText: 'big-feed.txt' }).hover()
      await page.locator('.el-upload-list__item', { hasText: 'big-feed.txt' }).locator('.el-icon--close').click()
      await error.waitFor({ state: 'hidden' })
    })

    await step('情报检索 lists exactly the two values, TLP:GREEN, from the center', async () => {
      await openTab(page, 'indicators')
      await byTestId(page, 'intel-refresh').click()
      await expectValues(page, ['198.51.100.7', 'evil.example'])
      assert.equal(await rows(page).count(), 2)
      for (let i = 0; i < 2; i++) {
        const row = rows(page).nth(i)
        const tag = row.getByTestId('tlp-tag')
        assert.equal(await tag.getAttribute('data-tlp'), 'green')
        assert.equal((await tag.innerText()).trim(), 'TLP:GREEN')
        assert.equal((await row.getByTestId('intel-owner').innerText()).trim(), '服务中心')
        assert.equal((await row.getByTestId('intel-source').innerText()).trim(), 'blocklist.txt')
      }
      const ipRow = rows(page).filter({ hasText: '198.51.100.7' })
      assert.equal((await ipRow.getByTestId('intel-type').innerText()).trim(), 'IPv4 地址')
      const domainRow = rows(page).filter({ hasText: 'evil.example' })
      assert.equal((await domainRow.getByTestId('intel-type').innerText()).trim(), '域名')
      await screenshot(page, 'intel-indicators.png')
    })

    await step('the type filter and the search narrow the list', async () => {
      await byTestId(page, 'intel-type-filter').click()
      await page.locator('[data-testid="intel-type-option"][data-value="domain"]:visible').click()
      await expectValues(page, ['evil.example'])
      await byTestId(page, 'intel-type-filter').click()
      await page.locator('[data-testid="intel-type-option"][data-value="all"]:visible').click()
      await byTestId(page, 'intel-search').fill('198.51')
      await byTestId(page, 'intel-search-submit').click()
      await expectValues(page, ['198.51.100.7'])
      await byTestId(page, 'intel-search').fill('')
      await byTestId(page, 'intel-search-submit').click()
      await expectValues(page, ['198.51.100.7', 'evil.example'])
    })

    await step('a row opens the drawer with every field', async () => {
      await rows(page).filter({ hasText: 'evil.example' }).getByTestId('intel-value').click()
      const drawer = byTestId(page, 'intel-drawer')
      await drawer.waitFor()
      assert.equal((await drawer.getByTestId('intel-drawer-value').innerText()).trim(), 'evil.example')
      const facts = await drawer.getByTestId('intel-facts').innerText()
      for (const text of ['域名', 'blocklist.txt', '服务中心', 'TLP:GREEN', '长期有效']) {
        assert.ok(facts.includes(text), `the drawer shows ${text}`)
      }
      assert.match((await drawer.getByTestId('intel-stix-id').innerText()).trim(), /^indicator--[0-9a-f-]{36}$/)
      await page.waitForTimeout(400) // the drawer's slide-in
      await page.screenshot({
        path: `${env.artifacts}/intel-drawer.png`,
        animations: 'disabled',
        style: '.el-message { display: none !important; }',
      })
      console.log(`  screenshot: ${env.artifacts}/intel-drawer.png`)
      await page.keyboard.press('Escape')
      await drawer.waitFor({ state: 'hidden' })
    })

    await step('情报查询: www.evil.example matches evil.example, 192.0.2.1 is 未命中', async () => {
      await openTab(page, 'match')
      await matchValues(page, 'www.evil.example\n192.0.2.1')
      const results = page.locator('[data-testid="intel-match-result"]:visible')
      assert.equal(await results.count(), 2)
      const hit = page.locator('[data-testid="intel-match-result"][data-input="www.evil.example"]')
      assert.equal(await hit.getAttribute('data-hits'), '1')
      const hitValues = (await hit.getByTestId('intel-match-value').allInnerTexts()).map((s) => s.trim())
      assert.deepEqual(hitValues, ['evil.example'])
      assert.equal(await hit.getByTestId('tlp-tag').getAttribute('data-tlp'), 'green')
      assert.equal((await hit.getByTestId('intel-match-verdict').innerText()).trim(), '命中 1 条')
      const miss = page.locator('[data-testid="intel-match-result"][data-input="192.0.2.1"]')
      assert.equal(await miss.getAttribute('data-hits'), '0')
      assert.equal((await miss.getByTestId('intel-match-verdict').innerText()).trim(), '未命中')
      assert.equal((await byTestId(page, 'intel-match-summary').innerText()).trim(), '查询了 2 个值，1 个命中情报。')
      await screenshot(page, 'intel-match.png')
    })

    await step('导出: CSV for the whole center has both values', async () => {
      await openTab(page, 'export')
      await byTestId(page, 'intel-export-format-csv').click()
      await byTestId(page, 'intel-export-audience-center').click()
      const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'intel-export-submit').click()])
      assert.equal(download.suggestedFilename(), 'shouwang-intel.csv')
      const file = path.join(dir, 'export.csv')
      await download.saveAs(file)
      const lines = readFileSync(file, 'utf8').trim().split('\n')
      assert.ok(lines[0].startsWith('type,value,'), `a CSV header: "${lines[0]}"`)
      const values = lines.slice(1).map((l) => l.split(',').slice(0, 2).join(' ')).sort()
      assert.deepEqual(values, ['domain evil.example', 'ipv4 198.51.100.7'])
    })

    await step('导出: anonymous (CLEAR only) leaves out the TLP:GREEN values', async () => {
      await byTestId(page, 'intel-export-audience-anonymous').click()
      const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'intel-export-submit').click()])
      const file = path.join(dir, 'export-anonymous.csv')
      await download.saveAs(file)
      const lines = readFileSync(file, 'utf8').trim().split('\n')
      assert.equal(lines.length, 1, `only the header: ${JSON.stringify(lines)}`)
      await screenshot(page, 'intel-export.png')
    })

    await step('合作伙伴: add one partner and see it listed', async () => {
      await openTab(page, 'partners')
      const empty = page.locator('[data-testid="partner-table"] [data-testid="empty-state"]')
      await empty.waitFor()
      assert.ok((await empty.innerText()).includes('还没有合作伙伴'))
      await byTestId(page, 'partner-create').click()
      await byTestId(page, 'partner-create-dialog').waitFor()
      await byTestId(page, 'partner-form-name').fill(partnerName)
      await byTestId(page, 'partner-form-submit').click()
      await byTestId(page, 'partner-create-dialog').waitFor({ state: 'hidden' })
      const names = page.locator('[data-testid="partner-table"] [data-testid="partner-name"]')
      await names.first().waitFor()
      assert.deepEqual((await names.allInnerTexts()).map((s) => s.trim()), [partnerName])
      const clients = await page.locator('[data-testid="partner-table"] [data-testid="partner-clients"]').innerText()
      assert.equal(clients.trim(), '未指定')
      // Still there after a reload of the page (it is the server's list).
      await page.reload()
      await names.first().waitFor()
      assert.deepEqual((await names.allInnerTexts()).map((s) => s.trim()), [partnerName])
      await screenshot(page, 'intel-partners.png')
    })

    await step('no script errors on the page', async () => {
      assert.deepEqual(consoleErrors, [])
    })
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
