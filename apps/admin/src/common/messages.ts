/**
 * Messages of the resource views (`crud.*`: forms, conflicts, history,
 * contract lifecycle, login extras) and the resources added with them
 * (`resources.User`, `resources.ReuseVariant`). The catalogues spread
 * `crud` at the top level and merge `resources` (i18n/de.ts, i18n/en.ts).
 * English is the reference type; German uses the formal "Sie".
 */
const enMessages = {
  crud: {
    conflict: {
      message: 'Someone else has changed this record since you opened it. Your change was not saved. Please reload and apply your change again.',
      reload: 'Reload',
    },
    filter: {
      hasSpecialistSystem: 'Specialist system recorded',
      population_gte: 'Population at least',
      population_lte: 'Population at most',
      supportsVersion: 'Supports version',
    },
    history: {
      title: 'History',
      empty: 'No changes recorded yet.',
      error: 'The history could not be loaded.',
      action: {
        CREATE: 'Created',
        UPDATE: 'Changed',
        DELETE: 'Deleted',
        SIGNED: 'Signed',
        TERMINATED: 'Terminated',
        INTEREST_DECLARED: 'Interest declared',
        NEGOTIATING: 'Negotiation started',
        PASSWORD_SET: 'Password set',
      },
    },
    authority: {
      tab_master: 'Master data',
      tab_onboardings: 'Onboardings',
      tab_blockers: 'Open obstacles',
      tab_contacts: 'Contacts',
      service: 'Service',
      stage: 'Stage',
      status: 'Status',
      planned_go_live: 'Planned go-live',
      live_at: 'Live since',
      owner: 'Responsible',
      subject_contact: 'Subject-matter contact',
      technical_contact: 'Technical contact',
      blockers: 'Open obstacles',
      blocker_title: 'Obstacle',
      severity: 'Severity',
      opened_at: 'Opened on',
      no_blockers: 'No open obstacles.',
    },
    onboarding_status: { ACTIVE: 'Active', ON_HOLD: 'Paused', CANCELLED: 'Cancelled' },
    severity: { BLOCKING: 'Blocking', DELAYING: 'Delaying', INFO: 'Info' },
    variant: {
      EFA_REUSE: 'EfA reuse',
      OWN_FORM: 'Own form',
      EXISTING_STATE_SOLUTION: 'Existing state solution',
      NONE_PLANNED: 'None planned',
    },
    contract: {
      declareInterest: 'Declare interest',
      startNegotiation: 'Start negotiation',
      signContract: 'Sign',
      terminateContract: 'Terminate',
      date: 'Date',
      reason: 'Reason',
      done: '%{step}: done.',
    },
    user: {
      set_password: 'Set password',
      new_password: 'New password',
      password_hint: 'At least 12 characters; the user is signed out everywhere.',
      initial_password_hint: 'At least 12 characters; leave empty for single-sign-on users.',
      password_set: 'The password has been set.',
    },
    login: {
      demo_title: 'Demo accounts',
      demo_hint: 'Click an account to fill in the form.',
      demo_role: 'Role',
      or: 'or',
      sso: 'Sign in with single sign-on',
    },
  },
  resources: {
    User: {
      name: 'User |||| Users',
      fields: {
        displayName: 'Name',
        email: 'E-mail address',
        role: 'Role',
        stateId: 'State',
        active: 'Active',
        password: 'Initial password',
        hasPassword: 'Has a password',
        isDemo: 'Demo account',
        lastSignInAt: 'Last sign-in',
        createdAt: 'Created at',
        version: 'Version',
      },
    },
    ReuseVariant: {
      name: 'Reuse variant |||| Reuse variants',
      fields: {
        stateId: 'State',
        serviceId: 'Service',
        variant: 'Variant',
        note: 'Note',
        updatedAt: 'Updated at',
        version: 'Version',
      },
    },
  },
};

export type CrudMessages = typeof enMessages;

