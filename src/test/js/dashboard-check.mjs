// Opens the dashboard in Debian's headless Chromium, waits for a few live refreshes, reads what the page shows,
// saves a screenshot and prints one JSON line for DashboardIT to assert on.
// Usage: node dashboard-check.mjs <baseUrl> <screenshot.png>   (CHROMIUM_PATH overrides /usr/bin/chromium)
import { chromium } from 'playwright-core';

const [baseUrl, screenshot] = process.argv.slice(2);
if (!baseUrl || !screenshot) {
    console.error('usage: node dashboard-check.mjs <baseUrl> <screenshot.png>');
    process.exit(2);
}

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    // No sandbox (CI runs as root); no background networking, which a machine without internet refuses noisily.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors = [];
    page.on('pageerror', e => pageErrors.push(String(e)));
    const externalRequests = [];
    page.on('request', r => {
        if (!r.url().startsWith(baseUrl)) {
            externalRequests.push(r.url());
        }
    });

    await page.goto(`${baseUrl}/?refresh=1`, { waitUntil: 'load' });
    // Three refreshes: the hit-ratio chart has history and the latency chart (which skips the warm-up) has points.
    await page.waitForFunction(() => Number(document.body.dataset.refreshes || 0) >= 3, null, { timeout: 45000 });

    const shown = await page.evaluate(() => {
        const texts = sel => [...document.querySelectorAll(sel)].map(n => n.textContent.trim());
        return {
            refreshState: document.getElementById('refresh-state').dataset.state,
            redisStatus: document.getElementById('redis-status').textContent.trim(),
            redisFacts: texts('#redis-facts dt, #redis-facts dd'),
            pool: texts('#redis-pool dt, #redis-pool dd'),
            agentsNote: document.getElementById('agents-note').textContent.trim(),
            agentsTableHidden: document.getElementById('agents-table').hidden,
            agents: [...document.querySelectorAll('#agents-table tbody tr')].map(tr => ({
                name: tr.dataset.agent,
                status: tr.querySelector('.badge')?.textContent.trim(),
                available: tr.querySelector('.available')?.textContent.trim(),
            })),
            caches: [...document.querySelectorAll('#hit-ratio-table tbody tr[data-cache]')].map(tr => ({
                name: tr.dataset.cache,
                ratio: tr.querySelector('.ratio').textContent.trim(),
            })),
            hitRatioSeries: [...document.querySelectorAll('#hit-ratio-chart [data-series]')]
                .map(n => n.getAttribute('data-series')),
            latencySeries: [...document.querySelectorAll('#latency-chart [data-series]')]
                .map(n => n.getAttribute('data-series')),
            latencySummary: document.getElementById('latency-summary').textContent.trim(),
        };
    });
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(JSON.stringify({ ...shown, pageErrors, externalRequests }));
} finally {
    await browser.close();
}
