import { TOPIC_FIELD_LABELS_DE } from '@efa/domain';
import type { TranslationMessages } from 'react-admin';
import { de as boardDe } from '../board/messages';
import { de as dashboardDe } from '../dashboard/messages';
import { de as costsDe } from '../cost-allocation/messages';
import { de as notificationsDe } from '../notifications/messages';
import { de as importDe } from '../import/messages';
import { de as crudDe } from '../common/messages';
import { de as onboardingDe } from '../onboardings/messages';
import { de as waveDe } from '../waves/messages';
import { de as meetingsDe } from '../meetings/messages';
import { codedMessages } from '../common/codedMessages';
import { de as listExportDe } from '../export/messages';
import type { AppMessages } from './en';
import { bootMessagesDe } from './boot';

/**
 * German messages: the default language of the console.
 *
 * `raMessagesDe` is a complete translation of every key of
 * ra-language-english 5.15.4 (react-admin ships no German pack for v5), in
 * the same structure and order, addressing the user formally ("Sie").
 * Placeholders (`%{name}`, `%{smart_count}`, ...) are react-admin's;
 * `||||` separates the singular from the plural form. The type
 * `TranslationMessages` checks the keys react-admin declares, and
 * `missingKeys(en, de)` (./missingKeys.ts) checks the rest at run time.
 *
 * Resource names are used with `smart_count` 1 (singular) in titles such as
 * "%{name} erstellen" and with 0 or 2 (plural) in sentences such as
 * "Keine %{name} gefunden", so the sentences are phrased to work with every
 * grammatical gender.
 */
