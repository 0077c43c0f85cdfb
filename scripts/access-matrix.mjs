#!/usr/bin/env node
/**
 * Generates the role matrix of docs/ACCESS.md from libs/domain's
 * OPERATION_ACCESS (the compiled libs/domain/dist/access.js: build it first
 * with `npx tsc -p libs/domain/tsconfig.lib.json`).
 *
 *   node scripts/access-matrix.mjs           rewrites the generated part of docs/ACCESS.md
 *   node scripts/access-matrix.mjs --check   exits 1 if docs/ACCESS.md is stale
 *   node scripts/access-matrix.mjs --print   prints the generated part
 *
 * tests/api/access-matrix.test.ts checks that docs/ACCESS.md contains what
 * renderGenerated() makes of the current rules (the role matrix from
 * OPERATION_ACCESS and RULE_ROLES, the internal data from INTERNAL_FIELDS and
 * INTERNAL_TYPES).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The generated parts of docs/ACCESS.md, each between its BEGIN and END comment. */
export const begin = (part) => `<!-- BEGIN generated ${part}: \`npm run docs:access\` (scripts/access-matrix.mjs); do not edit by hand -->`;
export const end = (part) => `<!-- END generated ${part} -->`;

/** Operations that do not carry the name of the record type they act on. */
const AREA_OF = {
  signIn: 'Own account',
  me: 'Own account',
  signOut: 'Own account',
  changePassword: 'Own account',
  declareInterest: 'ReuseContract',
  startNegotiation: 'ReuseContract',
  signContract: 'ReuseContract',
  terminateContract: 'ReuseContract',
  setPlannedGoLive: 'Onboarding',
  history: 'History',
  onboardingTimeline: 'History',
};

/** The record type (area) an operation belongs to: X, allXs, _allXsMeta, createX, …, or a name containing X. */
function areaOf(op, types) {
  if (AREA_OF[op]) return AREA_OF[op];
  if (types.includes(op)) return op;
  const list = /^_?all(.+?)(Meta)?$/.exec(op);
  if (list) {
    const type = types.find((t) => list[1] === `${t}s` || list[1] === `${t.replace(/y$/, '')}ies`);
    if (type) return type;
  }
  const byLength = [...types].sort((a, b) => b.length - a.length);
  return byLength.find((t) => op.includes(t)) ?? op;
}

const STATE_BOUND_ROLE = 'STATE_COORDINATOR';

function cell(rule, role, RULE_ROLES) {
  if (!RULE_ROLES[rule]?.includes(role)) return '–';
  return rule === 'state' && role === STATE_BOUND_ROLE ? 'own state' : '✓';
}

/**
 * The role matrix: the rules (which roles each rule lets in) and the
 * operations grouped by record type and rule, × roles (✓ / own state / –).
 */
export function renderAccessTable({ OPERATION_ACCESS, RULE_ROLES, ROLES }) {
  const ops = Object.keys(OPERATION_ACCESS);
  const types = ops.filter((op) => /^[A-Z]/.test(op));
  const areas = new Map();
  for (const op of ops) {
    const area = areaOf(op, types);
    const rule = OPERATION_ACCESS[op];
    if (!areas.has(area)) areas.set(area, new Map());
    const byRule = areas.get(area);
    if (!byRule.has(rule)) byRule.set(rule, []);
    byRule.get(rule).push(op);
  }
  const roleCells = (rule) => [rule === 'public' ? '✓' : '–', ...ROLES.map((role) => cell(rule, role, RULE_ROLES))];
  const header = ['not signed in', ...ROLES.map((r) => `\`${r}\``)];

  const lines = [row(['rule', ...header]), row(['---', ...header.map(() => ':---:')])];
  for (const rule of Object.keys(RULE_ROLES)) lines.push(row([`\`${rule}\``, ...roleCells(rule)]));
  lines.push('', row(['area', 'operations', 'rule', ...header]), row(['---', '---', '---', ...header.map(() => ':---:')]));
  for (const [area, byRule] of areas) {
    for (const [rule, list] of byRule) lines.push(row([area, list.map((op) => `\`${op}\``).join(', '), `\`${rule}\``, ...roleCells(rule)]));
  }
  return block('role matrix', lines);
}

/** The internal data: fields per type, and the types internal altogether. */
export function renderInternalData({ INTERNAL_FIELDS, INTERNAL_TYPES }) {
  const lines = [row(['type', 'internal fields']), row(['---', '---'])];
  for (const [type, fields] of Object.entries(INTERNAL_FIELDS)) lines.push(row([`\`${type}\``, fields.map((f) => `\`${f}\``).join(', ')]));
  for (const type of INTERNAL_TYPES) lines.push(row([`\`${type}\``, 'the whole record (every field, and whether it exists)']));
  return block('internal data', lines);
}

const row = (cells) => `| ${cells.join(' | ')} |`;
const block = (part, lines) => [begin(part), '', ...lines, '', end(part)].join('\n');

/** Every generated part of docs/ACCESS.md, from libs/domain's access module. */
export function renderGenerated(access) {
  return [renderAccessTable(access), renderInternalData(access)];
}

/** docs/ACCESS.md with its generated parts replaced by `parts` (each starting with its BEGIN comment). */
export function replaceGenerated(doc, parts) {
  let out = doc;
  for (const part of parts) {
    const first = part.slice(0, part.indexOf('\n'));
    const last = part.slice(part.lastIndexOf('\n') + 1);
    const from = out.indexOf(first);
    const to = out.indexOf(last);
    if (from < 0 || to < from) throw new Error(`docs/ACCESS.md has no place for the generated part (between "${first}" and "${last}")`);
    out = out.slice(0, from) + part + out.slice(to + last.length);
  }
  return out;
}

async function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dist = path.join(root, 'libs/domain/dist/access.js');
  if (!fs.existsSync(dist)) {
    console.error('libs/domain is not built: run `npx tsc -p libs/domain/tsconfig.lib.json` first');
    process.exit(2);
  }
  const access = await import(pathToFileURL(dist).href);
  const parts = renderGenerated(access);
  if (process.argv.includes('--print')) {
    console.log(parts.join('\n\n'));
    return;
  }
  const file = path.join(root, 'docs/ACCESS.md');
  const doc = fs.readFileSync(file, 'utf8');
  const next = replaceGenerated(doc, parts);
  if (process.argv.includes('--check')) {
    if (next !== doc) {
      console.error('docs/ACCESS.md is stale: run `npm run docs:access`');
      process.exit(1);
    }
    console.log('docs/ACCESS.md is up to date');
    return;
  }
  if (next !== doc) fs.writeFileSync(file, next);
  console.log(next !== doc ? 'docs/ACCESS.md updated' : 'docs/ACCESS.md is up to date');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
