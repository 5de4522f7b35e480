// Checks `tokenscope scan --json` of a fresh capture.sh recording: 7 entries, its story, and the five tokens where Chromium
// recorded them, with the verdicts Tokenscope gives (at 2026-03-01T12:00:00Z, keys of the session, API 6e74172b-…).
// Usage: node check-scan.mjs scan.json
import { readFileSync } from 'node:fs';

const scan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// Each token is judged in its role (judgedAs): the ID tokens as ID tokens for the SPA's client (their nonce is the
// /authorize request's), the Graph token as another resource's (undetermined, not invalid), the API token against the
// API profile, "Bearer undefined" as a placeholder (with the server's 401 kept on its row).
const want = [
  'id-token | Location header fragment (id_token) | GET | 302 | valid | - | id-token-for-client',
  'access-token | Location header fragment (access_token) | GET | 302 | undetermined | other-resource | other-resource',
  'access-token | token response (access_token) | POST | 200 | valid | - | api',
  'id-token | token response (id_token) | POST | 200 | valid | - | id-token-for-client',
  'token | Authorization header | GET | 401 | invalid | placeholder | placeholder',
];
const got = (scan.tokens ?? []).map((t) => [t.role, t.where, t.method, t.status, t.verdict, t.diagnosis ?? '-', t.judgedAs].join(' | '));
const problems = [];
if (scan.entries !== 7) problems.push(`entries: ${scan.entries}, wanted 7`);
if ((scan.warnings ?? []).length) problems.push(`warnings: ${scan.warnings.join('; ')}`);
if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`tokens:\n  ${got.join('\n  ')}\nwanted:\n  ${want.join('\n  ')}`);
if (!/\/api\/orders\?top=5$/.test(scan.tokens?.[4]?.url ?? '')) problems.push(`the placeholder's URL: ${scan.tokens?.[4]?.url}`);
if (scan.tokens?.[4]?.serverResponse?.status !== 401) problems.push(`the placeholder's server response: ${JSON.stringify(scan.tokens?.[4]?.serverResponse)}`);
if (!/^The app \(client [0-9a-f-]+\) signed in at /.test(scan.story ?? '')) problems.push(`story: ${scan.story}`);
if (scan.tokens?.[2]?.occurrences !== 2) problems.push('the access token should be seen twice (token response, then the API call)');
if (problems.length) {
  console.error(`check-scan: the scan of the fresh Chromium capture is not as expected:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`check-scan: ${scan.entries} entries, ${got.length} tokens as expected:\n  ${got.join('\n  ')}`);