export const raMessagesDe: TranslationMessages = {
  ra: {
    action: {
      add_filter: 'Filter hinzufügen',
      add: 'Hinzufügen',
      back: 'Zurück',
      bulk_actions: '1 Element ausgewählt |||| %{smart_count} Elemente ausgewählt',
      cancel: 'Abbrechen',
      clear_array_input: 'Liste leeren',
      clear_input_value: 'Eingabe löschen',
      clone: 'Duplizieren',
      confirm: 'Bestätigen',
      create: 'Erstellen',
      create_item: '%{item} erstellen',
      delete: 'Löschen',
      edit: 'Bearbeiten',
      export: 'Exportieren',
      list: 'Liste',
      refresh: 'Neu laden',
      remove_filter: 'Diesen Filter entfernen',
      remove_all_filters: 'Alle Filter entfernen',
      remove: 'Entfernen',
      reset: 'Zurücksetzen',
      save: 'Speichern',
      search: 'Suchen',
      search_columns: 'Spalten durchsuchen',
      select_all: 'Alle auswählen',
      select_all_button: 'Alle auswählen',
      select_row: 'Diese Zeile auswählen',
      show: 'Anzeigen',
      sort: 'Sortieren',
      undo: 'Rückgängig',
      unselect: 'Auswahl aufheben',
      expand: 'Aufklappen',
      close: 'Schließen',
      open_menu: 'Menü öffnen',
      close_menu: 'Menü schließen',
      update: 'Aktualisieren',
      move_up: 'Nach oben verschieben',
      move_down: 'Nach unten verschieben',
      open: 'Öffnen',
      toggle_theme: 'Hell-/Dunkelmodus umschalten',
      select_columns: 'Spalten',
      update_application: 'Anwendung neu laden',
    },
    boolean: {
      true: 'Ja',
      false: 'Nein',
      null: ' ',
    },
    page: {
      create: '%{name} erstellen',
      dashboard: 'Übersicht',
      edit: '%{name} %{recordRepresentation}',
      error: 'Etwas ist schiefgelaufen',
      list: '%{name}',
      loading: 'Wird geladen',
      not_found: 'Nicht gefunden',
      show: '%{name} %{recordRepresentation}',
      empty: 'Noch keine %{name} vorhanden.',
      invite: 'Möchten Sie einen Eintrag hinzufügen?',
      access_denied: 'Zugriff verweigert',
      authentication_error: 'Authentifizierungsfehler',
    },
    input: {
      file: {
        upload_several: 'Legen Sie Dateien zum Hochladen hier ab oder klicken Sie, um eine auszuwählen.',
        upload_single: 'Legen Sie eine Datei zum Hochladen hier ab oder klicken Sie, um sie auszuwählen.',
      },
      image: {
        upload_several: 'Legen Sie Bilder zum Hochladen hier ab oder klicken Sie, um eines auszuwählen.',
        upload_single: 'Legen Sie ein Bild zum Hochladen hier ab oder klicken Sie, um es auszuwählen.',
      },
      references: {
        all_missing: 'Die referenzierten Daten konnten nicht gefunden werden.',
        many_missing: 'Mindestens einer der verknüpften Datensätze scheint nicht mehr verfügbar zu sein.',
        single_missing: 'Der verknüpfte Datensatz scheint nicht mehr verfügbar zu sein.',
      },
      password: {
        toggle_visible: 'Passwort verbergen',
        toggle_hidden: 'Passwort anzeigen',
      },
    },
    message: {
      about: 'Über',
      access_denied: 'Sie haben nicht die erforderlichen Berechtigungen, um diese Seite aufzurufen.',
      are_you_sure: 'Sind Sie sicher?',
      authentication_error:
        'Der Authentifizierungsserver hat einen Fehler gemeldet; Ihre Anmeldedaten konnten nicht überprüft werden.',
      auth_error: 'Beim Überprüfen des Authentifizierungstokens ist ein Fehler aufgetreten.',
      bulk_delete_content:
        'Sind Sie sicher, dass Sie diesen Datensatz (%{name}) löschen möchten? |||| Sind Sie sicher, dass Sie diese %{smart_count} Datensätze löschen möchten?',
      bulk_delete_title: '%{name} löschen |||| %{smart_count} %{name} löschen',
      bulk_update_content:
        'Sind Sie sicher, dass Sie %{name} %{recordRepresentation} aktualisieren möchten? |||| Sind Sie sicher, dass Sie diese %{smart_count} Datensätze aktualisieren möchten?',
      bulk_update_title: '%{name} %{recordRepresentation} aktualisieren |||| %{smart_count} %{name} aktualisieren',
      clear_array_input: 'Sind Sie sicher, dass Sie die gesamte Liste leeren möchten?',
      delete_content: 'Sind Sie sicher, dass Sie diesen Datensatz (%{name}) löschen möchten?',
      delete_title: '%{name} %{recordRepresentation} löschen',
      details: 'Details',
      error: 'Im Client ist ein Fehler aufgetreten; Ihre Anfrage konnte nicht abgeschlossen werden.',
      invalid_form: 'Das Formular ist nicht gültig. Bitte prüfen Sie Ihre Eingaben.',
      loading: 'Bitte warten',
      no: 'Nein',
      not_found: 'Entweder haben Sie eine falsche URL eingegeben oder Sie sind einem ungültigen Link gefolgt.',
      select_all_limit_reached:
        'Es gibt zu viele Elemente, um alle auszuwählen. Nur die ersten %{max} Elemente wurden ausgewählt.',
      unsaved_changes:
        'Einige Ihrer Änderungen wurden nicht gespeichert. Sind Sie sicher, dass Sie sie verwerfen möchten?',
      yes: 'Ja',
      placeholder_data_warning: 'Netzwerkproblem: Die Daten konnten nicht aktualisiert werden.',
    },
    navigation: {
      clear_filters: 'Filter zurücksetzen',
      no_filtered_results: 'Keine %{name} mit den aktuellen Filtern gefunden.',
      no_results: 'Keine %{name} gefunden',
      no_more_results: 'Die Seitenzahl %{page} liegt außerhalb des gültigen Bereichs. Versuchen Sie es mit der vorherigen Seite.',
      page_out_of_boundaries: 'Seitenzahl %{page} liegt außerhalb des gültigen Bereichs',
      page_out_from_end: 'Sie befinden sich bereits auf der letzten Seite',
      page_out_from_begin: 'Sie befinden sich bereits auf der ersten Seite',
      page_range_info: '%{offsetBegin}–%{offsetEnd} von %{total}',
      partial_page_range_info: '%{offsetBegin}–%{offsetEnd} von mehr als %{offsetEnd}',
      current_page: 'Seite %{page}',
      page: 'Zu Seite %{page} wechseln',
      first: 'Zur ersten Seite wechseln',
      last: 'Zur letzten Seite wechseln',
      next: 'Zur nächsten Seite wechseln',
      previous: 'Zur vorherigen Seite wechseln',
      page_rows_per_page: 'Zeilen pro Seite:',
      skip_nav: 'Zum Inhalt springen',
    },
    sort: {
      // German nouns keep their capital letter: use %{field}, not %{field_lower_first}
      sort_by: 'Nach %{field} %{order} sortieren',
      ASC: 'aufsteigend',
      DESC: 'absteigend',
    },
    auth: {
      auth_check_error: 'Bitte melden Sie sich an, um fortzufahren.',
      user_menu: 'Profil',
      username: 'Benutzername',
      password: 'Passwort',
      email: 'E-Mail',
      sign_in: 'Anmelden',
      sign_in_error: 'Die Anmeldung ist fehlgeschlagen, bitte versuchen Sie es erneut.',
      logout: 'Abmelden',
    },
    notification: {
      updated: 'Datensatz aktualisiert |||| %{smart_count} Datensätze aktualisiert',
      created: 'Datensatz erstellt',
      deleted: 'Datensatz gelöscht |||| %{smart_count} Datensätze gelöscht',
      bad_item: 'Ungültiger Datensatz',
      item_doesnt_exist: 'Der Datensatz existiert nicht',
      http_error: 'Fehler bei der Kommunikation mit dem Server',
      data_provider_error: 'Fehler im dataProvider. Details finden Sie in der Browser-Konsole.',
      i18n_error: 'Die Übersetzungen für die gewählte Sprache konnten nicht geladen werden.',
      canceled: 'Aktion abgebrochen',
      logged_out: 'Ihre Sitzung ist beendet, bitte melden Sie sich erneut an.',
      not_authorized: 'Sie sind nicht berechtigt, auf diese Ressource zuzugreifen.',
      application_update_available: 'Eine neue Version ist verfügbar.',
      offline: 'Keine Verbindung. Die Daten konnten nicht abgerufen werden.',
    },
    validation: {
      required: 'Pflichtfeld',
      minLength: 'Muss mindestens %{min} Zeichen lang sein',
      maxLength: 'Darf höchstens %{max} Zeichen lang sein',
      minValue: 'Muss mindestens %{min} sein',
      maxValue: 'Darf höchstens %{max} sein',
      number: 'Muss eine Zahl sein',
      email: 'Muss eine gültige E-Mail-Adresse sein',
      oneOf: 'Muss einer der folgenden Werte sein: %{options}',
      regex: 'Muss einem bestimmten Format entsprechen (regulärer Ausdruck): %{pattern}',
      unique: 'Muss eindeutig sein',
    },
    saved_queries: {
      label: 'Gespeicherte Abfragen',
      query_name: 'Name der Abfrage',
      new_label: 'Aktuelle Abfrage speichern …',
      new_dialog_title: 'Aktuelle Abfrage speichern unter',
      remove_label: 'Gespeicherte Abfrage entfernen',
      remove_label_with_name: 'Abfrage „%{name}“ entfernen',
      remove_dialog_title: 'Gespeicherte Abfrage entfernen?',
      remove_message:
        'Sind Sie sicher, dass Sie diesen Eintrag aus Ihrer Liste gespeicherter Abfragen entfernen möchten?',
      help: 'Filtern Sie die Liste und speichern Sie diese Abfrage für später.',
    },
    guesser: {
      empty: {
        title: 'Keine Daten zum Anzeigen',
        message: 'Bitte überprüfen Sie Ihren Data Provider.',
      },
    },
    configurable: {
      customize: 'Anpassen',
      configureMode: 'Diese Seite konfigurieren',
      inspector: {
        title: 'Inspektor',
        content: 'Bewegen Sie den Mauszeiger über die Elemente der Oberfläche, um sie zu konfigurieren.',
        reset: 'Einstellungen zurücksetzen',
        hideAll: 'Alle ausblenden',
        showAll: 'Alle einblenden',
      },
      Datagrid: {
        title: 'Tabelle',
        unlabeled: 'Unbenannte Spalte #%{column}',
      },
      SimpleForm: {
        title: 'Formular',
        unlabeled: 'Unbenanntes Eingabefeld #%{input}',
      },
      SimpleList: {
        title: 'Liste',
        primaryText: 'Haupttext',
        secondaryText: 'Zweiter Text',
        tertiaryText: 'Dritter Text',
      },
    },
  },
};

