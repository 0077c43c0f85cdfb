import { quarterLabel } from '@efa/domain';
import type { PublicLang } from './public-http.js';
import type { PublicFigure, PublicRow, PublicServiceView } from './public-status.store.js';

/**
 * The server-rendered public status pages (no framework: escaped template strings). German is
 * the default, English the second language; every text of the pages is in TEXT below.
 * Accessibility (WCAG 2.1 AA / BITV 2.0): lang attribute, skip link, landmarks (header, nav,
 * main, footer), labelled search form, a polite live region for results, visible focus,
 * colours with at least 4.5:1 contrast, tables with caption and header cells.
 */

const esc = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const LOCALE: Record<PublicLang, string> = { de: 'de-DE', en: 'en-GB' };
const num = (n: number, lang: PublicLang): string => n.toLocaleString(LOCALE[lang]);

export const TEXT = {
  de: {
    site: 'EfA-Onlinedienste: Umsetzungsstand',
    skip: 'Zum Inhalt springen',
    language: 'Sprache',
    otherLanguage: 'English',
    otherLang: 'en',
    indexTitle: 'Kann ich den Antrag bei meiner Behörde online stellen?',
    indexLead: 'Wählen Sie einen Onlinedienst. Sie sehen dann, ob er bei Ihrer Behörde schon online verfügbar ist, und wenn nicht, wann es so weit sein soll.',
    services: 'Onlinedienste',
    liveOf: (f: PublicFigure, share: string) => `${num(f.live, 'de')} von ${num(f.total, 'de')} Behörden online (${share})`,
    serviceLead: 'Ist der Onlinedienst bei Ihrer Behörde schon verfügbar? Suchen Sie nach Ihrem Kreis, Ihrer Stadt oder Ihrer Behörde.',
    searchHeading: 'Behörde suchen',
    searchLabel: 'Kreis, Stadt oder Behörde',
    searchHint: 'Zum Beispiel „Landkreis Göttingen“, „Muenchen“ oder den 12-stelligen Regionalschlüssel.',
    searchButton: 'Suchen',
    results: 'Ergebnisse',
    resultCount: (n: number, q: string) => (n === 1 ? `1 Behörde gefunden für „${q}“.` : `${num(n, 'de')} Behörden gefunden für „${q}“.`),
    moreResults: (n: number) => `${num(n, 'de')} weitere Treffer: Bitte geben Sie einen genaueren Namen ein.`,
    noResults: (q: string) => `Keine Behörde gefunden für „${q}“. Bitte prüfen Sie die Schreibweise oder suchen Sie nach dem Kreis oder der kreisfreien Stadt.`,
    queryTooShort: 'Kreis, Stadt oder Behörde: Bitte geben Sie mindestens 2 und höchstens 100 Zeichen ein.',
    live: (date: string) => `Online verfügbar seit ${date}`,
    apply: 'Antrag jetzt online stellen',
    liveNoDate: 'Online verfügbar',
    noApplyLink: 'Der Link zum Online-Antrag wird noch ergänzt.',
    preparing: 'In Vorbereitung',
    plannedFor: (q: string) => `geplant für das ${q}`,
    noPlanPublished: 'ein Termin ist noch nicht veröffentlicht',
    notPlanned: 'Noch nicht geplant',
    notPlannedHint: 'Bitte wenden Sie sich für Ihren Antrag direkt an Ihre Behörde.',
    national: 'Bundesweit',
    nationalFigure: (f: PublicFigure, share: string) => `${num(f.live, 'de')} von ${num(f.total, 'de')} Behörden bieten diesen Onlinedienst an (${share}); ${num(f.preparing, 'de')} bereiten ihn vor.`,
    statesHeading: 'Stand nach Ländern',
    statesCaption: (service: string) => `Anteil der Behörden je Land, bei denen „${service}“ online verfügbar ist`,
    state: 'Land',
    liveCol: 'Online',
    preparingCol: 'In Vorbereitung',
    totalCol: 'Behörden',
    shareCol: 'Anteil online',
    authorityState: (name: string) => `Land: ${name}`,
    backToSearch: 'Zur Suche',
    allServices: 'Alle Onlinedienste',
    notFound: 'Nicht gefunden',
    noService: (id: string) => `Es gibt keinen öffentlich geführten Onlinedienst mit der OZG-ID ${id}.`,
    noAuthority: (ars: string) => `Es gibt keine Behörde mit dem Regionalschlüssel ${ars}.`,
    badArs: (ars: string) => `„${ars}“ ist kein Amtlicher Regionalschlüssel (12 Ziffern).`,
    unavailable: 'Der Umsetzungsstand wird gerade geladen. Bitte versuchen Sie es in einigen Sekunden erneut.',
    footer: 'Angaben der Behörden und Länder, täglich aktualisiert. Offene Daten unter der Lizenz CC BY 4.0.',
    updated: (d: string) => `Stand: ${d}`,
  },
  en: {
    site: 'EfA online services: rollout status',
    skip: 'Skip to content',
    language: 'Language',
    otherLanguage: 'Deutsch',
    otherLang: 'de',
    indexTitle: 'Can I apply online with my authority?',
    indexLead: 'Choose an online service. You will see whether it is already available online at your authority, and if not, when it is planned.',
    services: 'Online services',
    liveOf: (f: PublicFigure, share: string) => `${num(f.live, 'en')} of ${num(f.total, 'en')} authorities online (${share})`,
    serviceLead: 'Is the online service available at your authority yet? Search for your district, city or authority.',
    searchHeading: 'Find your authority',
    searchLabel: 'District, city or authority',
    searchHint: 'For example “Landkreis Göttingen”, “Muenchen” or the 12-digit regional key.',
    searchButton: 'Search',
    results: 'Results',
    resultCount: (n: number, q: string) => (n === 1 ? `1 authority found for “${q}”.` : `${num(n, 'en')} authorities found for “${q}”.`),
    moreResults: (n: number) => `${num(n, 'en')} more matches: please enter a more specific name.`,
    noResults: (q: string) => `No authority found for “${q}”. Please check the spelling or search for the district or the district-free city.`,
    queryTooShort: 'District, city or authority: please enter at least 2 and at most 100 characters.',
    live: (date: string) => `Available online since ${date}`,
    apply: 'Apply online now',
    liveNoDate: 'Available online',
    noApplyLink: 'The link to the online application will be added soon.',
    preparing: 'In preparation',
    plannedFor: (q: string) => `planned for ${q}`,
    noPlanPublished: 'no date has been published yet',
    notPlanned: 'Not yet planned',
    notPlannedHint: 'Please contact your authority directly for your application.',
    national: 'Nationwide',
    nationalFigure: (f: PublicFigure, share: string) => `${num(f.live, 'en')} of ${num(f.total, 'en')} authorities offer this online service (${share}); ${num(f.preparing, 'en')} are preparing it.`,
    statesHeading: 'Status by state',
    statesCaption: (service: string) => `Share of authorities per state where “${service}” is available online`,
    state: 'State',
    liveCol: 'Online',
    preparingCol: 'In preparation',
    totalCol: 'Authorities',
    shareCol: 'Share online',
    authorityState: (name: string) => `State: ${name}`,
    backToSearch: 'Back to the search',
    allServices: 'All online services',
    notFound: 'Not found',
    noService: (id: string) => `There is no publicly listed online service with OZG-ID ${id}.`,
    noAuthority: (ars: string) => `There is no authority with the regional key ${ars}.`,
    badArs: (ars: string) => `“${ars}” is not an official regional key (ARS, 12 digits).`,
    unavailable: 'The rollout status is being loaded. Please try again in a few seconds.',
    footer: 'Information from the authorities and states, updated daily. Open data under the CC BY 4.0 licence.',
    updated: (d: string) => `As of ${d}`,
  },
} as const;


