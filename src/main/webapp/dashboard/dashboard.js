/*
 * The live dashboard: polls the service's own endpoints and redraws. Every panel fails on its own — an endpoint that
 * is absent (e.g. no agents module deployed) or failing shows "not available" there, the rest keeps working.
 * Only GET requests: the page needs no credentials.
 */
'use strict';

(() => {
    const params = new URLSearchParams(location.search);
    // ?refresh=SECONDS, at least 1: the browser test uses a short one.
    const REFRESH_MS = Math.max(1, Number(params.get('refresh')) || 3) * 1000;
    const HISTORY_MS = 3 * 60 * 1000;
    const MAX_AGENTS = 12;
    const DEFAULT_NAMESPACE_SUFFIX = ' (RedisCache)';

    const caches = new Map();            // name -> {prev: {hits, misses}, points: [{t, v}]}
    const latency = {cached: [], uncached: [], warm: false};
    let refreshes = 0;

    const $ = id => document.getElementById(id);

    function text(tag, content, cls) {
        const node = document.createElement(tag);
        node.textContent = content;
        if (cls) {
            node.className = cls;
        }
        return node;
    }

    /** fetch + JSON with the round-trip time; never throws. */
    async function getJson(path) {
        const started = performance.now();
        try {
            const response = await fetch(path, {headers: {Accept: 'application/json'}, cache: 'no-store'});
            let body = null;
            try {
                body = await response.json();
            } catch (e) {
                body = null;
            }
            return {ok: response.ok, status: response.status, body, ms: performance.now() - started};
        } catch (e) {
            return {ok: false, status: 0, body: null, ms: performance.now() - started, error: String(e)};
        }
    }

    function unavailable(r, path) {
        return r.status === 0 ? `not available (${path}: no answer)` : `not available (${path} answered ${r.status})`;
    }

    function setFacts(dl, facts) {
        dl.replaceChildren();
        for (const [k, v] of facts) {
            dl.append(text('dt', k), text('dd', v === undefined || v === null ? '–' : String(v)));
        }
    }

    function median(values) {
        if (values.length === 0) {
            return null;
        }
        const sorted = [...values].sort((a, b) => a - b);
        const mid = Math.floor(sorted.length / 2);
        return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    function trim(points, now) {
        while (points.length && points[0].t < now - HISTORY_MS) {
            points.shift();
        }
    }

    function percent(v) {
        return `${(v * 100).toFixed(1)} %`;
    }

    // ---- Redis: readiness data (health answers 503 with the same JSON when DOWN) and the pool from /metrics ----

    const DETAILS_WITHHELD = 'details for administrators (GET /api/health)';

    async function refreshRedis() {
        const r = await getJson('/health/ready');
        const status = $('redis-status');
        const check = r.body && Array.isArray(r.body.checks) ? r.body.checks.find(c => c.name === 'redis') : null;
        if (!check) {
            status.textContent = unavailable(r, '/health/ready');
            status.dataset.status = 'unknown';
            setFacts($('redis-facts'), []);
            return;
        }
        const d = check.data || {};
        status.textContent = check.status;
        status.dataset.status = check.status;
        // Readiness data (RedisReadinessCheck): mode and circuit always; the rest (host/port of the server or the
        // sentinels' current master, nodes, version and ping, the error) only where health.show.details=always:
        // by default anonymous callers see the status alone, administrators the details at /api/health.
        const facts = [['server', d.host !== undefined ? `${d.host}:${d.port}` : DETAILS_WITHHELD],
            ['topology', d.mode], ['circuit', d.circuit]];
        const optional = [['sentinel master', d.sentinel_master], ['sentinels', d.sentinels],
            ['seed nodes', d.seed_nodes], ['known nodes', d.known_nodes]];
        facts.push(...optional.filter(([, v]) => v !== undefined && v !== ''));
        if (d.host === undefined) {
            // Details withheld: nothing more to show.
        } else if (check.status === 'UP') {
            facts.push(['version', d.redis_version], ['ping', `${d.ping_ms} ms`]);
        } else {
            facts.push(['error', d.error]);
        }
        setFacts($('redis-facts'), facts);
    }

    async function refreshPool() {
        const dl = $('redis-pool');
        try {
            const response = await fetch('/metrics', {headers: {Accept: 'text/plain'}, cache: 'no-store'});
            if (!response.ok) {
                setFacts(dl, [['pool', `not available (/metrics answered ${response.status})`]]);
                return;
            }
            const body = await response.text();
            const read = name => {
                const m = body.match(new RegExp(`^redis_pool_${name}(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)`, 'm'));
                return m ? Number(m[1]) : undefined;
            };
            if (read('max') === undefined) {
                setFacts(dl, [['pool', 'not available (no redis_pool_* metrics)']]);
                return;
            }
            setFacts(dl, [['active', read('active')], ['idle', read('idle')], ['waiting', read('waiting')],
                ['max', read('max')]]);
        } catch (e) {
            setFacts(dl, [['pool', 'not available (/metrics: no answer)']]);
        }
    }

    // ---- caches: named caches of the annotations, and the default RedisCache namespace ----

    async function refreshCaches(now) {
        const [named, defaults] = await Promise.all([getJson('api/cache/caches'), getJson('api/cache/stats')]);
        const rows = [];
        if (named.ok && Array.isArray(named.body)) {
            for (const c of named.body) {
                rows.push({name: c.name, hits: c.hits, misses: c.misses, ratio: c.hit_ratio, loads: c.loads,
                    errors: c.errors, suppressed: c.suppressed_loads});
            }
        }
        if (defaults.ok && defaults.body && typeof defaults.body.hits === 'number') {
            const s = defaults.body;
            rows.push({name: s.namespace + DEFAULT_NAMESPACE_SUFFIX, hits: s.hits, misses: s.misses,
                ratio: s.hit_ratio, loads: '–', errors: s.errors, suppressed: '–'});
        }
        for (const row of rows) {
            let entry = caches.get(row.name);
            if (!entry) {
                // The first point covers everything since the service started.
                entry = {prev: {hits: 0, misses: 0}, points: []};
                caches.set(row.name, entry);
            }
            const hits = row.hits - entry.prev.hits, misses = row.misses - entry.prev.misses;
            // No lookups in the interval: a gap, not a repeated value. A restart (counters drop): start over.
            const v = hits < 0 || misses < 0 ? null : (hits + misses > 0 ? hits / (hits + misses) : null);
            entry.points.push({t: now, v});
            entry.prev = {hits: row.hits, misses: row.misses};
            trim(entry.points, now);
        }

        const tbody = $('hit-ratio-table').querySelector('tbody');
        tbody.replaceChildren();
        if (rows.length === 0) {
            const tr = document.createElement('tr');
            const td = text('td', unavailable(defaults, 'api/cache/stats'), 'no');
            td.colSpan = 7;
            tr.append(td);
            tbody.append(tr);
        }
        const names = [...caches.keys()];
        for (const row of rows) {
            const tr = document.createElement('tr');
            tr.dataset.cache = row.name;
            const nameCell = document.createElement('td');
            const swatch = text('span', '', 'swatch');
            swatch.style.background = SvgChart.color(names.indexOf(row.name));
            nameCell.append(swatch, row.name);
            const lookups = row.hits + row.misses;
            const ratioCell = text('td', lookups > 0 ? percent(row.ratio) : '–', 'ratio');
            ratioCell.title = lookups > 0 ? 'hits / lookups since start' : 'no lookups yet';
            tr.append(nameCell, ratioCell, text('td', row.hits), text('td', row.misses), text('td', row.loads),
                text('td', row.errors), text('td', row.suppressed));
            tbody.append(tr);
        }
        SvgChart.draw($('hit-ratio-chart'),
            names.map(name => ({name, points: caches.get(name).points})),
            {yMax: 1, yFormat: v => `${Math.round(v * 100)} %`, spanMillis: HISTORY_MS, now});
    }

    // ---- agents: the list, each agent's cached availability, and the latency comparison ----

    async function refreshAgents(now) {
        const note = $('agents-note');
        const table = $('agents-table');
        const list = await getJson('api/agents');
        if (!list.ok || !Array.isArray(list.body)) {
            note.textContent = unavailable(list, 'api/agents');
            note.className = 'note no';
            table.hidden = true;
            $('latency-summary').textContent = 'not available (no agents to look up)';
            SvgChart.draw($('latency-chart'), [], {spanMillis: HISTORY_MS, now});
            return;
        }
        const agents = list.body.slice(0, MAX_AGENTS);
        note.className = 'note';
        note.textContent = list.body.length === 0 ? 'no agents registered'
            : `${list.body.length} agent(s)` + (list.body.length > MAX_AGENTS ? `, first ${MAX_AGENTS} shown` : '');
        const cachedMs = [], uncachedMs = [];
        const rows = [];
        // One agent at a time, so the two requests of a pair are timed under the same conditions.
        for (const agent of agents) {
            const id = encodeURIComponent(agent.name);
            const availability = await getJson(`api/agents/${id}/availability`);
            const direct = await getJson(`api/agents/${id}`);
            if (availability.ok) {
                cachedMs.push(availability.ms);
            }
            if (direct.ok) {
                uncachedMs.push(direct.ms);
            }
            rows.push({agent, available: availability.ok && availability.body ? availability.body.available : null});
        }

        const tbody = table.querySelector('tbody');
        tbody.replaceChildren();
        for (const {agent, available} of rows) {
            const tr = document.createElement('tr');
            tr.dataset.agent = agent.name;
            const statusCell = document.createElement('td');
            statusCell.append(text('span', agent.status || '–', `badge ${agent.status || ''}`));
            const availableCell = available === null ? text('td', 'not available', 'no')
                : text('td', available ? 'yes' : 'no', available ? 'yes' : 'no');
            availableCell.classList.add('available');
            tr.append(text('td', agent.name), text('td', agent.agent_type || '–'), statusCell,
                text('td', `${agent.current_tasks ?? '–'} / ${agent.max_concurrent_tasks ?? '–'}`), availableCell);
            tbody.append(tr);
        }
        table.hidden = false;

        // The first round fills the cache (its availability requests are loads), so it is not charted.
        if (latency.warm) {
            latency.cached.push({t: now, v: median(cachedMs)});
            latency.uncached.push({t: now, v: median(uncachedMs)});
            trim(latency.cached, now);
            trim(latency.uncached, now);
        }
        latency.warm = true;
        SvgChart.draw($('latency-chart'), [
            {name: 'cached: /availability', points: latency.cached, color: '#2b8a3e'},
            {name: 'uncached: /agents/{id} (database)', points: latency.uncached, color: '#d9480f'}
        ], {yFormat: v => `${Number.isInteger(v) ? v : v.toFixed(1)} ms`, spanMillis: HISTORY_MS, now});
        const c = median(latency.cached.map(p => p.v).filter(v => v !== null));
        const u = median(latency.uncached.map(p => p.v).filter(v => v !== null));
        $('latency-summary').textContent = c === null || u === null ? 'measuring…'
            : `median cached ${c.toFixed(2)} ms, uncached ${u.toFixed(2)} ms over the last ${latency.cached.length}`
              + ' refreshes (browser round trips, so both include the same HTTP overhead)';
    }

    async function refresh() {
        const now = Date.now();
        const state = $('refresh-state');
        try {
            await Promise.all([refreshRedis(), refreshPool(), refreshCaches(now), refreshAgents(now)]);
            refreshes++;
            document.body.dataset.refreshes = String(refreshes);
            state.dataset.state = 'ok';
            state.textContent = `updated ${new Date().toLocaleTimeString()} · every ${REFRESH_MS / 1000} s`;
        } catch (e) {
            // A bug in one panel must not stop the refreshing.
            state.dataset.state = 'error';
            state.textContent = `refresh failed: ${e}`;
        } finally {
            setTimeout(refresh, REFRESH_MS);
        }
    }

    refresh();
})();