/** The console's own messages in German; the type makes tsc reject a missing or extra key. */
export const appMessagesDe: AppMessages = {
  app: {
    title: 'EfA Rollout',
    boot: bootMessagesDe,
    auth: {
      sign_in_hint: 'Bitte melden Sie sich mit Ihrer E-Mail-Adresse an.',
      email: 'E-Mail-Adresse',
      wrong_credentials: 'E-Mail-Adresse oder Passwort ist falsch.',
      account_deactivated: 'Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Administration.',
      rate_limited: 'Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.',
      credentials_required: 'Bitte geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.',
      unavailable: 'Die Anmeldung ist gerade nicht möglich. Bitte versuchen Sie es in Kürze erneut.',
      unreachable: 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es dann erneut.',
      signed_in_as: 'Angemeldet als',
      demo_account: 'Demo-Konto',
    },
    enum: {
      AuthorityKind: {
        FOREIGNERS_AUTHORITY: 'Ausländerbehörde',
        MUNICIPALITY: 'Gemeinde',
        DISTRICT_ADMINISTRATION: 'Kreisverwaltung',
        STATE_AUTHORITY: 'Landesbehörde',
        OTHER: 'Sonstige',
      },
      AuthorityLevel: {
        DISTRICT: 'Landkreis',
        DISTRICT_FREE_CITY: 'Kreisfreie Stadt',
        MUNICIPALITY: 'Kreisangehörige Gemeinde',
        STATE: 'Land',
      },
      ContractStatus: {
        NONE: 'Kein Vertrag',
        INTEREST_DECLARED: 'Interesse bekundet',
        NEGOTIATING: 'In Verhandlung',
        SIGNED: 'Unterzeichnet',
        TERMINATED: 'Beendet',
      },
      LegalRoute: {
        FIT_STORE: 'FIT-Store',
        GOVDIGITAL_MARKETPLACE: 'GovDigital-Marktplatz',
        MUNICIPAL_AGENT_MODEL: 'Kommunales Vertretermodell',
        ADMINISTRATIVE_AGREEMENT: 'Verwaltungsvereinbarung',
      },
      Role: {
        ADMIN: 'Administration',
        ROLLOUT_MANAGER: 'Rollout-Management',
        STATE_COORDINATOR: 'Landeskoordination',
        STEERING_MEMBER: 'Steuerungskreis',
      },
      MunicipalAccessModel: {
        FREE_PASS_THROUGH: 'Kostenfreie Weitergabe',
        PAID_IN_HOUSE: 'Kostenpflichtig (Inhouse)',
        MUNICIPAL_AGENT_MODEL: 'Kommunales Vertretermodell',
        MARKETPLACE: 'Marktplatz',
      },
      // The OZG catalogue's own names, kept in the domain library.
      TopicField: TOPIC_FIELD_LABELS_DE,
    },
  },
  resources: {
    State: {
      name: 'Land |||| Länder',
      fields: {
        id: 'ID',
        code: 'Kürzel',
        name: 'Name',
        arsPrefix: 'ARS-Präfix',
        koenigsteinShare: 'Königsteiner Schlüssel (%)',
        version: 'Version',
        createdAt: 'Angelegt am',
        updatedAt: 'Geändert am',
      },
    },
    Authority: {
      name: 'Behörde |||| Behörden',
      fields: {
        id: 'ID',
        name: 'Name',
        kind: 'Art',
        level: 'Verwaltungsebene',
        stateId: 'Land',
        ars: 'Regionalschlüssel (ARS)',
        population: 'Einwohnerzahl',
        specialistSystemId: 'Fachverfahren',
        website: 'Website',
        email: 'E-Mail',
        notes: 'Notizen',
        updatedAt: 'Geändert am',
        version: 'Version',
      },
    },
    Service: {
      name: 'Leistung |||| Leistungen',
      fields: {
        id: 'ID',
        name: 'Name',
        description: 'Beschreibung',
        ozgId: 'OZG-ID',
        leikaKeys: 'LeiKa-Schlüssel',
        topicField: 'Themenfeld',
        leadStateId: 'Federführendes Land',
        provider: 'Betreiber',
        ozgType: 'OZG-Typ',
        maturityLevel: 'Reifegrad',
        standard: 'Standard',
        requiredStandardVersion: 'Erforderliche Standardversion',
        website: 'Website',
        version: 'Version',
      },
    },
    SpecialistSystem: {
      name: 'Fachverfahren |||| Fachverfahren',
      fields: {
        id: 'ID',
        vendor: 'Hersteller',
        product: 'Produkt',
        standard: 'Standard',
        supportedVersions: 'Unterstützte Versionen',
        ozgInterface: 'OZG-Schnittstelle',
        version: 'Version',
      },
    },
    ReuseContract: {
      name: 'Nachnutzungsvertrag |||| Nachnutzungsverträge',
      fields: {
        id: 'ID',
        stateId: 'Land',
        serviceId: 'Leistung',
        status: 'Status',
        legalRoute: 'Vertragsweg',
        municipalAccess: 'Kommunaler Zugang',
        interestDeclaredAt: 'Interesse bekundet am',
        negotiationStartedAt: 'Verhandlung begonnen am',
        signedAt: 'Unterzeichnet am',
        terminatedAt: 'Beendet am',
        notes: 'Notizen',
        version: 'Version',
      },
    },
  },
};

const de: TranslationMessages = {
  ...raMessagesDe,
  ...appMessagesDe,
  ...boardDe,
  ...dashboardDe,
  ...onboardingDe,
  ...waveDe,
  costs: costsDe.costs,
  notifications: notificationsDe.notifications,
  meeting: meetingsDe.meeting,
  import: importDe.import,
  ...codedMessages.de,
  ...listExportDe,
  crud: crudDe.crud,
  resources: { ...appMessagesDe.resources, ...crudDe.resources, ...costsDe.resources, ...meetingsDe.resources },
};

export default de;