// The formatters are made once per language: every `new Intl.DateTimeFormat/NumberFormat` builds an ICU
// formatter outside the V8 heap (tens of kB, about 0.1 ms) that is freed only when a major GC collects
// its wrapper. Made per date and figure, the HTML pages at 50 clients held hundreds of MB of them.
const DATE_FORMAT: Record<PublicLang, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat(LOCALE.de, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(LOCALE.en, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const SHARE_FORMAT: Record<PublicLang, Intl.NumberFormat> = {
  de: new Intl.NumberFormat(LOCALE.de, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat(LOCALE.en, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

export function formatDate(iso: string, lang: PublicLang): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return DATE_FORMAT[lang].format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatShare(f: PublicFigure, lang: PublicLang): string {
  const share = f.total ? f.live / f.total : 0;
  return SHARE_FORMAT[lang].format(share);
}

const CSS = `
:root{color-scheme:light;--ink:#1b1b1b;--muted:#4a4a4a;--link:#0b4f96;--focus:#b34700;--line:#c9c9c9;--bg:#fff;--band:#f2f4f7}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--link)}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-3rem;background:#fff;color:var(--link);padding:.5rem 1rem;border:2px solid var(--link);z-index:10}
.skip:focus{top:.5rem}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
header{background:var(--band);border-bottom:1px solid var(--line)}
header .wrap{display:flex;justify-content:space-between;align-items:center;gap:1rem;padding-top:.75rem;padding-bottom:.75rem}
.brand{font-weight:700;color:var(--ink);text-decoration:none}
main{padding:1rem 0 2rem}
main:focus{outline:none}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:0 0 .25rem}
.lead{font-size:1.1rem;color:var(--muted);max-width:45rem}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:1rem 0}
form.search .field{display:flex;flex-direction:column;flex:1 1 20rem}
label{font-weight:600}
.hint{color:var(--muted);font-size:.95rem}
input[type=search]{font:inherit;padding:.55rem .7rem;border:2px solid #5c5c5c;border-radius:4px;min-height:2.75rem}
input[aria-invalid=true]{border-color:#a4000f}
.error{color:#a4000f;font-weight:600}
button{font:inherit;font-weight:600;padding:.55rem 1.2rem;min-height:2.75rem;border:2px solid var(--link);border-radius:4px;background:var(--link);color:#fff;cursor:pointer}
ul.results,ul.services{list-style:none;padding:0;margin:0}
ul.results li,ul.services li{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin:.5rem 0}
.status{display:inline-block;font-weight:600;padding:.1rem .5rem;border-radius:4px;margin:.25rem 0}
.status-LIVE{background:#e1f3e6;color:#0b5a27}
.status-PREPARING{background:#fff1d1;color:#6a4300}
.status-NOT_PLANNED{background:#ececec;color:#3d3d3d}
.apply{font-weight:600}
.meta{color:var(--muted);font-size:.95rem;margin:.25rem 0 0}
table{border-collapse:collapse;width:100%;max-width:45rem}
caption{text-align:left;font-weight:600;padding:.25rem 0 .5rem}
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.figure{font-size:1.1rem}
footer{border-top:1px solid var(--line);color:var(--muted);font-size:.95rem;padding:1rem 0 2rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

interface Layout {
  lang: PublicLang;
  title: string;
  /** The same page in the other language. */
  otherHref: string;
  body: string;
  script?: string;
}

export function layout(p: Layout): string {
  const t = TEXT[p.lang];
  return `<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)} – ${esc(t.site)}</title>
<link rel="alternate" hreflang="${t.otherLang}" href="${esc(p.otherHref)}">
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">${esc(t.skip)}</a>
<header><div class="wrap">
<a class="brand" href="/public/${p.lang}">${esc(t.site)}</a>
<nav aria-label="${esc(t.language)}"><a href="${esc(p.otherHref)}" hreflang="${t.otherLang}" lang="${t.otherLang}">${esc(t.otherLanguage)}</a></nav>
</div></header>
<main id="main" tabindex="-1"><div class="wrap">
${p.body}
</div></main>
<footer><div class="wrap"><p>${esc(t.footer)}</p></div></footer>
${p.script ? `<script src="${esc(p.script)}" defer></script>` : ''}
</body>
</html>`;
}

/** The answer for one authority: status, date, link to apply or planned quarter. */
export function answerHtml(row: PublicRow, lang: PublicLang, headingLevel: 2 | 3, href?: string): string {
  const t = TEXT[lang];
  const h = `h${headingLevel}`;
  const title = href ? `<a href="${esc(href)}">${esc(row.name)}</a>` : esc(row.name);
  let status: string;
  let detail = '';
  if (row.status === 'LIVE') {
    status = row.liveSince ? t.live(formatDate(row.liveSince, lang)) : t.liveNoDate;
    detail = row.applyUrl && /^https?:\/\//i.test(row.applyUrl)
      ? `<p><a class="apply" href="${esc(row.applyUrl)}" rel="noopener">${esc(t.apply)}<span class="visually-hidden"> (${esc(row.name)})</span></a></p>`
      : `<p class="meta">${esc(t.noApplyLink)}</p>`;
  } else if (row.status === 'PREPARING') {
    status = `${t.preparing} – ${row.plannedQuarter ? t.plannedFor(quarterLabel(row.plannedQuarter, lang)) : t.noPlanPublished}`;
  } else {
    status = t.notPlanned;
    detail = `<p class="meta">${esc(t.notPlannedHint)}</p>`;
  }
  return `<${h}>${title}</${h}>
<p><span class="status status-${row.status}">${esc(status)}</span></p>
${detail}<p class="meta">${esc(t.authorityState(row.stateName))} · ARS ${esc(row.ars)}</p>`;
}

export function indexPage(lang: PublicLang, services: PublicServiceView[]): string {
  const t = TEXT[lang];
  const items = services
    .map((s) => `<li><h3><a href="/public/${lang}/services/${esc(s.ozgId)}">${esc(s.name)}</a></h3><p class="meta">OZG-ID ${esc(s.ozgId)} · ${esc(t.liveOf(s, formatShare(s, lang)))}</p></li>`)
    .join('\n');
  return layout({
    lang,
    title: t.indexTitle,
    otherHref: `/public/${t.otherLang}`,
    body: `<h1>${esc(t.indexTitle)}</h1>
<p class="lead">${esc(t.indexLead)}</p>
<h2>${esc(t.services)}</h2>
<ul class="services">${items}</ul>`,
  });
}

export interface SearchView {
  query: string;
  error?: boolean;
  total: number;
  results: PublicRow[];
}

function searchForm(lang: PublicLang, s: PublicServiceView, search?: SearchView): string {
  const t = TEXT[lang];
  const invalid = search?.error ? ' aria-invalid="true"' : '';
  const describedBy = search?.error ? 'q-hint q-error' : 'q-hint';
  return `<section aria-labelledby="search-heading">
<h2 id="search-heading">${esc(t.searchHeading)}</h2>
<form class="search" role="search" method="get" action="/public/${lang}/services/${esc(s.ozgId)}" data-ozg-id="${esc(s.ozgId)}" data-lang="${lang}">
<div class="field">
<label for="q">${esc(t.searchLabel)}</label>
<span class="hint" id="q-hint">${esc(t.searchHint)}</span>
${search?.error ? `<span class="error" id="q-error">${esc(t.queryTooShort)}</span>` : ''}
<input type="search" id="q" name="q" value="${esc(search?.query ?? '')}" autocomplete="off" spellcheck="false" maxlength="100" aria-describedby="${describedBy}"${invalid}>
</div>
<button type="submit">${esc(t.searchButton)}</button>
</form>
<div id="results" aria-live="polite" aria-atomic="false">${search ? resultsHtml(lang, s, search) : ''}</div>
</section>`;
}

export function resultsHtml(lang: PublicLang, s: PublicServiceView, search: SearchView): string {
  const t = TEXT[lang];
  if (search.error) return '';
  if (!search.total) return `<p id="result-count" role="status">${esc(t.noResults(search.query))}</p>`;
  const items = search.results.map((r) => `<li>${answerHtml(r, lang, 3, `/public/${lang}/services/${s.ozgId}/authorities/${r.ars}`)}</li>`).join('\n');
  const more = search.total > search.results.length ? `<p class="meta">${esc(t.moreResults(search.total - search.results.length))}</p>` : '';
  return `<h3 class="visually-hidden">${esc(t.results)}</h3><p id="result-count">${esc(t.resultCount(search.total, search.query))}</p><ul class="results">${items}</ul>${more}`;
}

function figuresHtml(lang: PublicLang, s: PublicServiceView): string {
  const t = TEXT[lang];
  const rows = s.states
    .map((st) => `<tr><th scope="row">${esc(st.name)}</th><td class="num">${num(st.live, lang)}</td><td class="num">${num(st.preparing, lang)}</td><td class="num">${num(st.total, lang)}</td><td class="num">${esc(formatShare(st, lang))}</td></tr>`)
    .join('\n');
  return `<section aria-labelledby="national-heading">
<h2 id="national-heading">${esc(t.national)}</h2>
<p class="figure" id="national-figure">${esc(t.nationalFigure(s, formatShare(s, lang)))}</p>
</section>
<section aria-labelledby="states-heading">
<h2 id="states-heading">${esc(t.statesHeading)}</h2>
<table id="states">
<caption>${esc(t.statesCaption(s.name))}</caption>
<thead><tr><th scope="col">${esc(t.state)}</th><th scope="col" class="num">${esc(t.liveCol)}</th><th scope="col" class="num">${esc(t.preparingCol)}</th><th scope="col" class="num">${esc(t.totalCol)}</th><th scope="col" class="num">${esc(t.shareCol)}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</section>`;
}

/** The texts the search script renders with (placeholders in braces), as a JSON data block. */
function scriptTexts(lang: PublicLang): string {
  const t = TEXT[lang];
  const texts = {
    locale: LOCALE[lang],
    dateFormat: { day: lang === 'de' ? '2-digit' : 'numeric', month: lang === 'de' ? '2-digit' : 'long', year: 'numeric', timeZone: 'UTC' },
    quarter: quarterLabel('2000-Q1', lang).replace('2000', '{year}').replace('1', '{q}'),
    live: t.live('{date}'),
    liveNoDate: t.liveNoDate,
    apply: t.apply,
    noApplyLink: t.noApplyLink,
    preparing: t.preparing,
    plannedFor: t.plannedFor('{quarter}'),
    noPlanPublished: t.noPlanPublished,
    notPlanned: t.notPlanned,
    notPlannedHint: t.notPlannedHint,
    authorityState: t.authorityState('{name}'),
    results: t.results,
    resultOne: t.resultCount(1, '{q}'),
    resultMany: t.resultCount(2, '{q}').replace('2', '{n}'),
    more: t.moreResults(2).replace('2', '{n}'),
    noResults: t.noResults('{q}'),
  };
  return `<script type="application/json" id="public-texts">${JSON.stringify(texts).replace(/</g, '\\u003c')}</script>`;
}

export function servicePage(lang: PublicLang, s: PublicServiceView, search: SearchView | undefined, script: string): string {
  const t = TEXT[lang];
  const query = search?.query ? `?q=${encodeURIComponent(search.query)}` : '';
  return layout({
    lang,
    title: s.name,
    otherHref: `/public/${t.otherLang}/services/${encodeURIComponent(s.ozgId)}${query}`,
    script,
    body: `<p><a href="/public/${lang}">${esc(t.allServices)}</a></p>
<h1>${esc(s.name)}</h1>
<p class="lead">${esc(t.serviceLead)}</p>
${searchForm(lang, s, search)}
${figuresHtml(lang, s)}
<p class="meta">${esc(t.updated(formatDate(s.updatedAt, lang)))}</p>
${scriptTexts(lang)}`,
  });
}

export function authorityPage(lang: PublicLang, s: PublicServiceView, row: PublicRow): string {
  const t = TEXT[lang];
  return layout({
    lang,
    title: `${row.name}: ${s.name}`,
    otherHref: `/public/${t.otherLang}/services/${encodeURIComponent(s.ozgId)}/authorities/${row.ars}`,
    body: `<p><a href="/public/${lang}/services/${esc(s.ozgId)}">${esc(t.backToSearch)}</a></p>
<h1>${esc(s.name)}</h1>
<section aria-labelledby="answer" class="answer">
${answerHtml(row, lang, 2).replace('<h2>', '<h2 id="answer">')}
</section>
<p class="meta">${esc(t.updated(formatDate(row.updatedAt, lang)))}</p>`,
  });
}

export function problemPage(lang: PublicLang, title: string, message: string, otherHref: string): string {
  const t = TEXT[lang];
  return layout({ lang, title, otherHref, body: `<h1>${esc(title)}</h1><p>${esc(message)}</p><p><a href="/public/${lang}">${esc(t.allServices)}</a></p>` });
}
