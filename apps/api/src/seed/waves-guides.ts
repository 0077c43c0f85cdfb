import type { EntityManager } from 'typeorm';

/**
 * A generic connection guide (Integrationsleitfaden) for Aufenthaltstitel, one section per milestone
 * of the default pipeline, written from the public steps of the published guides and EfA checklists
 * (no personal data), and one example wave of Brandenburg districts.
 * Written only when the service has no guide sections / no wave of that name yet.
 */
export const AUFENTHALTSTITEL_GUIDE: ReadonlyArray<{ milestoneKey: string; title: string; body: string }> = [
  {
    milestoneKey: 'CONTACTS_NAMED',
    title: 'Nachnutzung registrieren',
    body: `Die Ausländerbehörde meldet ihr Interesse an der Nachnutzung des Onlinedienstes an.

- eine **fachliche Ansprechperson** (Sachgebiet Aufenthaltsrecht) benennen
- eine **technische Ansprechperson** (IT der Kommune oder kommunaler IT-Dienstleister) benennen
- klären, ob das Land einen Nachnutzungsvertrag unterzeichnet hat (Voraussetzung für den Go-Live)`,
  },
  {
    milestoneKey: 'TENANT_SET_UP',
    title: 'Stammdaten und Mandant',
    body: `Nach dem Kick-off richtet der Betreiber den Mandanten der Behörde ein.

1. Stammdaten übermitteln: Name, Anschrift, Zuständigkeitsbereich (ARS), Logo
2. festlegen, welche Antragsstrecken genutzt werden
3. Zugänge für die PRE-Umgebung (Test) erhalten`,
  },
  {
    milestoneKey: 'DATA_PROTECTION_AGREEMENT',
    title: 'Datenschutz und IT-Sicherheit',
    body: `Vor der Verarbeitung echter Anträge müssen vorliegen:

- **Auftragsverarbeitungsvertrag (AVV)** oder eine Vereinbarung über gemeinsame Verantwortlichkeit nach **Art. 26 DSGVO**
- das Datenschutzkonzept und das IT-Sicherheitskonzept des Onlinedienstes, von der Behörde zur Kenntnis genommen
- ggf. ein Eintrag im Verzeichnis der Verarbeitungstätigkeiten`,
  },
  {
    milestoneKey: 'SERVICE_DIRECTORY_ENTRY',
    title: 'Eintrag im Verwaltungsportal (PVOG)',
    body: `Damit Antragstellende die zuständige Behörde finden, wird die Organisationseinheit der Behörde im Redaktionssystem des Landes (z. B. **BUS-BB** in Brandenburg) mit der Leistung (LeiKa-Schlüssel) verknüpft. Die Daten fließen in das Portalverbund-Online-Gateway (**PVOG**).`,
  },
  {
    milestoneKey: 'WEB_COMPONENT_EMBEDDED',
    title: 'Webkomponente einbinden',
    body: `Der Onlinedienst wird als Webkomponente auf der Internetseite der Behörde eingebunden.

- Einbettungscode in der PRE-Umgebung testen
- Texte, Logo und Kontaktangaben konfigurieren
- Barrierefreiheit der einbettenden Seite prüfen`,
  },
  {
    milestoneKey: 'DVDV_ENTRY',
    title: 'Routing: DVDV-Eintrag und Zertifikat',
    body: `Anträge werden über das **Deutsche Verwaltungsdiensteverzeichnis (DVDV)** an die Behörde zugestellt.

1. die DVDV-Pflegestelle des Landes beantragt den Eintrag der Behörde für den Dienst
2. das vorhandene Zertifikat der Behörde wird verwendet (oder ein neues beantragt)
3. alternativ: ein Zustellpunkt über **FIT-Connect**`,
  },
  {
    milestoneKey: 'SPECIALIST_INTERFACE',
    title: 'Schnittstelle zum Fachverfahren (XAusländer)',
    body: `Das Fachverfahren der Ausländerbehörde empfängt die Anträge maschinenlesbar über den Standard **XAusländer** (OZG-Kapitel, verpflichtend seit Version 1.17).

- beim Hersteller die **XAusländer-OZG-Schnittstelle** bestellen bzw. freischalten lassen (oft gesondert beauftragt und vergütet)
- Produkte mit Schnittstelle u. a.: ADVIS, AUSO, ALSWsystem, OK.VISA, Stranger ABH, LaDiVA, KM-Ausländer, Paula`,
  },
  {
    milestoneKey: 'TEST_APPLICATION',
    title: 'Testantrag Ende-zu-Ende',
    body: `In der PRE-Umgebung wird ein Testantrag gestellt und im Fachverfahren empfangen. Geprüft werden Zustellung, Vollständigkeit der Daten und Anlagen.`,
  },
  {
    milestoneKey: 'GO_LIVE_PRO',
    title: 'Go-Live in Produktion',
    body: `Nach erfolgreichem Test wird die Behörde in der Produktionsumgebung (**PRO**) freigeschaltet; ab dann gehen echte Anträge ein.`,
  },
  {
    milestoneKey: 'ANNOUNCEMENT',
    title: 'Bekanntmachung',
    body: `Die Behörde informiert über das neue Online-Angebot, z. B. auf ihrer Internetseite oder per Pressemitteilung.`,
  },
];

