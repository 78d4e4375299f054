/*
 * A small SVG line chart, written here rather than taken from a CDN: the page must render on machines and networks
 * without internet access. Enough for a few series of numbers over time; nothing more.
 */
'use strict';

const SvgChart = (() => {
    const NS = 'http://www.w3.org/2000/svg';
    const PALETTE = ['#2458b3', '#d9480f', '#2b8a3e', '#7048e8', '#c2255c', '#0b7285', '#e67700', '#495057'];

    function el(name, attrs, text) {
        const node = document.createElementNS(NS, name);
        for (const [k, v] of Object.entries(attrs || {})) {
            node.setAttribute(k, String(v));
        }
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    function color(index) {
        return PALETTE[index % PALETTE.length];
    }

    /** A maximum for the y axis that gives round tick labels. */
    function niceMax(value) {
        if (!(value > 0)) {
            return 1;
        }
        const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (const step of [1, 2, 2.5, 5, 10]) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /**
     * Draws series = [{name, points: [{t: epochMillis, v: number|null}]}] into an <svg> with a 640x220 viewBox.
     * options: yMax (fixed top, else from the data), yFormat(v) for tick labels, spanMillis (x range ending now).
     * A null value breaks the line (no data in that interval).
     */
    function draw(svg, series, options) {
        const opts = Object.assign({yFormat: v => String(v), spanMillis: 3 * 60 * 1000}, options);
        const width = 640, height = 220, left = 52, right = 12, top = 12, bottom = 28;
        const plotW = width - left - right, plotH = height - top - bottom;
        while (svg.firstChild) {
            svg.removeChild(svg.firstChild);
        }
        const now = opts.now || Date.now();
        const t0 = now - opts.spanMillis;
        const values = series.flatMap(s => s.points.map(p => p.v)).filter(v => v !== null && isFinite(v));
        const yMax = opts.yMax !== undefined ? opts.yMax : niceMax(Math.max(0, ...values));
        const x = t => left + ((t - t0) / opts.spanMillis) * plotW;
        const y = v => top + plotH - (v / yMax) * plotH;

        for (let i = 0; i <= 4; i++) {
            const v = (yMax * i) / 4;
            svg.appendChild(el('line', {class: 'grid', x1: left, x2: left + plotW, y1: y(v), y2: y(v)}));
            svg.appendChild(el('text', {x: left - 6, y: y(v) + 4, 'text-anchor': 'end'}, opts.yFormat(v)));
        }
        svg.appendChild(el('line', {class: 'axis', x1: left, x2: left, y1: top, y2: top + plotH}));
        svg.appendChild(el('line', {class: 'axis', x1: left, x2: left + plotW, y1: top + plotH, y2: top + plotH}));
        const minutes = Math.round(opts.spanMillis / 60000);
        svg.appendChild(el('text', {x: left, y: height - 8}, `−${minutes} min`));
        svg.appendChild(el('text', {x: left + plotW, y: height - 8, 'text-anchor': 'end'}, 'now'));

        if (values.length === 0) {
            svg.appendChild(el('text', {class: 'empty', x: left + plotW / 2, y: top + plotH / 2,
                'text-anchor': 'middle'}, 'no data yet'));
            return;
        }
        series.forEach((s, index) => {
            let d = '';
            let pen = false;
            for (const p of s.points) {
                if (p.t < t0 || p.v === null || !isFinite(p.v)) {
                    pen = false;
                    continue;
                }
                d += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
                pen = true;
            }
            const stroke = s.color || color(index);
            if (d) {
                svg.appendChild(el('path', {class: 'series', d, stroke, 'data-series': s.name}));
            }
            // The latest point as a dot, so a single sample is visible too.
            const last = [...s.points].reverse().find(p => p.v !== null && isFinite(p.v) && p.t >= t0);
            if (last) {
                svg.appendChild(el('circle', {cx: x(last.t), cy: y(last.v), r: 3, fill: stroke,
                    'data-series': s.name}));
            }
        });
        const legend = el('g', {class: 'legend'});
        series.forEach((s, index) => {
            const lx = left + 8 + (index % 3) * 196, ly = top + 12 + Math.floor(index / 3) * 14;
            legend.appendChild(el('rect', {x: lx, y: ly - 8, width: 10, height: 10, fill: s.color || color(index)}));
            legend.appendChild(el('text', {x: lx + 14, y: ly + 1}, s.name.length > 28 ? s.name.slice(0, 27) + '…'
                : s.name));
        });
        svg.appendChild(legend);
    }

    return {draw, color};
})();
