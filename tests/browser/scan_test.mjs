// End-to-end test of scheduled vulnerability scanning in the console.
//
// The test starts two small services on 127.0.0.1: one that greets like
// OpenSSH, and an HTTP server that says it is nginx. As the center admin it
// creates a scan policy for exactly those two ports, an enterprise with the
// asset 127.0.0.1 (authorization requested and approved), and a manual-only
// scan schedule; presses 立即扫描, follows the progress to 已完成 and checks
// the open services found. Then it stops the SSH service, scans again and
// expects 端口已关闭 for that port under 与上次相比.
//
// Environment: see support.mjs. The server must be allowed to connect to
// 127.0.0.1 (it scans the services this test starts).

import { test } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import net from 'node:net'
import {
  addAuthorizedAsset,
  byTestId,
  createEnterprise,
  openBrowser,
  randomCreditCode,
  screenshot,
  signInAsAdmin,
  stepper,
  timeStamp,
} from './support.mjs'

const HOST = '127.0.0.1'
const SSH_BANNER = 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'
const RUN_TIMEOUT_MS = 60_000

// ---- Services to be scanned --------------------------------------------------

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, HOST, () => resolve(server.address().port))
  })
}

// Greets every connection with the OpenSSH banner and keeps it open until
// the client hangs up, like sshd waiting for the client's identification.
async function startSshLike() {
  const sockets = new Set()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.on('data', () => {})
    socket.write(SSH_BANNER)
  })
  const port = await listen(server)
  return {
    port,
    // Stops listening and drops open connections, so the port is closed.
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

async function startNginxLike() {
  const server = http.createServer((req, res) => {
    res.setHeader('Server', 'nginx/1.22.1')
    res.setHeader('Content-Type', 'text/html')
    res.end('<html><head><title>Welcome to nginx!</title></head><body>ok</body></html>\n')
  })
  server.on('clientError', (_e, socket) => socket.destroy())
  const port = await listen(server)
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.()
        server.close(() => resolve())
      }),
  }
}

// ---- Page helpers ----------------------------------------------------------------

const ENDED = ['succeeded', 'failed', 'cancelled'].map((s) => `[data-status="${s}"]`).join(',')

// Waits until the run on screen has ended; asserts it succeeded.
async function waitForRunEnd(page) {
  const status = page.locator(`[data-testid="run-status"] [data-testid="scan-status"]:is(${ENDED})`)
  await status.waitFor({ timeout: RUN_TIMEOUT_MS })
  const value = await status.getAttribute('data-status')
  if (value !== 'succeeded') {
    const error = await page.locator('[data-testid="run-error"]').innerText().catch(() => '')
    throw new Error(`the scan ended ${value}${error ? `: ${error.replace(/\s+/g, ' ')}` : ''}`)
  }
  assert.equal((await status.innerText()).trim(), '已完成')
}

function observationRow(page, port) {
  return page.locator('[data-testid="observation-table"] .el-table__body tr', {
    has: page.locator(`[data-testid="obs-port"][data-port="${port}"]`),
  })
}

async function cellText(row, testId) {
  return (await row.getByTestId(testId).innerText()).trim()
}

// ---- The test ----------------------------------------------------------------------

