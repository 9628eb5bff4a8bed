/*
 * dummyclient's HTML report: draws the charts as inline SVG from the page's own data
 * (<script id="report-data">). Inlined into the page by HtmlReport; fetches nothing. Each chart it
 * draws gets data-drawn="<series drawn>", which the report's tests look for.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var W = 900, H = 300, M = {l: 72, r: 36, t: 16, b: 58};
  var PALETTE = ["#2f6fd6", "#2e9e55", "#e07b00", "#8a59c7", "#c23b3b", "#7a8294"];

  function el(parent, name, attrs, text) {
    var node = document.createElementNS(parent.namespaceURI, name);
    for (var key in attrs) {
      node.setAttribute(key, attrs[key]);
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    parent.appendChild(node);
    return node;
  }

  /** Round tick values on 1, 2, 5 steps, about n of them, from lo up to the first one at or above hi. */
  function ticks(lo, hi, n) {
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    var raw = (hi - lo) / n, mag = Math.pow(10, Math.floor(Math.log10(raw))), step = mag;
    [1, 2, 5, 10].some(function (f) { step = f * mag; return f * mag >= raw; });
    var out = [];
    for (var v = Math.ceil(lo / step) * step; out.length === 0 || out[out.length - 1] < hi; v += step) {
      out.push(+v.toPrecision(12));
    }
    return out;
  }

  function short(v) {
    var a = Math.abs(v);
    if (a >= 1e9) { return +(v / 1e9).toPrecision(3) + "G"; }
    if (a >= 1e6) { return +(v / 1e6).toPrecision(3) + "M"; }
    if (a >= 1e3) { return +(v / 1e3).toPrecision(3) + "k"; }
    return String(+v.toPrecision(3));
  }

  function empty(svg, words) {
    el(svg, "text", {x: W / 2, y: H / 2, "text-anchor": "middle", "class": "empty"}, words);
    svg.setAttribute("data-drawn", "0");
  }

  /**
   * A line chart: opts.series [{name, x, values, dashed}] (a null value breaks the line), opts.xTicks
   * optional [[value, label]], opts.xLabel, opts.yLabel, opts.empty the words when there is nothing.
   */
  function lineChart(svg, opts) {
    var xs = [], ys = [];
    opts.series.forEach(function (s) {
      s.values.forEach(function (v, j) {
        if (v !== null && isFinite(v)) { xs.push(s.x[j]); ys.push(v); }
      });
    });
    if (ys.length === 0) {
      empty(svg, opts.empty);
      return;
    }
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    if (x1 === x0) { x1 = x0 + 1; }
    var yTicks = ticks(0, Math.max.apply(null, ys), 5), y1 = yTicks[yTicks.length - 1];
    var px = function (v) { return M.l + (v - x0) / (x1 - x0) * (W - M.l - M.r); };
    var py = function (v) { return H - M.b - v / y1 * (H - M.t - M.b); };
    var grid = el(svg, "g", {"class": "grid"}), axis = el(svg, "g", {"class": "axis"});
    yTicks.forEach(function (t) {
      el(grid, "line", {x1: M.l, x2: W - M.r, y1: py(t), y2: py(t)});
      el(axis, "text", {x: M.l - 6, y: py(t) + 4, "text-anchor": "end"}, short(t));
    });
    (opts.xTicks || ticks(x0, x1, 8).map(function (t) { return [t, short(t)]; })).filter(function (t) {
      return t[0] >= x0 - 1e-9 && t[0] <= x1 + 1e-9;
    }).forEach(function (t) {
      el(axis, "line", {x1: px(t[0]), x2: px(t[0]), y1: H - M.b, y2: H - M.b + 4});
      el(axis, "text", {x: px(t[0]), y: H - M.b + 16, "text-anchor": "middle"}, t[1]);
    });
    el(axis, "line", {x1: M.l, x2: W - M.r, y1: H - M.b, y2: H - M.b});
    el(axis, "line", {x1: M.l, x2: M.l, y1: M.t, y2: H - M.b});
    el(axis, "text", {x: (M.l + W - M.r) / 2, y: H - M.b + 32, "text-anchor": "middle"}, opts.xLabel);
    el(axis, "text", {x: 14, y: (M.t + H - M.b) / 2, "text-anchor": "middle",
      transform: "rotate(-90 14 " + (M.t + H - M.b) / 2 + ")"}, opts.yLabel);
    var drawn = 0, legendX = M.l;
    opts.series.forEach(function (s, i) {
      var color = PALETTE[i % PALETTE.length], runs = [[]];
      s.values.forEach(function (v, j) {
        if (v === null || !isFinite(v)) {
          runs.push([]);
        } else {
          runs[runs.length - 1].push(px(s.x[j]).toFixed(1) + "," + py(v).toFixed(1));
        }
      });
      var any = false;
      runs.forEach(function (run) {
        if (run.length === 0) { return; }
        any = true;
        var line = el(svg, run.length > 1 ? "polyline" : "circle", run.length > 1
          ? {points: run.join(" "), "class": "series" + (s.dashed ? " dashed" : ""), stroke: color,
            "data-series": s.name}
          : {cx: run[0].split(",")[0], cy: run[0].split(",")[1], r: 3, fill: color, "class": "series",
            "data-series": s.name});
        el(line, "title", {}, s.name);
      });
      if (any) { drawn++; }
      el(svg, "rect", {x: legendX, y: H - 14, width: 14, height: 4, fill: color});
      var label = el(svg, "text", {x: legendX + 18, y: H - 9}, s.name);
      legendX += 26 + 7 * s.name.length;
      if (!any) { label.setAttribute("fill-opacity", "0.5"); }
    });
    svg.setAttribute("data-drawn", String(drawn));
  }

  function barChart(svg, rows) {
    if (rows.length === 0) {
      empty(svg, "none");
      return;
    }
    var max = Math.max.apply(null, rows.map(function (r) { return r[1]; }));
    var rowH = 28, left = 260, width = W - left - 80;
    svg.setAttribute("viewBox", "0 0 " + W + " " + (2 * M.t + rows.length * rowH));
    rows.forEach(function (r, i) {
      var y = M.t + i * rowH, w = Math.max(2, r[1] / max * width);
      el(svg, "text", {x: left - 8, y: y + rowH * 0.65, "text-anchor": "end"}, r[0]);
      var bar = el(svg, "rect", {x: left, y: y + rowH * 0.15, width: w, height: rowH * 0.7,
        fill: PALETTE[4], "class": "bar", "data-kind": r[0]});
      el(bar, "title", {}, r[0] + ": " + r[1]);
      el(svg, "text", {x: left + w + 6, y: y + rowH * 0.65}, String(r[1]));
    });
    svg.setAttribute("data-drawn", String(rows.length));
  }

  var t = data.timeline, echo = data.mode === "echo";
  var perSecond = function (name, values, dashed) { return {name: name, x: t.t, values: values, dashed: dashed}; };
  var run = document.getElementById("throughput-chart");
  if (run) {
    lineChart(run, {xLabel: "seconds since the start (" + phases(t) + ")", yLabel: "per second",
      empty: "No progress line: the run was shorter than a second.",
      series: echo
        ? [perSecond("pings sent", t.sent), perSecond("round trips", t.delivered)]
        : [perSecond("chats sent", t.sent), perSecond("chats asked", t.asked, true)]});
  }
  var delivered = document.getElementById("deliveries-chart");
  if (delivered) {
    lineChart(delivered, {xLabel: "seconds since the start", yLabel: "per second",
      empty: "No progress line: the run was shorter than a second.",
      series: [perSecond("deliveries", t.delivered), perSecond("predicted by room sizes", t.predicted, true)]});
  }
  var lat = document.getElementById("latency-time-chart");
  if (lat) {
    lineChart(lat, {xLabel: "seconds since the start", yLabel: "ms", empty: "No latency sample in any second.",
      series: [perSecond("p50", t.p50), perSecond("p99", t.p99)]});
  }
  var pct = document.getElementById("percentile-chart");
  if (pct) {
    // x counts the nines: 1 at 90%, 2 at 99%, ..., capped at six (the 100% point is the maximum).
    var nines = function (p) { return Math.min(6, -Math.log10(Math.max(1e-6, 1 - p / 100))); };
    lineChart(pct, {xLabel: "percentile", yLabel: "ms", empty: "No latency was recorded.",
      xTicks: [[0, "0%"], [1, "90%"], [2, "99%"], [3, "99.9%"], [4, "99.99%"], [5, "99.999%"], [6, "99.9999%"]],
      series: data.percentiles.map(function (c) {
        return {name: c.name, x: c.points.map(function (p) { return nines(p[0]); }),
          values: c.points.map(function (p) { return p[1]; })};
      })});
  }
  var bars = document.getElementById("problems-chart");
  if (bars) {
    barChart(bars, data.problems);
  }

  /** "ramp to 2 s, load to 7 s, drain to 9 s" from the phase of each line. */
  function phases(t) {
    var out = [];
    for (var i = 0; i < t.phase.length; i++) {
      if (i === t.phase.length - 1 || t.phase[i + 1] !== t.phase[i]) {
        out.push(t.phase[i] + " to " + Math.round(t.t[i]) + " s");
      }
    }
    return out.join(", ") || "no lines";
  }
})();