const deMessages: CrudMessages = {
  crud: {
    conflict: {
      message:
        'Jemand anderes hat diesen Datensatz geändert, seit Sie ihn geöffnet haben. Ihre Änderung wurde nicht gespeichert. Bitte laden Sie neu und übernehmen Sie Ihre Änderung erneut.',
      reload: 'Neu laden',
    },
    filter: {
      hasSpecialistSystem: 'Fachverfahren erfasst',
      population_gte: 'Einwohner mindestens',
      population_lte: 'Einwohner höchstens',
      supportsVersion: 'Unterstützt Version',
    },
    history: {
      title: 'Verlauf',
      empty: 'Noch keine Änderungen erfasst.',
      error: 'Der Verlauf konnte nicht geladen werden.',
      action: {
        CREATE: 'Angelegt',
        UPDATE: 'Geändert',
        DELETE: 'Gelöscht',
        SIGNED: 'Unterzeichnet',
        TERMINATED: 'Beendet',
        INTEREST_DECLARED: 'Interesse bekundet',
        NEGOTIATING: 'Verhandlung begonnen',
        PASSWORD_SET: 'Passwort gesetzt',
      },
    },
    authority: {
      tab_master: 'Stammdaten',
      tab_onboardings: 'Anbindungen',
      tab_blockers: 'Offene Hemmnisse',
      tab_contacts: 'Kontakte',
      service: 'Leistung',
      stage: 'Phase',
      status: 'Status',
      planned_go_live: 'Geplanter Go-live',
      live_at: 'Live seit',
      owner: 'Verantwortlich',
      subject_contact: 'Fachlicher Kontakt',
      technical_contact: 'Technischer Kontakt',
      blockers: 'Offene Hemmnisse',
      blocker_title: 'Hemmnis',
      severity: 'Schwere',
      opened_at: 'Erfasst am',
      no_blockers: 'Keine offenen Hemmnisse.',
    },
    onboarding_status: { ACTIVE: 'Aktiv', ON_HOLD: 'Pausiert', CANCELLED: 'Abgebrochen' },
    severity: { BLOCKING: 'Blockierend', DELAYING: 'Verzögernd', INFO: 'Hinweis' },
    variant: {
      EFA_REUSE: 'EfA-Nachnutzung',
      OWN_FORM: 'Eigenes Formular',
      EXISTING_STATE_SOLUTION: 'Bestehende Landeslösung',
      NONE_PLANNED: 'Keine geplant',
    },
    contract: {
      declareInterest: 'Interesse bekunden',
      startNegotiation: 'Verhandlung beginnen',
      signContract: 'Unterzeichnen',
      terminateContract: 'Beenden',
      date: 'Datum',
      reason: 'Grund',
      done: '%{step}: erledigt.',
    },
    user: {
      set_password: 'Passwort setzen',
      new_password: 'Neues Passwort',
      password_hint: 'Mindestens 12 Zeichen; die Person wird überall abgemeldet.',
      initial_password_hint: 'Mindestens 12 Zeichen; leer lassen für Single-Sign-on-Konten.',
      password_set: 'Das Passwort wurde gesetzt.',
    },
    login: {
      demo_title: 'Demo-Zugänge',
      demo_hint: 'Klicken Sie auf einen Zugang, um das Formular auszufüllen.',
      demo_role: 'Rolle',
      or: 'oder',
      sso: 'Mit Single Sign-on anmelden',
    },
  },
  resources: {
    User: {
      name: 'Benutzer |||| Benutzer',
      fields: {
        displayName: 'Name',
        email: 'E-Mail-Adresse',
        role: 'Rolle',
        stateId: 'Land',
        active: 'Aktiv',
        password: 'Anfangspasswort',
        hasPassword: 'Hat ein Passwort',
        isDemo: 'Demo-Zugang',
        lastSignInAt: 'Letzte Anmeldung',
        createdAt: 'Angelegt am',
        version: 'Version',
      },
    },
    ReuseVariant: {
      name: 'Nachnutzungsvariante |||| Nachnutzungsvarianten',
      fields: {
        stateId: 'Land',
        serviceId: 'Leistung',
        variant: 'Variante',
        note: 'Notiz',
        updatedAt: 'Geändert am',
        version: 'Version',
      },
    },
  },
};

export const en = enMessages;
export const de = deMessages;
