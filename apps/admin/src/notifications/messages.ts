/**
 * Messages of notifications, watches and the calendar feed (`notifications.*`).
 * The catalogues spread `notifications` at the top level (i18n/de.ts, i18n/en.ts).
 * English is the reference type; German uses the formal "Sie".
 */
const enMessages = {
  notifications: {
    menu: 'Notifications',
    settings_menu: 'Notification settings',
    title: 'Notifications',
    badge: 'Notifications, %{smart_count} unread |||| Notifications, %{smart_count} unread',
    empty: 'No notifications yet. Watch an authority, onboarding, service or state to be told of its changes.',
    unread_only: 'Unread only',
    mark_read: 'Mark read',
    mark_all_read: 'Mark all read',
    marked_all: '%{smart_count} notification marked read |||| %{smart_count} notifications marked read',
    open: 'Open',
    unread: 'unread',
    watch: 'Watch',
    watching: 'Watching',
    watch_hint: 'Be notified (in the console and by mail) of changes to this record',
    watch_on: 'You now watch this record',
    watch_off: 'You no longer watch this record',
    settings: {
      title: 'Notification settings',
      mail_mode: 'E-mails',
      mail_off: 'No e-mails (only in the console)',
      mail_immediate: 'One e-mail per notification',
      mail_digest: 'A weekly digest',
      mail_disabled: 'This installation sends no e-mails (no SMTP server configured); notifications appear in the console only.',
      language: 'Language of e-mails and notification texts',
      saved: 'Settings saved',
      calendar: 'Calendar feed',
      calendar_hint:
        'A secret address for your calendar app (iCalendar): planned go-lives and milestone due dates of what you watch. Anyone with the address can read the feed; create a new one to end the old one.',
      calendar_active: 'A calendar feed address exists (created %{date}). It is shown only once, when it is created.',
      calendar_none: 'No calendar feed address.',
      calendar_new: 'Create new address',
      calendar_revoke: 'Revoke address',
      calendar_url: 'Your calendar feed address',
      calendar_revoked: 'The calendar feed address no longer works',
    },
  },
};

export type NotificationMessages = typeof enMessages;

const deMessages: NotificationMessages = {
  notifications: {
    menu: 'Benachrichtigungen',
    settings_menu: 'Benachrichtigungseinstellungen',
    title: 'Benachrichtigungen',
    badge: 'Benachrichtigungen, %{smart_count} ungelesen |||| Benachrichtigungen, %{smart_count} ungelesen',
    empty: 'Noch keine Benachrichtigungen. Beobachten Sie eine Behörde, eine Anbindung, eine Leistung oder ein Land, um über Änderungen informiert zu werden.',
    unread_only: 'Nur ungelesene',
    mark_read: 'Als gelesen markieren',
    mark_all_read: 'Alle als gelesen markieren',
    marked_all: '%{smart_count} Benachrichtigung als gelesen markiert |||| %{smart_count} Benachrichtigungen als gelesen markiert',
    open: 'Öffnen',
    unread: 'ungelesen',
    watch: 'Beobachten',
    watching: 'Beobachtet',
    watch_hint: 'Über Änderungen dieses Eintrags informiert werden (in der Konsole und per E-Mail)',
    watch_on: 'Sie beobachten diesen Eintrag jetzt',
    watch_off: 'Sie beobachten diesen Eintrag nicht mehr',
    settings: {
      title: 'Benachrichtigungseinstellungen',
      mail_mode: 'E-Mails',
      mail_off: 'Keine E-Mails (nur in der Konsole)',
      mail_immediate: 'Eine E-Mail je Benachrichtigung',
      mail_digest: 'Eine wöchentliche Übersicht',
      mail_disabled: 'Diese Installation versendet keine E-Mails (kein SMTP-Server eingerichtet); Benachrichtigungen erscheinen nur in der Konsole.',
      language: 'Sprache der E-Mails und Benachrichtigungstexte',
      saved: 'Einstellungen gespeichert',
      calendar: 'Kalender-Abonnement',
      calendar_hint:
        'Eine geheime Adresse für Ihre Kalender-App (iCalendar): geplante Go-Lives und Fälligkeiten von Meilensteinen dessen, was Sie beobachten. Wer die Adresse kennt, kann den Kalender lesen; erzeugen Sie eine neue, um die alte zu beenden.',
      calendar_active: 'Eine Kalenderadresse besteht (erzeugt am %{date}). Sie wird nur einmal angezeigt, beim Erzeugen.',
      calendar_none: 'Keine Kalenderadresse.',
      calendar_new: 'Neue Adresse erzeugen',
      calendar_revoke: 'Adresse widerrufen',
      calendar_url: 'Ihre Kalenderadresse',
      calendar_revoked: 'Die Kalenderadresse funktioniert nicht mehr',
    },
  },
};

export const en = enMessages;
export const de = deMessages;
