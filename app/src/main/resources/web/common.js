// Small helpers shared by the pages.
const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
const badge = (v) => `<span class="badge ${esc(v || 'none')}">${esc(v || '–')}</span>`;
async function api(path) {
  const headers = {};
  const t = localStorage.getItem('solidscope-token');
  if (t) headers.Authorization = 'Bearer ' + t;
  const r = await fetch(path, {headers});
  if (!r.ok) throw new Error((await r.json().catch(() => ({detail: r.statusText}))).detail);
  return r.json();
}
function searchBox() {
  $('#search').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target.value.trim()) location.href = 'cell.html?id=' + encodeURIComponent(e.target.value.trim());
  });
}
const fmt = (v) => (v === null || v === undefined) ? '–' : (Math.abs(v) >= 100 ? v.toFixed(1) : Number(v).toPrecision(3));
