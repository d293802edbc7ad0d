// The iop search page. Reads the search from the URL (so every search is a
// link), calls the JSON API and draws results, one record with the evidence
// behind each value, and a funding bar chart (SVG). All text from documents
// goes into the page as text nodes (textContent / createTextNode), never as
// HTML; links to sources are followed only for http(s) URLs.
"use strict";

const FILTERS = ["q", "municipality", "county", "partner", "from", "to", "min_sek", "max_sek", "sort"];
const PAGE = 20;
const CSV_LIMIT = 1000;
const SVG_NS = "http://www.w3.org/2000/svg";

// An element with attributes and children (strings become text nodes).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
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
  return n === null || n === undefined ? "" : n.toLocaleString("sv-SE").replace(/\u00a0/g, " ") + " kr";
}

function date(d) {
  if (!d) return "";
  return typeof d === "string" ? d : [d.year, d.month, d.day].filter((x) => x).map((x) => String(x).padStart(2, "0")).join("-");
}

// The snippet with **marked** words as <mark> nodes; text stays text.
function snippetNodes(snippet) {
  const p = el("p", { class: "snippet" });
  snippet.split("**").forEach((part, i) => {
    if (part === "") return;
    p.appendChild(i % 2 === 1 ? el("mark", {}, part) : document.createTextNode(part));
  });
  return p;
}

function params() {
  return new URLSearchParams(location.search);
}