export const EXAMPLE_WAVE = { name: 'Welle 1 – Brandenburg Landkreise', description: 'Beispielwelle: Landkreise in Brandenburg, die gemeinsam angebunden werden.', organisations: ['Land Brandenburg'] };

/** Seeds the guide and the example wave for Aufenthaltstitel; returns how many rows it wrote. */
export async function seedWavesAndGuides(em: EntityManager, serviceId: string): Promise<{ guideSections: number; waves: number }> {
  let guideSections = 0;
  const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM guide_section WHERE service_id = $1`, [serviceId]);
  if (n === 0) {
    for (const [i, s] of AUFENTHALTSTITEL_GUIDE.entries()) {
      const [known] = await em.query(`SELECT 1 FROM milestone_template WHERE service_id = $1 AND key = $2`, [serviceId, s.milestoneKey]);
      const [row] = await em.query(
        `INSERT INTO guide_section (service_id, position, title, body, milestone_key, revision, updated_by) VALUES ($1, $2, $3, $4, $5, 1, 'system') RETURNING id`,
        [serviceId, i + 1, s.title, s.body, known ? s.milestoneKey : null],
      );
      await em.query(`INSERT INTO guide_section_version (section_id, revision, title, body, milestone_key, author) VALUES ($1, 1, $2, $3, $4, 'system')`, [row.id, s.title, s.body, known ? s.milestoneKey : null]);
      guideSections++;
    }
  }
  let waves = 0;
  const [existing] = await em.query(`SELECT id FROM wave WHERE service_id = $1 AND name = $2`, [serviceId, EXAMPLE_WAVE.name]);
  if (!existing) {
    const [wave] = await em.query(
      `INSERT INTO wave (service_id, name, description, starts_on, target_go_live, organisations)
       VALUES ($1, $2, $3, (now() AT TIME ZONE 'Europe/Berlin')::date - 60, (now() AT TIME ZONE 'Europe/Berlin')::date + 120, $4) RETURNING id`,
      [serviceId, EXAMPLE_WAVE.name, EXAMPLE_WAVE.description, EXAMPLE_WAVE.organisations],
    );
    waves++;
    // Up to six Brandenburg districts (Landkreise) whose onboarding is in a wave of none yet and not live or cancelled.
    await em.query(
      `UPDATE onboarding SET wave_id = $1 WHERE id IN (
         SELECT o.id FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN state s ON s.id = a.state_id
         WHERE o.service_id = $2 AND s.code = 'BB' AND a.level = 'DISTRICT' AND o.wave_id IS NULL AND o.status <> 'CANCELLED' AND o.stage <> 'LIVE'
         ORDER BY a.name LIMIT 6)`,
      [wave.id, serviceId],
    );
  }
  return { guideSections, waves };
}
