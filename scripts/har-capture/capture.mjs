// Records a HAR of a small MSAL-like single-page app in headless Chromium, on loopback only.
//
// A Node http server on 127.0.0.1 (random port) plays both Entra and the app:
//   GET  /{tenant}/oauth2/v2.0/authorize  302 to /spa/#code=…&id_token=…&access_token=…&state=… (hybrid, response_mode=fragment)
//   GET  /spa/, /spa/app.js               the app: reads the fragment, clears it, then
//   POST /{tenant}/oauth2/v2.0/token      token response JSON (access_token, id_token, refresh_token)
//   GET  /api/me                          Authorization: Bearer <access_token>
//   GET  /api/orders                      Authorization: Bearer undefined (the classic bug: result.accessToken of a raw response)
//   GET  /api/health                      no token
// Chromium is driven by playwright-core (never downloads a browser) and records the HAR with bodies embedded.
//
// Usage: node capture.mjs --tokens tokens.json --out session.har [--chromium /usr/bin/chromium] [--timeout-ms 60000] [--port 0]
// (--port: the loopback port, 0 = any free one; the committed test fixture was recorded with --port 41789)
// tokens.json: {"fragmentAccessToken","fragmentIdToken","accessToken","idToken","refreshToken"}
// (written by dev.tokenscope.engine.har.ChromiumSessionTokens).
import http from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { chromium } from 'playwright-core';

const TENANT = '72f0c3a1-5b7e-4c1d-9a8b-2e3f4a5b6c7d';
const CLIENT_ID = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
const API_ID = '6e74172b-be56-4843-9ff4-e66a39bb12e3';
const STATE = 'eyJpZCI6IjAxOTVhIiwibWV0YSI6eyJpbnRlcmFjdGlvblR5cGUiOiJyZWRpcmVjdCJ9fQ';
const NONCE = '6f1c2b4e-9a7d';
const CODE = '1.AXYAoTEST-authorization-code-of-the-loopback-spa';
const VERIFIER = 'test-pkce-verifier-of-the-loopback-spa-0123456789abcdef';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i > 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback === undefined) fail(`missing ${name}`);
  return fallback;
}

function fail(message) {
  console.error(`capture.mjs: ${message}`);
  process.exit(1);
}

const out = option('--out');
const tokens = JSON.parse(readFileSync(option('--tokens'), 'utf8'));
for (const k of ['fragmentAccessToken', 'fragmentIdToken', 'accessToken', 'idToken', 'refreshToken']) {
  if (typeof tokens[k] !== 'string' || !tokens[k]) fail(`tokens file lacks "${k}"`);
}
const executablePath = option('--chromium', '/usr/bin/chromium');
const timeoutMs = Number(option('--timeout-ms', '60000'));
const port = Number(option('--port', '0'));

