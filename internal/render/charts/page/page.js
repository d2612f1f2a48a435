// bankbrief chart page: draws the charts from the JSON blocks of the page
// and lists the articles behind a clicked item. Untrusted text (titles,
// sentences, bank names) is only set with textContent, or escaped before it
// enters ECharts' HTML tooltips.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("bb-data").textContent);
  // Bank names come as indices into one table (it keeps a large page small).
  function bankOf(x) { x.bank = x.b >= 0 ? data.banks[x.b] : ""; }
  data.articles.forEach(bankOf);
  data.metrics.forEach(bankOf);
  var T = data.text;

  function esc(s) {
    return String(s).replace(/[&<>"'`]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" }[c];
    });
  }
  function num(v, dec) {
    if (typeof v !== "number" || !isFinite(v)) { return "–"; }
    var d = dec || 0;
    if (d === 0 && Math.round(v) !== v) { d = 2; }
    // a small amount keeps two significant digits rather than reading 0
    if (v !== 0 && Math.abs(v) < Math.pow(10, -d) / 2) { d = Math.min(20, Math.ceil(-Math.log10(Math.abs(v))) + 1); }
    var s = v.toFixed(d);
    if (s.indexOf(".") >= 0) { s = s.replace(/0+$/, "").replace(/\.$/, ""); }
    return s;
  }
  function val(p) {
    var v = p.value;
    if (Array.isArray(v)) { v = v[v.length - 1]; }
    return v;
  }
  function unitOf(meta, i) {
    var u = meta.units || [""];
    return u[Math.min(i || 0, u.length - 1)];
  }
  function sep(u) { return data.lang === "en" ? " " + u : u; }
  function qoq(d, dec) {
    if (!d || typeof d.prev !== "number") { return ""; }
    var v = typeof d.value === "number" ? d.value : 0;
    if (d.prev === 0) {
      return v > 0 ? " (" + esc(T.qoqPrev) + " " + esc(T.qoqNew) + ")" : "";
    }
    var diff = v - d.prev;
    var pct = Math.round(diff / d.prev * 100);
    return " (" + esc(T.qoqPrev) + " " + (diff >= 0 ? "+" : "") + num(diff, dec) + ", " + (pct >= 0 ? "+" : "") + pct + "%)";
  }
  function axisTip(meta) {
    return function (ps) {
      if (!Array.isArray(ps)) { ps = [ps]; }
      if (!ps.length) { return ""; }
      var out = esc(ps[0].axisValueLabel != null ? ps[0].axisValueLabel : ps[0].name);
      ps.forEach(function (p) {
        var v = val(p);
        if (v == null || (meta.qoq && v === 0 && !(p.data && p.data.prev > 0))) { return; }
        out += "<br>" + p.marker + esc(p.seriesName) + ": " + num(v, meta.dec) + esc(sep(unitOf(meta, p.seriesIndex)));
        if (meta.qoq) { out += qoq(p.data, meta.dec); }
      });
      return out;
    };
  }
  function itemTip(meta) {
    return function (p) {
      var s = p.data && typeof p.data.sel === "number" ? data.sel[p.data.sel] : null;
      var label = s ? s.label : p.name;
      var out = p.marker + esc(label) + ": " + num(val(p), meta.dec) + esc(sep(unitOf(meta, p.seriesIndex)));
      if (meta.kind === "pie" && typeof p.percent === "number") { out += " (" + num(p.percent, 1) + "%)"; }
      return out;
    };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = String(text); }
    return e;
  }
  function has(list, x) { return !!list && list.indexOf(x) >= 0; }

  // byArticle indexes the metric mentions by article.
  var byArticle = data.articles.map(function () { return []; });
  data.metrics.forEach(function (m) { if (byArticle[m.a]) { byArticle[m.a].push(m); } });

  function articleMatches(a, s) {
    if (s.banks && !has(s.banks, a.bank)) { return false; }
    if (s.theme && !has(a.themes, s.theme)) { return false; }
    if (s.quarter && a.quarter !== s.quarter) { return false; }
    if (s.time && a.t !== s.time) { return false; }
    return true;
  }
  function metricMatches(m, s) {
    if (s.banks && !has(s.banks, m.bank)) { return false; }
    if (s.theme && m.theme !== s.theme) { return false; }
    if (s.type && m.type !== s.type) { return false; }
    if (s.unit && m.unit !== s.unit) { return false; }
    var a = data.articles[m.a];
    if (s.quarter && a.quarter !== s.quarter) { return false; }
    if (s.time && a.t !== s.time) { return false; }
    return true;
  }

  // rows returns [{article, metrics}] for a selector, by date then id.
  function rows(s) {
    var out = [];
    if (s.mode === "metric") {
      var seen = {};
      data.metrics.forEach(function (m) {
        if (!metricMatches(m, s)) { return; }
        if (!(m.a in seen)) { seen[m.a] = out.length; out.push({ a: data.articles[m.a], m: [] }); }
        out[seen[m.a]].m.push(m);
      });
    } else {
      data.articles.forEach(function (a, i) {
        if (articleMatches(a, s)) { out.push({ a: a, m: byArticle[i] }); }
      });
    }
    out.sort(function (x, y) {
      if (x.a.date !== y.a.date) { return x.a.date < y.a.date ? -1 : 1; }
      return x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0;
    });
    return out;
  }

  function show(selIndex) {
    var s = data.sel[selIndex];
    if (!s) { return; }
    var list = rows(s);
    document.getElementById("bb-drill-hint").hidden = true;
    document.getElementById("bb-drill-label").textContent = s.label;
    var shown = list.length > data.maxRows ? list.slice(0, data.maxRows) : list;
    document.getElementById("bb-drill-count").textContent = !list.length ? T.none :
      shown.length < list.length ? T.countCut.replace("%d", String(list.length)).replace("%n", String(shown.length)) :
      T.count.replace("%d", String(list.length));
    var table = document.getElementById("bb-drill");
    var thead = table.tHead, tbody = table.tBodies[0];
    thead.textContent = "";
    tbody.textContent = "";
    if (!list.length) { return; }
    var hr = el("tr");
    [T.date, T.bank, T.title, T.metrics].forEach(function (h) { hr.appendChild(el("th", null, h)); });
    thead.appendChild(hr);
    shown.forEach(function (row) {
      var a = row.a;
      var tr = el("tr");
      tr.setAttribute("data-article", a.id);
      tr.appendChild(el("td", null, a.date || "—"));
      tr.appendChild(el("td", null, a.bank || data.noBank));
      var td = el("td", "bb-title");
      var title = a.title || T.untitled;
      if (a.url && /^https?:\/\//i.test(a.url)) {
        var link = el("a", null, title);
        link.href = a.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        td.appendChild(link);
      } else {
        td.appendChild(el("span", null, title));
      }
      tr.appendChild(td);
      var mt = el("td", "bb-metrics");
      // Figures of one sentence share it: the sentence is shown once,
      // after all of them.
      var last = null;
      row.m.forEach(function (m) {
        var grey = !!m.why;
        var tag = " " + (data.types[m.type] || m.type) + (m.theme ? " · " + (data.themes[m.theme] || m.theme) : "") + (m.why ? " · " + (T[m.why] || m.why) : "") + " ";
        if (last && last.sentence === m.s && last.grey === grey) {
          last.div.insertBefore(el("b", null, m.text), last.span);
          last.div.insertBefore(el("span", "bb-type", tag), last.span);
          return;
        }
        var d = el("div", "bb-metric" + (grey ? " bb-repeat" : ""));
        d.appendChild(el("b", null, m.text));
        d.appendChild(el("span", "bb-type", tag));
        var span = el("span", "bb-sentence", data.sentences[m.s]);
        d.appendChild(span);
        mt.appendChild(d);
        last = { sentence: m.s, grey: grey, div: d, span: span };
      });
      tr.appendChild(mt);
      tbody.appendChild(tr);
    });
    var panel = document.getElementById("bb-panel");
    var r = panel.getBoundingClientRect();
    if (r.top > window.innerHeight || r.bottom < 0) { panel.scrollIntoView({ block: "start" }); }
  }
  window.bankbriefShow = show;

  var instances = [];
  Array.prototype.forEach.call(document.querySelectorAll(".bb-chart-box"), function (box) {
    var opt = JSON.parse(document.getElementById(box.getAttribute("data-option")).textContent);
    var meta = data.charts[box.id] || { kind: "item", units: [""] };
    opt.tooltip = opt.tooltip || {};
    opt.tooltip.formatter = meta.kind === "axis" ? axisTip(meta) : itemTip(meta);
    opt.tooltip.confine = true;
    var chart = echarts.init(box, null, { renderer: "canvas", locale: data.lang === "en" ? "EN" : "ZH" });
    chart.setOption(opt);
    chart.on("click", function (p) {
      if (p.data && typeof p.data.sel === "number") { show(p.data.sel); }
    });
    instances.push(chart);
  });
  window.addEventListener("resize", function () { instances.forEach(function (c) { c.resize(); }); });
})();
