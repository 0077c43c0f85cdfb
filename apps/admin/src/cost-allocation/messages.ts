/**
 * Messages of the cost allocation (`costs.*`: the key comparison page and
 * the cost forms) and of the resources CostKey and ServiceCost. The
 * catalogues spread `costs` at the top level and merge `resources`
 * (i18n/de.ts, i18n/en.ts). English is the reference type; German uses the formal "Sie".
 */
const enMessages = {
  costs: {
    menu: 'Cost allocation',
    title: 'Cost allocation: compare keys',
    service: 'Service',
    year: 'Contract year',
    keys: 'Cost keys',
    choose_two: 'Choose a second key to compare them side by side.',
    no_costs: 'No costs are recorded for this service yet.',
    record_costs: 'Record yearly costs',
    recorded: '%{service}, %{year}: operation %{operation}, maintenance %{maintenance}, total %{total}',
    paying: '%{smart_count} paying state |||| %{smart_count} paying states',
    state: 'State',
    share: 'Share',
    amount: 'Amount',
    total: 'Total',
    export: 'Export CSV',
    weight: 'Weight',
    kind: {
      KOENIGSTEINER: 'Königsteiner Schlüssel',
      COMBINED: 'Combined key',
    },
    form: {
      factors_hint: 'One non-negative factor per state, e.g. the published percentages; shares are normalised.',
      components_hint: 'Each component has a weight and one value per state (e.g. third-country nationals, foreigners\' authorities); the key is the weighted mix of the normalised components.',
      component_name: 'Component',
      euro_hint: 'In euros; stored exactly in cents.',
    },
  },
  resources: {
    CostKey: {
      name: 'Cost key |||| Cost keys',
      fields: {
        name: 'Name',
        kind: 'Kind',
        year: 'Year',
        factors: 'Factor per state',
        components: 'Components',
        shares: 'Share (%)',
        note: 'Source and remarks',
        updatedAt: 'Updated at',
        version: 'Version',
      },
    },
    ServiceCost: {
      name: 'Yearly cost |||| Yearly costs',
      fields: {
        serviceId: 'Service',
        year: 'Contract year',
        operationCents: 'Operation',
        maintenanceCents: 'Maintenance',
        totalCents: 'Total',
        operationEuros: 'Operation (EUR)',
        maintenanceEuros: 'Maintenance (EUR)',
        totalEuros: 'Total (EUR)',
        note: 'Note',
        updatedAt: 'Updated at',
        version: 'Version',
      },
    },
  },
};

const deMessages: typeof enMessages = {
  costs: {
    menu: 'Kostenverteilung',
    title: 'Kostenverteilung: Schlüssel vergleichen',
    service: 'Leistung',
    year: 'Vertragsjahr',
    keys: 'Kostenschlüssel',
    choose_two: 'Wählen Sie einen zweiten Schlüssel, um beide nebeneinander zu vergleichen.',
    no_costs: 'Für diese Leistung sind noch keine Kosten erfasst.',
    record_costs: 'Jahreskosten erfassen',
    recorded: '%{service}, %{year}: Betrieb %{operation}, Pflege %{maintenance}, gesamt %{total}',
    paying: '%{smart_count} zahlendes Land |||| %{smart_count} zahlende Länder',
    state: 'Land',
    share: 'Anteil',
    amount: 'Betrag',
    total: 'Summe',
    export: 'CSV exportieren',
    weight: 'Gewicht',
    kind: {
      KOENIGSTEINER: 'Königsteiner Schlüssel',
      COMBINED: 'Kombinierter Schlüssel',
    },
    form: {
      factors_hint: 'Je Land ein nicht negativer Faktor, z. B. die veröffentlichten Prozentwerte; die Anteile werden normiert.',
      components_hint:
        'Jede Komponente hat ein Gewicht und je Land einen Wert (z. B. Drittstaatsangehörige, Ausländerbehörden); der Schlüssel ist die gewichtete Mischung der normierten Komponenten.',
      component_name: 'Komponente',
      euro_hint: 'In Euro; gespeichert wird centgenau.',
    },
  },
  resources: {
    CostKey: {
      name: 'Kostenschlüssel |||| Kostenschlüssel',
      fields: {
        name: 'Name',
        kind: 'Art',
        year: 'Jahr',
        factors: 'Faktor je Land',
        components: 'Komponenten',
        shares: 'Anteil (%)',
        note: 'Quelle und Hinweise',
        updatedAt: 'Geändert am',
        version: 'Version',
      },
    },
    ServiceCost: {
      name: 'Jahreskosten |||| Jahreskosten',
      fields: {
        serviceId: 'Leistung',
        year: 'Vertragsjahr',
        operationCents: 'Betrieb',
        maintenanceCents: 'Pflege',
        totalCents: 'Gesamt',
        operationEuros: 'Betrieb (EUR)',
        maintenanceEuros: 'Pflege (EUR)',
        totalEuros: 'Gesamt (EUR)',
        note: 'Notiz',
        updatedAt: 'Geändert am',
        version: 'Version',
      },
    },
  },
};

export { deMessages as de, enMessages as en };