// Everything ends within the time limit, whatever hangs.
const watchdog = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
watchdog.unref();

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Contoso Orders (loopback SPA)</title>
<link rel="icon" href="data:,"></head>
<body><h1>Contoso Orders</h1><pre id="log"></pre><script src="/spa/app.js"></script></body></html>
`;

const APP = `// A tiny MSAL-like SPA: hybrid flow redirect, code redemption, API calls.
const log = (line) => { document.getElementById('log').textContent += line + '\\n'; };
(async () => {
  const fragment = new URLSearchParams(location.hash.slice(1));
  history.replaceState(null, '', location.pathname); // MSAL clears the hash after reading it
  if (fragment.get('state') !== ${JSON.stringify(STATE)}) throw new Error('state mismatch');
  const body = new URLSearchParams({
    client_id: ${JSON.stringify(CLIENT_ID)},
    scope: 'api://${API_ID}/access_as_user openid profile offline_access',
    code: fragment.get('code'),
    redirect_uri: location.origin + '/spa/',
    code_verifier: ${JSON.stringify(VERIFIER)},
    grant_type: 'authorization_code',
    client_info: '1',
  });
  const response = await fetch('/${TENANT}/oauth2/v2.0/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body,
  });
  const result = await response.json();
  log('token endpoint: ' + response.status);
  const me = await fetch('/api/me', { headers: { Authorization: 'Bearer ' + result.access_token } });
  log('/api/me: ' + me.status + ' ' + JSON.stringify(await me.json()));
  // The classic SPA bug: MSAL's AuthenticationResult says accessToken, the raw response access_token.
  const orders = await fetch('/api/orders?top=5', { headers: { Authorization: 'Bearer ' + result.accessToken } });
  log('/api/orders: ' + orders.status + ' ' + JSON.stringify(await orders.json()));
  const health = await fetch('/api/health');
  log('/api/health: ' + health.status + ' ' + JSON.stringify(await health.json()));
  document.body.dataset.done = 'true';
})().catch((e) => { log('error: ' + e.message); document.body.dataset.done = 'error: ' + e.message; });
`;

const served = [];
const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  served.push(`${req.method} ${url.pathname}`);
  const send = (status, type, text, headers = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    res.end(text);
  };
  const json = (status, value) => send(status, 'application/json; charset=utf-8', JSON.stringify(value));
  const origin = `http://127.0.0.1:${server.address().port}`;
  if (req.method === 'GET' && url.pathname === `/${TENANT}/oauth2/v2.0/authorize`) {
    const fragment = new URLSearchParams({
      code: CODE,
      id_token: tokens.fragmentIdToken,
      access_token: tokens.fragmentAccessToken,
      token_type: 'Bearer',
      expires_in: '3599',
      scope: 'User.Read openid profile',
      state: url.searchParams.get('state') ?? '',
      session_state: '00000000-0000-4000-8000-loopback0001',
    });
    res.writeHead(302, { Location: `${origin}/spa/#${fragment}`, 'Cache-Control': 'no-store' });
    res.end();
  } else if (req.method === 'GET' && url.pathname === '/spa/') {
    send(200, 'text/html; charset=utf-8', PAGE);
  } else if (req.method === 'GET' && url.pathname === '/spa/app.js') {
    send(200, 'text/javascript; charset=utf-8', APP);
  } else if (req.method === 'POST' && url.pathname === `/${TENANT}/oauth2/v2.0/token`) {
    let form = '';
    req.on('data', (c) => { form += c; });
    req.on('end', () => {
      const p = new URLSearchParams(form);
      if (p.get('code') !== CODE || p.get('code_verifier') !== VERIFIER) {
        return json(400, { error: 'invalid_grant', error_description: 'AADSTS70008: test code or verifier mismatch' });
      }
      json(200, {
        token_type: 'Bearer',
        scope: `api://${API_ID}/access_as_user`,
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: tokens.accessToken,
        refresh_token: tokens.refreshToken,
        id_token: tokens.idToken,
        client_info: 'eyJ1aWQiOiIwYzlmM2QyZSIsInV0aWQiOiI3MmYwYzNhMSJ9',
      });
    });
  } else if (req.method === 'GET' && url.pathname.startsWith('/api/')) {
    const auth = req.headers.authorization;
    if (url.pathname === '/api/health') return json(200, { status: 'ok' });
    if (!auth || !/^Bearer eyJ/.test(auth)) {
      return send(401, 'application/json; charset=utf-8', JSON.stringify({ error: 'invalid_token' }),
        { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="no token"' });
    }
    json(200, { path: url.pathname, ok: true });
  } else {
    send(404, 'text/plain; charset=utf-8', 'not found');
  }
});

await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, '127.0.0.1', resolve);
});
const origin = `http://127.0.0.1:${server.address().port}`;
let browser;
try {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: timeoutMs,
    // Playwright adds --headless and a fresh temporary --user-data-dir (removed on close) itself.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ recordHar: { path: out, content: 'embed' }, serviceWorkers: 'block' });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  const authorize = `${origin}/${TENANT}/oauth2/v2.0/authorize?` + new URLSearchParams({
    client_id: CLIENT_ID,
    scope: 'User.Read openid profile offline_access',
    redirect_uri: `${origin}/spa/`,
    response_type: 'code id_token token',
    response_mode: 'fragment',
    state: STATE,
    nonce: NONCE,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  await page.goto(authorize, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body && document.body.dataset.done);
  const done = await page.evaluate(() => document.body.dataset.done);
  if (done !== 'true') throw new Error(`the SPA failed: ${done}`);
  await context.close(); // writes the HAR
  console.log(`capture.mjs: ${out} (${statSync(out).size} bytes) from ${served.length} requests: ${served.join(', ')}`);
} catch (e) {
  fail(e.stack || String(e));
} finally {
  if (browser) await browser.close().catch(() => {});
  server.close();
}
clearTimeout(watchdog);
