/**
 * The demo of the embeddable component: a mock municipal website ("Musterstadt", clearly fictional)
 * with its own aggressive global CSS that embeds <efa-rollout-status> for real authorities, once
 * themed through the component's CSS custom properties and parts. Pure: HTML in, HTML out.
 */
export interface DemoEmbed {
  id: string;
  ozgId: string;
  ars: string;
  authorityName: string;
  status: string;
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const TEXT = {
  de: {
    title: 'Musterstadt – Bürgerservice: Aufenthaltstitel (Demo)',
    skip: 'Zum Inhalt springen',
    banner: 'Fiktive Beispielseite: „Musterstadt“ gibt es nicht. Sie zeigt, wie Kommunen die Statuskomponente von EfA Rollout einbinden.',
    site: 'Musterstadt',
    tagline: 'Bürgerservice online',
    nav: ['Rathaus', 'Bürgerservice', 'Kontakt'],
    navLabel: 'Hauptnavigation',
    heading: 'Aufenthaltstitel beantragen',
    intro: 'Hier sehen Sie, ob Sie den Aufenthaltstitel bei Ihrer Ausländerbehörde schon online beantragen können.',
    hostBadge: 'Hinweis der Musterstadt: Diese Box gehört zur Seite, nicht zur Komponente.',
    plain: 'Standarddarstellung',
    themed: 'Im Design der Musterstadt (CSS-Custom-Properties und ::part())',
    english: 'English version of the component',
    unknown: 'Unbekannte Behörde (Fehlerzustand)',
    noscript: 'Ohne JavaScript finden Sie den Status auf der öffentlichen Statusseite:',
    statusPage: 'Öffentliche Statusseite',
    none: 'In der Datenbank gibt es für diese Leistung noch keine Behörde mit diesem Status.',
    footer: 'Musterstadt ist fiktiv. Status: EfA Rollout, Lizenz CC BY 4.0.',
    other: 'English',
    otherHref: '?lang=en',
  },
  en: {
    title: 'Musterstadt – citizen services: residence permit (demo)',
    skip: 'Skip to content',
    banner: 'Fictional example page: "Musterstadt" does not exist. It shows how municipalities embed the EfA Rollout status component.',
    site: 'Musterstadt',
    tagline: 'Citizen services online',
    nav: ['Town hall', 'Citizen services', 'Contact'],
    navLabel: 'Main navigation',
    heading: 'Apply for a residence permit',
    intro: 'See whether you can already apply for a residence permit online with your immigration authority.',
    hostBadge: 'Musterstadt notice: this box belongs to the page, not to the component.',
    plain: 'Default look',
    themed: 'In Musterstadt design (CSS custom properties and ::part())',
    english: 'German version of the component',
    unknown: 'Unknown authority (error state)',
    noscript: 'Without JavaScript, see the public status page:',
    statusPage: 'Public status page',
    none: 'There is no authority with this status for this service in the database yet.',
    footer: 'Musterstadt is fictional. Status: EfA Rollout, licence CC BY 4.0.',
    other: 'Deutsch',
    otherHref: '?lang=de',
  },
} as const;

/**
 * The page's own global CSS: fonts, colours, uppercase paragraphs and rules for the very class
 * names the component uses inside (.box, .badge, .message, a) — none of it may reach the
 * component, and the component's styles may not reach the page's own `.badge`.
 */
const HOST_CSS = `
  * { box-sizing: border-box; }
  html { background: #f4f1ea; }
  body { margin: 0; font-family: Georgia, 'Times New Roman', serif; color: #2b2b2b; line-height: 1.7; font-size: 18px; }
  p { letter-spacing: 0.03em; text-transform: uppercase; margin: 0 0 1rem; }
  a { color: #7a1f1f; font-weight: 400; }
  .box, .badge, .message { border: 3px dashed #7a1f1f; padding: 0.25rem; background: #fff8e1; color: #2b2b2b; border-radius: 0; font-weight: 400; }
  .skip { position: absolute; left: -999px; }
  .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.5rem; }
  .banner { margin: 0; padding: 0.5rem 1rem; background: #2b2b2b; color: #fff; text-transform: none; }
  header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 1rem; padding: 1rem 2rem; background: #7a1f1f; color: #fff; }
  header .site { font-size: 1.75rem; font-weight: 700; margin: 0; }
  header nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
  header nav a { color: #fff; }
  main { max-width: 60rem; margin: 0 auto; padding: 1rem 2rem 2rem; }
  h1, h2 { font-family: Georgia, serif; color: #7a1f1f; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1.5rem; }
  .theme-musterstadt efa-rollout-status {
    --efa-status-font: Georgia, 'Times New Roman', serif;
    --efa-status-accent: #7a1f1f;
    --efa-status-live: #14532d;
    --efa-status-preparing: #7c2d12;
    --efa-status-background: #fffdf7;
    --efa-status-border: #7a1f1f;
    --efa-status-radius: 0;
  }
  .theme-musterstadt efa-rollout-status::part(container) { box-shadow: 4px 4px 0 #7a1f1f; }
  footer { padding: 1rem 2rem; background: #2b2b2b; color: #fff; }
  footer p { margin: 0; text-transform: none; }
`;

export function demoPage(options: { lang: 'de' | 'en'; scriptUrl: string; statusPageUrl: (ozgId: string, ars: string) => string; live?: DemoEmbed; preparing?: DemoEmbed; ozgId: string }): string {
  const t = TEXT[options.lang];
  const other = options.lang === 'de' ? 'en' : 'de';
  const embed = (e: DemoEmbed | undefined, id: string, lang: 'de' | 'en' = options.lang) =>
    e
      ? `<efa-rollout-status id="${id}" service="${esc(e.ozgId)}" authority-ars="${esc(e.ars)}" lang="${lang}"></efa-rollout-status>
        <noscript><p>${esc(t.noscript)} <a href="${esc(options.statusPageUrl(e.ozgId, e.ars))}">${esc(t.statusPage)}: ${esc(e.authorityName)}</a></p></noscript>`
      : `<p>${esc(t.none)}</p>`;
  const section = (title: string, body: string) => `<section><h2>${esc(title)}</h2>${body}</section>`;
  return `<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)}</title>
<style>${HOST_CSS}</style>
<script type="module" src="${esc(options.scriptUrl)}"></script>
</head>
<body>
<a class="skip" href="#content">${esc(t.skip)}</a>
<p class="banner" role="note">${esc(t.banner)}</p>
<header>
  <p class="site">${esc(t.site)}</p><span>${esc(t.tagline)}</span>
  <nav aria-label="${esc(t.navLabel)}"><ul>${t.nav.map((n) => `<li><a href="#content">${esc(n)}</a></li>`).join('')}<li><a href="${t.otherHref}" lang="${other}" hreflang="${other}">${esc(t.other)}</a></li></ul></nav>
</header>
<main id="content">
  <h1>${esc(t.heading)}</h1>
  <p>${esc(t.intro)}</p>
  <p class="badge" id="host-badge">${esc(t.hostBadge)}</p>
  <div class="grid">
    ${section(`${t.plain}: LIVE`, embed(options.live, 'demo-live'))}
    ${section(`${t.plain}: PREPARING`, embed(options.preparing, 'demo-preparing'))}
  </div>
  <div class="grid theme-musterstadt">
    ${section(t.themed, embed(options.live, 'demo-themed'))}
    ${section(t.english, embed(options.preparing, 'demo-other-lang', other))}
  </div>
  ${section(t.unknown, `<efa-rollout-status id="demo-unknown" service="${esc(options.ozgId)}" authority-ars="000000000000" lang="${options.lang}"></efa-rollout-status>`)}
</main>
<footer><p>${esc(t.footer)}</p></footer>
</body>
</html>
`;
}