// The API query string for the current search: the filters that are set.
function apiQuery(extra) {
  const p = params();
  const out = new URLSearchParams();
  for (const k of FILTERS) {
    const v = p.get(k);
    if (v && v.trim()) out.set(k, v.trim());
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
  const form = document.getElementById("search");
  for (const name of [...FILTERS, "by"]) {
    const v = p.get(name);
    const field = form.elements[name];
    if (v === null || !field) continue;
    if (field.tagName === "INPUT") field.defaultValue = v; // the value attribute too
    field.value = v;
  }
}

function hitItem(h) {
  const li = el("li", { class: "hit", "data-id": h.id });
  const src = h.url ? safeUrl(h.url) : null;
  const title = h.title || h.url || h.path || h.id;
  li.appendChild(el("div", { class: "hit-title" }, src ? el("a", { href: src, rel: "noopener noreferrer", class: "source" }, title) : title));
  const meta = [h.municipality, date(h.published), h.partners.join(", "), kronor(h.public_sek_per_year) ? kronor(h.public_sek_per_year) + " a year" : "", h.form ? h.form.toUpperCase() : ""]
    .filter((x) => x);
  li.appendChild(el("div", { class: "meta" }, meta.join(" · ")));
  li.appendChild(snippetNodes(h.snippet || ""));
  const ev = new URLSearchParams(location.search);
  ev.set("id", h.id);
  li.appendChild(el("a", { href: "/?" + ev.toString(), class: "evidence-link" }, "Fields and evidence"));
  return li;
}

async function runSearch() {
  const p = params();
  const offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  const res = await getJson("/api/search?" + apiQuery({ limit: PAGE, offset }).toString());
  document.getElementById("results-section").hidden = false;
  document.getElementById("total").textContent = `${res.total} ${res.total === 1 ? "page" : "pages"}`;
  const list = document.getElementById("results");
  list.replaceChildren(...res.hits.map(hitItem));
  list.start = offset + 1;
  const nav = document.getElementById("pages");
  nav.replaceChildren();
  const page = (o, label) => {
    const q = new URLSearchParams(location.search);
    q.set("offset", o);
    q.delete("id");
    return el("a", { href: "/?" + q.toString() }, label);
  };
  if (offset > 0) nav.appendChild(page(Math.max(0, offset - PAGE), "← previous"));
  if (offset + PAGE < res.total) nav.appendChild(page(offset + PAGE, "next →"));
}

// CSV of the current results (up to CSV_LIMIT), built here from the API's JSON.
function csvCell(v) {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // not a formula in a spreadsheet
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

async function downloadCsv() {
  try {
    const res = await getJson("/api/search?" + apiQuery({ limit: CSV_LIMIT, offset: 0 }).toString());
    const cols = ["id", "title", "url", "published", "municipality", "code", "partners", "form", "public_sek_per_year", "snippet"];
    const lines = [cols.join(",")];
    for (const h of res.hits) {
      lines.push(cols.map((c) => csvCell(c === "partners" ? h.partners.join("; ") : c === "published" ? date(h.published) : h[c])).join(","));
    }
    const blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    const a = el("a", { href: URL.createObjectURL(blob), download: "iop-search.csv" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    if (res.total > res.hits.length) setStatus(`CSV has the first ${res.hits.length} of ${res.total} pages.`, false);
  } catch (e) {
    setStatus("CSV failed: " + e.message, true);
  }
}

async function runFunding() {
  const by = ["county", "partner"].includes(params().get("by")) ? params().get("by") : "municipality";
  const q = apiQuery({ by });
  for (const k of ["q", "sort"]) q.delete(k);
  const rep = await getJson("/api/funding?" + q.toString());
  document.getElementById("funding-section").hidden = false;
  const note = [`${rep.agreements} agreements, ${kronor(rep.public_sek_per_year)} a year in all (pages matching the filters).`];
  if (rep.agreements_without_figure > 0) note.push(`${rep.agreements_without_figure} have no yearly figure: counted, not summed.`);
  document.getElementById("funding-note").textContent = note.join(" ");
  document.getElementById("chart").replaceChildren(chart(rep.rows.filter((r) => r.public_sek_per_year > 0).slice(0, 20)));
}

// Horizontal bars: kronor a year per group, with kronor per inhabitant.
function chart(rows) {
  const label = 190, width = 720, barH = 22, gap = 6, right = 230;
  const max = Math.max(1, ...rows.map((r) => r.public_sek_per_year));
  const s = svg("svg", { class: "chart", width, height: Math.max(1, rows.length) * (barH + gap) + 4, role: "img", "aria-label": "Yearly public funding" });
  rows.forEach((r, i) => {
    const y = i * (barH + gap) + 2;
    const w = Math.max(1, Math.round(((width - label - right) * r.public_sek_per_year) / max));
    const g = svg("g", { class: "bar" });
    g.appendChild(svg("title", {}, `${r.name}: ${kronor(r.public_sek_per_year)} a year, ${r.agreements} agreements`));
    g.appendChild(svg("text", { x: label - 6, y: y + barH * 0.7, "text-anchor": "end" }, r.name));
    g.appendChild(svg("rect", { x: label, y, width: w, height: barH }));
    const per = r.sek_per_inhabitant !== null && r.sek_per_inhabitant !== undefined ? ` (${r.sek_per_inhabitant.toFixed(2)} kr/inv.)` : "";
    g.appendChild(svg("text", { x: label + w + 6, y: y + barH * 0.7 }, kronor(r.public_sek_per_year) + per));
    s.appendChild(g);
  });
  if (rows.length === 0) s.appendChild(svg("text", { x: 4, y: 16 }, "No yearly figures for these filters."));
  return s;
}

// One record: each agreement's fields, each with the sentence it came from.
async function showRecord(id) {
  const r = await getJson("/api/records/" + encodeURIComponent(id));
  const sec = document.getElementById("record");
  sec.hidden = false;
  const src = r.source.url ? safeUrl(r.source.url) : null;
  const title = r.source.title || r.source.url || r.id;
  const back = new URLSearchParams(location.search);
  back.delete("id");
  const parts = [
    el("p", {}, el("a", { href: "/?" + back.toString() }, "← back to results")),
    el("h2", { class: "record-title" }, src ? el("a", { href: src, rel: "noopener noreferrer", class: "source" }, title) : title),
    el("p", { class: "meta" }, [r.source.publisher && r.source.publisher.name, date(r.source.published), src || r.source.path].filter((x) => x).join(" · ")),
  ];
  if (r.agreements.length === 0) parts.push(el("p", { class: "note" }, "No agreement found on this page."));
  r.agreements.forEach((a, i) => {
    parts.push(el("h3", {}, `Agreement ${i + 1} (${a.form})`));
    const table = el("table", { class: "fields" });
    const evidenceFor = (field) => a.evidence.filter((e) => e.field === field || e.field.startsWith(field + "[") || e.field.startsWith(field + "."));
    const row = (name, value, field) => {
      const td = el("td", {}, value === null || value === undefined || value === "" ? "—" : String(value));
      for (const e of evidenceFor(field)) td.appendChild(el("blockquote", { class: "evidence", "data-field": e.field }, e.quote));
      table.appendChild(el("tr", {}, el("th", {}, name), td));
    };
    row("Public parties", a.public_parties.map((p) => p.name + (p.unit ? ` (${p.unit})` : "")).join("; "), "public_parties");
    row("Partners", a.partners.map((p) => p.name).join("; "), "partners");
    row("Start", date(a.start), "start");
    row("End", date(a.end), "end");
    row("Duration, months", a.duration_months, "duration_months");
    row("Extension, months", a.extension_months, "extension_months");
    a.amounts.forEach((m, j) => {
      const td = el("td", {}, `${kronor(m.sek)}${m.per ? " per " + m.per : ""}${m.payer ? " (" + m.payer + ")" : ""}`);
      for (const e of a.evidence.filter((e) => e.field === `amounts[${j}]`)) td.appendChild(el("blockquote", { class: "evidence", "data-field": e.field }, e.quote));
      table.appendChild(el("tr", {}, el("th", {}, `Amount ${j + 1}`), td));
    });
    row("Public funding a year", kronor(a.public_sek_per_year), "public_sek_per_year");
    parts.push(table);
  });
  if (r.quotes.length > 0) {
    parts.push(el("h3", {}, "Quotes"));
    for (const q of r.quotes) {
      const who = [q.speaker, q.role, q.organization, q.party].filter((x) => x).join(", ");
      parts.push(el("blockquote", { class: "quote" }, q.text, el("br"), el("small", {}, "— " + who)));
    }
  }
  parts.push(el("details", {}, el("summary", {}, "Text of the page"), el("div", { class: "record-text" }, r.text)));
  sec.replaceChildren(...parts);
  document.title = "iop: " + title;
}

async function main() {
  fillForm();
  document.getElementById("csv").addEventListener("click", downloadCsv);
  const id = params().get("id");
  try {
    if (id) {
      await showRecord(id);
    } else {
      await Promise.all([runSearch(), runFunding()]);
    }
    setStatus("", false);
  } catch (e) {
    setStatus(e.message, true);
  }
}

main();
