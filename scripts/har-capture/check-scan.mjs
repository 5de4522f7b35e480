// Checks `tokenscope scan --json` of a fresh capture.sh recording: 7 entries, and the five tokens where Chromium
// recorded them, with the verdicts Tokenscope gives (at 2026-03-01T12:00:00Z, keys of the session, API 6e74172b-…).
// Usage: node check-scan.mjs scan.json
import { readFileSync } from 'node:fs';

const scan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const want = [
  'id-token | Location header fragment (id_token) | GET | 302 | invalid | id-token-as-access-token',
  'access-token | Location header fragment (access_token) | GET | 302 | invalid | graph-token',
  'access-token | token response (access_token) | POST | 200 | valid | -',
  'id-token | token response (id_token) | POST | 200 | invalid | id-token-as-access-token',
  'token | Authorization header | GET | 401 | invalid | placeholder',
];
const got = (scan.tokens ?? []).map((t) => [t.role, t.where, t.method, t.status, t.verdict, t.diagnosis ?? '-'].join(' | '));
const problems = [];
if (scan.entries !== 7) problems.push(`entries: ${scan.entries}, wanted 7`);
if ((scan.warnings ?? []).length) problems.push(`warnings: ${scan.warnings.join('; ')}`);
if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`tokens:\n  ${got.join('\n  ')}\nwanted:\n  ${want.join('\n  ')}`);
if (!/\/api\/orders\?top=5$/.test(scan.tokens?.[4]?.url ?? '')) problems.push(`the placeholder's URL: ${scan.tokens?.[4]?.url}`);
if (scan.tokens?.[2]?.occurrences !== 2) problems.push('the access token should be seen twice (token response, then the API call)');
if (problems.length) {
  console.error(`check-scan: the scan of the fresh Chromium capture is not as expected:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`check-scan: ${scan.entries} entries, ${got.length} tokens as expected:\n  ${got.join('\n  ')}`);