test('scheduled scan finds the services and then the closed port', async (t) => {
  const ssh = await startSshLike()
  const web = await startNginxLike()
  const P1 = ssh.port
  const P2 = web.port
  console.log(`  services: ssh-like on ${HOST}:${P1}, nginx-like on ${HOST}:${P2}`)

  const { browser, page, consoleErrors } = await openBrowser()
  const step = stepper(t, page, consoleErrors, 'scan-failure.png')
  const stamp = timeStamp()
  const policyName = `测试策略 ${stamp}`
  const scheduleName = `本机服务巡检 ${stamp}`
  let sshClosed = false
  let firstRunPath = ''

  try {
    await step('sign in', async () => {
      await signInAsAdmin(page)
    })

    await step('create a scan policy for the two ports', async () => {
      await byTestId(page, 'nav-scan-policies').click()
      await page.waitForURL(/\/scan-policies/)
      await byTestId(page, 'policy-create').click()
      await byTestId(page, 'policy-form-name').fill(policyName)
      await byTestId(page, 'policy-port-mode-list').click()
      await byTestId(page, 'policy-form-ports').fill(`${P1},${P2}`)
      const version = byTestId(page, 'policy-form-version')
      if (!(await version.getAttribute('class')).includes('is-checked')) await version.click()
      const tls = byTestId(page, 'policy-form-tls')
      if ((await tls.getAttribute('class')).includes('is-checked')) await tls.click()
      await byTestId(page, 'policy-form-submit').click()
      const row = page.locator('[data-testid="policy-table"] .el-table__body tr', { hasText: policyName })
      await row.waitFor()
      const text = (await row.innerText()).replace(/\s+/g, ' ')
      assert.ok(text.includes(`${P1},${P2}`), `the policy row shows its ports: "${text}"`)
    })

    await step('create an enterprise with the authorized asset 127.0.0.1', async () => {
      await createEnterprise(page, `守望扫描测试企业 ${stamp}`, randomCreditCode())
      await addAuthorizedAsset(page, HOST, `已签署授权书 编号 SM-${stamp}`)
    })

    await step('the 扫描计划 tab explains what to do first', async () => {
      await page.locator('#tab-schedules').click()
      const empty = page.locator('[data-testid="schedule-table"] [data-testid="empty-state"]')
      await empty.waitFor()
      assert.ok((await empty.innerText()).includes('还没有扫描计划'))
    })

    await step('create a manual-only schedule for the asset', async () => {
      await byTestId(page, 'schedule-create').click()
      const dialog = page.locator('[data-testid="scan-schedule-dialog"]')
      await byTestId(page, 'schedule-form-name').fill(scheduleName)

      await byTestId(page, 'schedule-form-policy').click()
      await page.locator('[data-testid="schedule-policy-option"]:visible', { hasText: policyName }).click()

      await byTestId(page, 'schedule-form-assets').click()
      const option = page.locator(`[data-testid="schedule-asset-option"][data-value="${HOST}"]:visible`)
      await option.waitFor()
      assert.ok(!(await option.getAttribute('class')).includes('is-disabled'), 'the authorized asset can be chosen')
      await option.click()
      // Close the drop-down without Escape (which would close the dialog).
      await dialog.locator('.el-dialog__title').click()

      await byTestId(page, 'cron-preset-manual').click()
      await byTestId(page, 'schedule-form-submit').click()
      await dialog.waitFor({ state: 'hidden' })
      const row = page.locator('[data-testid="schedule-table"] .el-table__body tr', { hasText: scheduleName })
      await row.waitFor()
      const text = (await row.innerText()).replace(/\s+/g, ' ')
      assert.ok(text.includes('仅手动'), `the schedule runs only by hand: "${text}"`)
      assert.ok(text.includes(HOST), `the schedule lists its asset: "${text}"`)
    })

    await step('立即扫描 opens the run with its progress', async () => {
      const row = page.locator('[data-testid="schedule-table"] .el-table__body tr', { hasText: scheduleName })
      await row.getByTestId('schedule-run-now').click()
      await page.waitForURL(/\/scan-runs\/[^/?]+/)
      firstRunPath = new URL(page.url()).pathname
      await page.locator('[data-testid="run-progress"] .el-progress').waitFor()
      const status = await page.locator('[data-testid="run-status"] [data-testid="scan-status"]').getAttribute('data-status')
      const percent = await byTestId(page, 'run-progress').getAttribute('data-percent')
      console.log(`  run ${firstRunPath}: ${status}, ${percent}%`)
    })

    await step('the scan completes (已完成)', async () => {
      await waitForRunEnd(page)
    })

    await step('开放服务 shows OpenSSH and nginx', async () => {
      const sshRow = observationRow(page, P1)
      await sshRow.waitFor()
      assert.equal(await cellText(sshRow, 'obs-host'), HOST)
      assert.equal(await cellText(sshRow, 'obs-service'), 'ssh')
      assert.equal(await cellText(sshRow, 'obs-product'), 'OpenSSH')
      const version = await cellText(sshRow, 'obs-version')
      assert.ok(version.startsWith('9.2p1'), `OpenSSH version "${version}" starts with 9.2p1`)

      const webRow = observationRow(page, P2)
      await webRow.waitFor()
      assert.equal(await cellText(webRow, 'obs-service'), 'http')
      console.log(`  ${P2}: http ${await cellText(webRow, 'obs-product')} ${await cellText(webRow, 'obs-version')}`)
      assert.equal((await byTestId(page, 'run-summary-open-ports').innerText()).trim(), '2')
      await screenshot(page, 'scan-run.png')
    })

    await step('a first run has nothing to compare with', async () => {
      await page.locator('#tab-changes').click()
      const empty = page.locator('[data-testid="change-table"] [data-testid="empty-state"]')
      await empty.waitFor()
      assert.ok((await empty.innerText()).includes('首次扫描'), 'the changes tab says it is the first scan')
      await page.locator('#tab-observations').click()
    })

    await step('stop the SSH service and scan again', async () => {
      await ssh.close()
      sshClosed = true
      await byTestId(page, 'run-rescan').click()
      await page.waitForURL((u) => u.pathname.startsWith('/scan-runs/') && u.pathname !== firstRunPath)
      await page.locator('[data-testid="run-progress"] .el-progress').waitFor()
      await waitForRunEnd(page)
    })

    await step('与上次相比 shows 端口已关闭 for the SSH port', async () => {
      assert.equal(await observationRow(page, P1).count(), 0, `port ${P1} is no longer listed as open`)
      await page.locator('#tab-changes').click()
      const row = page.locator('[data-testid="change-table"] .el-table__body tr', {
        has: page.locator('[data-testid="change-kind"][data-kind="port_closed"]'),
      })
      await row.first().waitFor()
      const targets = await row.getByTestId('change-target').allInnerTexts()
      assert.ok(
        targets.map((x) => x.trim()).includes(`${HOST}:${P1}`),
        `a 端口已关闭 change for ${HOST}:${P1} (found: ${targets.join(', ')})`,
      )
      const kind = row.first().getByTestId('change-kind')
      assert.equal((await kind.innerText()).trim(), '端口已关闭')
      await byTestId(page, 'run-previous-link').first().waitFor()
      await screenshot(page, 'scan-changes.png')
    })
  } finally {
    await browser.close()
    if (!sshClosed) await ssh.close()
    await web.close()
  }
})
