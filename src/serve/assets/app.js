// The iop page. Reads the view and the search from the URL (so every view is
// a link), calls the JSON API and draws: page hits or register agreements
// with facets beside them (each value a link that adds its filter), a
// funding chart that follows the search (each bar a link to the agreements
// behind it), one agreement at /avtal/{id} with the sentence behind every
// value and every page that reports it, and one page's record with its
// evidence. All text from documents goes into the page as text nodes
// (textContent / createTextNode), never as HTML; links to sources are
// followed only for http(s) URLs.
"use strict";

const FILTERS = ["q", "municipality", "county", "partner", "from", "to", "undated", "min_sek", "max_sek", "form", "in_force"];
const PAGE = 20;
const CSV_LIMIT = 1000;
const CHART_ROWS = 20;
const SVG_NS = "http://www.w3.org/2000/svg";
const FACET_NAMES = { county: "Län", municipality: "Kommun eller region", form: "Avtalsform", partner: "Partner", year: "År" };
const NONE_NAMES = { municipality: "Ingen offentlig part angiven", county: "Inget känt län", partner: "Ingen partner angiven" };

// An element with attributes and children (strings become text nodes).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined && v !== false) e.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// Only http(s) links from documents; anything else (javascript:, data:) is dropped.
function safeUrl(u) {
  try {
    const url = new URL(u, location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (_) {
    return null;
  }
}

function kronor(n) {
  return n === null || n === undefined ? "okänt belopp" : n.toLocaleString("sv-SE").replace(/\u00a0/g, " ") + " kr";
}

function form(f) {
  return f === "iop" ? "IOP" : f === "agreement" ? "annat avtal" : "";
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function params() {
  return new URLSearchParams(location.search);
}

function view() {
  if (location.pathname.startsWith("/avtal/")) return "agreement";
  if (params().get("id")) return "record";
  return params().get("view") === "avtal" ? "agreements" : "pages";
}

// A link to this page with some parameters set (value) or removed (null).
function withParams(changes) {
  const q = params();
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  q.delete("offset");
  q.delete("id");
  const s = q.toString();
  return "/" + (s ? "?" + s : "");
}

// The API query string for the current search: the filters that are set.
function apiQuery(extra, drop) {
  const p = params();
  const out = new URLSearchParams();
  for (const k of FILTERS) {
    const v = p.get(k);
    if (v && v.trim() && !(drop || []).includes(k)) out.set(k, v.trim());
  }
  for (const [k, v] of Object.entries(extra || {})) out.set(k, String(v));
  return out;
}

async function getJson(path) {
  const resp = await fetch(path, { headers: { Accept: "application/json" } });
  let body;
  try {
    body = await resp.json();
  } catch (_) {
    throw new Error(`${resp.status} ${resp.statusText}`);
  }
  if (!resp.ok) throw new Error(body && body.error ? body.error : `${resp.status} ${resp.statusText}`);
  return body;
}

function setStatus(text, isError) {
  const s = document.getElementById("status");
  s.textContent = text;
  s.className = isError ? "error" : "";
}

function fillForm() {
  const p = params();
  const f = document.getElementById("search");
  for (const name of [...FILTERS, "sort", "by", "view"]) {
    const v = p.get(name);
    const field = f.elements[name];
    if (v === null || !field) continue;
    if (field.tagName === "INPUT") field.defaultValue = v; // the value attribute too
    field.value = v;
  }
  const set = FILTERS.filter((k) => k !== "q" && p.get(k));
  if (set.length > 0) document.getElementById("filters").open = true;
  const agreements = view() === "agreements";
  for (const e of document.querySelectorAll(".agreements-only")) e.hidden = !agreements;
  for (const e of document.querySelectorAll(".pages-only")) e.hidden = agreements;
  if (!agreements) f.elements.in_force.disabled = true;
  f.elements.view.value = agreements ? "avtal" : "";
  if (!agreements) f.elements.view.disabled = true;
  const keep = new URLSearchParams(apiQuery({}, ["in_force"]));
  document.getElementById("tab-pages").href = "/" + (keep.toString() ? "?" + keep : "");
  const withForce = apiQuery({ view: "avtal" });
  document.getElementById("tab-agreements").href = "/?" + withForce.toString();
  document.getElementById(agreements ? "tab-agreements" : "tab-pages").setAttribute("aria-current", "page");
}

// Facets: each value a link that adds its filter, or removes it when set.
function facetList(facets, pages) {
  const aside = document.getElementById("facets");
  const parts = [el("h2", { class: "facets-title" }, "Avgränsa")];
  for (const f of facets) {
    if (f.values.length === 0) continue;
    const name = f.name === "year" ? (pages ? "Publiceringsår" : "I kraft år") : FACET_NAMES[f.name] || f.name;
    const items = f.values.map((v) => {
      const change = {};
      for (const [k, val] of Object.entries(v.set)) change[k] = v.selected ? null : val;
      const label = f.name === "form" ? form(Object.values(v.set)[0]) : v.label;
      return el("li", {}, el("a", { href: withParams(change), class: v.selected ? "facet selected" : "facet", "data-facet": f.name },
        el("span", { class: "facet-label" }, label), " ", el("span", { class: "count" }, String(v.count)), v.selected ? el("span", { class: "remove", "aria-label": "ta bort filtret" }, " ✕") : null));
    });
    const more = f.others > 0 ? el("li", { class: "note" }, `och ${f.others} till`) : null;
    parts.push(el("section", { class: "facet-group" }, el("h3", {}, name), el("ul", {}, items, more)));
  }
  aside.replaceChildren(...parts);
}

function leftOutNote(l, what) {
  const notes = [];
  if (l.undated > 0) notes.push(`${plural(l.undated, what[0], what[1])} utan datum lämnades utanför av datumfiltret (välj ”Utan datum: tas med”).`);
  if (l.no_period > 0) notes.push(`${plural(l.no_period, "avtal", "avtal")} anger ingen period och räknas inte som i kraft.`);
  if (l.open_period > 0) notes.push(`${plural(l.open_period, "avtal", "avtal")} anger bara start eller slut, vilket inte avgör året.`);
  if (l.no_figure > 0) notes.push(`${plural(l.no_figure, "avtal", "avtal")} utan årsbelopp lämnades utanför av beloppsfiltret.`);
  document.getElementById("left-out").textContent = notes.join(" ");
}

function agreementLinks(ids) {
  if (!ids || ids.length === 0) return null;
  return el("p", { class: "register" }, "I registret: ", ids.map((id, i) => [i > 0 ? ", " : "", el("a", { href: "/avtal/" + encodeURIComponent(id), class: "agreement-link" }, id)]));
}

function hitItem(h) {
  const li = el("li", { class: "hit", "data-id": h.id });
  const src = h.url ? safeUrl(h.url) : null;
  const title = h.title || h.url || h.path || h.id;
  li.appendChild(el("div", { class: "hit-title" }, src ? el("a", { href: src, rel: "noopener noreferrer", class: "source" }, title) : title));
  const meta = [h.municipality, h.published || "", h.partners.join(", "), h.public_sek_per_year !== null ? kronor(h.public_sek_per_year) + " per år" : "", form(h.form)].filter((x) => x);
  li.appendChild(el("div", { class: "meta" }, meta.join(" · ")));
  const p = el("p", { class: "snippet" });
  (h.snippet || "").split("**").forEach((part, i) => {
    if (part !== "") p.appendChild(i % 2 === 1 ? el("mark", {}, part) : document.createTextNode(part));
  });
  li.appendChild(p);
  const ev = new URLSearchParams(location.search);
  ev.set("id", h.id);
  li.appendChild(el("a", { href: "/?" + ev.toString(), class: "evidence-link" }, "Fält och belägg"));
  const reg = agreementLinks(h.agreement_ids);
  if (reg) li.appendChild(reg);
  return li;
}

function period(a) {
  if (!a.start && !a.end) return "period okänd";
  return `${a.start || "?"}–${a.end || "?"}`;
}

function agreementItem(a) {
  const li = el("li", { class: "hit agreement-item", "data-agreement": a.agreement_id });
  const who = `${a.partners.join(", ") || "okänd partner"} – ${a.public_party || "okänd offentlig part"}`;
  li.appendChild(el("div", { class: "hit-title" }, el("a", { href: "/avtal/" + encodeURIComponent(a.agreement_id), class: "agreement-link" }, who)));
  const meta = [form(a.form), period(a), kronor(a.public_sek_per_year) + " per år", plural(a.pages.length, "sida", "sidor"), a.conflicts.length ? "sidorna säger olika" : ""].filter((x) => x);
  li.appendChild(el("div", { class: "meta" }, meta.join(" · ")));
  li.appendChild(el("div", { class: "meta id" }, a.agreement_id));
  return li;
}

function pager(offset, total) {
  const nav = document.getElementById("pages");
  nav.replaceChildren();
  const page = (o, label) => {
    const q = params();
    q.set("offset", o);
    return el("a", { href: "/?" + q.toString() }, label);
  };
  if (offset > 0) nav.appendChild(page(Math.max(0, offset - PAGE), "← föregående"));
  if (offset + PAGE < total) nav.appendChild(page(offset + PAGE, "nästa →"));
}

async function runPages() {
  const offset = Math.max(0, parseInt(params().get("offset") || "0", 10) || 0);
  const sort = params().get("sort");
  const extra = { limit: PAGE, offset, facets: true };
  if (sort) extra.sort = sort;
  const res = await getJson("/api/search?" + apiQuery(extra, ["in_force"]).toString());
  document.getElementById("total").textContent = plural(res.total, "sida", "sidor");
  leftOutNote(res.left_out, ["sida", "sidor"]);
  const list = document.getElementById("results");
  list.replaceChildren(...res.hits.map(hitItem));
  list.start = offset + 1;
  pager(offset, res.total);
  facetList(res.facets || [], true);
}

async function runAgreements() {
  const p = params();
  const offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  const extra = { limit: PAGE, offset, facets: true };
  if (p.get("group")) {
    extra.group = p.get("group");
    extra.by = p.get("by") || "municipality";
    const note = document.getElementById("group-note");
    note.hidden = false;
    note.replaceChildren("Avtalen bakom en stapel i diagrammet. ", el("a", { href: withParams({ group: null }) }, "Visa alla avtal"));
  }
  const res = await getJson("/api/agreements?" + apiQuery(extra).toString());
  document.getElementById("total").textContent = plural(res.total, "avtal", "avtal");
  leftOutNote(res.left_out, ["avtal", "avtal"]);
  const list = document.getElementById("results");
  list.replaceChildren(...res.agreements.map(agreementItem));
  list.start = offset + 1;
  pager(offset, res.total);
  facetList(res.facets || [], false);
}

// CSV of the current rows (up to CSV_LIMIT), built here from the API's JSON.
function csvCell(v) {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s) && isNaN(Number(s))) s = "'" + s; // not a formula in a spreadsheet
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

async function downloadCsv() {
  try {
    let cols, rows, total, name;
    if (view() === "agreements") {
      const res = await getJson("/api/agreements?" + apiQuery({ limit: CSV_LIMIT, offset: 0 }).toString());
      cols = ["agreement_id", "public_party", "code", "county", "partners", "form", "start", "end", "public_sek_per_year", "pages"];
      rows = res.agreements.map((a) => ({ ...a, partners: a.partners.join("; "), pages: a.pages.map((x) => x.url || x.path || x.record_id).join(" ") }));
      [total, name] = [res.total, "iop-avtal.csv"];
    } else {
      const res = await getJson("/api/search?" + apiQuery({ limit: CSV_LIMIT, offset: 0 }, ["in_force"]).toString());
      cols = ["id", "title", "url", "published", "municipality", "code", "partners", "form", "public_sek_per_year", "agreement_ids", "snippet"];
      rows = res.hits.map((h) => ({ ...h, partners: h.partners.join("; "), agreement_ids: h.agreement_ids.join(" ") }));
      [total, name] = [res.total, "iop-sidor.csv"];
    }
    const lines = [cols.join(",")].concat(rows.map((r) => cols.map((c) => csvCell(r[c])).join(",")));
    const blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    if (total > rows.length) setStatus(`CSV-filen har de första ${rows.length} av ${total}.`, false);
  } catch (e) {
    setStatus("CSV misslyckades: " + e.message, true);
  }
}

let chartReport = null;

async function runFunding() {
  const by = ["county", "partner"].includes(params().get("by")) ? params().get("by") : "municipality";
  const q = apiQuery({ by, limit: CHART_ROWS, items: 1 }, view() === "pages" ? ["in_force"] : []);
  const rep = await getJson("/api/funding?" + q.toString());
  const note = [`${plural(rep.agreements, "avtal", "avtal")}, ${kronor(rep.public_sek_per_year)} per år totalt (varje avtal räknas en gång, i en stapel).`];
  if (rep.agreements_without_figure > 0) note.push(`${rep.agreements_without_figure} saknar årsbelopp: de räknas men summeras inte.`);
  if (rep.rows_total > rep.rows.length) note.push(`De ${rep.rows.length} största av ${rep.rows_total} grupper visas.`);
  document.getElementById("funding-note").textContent = note.join(" ");
  chartReport = rep;
  drawChart();
}

// The agreements behind a bar: the one agreement itself, else the list of them.
function barHref(r, by) {
  if (r.agreements === 1 && r.items.length === 1) return "/avtal/" + encodeURIComponent(r.items[0].agreement_id);
  const q = apiQuery({ view: "avtal", by, group: r.key });
  return "/?" + q.toString();
}

// Horizontal bars sized to the box they are drawn in: the label beside the
// bar on a wide screen, above it on a narrow one.
function drawChart() {
  const box = document.getElementById("chart");
  const rep = chartReport;
  if (!rep) return;
  const width = Math.max(260, Math.floor(box.clientWidth || 320));
  const narrow = width < 600;
  const rows = rep.rows;
  const label = narrow ? 0 : Math.min(240, Math.floor(width * 0.32));
  const valueRoom = narrow ? 0 : Math.min(260, Math.floor(width * 0.3));
  const barH = 20, gap = narrow ? 30 : 8, lineH = narrow ? 16 : 0;
  const rowH = barH + gap + lineH;
  const max = Math.max(1, ...rows.map((r) => r.public_sek_per_year || 0));
  const s = svg("svg", { class: "chart", width, height: Math.max(24, rows.length * rowH + 4), viewBox: `0 0 ${width} ${Math.max(24, rows.length * rowH + 4)}`, role: "img", "aria-label": "Offentlig finansiering per år" });
  const chars = (px) => Math.max(8, Math.floor(px / 7));
  const cut = (t, n) => (t.length > n ? t.slice(0, n - 1) + "…" : t);
  rows.forEach((r, i) => {
    const y = i * rowH + 2 + lineH;
    const name = r.key === "none" ? NONE_NAMES[rep.by] || r.name : r.name;
    const known = r.public_sek_per_year !== null;
    const room = width - label - valueRoom - 8;
    const w = known ? Math.max(2, Math.round((room * r.public_sek_per_year) / max)) : 0;
    const per = r.sek_per_inhabitant !== null ? ` (${r.sek_per_inhabitant.toFixed(2).replace(".", ",")} kr/inv.)` : "";
    const unknown = r.agreements_without_figure > 0 ? ` +${r.agreements_without_figure} utan belopp` : "";
    const value = (known ? kronor(r.public_sek_per_year) + per : "belopp okänt") + unknown;
    const a = svg("a", { href: barHref(r, rep.by), class: "bar-link", "data-key": r.key });
    a.appendChild(svg("title", {}, `${name}: ${value}, ${plural(r.agreements, "avtal", "avtal")}`));
    if (narrow) {
      a.appendChild(svg("text", { x: 0, y: y - 4, class: "bar-label" }, cut(name, chars(width))));
      a.appendChild(svg("rect", { x: 0, y, width: w, height: barH }));
      const inside = w > width * 0.6;
      a.appendChild(svg("text", { x: inside ? 4 : w + 4, y: y + barH * 0.72, class: inside ? "bar-value inside" : "bar-value" }, cut(value, chars(inside ? w : width - w - 8))));
    } else {
      a.appendChild(svg("text", { x: label - 6, y: y + barH * 0.72, "text-anchor": "end", class: "bar-label" }, cut(name, chars(label))));
      a.appendChild(svg("rect", { x: label, y, width: w, height: barH }));
      a.appendChild(svg("text", { x: label + w + 6, y: y + barH * 0.72, class: "bar-value" }, cut(value, chars(width - label - w - 10))));
    }
    s.appendChild(a);
  });
  if (rows.length === 0) s.appendChild(svg("text", { x: 4, y: 16 }, "Inga avtal för den här sökningen."));
  box.replaceChildren(s);
}

function quote(text, field) {
  return el("blockquote", { class: "evidence", "data-field": field }, text);
}

// One agreement: parties, period, form, the yearly figure with every sentence
// behind it, every page that reports it, and where the pages disagree.
async function showAgreement(id) {
  const a = await getJson("/api/agreements/" + encodeURIComponent(id));
  const sec = document.getElementById("agreement");
  sec.hidden = false;
  const pageOf = new Map(a.pages.map((p) => [p.record_id, p]));
  const pageName = (rid) => {
    const p = pageOf.get(rid);
    return p ? p.title || p.url || p.path || rid : rid;
  };
  const evidence = (pred) => a.evidence.filter((e) => pred(e.field)).map((e) => el("div", { class: "said" }, quote(e.quote, e.field), el("small", {}, "— " + pageName(e.record_id))));
  const table = el("table", { class: "fields" });
  const row = (name, value, quotes) => table.appendChild(el("tr", {}, el("th", { scope: "row" }, name), el("td", {}, value === null || value === undefined || value === "" ? "okänt" : String(value), quotes || [])));
  row("Offentliga parter", a.public_parties.map((p) => p.name + (p.unit ? ` (${p.unit})` : "")).join("; "), evidence((f) => f === "public_parties" || f.startsWith("public_parties[")));
  row("Partner", a.organisations.length ? a.organisations.map((o) => o.name + (o.name.includes(o.place) ? "" : ` (${o.place})`)).join("; ") : a.partners.join("; "), evidence((f) => f === "partners" || f.startsWith("partners[")));
  row("Avtalsform", form(a.form), evidence((f) => f === "form"));
  row("Period", period(a), evidence((f) => f === "start" || f === "end" || f === "duration_months" || f === "extension_months"));
  if (a.duration_months) row("Längd", `${a.duration_months} månader`);
  if (a.extension_months) row("Möjlig förlängning", `${a.extension_months} månader`);
  row("Offentligt belopp per år", a.public_sek_per_year === null ? "okänt (ingen sida anger det)" : kronor(a.public_sek_per_year), evidence((f) => f === "public_sek_per_year" || f.startsWith("amounts[")));
  const back = document.referrer && new URL(document.referrer).origin === location.origin ? document.referrer : "/?view=avtal";
  const who = `${a.partners.join(", ") || "okänd partner"} – ${a.public_party || "okänd offentlig part"}`;
  const parts = [
    el("p", {}, el("a", { href: back }, "← tillbaka")),
    el("h2", { class: "agreement-title" }, who),
    el("p", { class: "meta" }, `Avtal ${a.agreement_id} · partnerskap ${a.partnership_id}` + (a.county ? ` · ${a.county}` : "")),
    table,
  ];
  if (a.conflicts.length > 0) {
    parts.push(el("h3", { class: "conflicts" }, "Sidorna säger olika"));
    const names = { start: "Start", end: "Slut", public_sek_per_year: "Belopp per år" };
    const list = el("ul", { class: "claims" });
    for (const c of a.claims.filter((c) => a.conflicts.includes(c.field))) {
      const v = c.field === "public_sek_per_year" ? kronor(Number(c.value)) : c.value;
      list.appendChild(el("li", {}, `${names[c.field] || c.field}: ${v} enligt `, c.pages.map((rid, i) => [i > 0 ? ", " : "", pageName(rid)])));
    }
    parts.push(list);
  }
  parts.push(el("h3", {}, `Sidor som rapporterar avtalet (${a.pages.length})`));
  parts.push(el("ol", { class: "pages" }, a.pages.map((p) => {
    const src = p.url ? safeUrl(p.url) : null;
    const title = p.title || p.url || p.path || p.record_id;
    const rec = new URLSearchParams({ id: p.record_id });
    return el("li", {}, src ? el("a", { href: src, rel: "noopener noreferrer", class: "source" }, title) : title,
      el("div", { class: "meta" }, [p.published || "datum saknas", p.own_page ? "egen sida" : "", src || p.path || ""].filter((x) => x).join(" · ")),
      el("a", { href: "/?" + rec.toString(), class: "evidence-link" }, "Sidans fält och belägg"));
  })));
  if (a.possibly_same_as.length > 0) {
    parts.push(el("p", { class: "note" }, "En sida passar även: ", a.possibly_same_as.map((x, i) => [i > 0 ? ", " : "", el("a", { href: "/avtal/" + encodeURIComponent(x) }, x)])));
  }
  sec.replaceChildren(...parts);
  document.title = "iop: " + who;
}

// One page's record: each agreement's fields, each with the sentence it came from.
async function showRecord(id) {
  const r = await getJson("/api/records/" + encodeURIComponent(id));
  const sec = document.getElementById("record");
  sec.hidden = false;
  const src = r.source.url ? safeUrl(r.source.url) : null;
  const title = r.source.title || r.source.url || r.id;
  const back = params();
  back.delete("id");
  const parts = [
    el("p", {}, el("a", { href: "/?" + back.toString() }, "← tillbaka till resultaten")),
    el("h2", { class: "record-title" }, src ? el("a", { href: src, rel: "noopener noreferrer", class: "source" }, title) : title),
    el("p", { class: "meta" }, [r.source.publisher && r.source.publisher.name, r.source.published, src || r.source.path].filter((x) => x).join(" · ")),
  ];
  if (r.agreements.length === 0) parts.push(el("p", { class: "note" }, "Inget avtal hittades på sidan."));
  r.agreements.forEach((a, i) => {
    parts.push(el("h3", {}, `Avtal ${i + 1} (${form(a.form)})`));
    const table = el("table", { class: "fields" });
    const evidenceFor = (field) => a.evidence.filter((e) => e.field === field || e.field.startsWith(field + "[") || e.field.startsWith(field + "."));
    const row = (name, value, field) => {
      const td = el("td", {}, value === null || value === undefined || value === "" ? "—" : String(value));
      for (const e of evidenceFor(field)) td.appendChild(quote(e.quote, e.field));
      table.appendChild(el("tr", {}, el("th", { scope: "row" }, name), td));
    };
    row("Offentliga parter", a.public_parties.map((p) => p.name + (p.unit ? ` (${p.unit})` : "")).join("; "), "public_parties");
    row("Partner", a.partners.map((p) => p.name).join("; "), "partners");
    row("Start", a.start, "start");
    row("Slut", a.end, "end");
    row("Längd, månader", a.duration_months, "duration_months");
    row("Förlängning, månader", a.extension_months, "extension_months");
    const per = { year: "per år", month: "per månad", total: "totalt" };
    const payer = { public: "offentlig part", partner: "partner", combined: "tillsammans" };
    a.amounts.forEach((m, j) => {
      const td = el("td", {}, `${kronor(m.sek)}${m.per ? " " + per[m.per] : ""}${m.payer ? " (" + payer[m.payer] + ")" : ""}`);
      for (const e of a.evidence.filter((e) => e.field === `amounts[${j}]`)) td.appendChild(quote(e.quote, e.field));
      table.appendChild(el("tr", {}, el("th", { scope: "row" }, `Belopp ${j + 1}`), td));
    });
    row("Offentligt belopp per år", a.public_sek_per_year === null ? null : kronor(a.public_sek_per_year), "public_sek_per_year");
    parts.push(table);
  });
  if (r.quotes.length > 0) {
    parts.push(el("h3", {}, "Citat"));
    for (const q of r.quotes) {
      const who = [q.speaker, q.role, q.organization, q.party].filter((x) => x).join(", ");
      parts.push(el("blockquote", { class: "quote" }, q.text, el("br"), el("small", {}, "— " + who)));
    }
  }
  parts.push(el("details", {}, el("summary", {}, "Sidans text"), el("div", { class: "record-text" }, r.text)));
  sec.replaceChildren(...parts);
  document.title = "iop: " + title;
}

async function main() {
  fillForm();
  document.getElementById("csv").addEventListener("click", downloadCsv);
  let resized = null;
  window.addEventListener("resize", () => {
    clearTimeout(resized);
    resized = setTimeout(drawChart, 100);
  });
  try {
    const v = view();
    if (v === "agreement") {
      document.getElementById("search").hidden = true;
      await showAgreement(decodeURIComponent(location.pathname.slice("/avtal/".length)));
    } else if (v === "record") {
      await showRecord(params().get("id"));
    } else {
      document.getElementById("browse").hidden = false;
      await Promise.all([v === "agreements" ? runAgreements() : runPages(), runFunding()]);
    }
    setStatus("", false);
  } catch (e) {
    setStatus(e.message, true);
  }
  document.documentElement.dataset.ready = "true";
}

main();
