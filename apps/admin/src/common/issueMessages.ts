/**
 * German wording of the rule messages of @efa/domain (zod schemas) and of the
 * API's VALIDATION issues, which are English. Unknown messages stay as
 * they are; English passes through unchanged.
 */
const GERMAN: [RegExp, string][] = [
  [/^is required \(12 digits\)$/, 'ist erforderlich (12 Ziffern)'],
  [/^is required$/, 'ist erforderlich'],
  [/^must be exactly 12 digits(?:, got "(.*)")?$/, 'muss aus genau 12 Ziffern bestehen'],
  [/^starts with (\d+) \((.+)\) but the authority belongs to (.+) \((\d+)\)$/, 'beginnt mit $1 ($2), die Behörde gehört aber zu $3 ($4)'],
  [/^starts with (\d+), which is no state's regional key \(01-16\)$/, 'beginnt mit $1, das ist kein Regionalschlüssel eines Landes (01–16)'],
  [/^must be at most (\d+) characters(?: long)?$/, 'darf höchstens $1 Zeichen lang sein'],
  [/^must be at least (\d+) characters long$/, 'muss mindestens $1 Zeichen lang sein'],
  [/^must not contain the e-mail address$/, 'darf die E-Mail-Adresse nicht enthalten'],
  [/^must be an http\(s\) address$/, 'muss eine http(s)-Adresse sein'],
  [/^is not an e-mail address$/, 'ist keine E-Mail-Adresse'],
  [/^must be a number$/, 'muss eine Zahl sein'],
  [/^must be a whole number$/, 'muss eine ganze Zahl sein'],
  [/^must not be negative$/, 'darf nicht negativ sein'],
  [/^must be at least (\d+)$/, 'muss mindestens $1 sein'],
  [/^must be at most (\d+)$/, 'darf höchstens $1 sein'],
  [/^must be two digits 01-16$/, 'muss aus zwei Ziffern 01–16 bestehen'],
  [/^must be a version like 1\.17$/, 'muss eine Version wie 1.17 sein'],
  [/^must be 1 to 6 digits$/, 'muss aus 1 bis 6 Ziffern bestehen'],
  [/^must be a 14-digit LeiKa key$/, 'muss ein 14-stelliger LeiKa-Schlüssel sein'],
  [/^must be a real date written YYYY-MM-DD$/, 'muss ein gültiges Datum (JJJJ-MM-TT) sein'],
  [/^must be a percentage between 0 and 100$/, 'muss ein Prozentwert zwischen 0 und 100 sein'],
  [/^is required when the status is (\w+)$/, 'ist beim Status $1 erforderlich'],
  [/^must be empty while the status is (\w+)$/, 'muss beim Status $1 leer sein'],
  [/^\((.+)\) must not be before (\w+) \((.+)\)$/, '($1) darf nicht vor $2 ($3) liegen'],
  [/^is required for a state coordinator$/, 'ist für die Landeskoordination erforderlich'],
  [/^is only for state coordinators$/, 'ist nur für die Landeskoordination vorgesehen'],
  [/^must name an existing state$/, 'muss ein vorhandenes Land nennen'],
  [/^(?:is already|already) (?:used|taken|exists)(.*)$/, 'ist bereits vergeben$1'],
  // cost allocation (libs/domain costs.ts, API costs/)
  [/^must be a year between (\d+) and (\d+), got (.*)$/, 'muss ein Jahr zwischen $1 und $2 sein (angegeben: $3)'],
  [/^the weights must sum to more than 0$/, 'die Gewichte müssen zusammen größer als 0 sein'],
  [/^gives every state 0; at least one value must be positive$/, 'gibt jedem Land 0; mindestens ein Wert muss positiv sein'],
  [/^a COMBINED key needs at least one component$/, 'ein kombinierter Schlüssel braucht mindestens eine Komponente'],
  [/^needs a value for each of the 16 states; missing: (.*)$/, 'braucht einen Wert für jedes der 16 Länder; es fehlen: $1'],
  [/^values must be non-negative numbers; not so: (.*)$/, 'Werte dürfen nicht negativ sein; betroffen: $1'],
  [/^a cost key "(.*)" for (\d+) already exists$/, 'einen Kostenschlüssel „$1“ für $2 gibt es bereits'],
  [/^the costs of this service for (\d+) are already recorded; edit that record$/, 'die Kosten dieser Leistung für $1 sind bereits erfasst; bitte bearbeiten Sie diesen Eintrag'],
  [/^must be a whole, non-negative number of cents, got (.*)$/, 'muss ein ganzzahliger, nicht negativer Centbetrag sein (angegeben: $1)'],
];

export function localizeIssue(message: string, locale: string): string {
  if (locale !== 'de') return message;
  for (const [pattern, german] of GERMAN) {
    if (pattern.test(message)) return message.replace(pattern, german);
  }
  return message;
}
