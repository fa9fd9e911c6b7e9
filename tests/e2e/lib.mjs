// Shared helpers of the browser specs: arguments, checks, the API, a Chromium per user, login, screenshots, axe.
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) => (i % 2 ? a : [...a, [v.replace(/^--/, ''), all[i + 1]]]), []));
export const BASE = args.base, PW = args.password, ROOT = args.root;
const HERE = path.dirname(new URL(import.meta.url).pathname);
export const SHOTS = path.join(HERE, 'screenshots');
const AXE = require.resolve('axe-core/axe.min.js');
export const cat = Object.fromEntries(['fi', 'sv', 'en'].map(l => [l, JSON.parse(fs.readFileSync(path.join(ROOT, 'i18n', l + '.json'), 'utf8'))]));

export const tally = { passed: 0, failed: 0 };
export function check(ok, what, detail) {
	if (ok) { tally.passed++; console.log('ok   ' + what); }
	else { tally.failed++; console.log('FAIL ' + what + (detail ? ' — ' + detail : '')); }
}
export async function step(what, fn) {
	try { await fn(); } catch (e) { check(false, what, String(e && e.message || e).split('\n')[0]); }
}
export async function api(method, url, body, auth) {
	const res = await fetch(BASE + url, {
		method, headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: 'Bearer ' + auth } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
	return JSON.parse(text);
}
/* Logs in (the session token is only in the cookie) and creates an API token with POST /api/v1/tokens. */
export async function token(email) {
	const res = await fetch(BASE + '/api/v1/session', {
		method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: PW }),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`POST /api/v1/session: ${res.status} ${text}`);
	const cookie = (res.headers.get('set-cookie') || '').split(';')[0];
	const t = await fetch(BASE + '/api/v1/tokens', {
		method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': JSON.parse(text).csrf_token },
		body: JSON.stringify({ label: 'e2e' }),
	});
	const tt = await t.text();
	if (!t.ok) throw new Error(`POST /api/v1/tokens: ${t.status} ${tt}`);
	return JSON.parse(tt).token;
}

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];
export async function browserFor(viewport = { width: 1366, height: 900 }, locale = 'fi-FI') {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osaaja-chromium-'));
	const ctx = await chromium.launchPersistentContext(dir, {
		executablePath: '/usr/bin/chromium', headless: true, args: launchArgs, bypassCSP: true, viewport, locale,
		isMobile: viewport.width < 500, hasTouch: viewport.width < 500,
	});
	ctx.setDefaultTimeout(15000);
	const page = ctx.pages()[0] || await ctx.newPage();
	const errors = [];
	page.on('pageerror', e => errors.push(String(e)));
	return { ctx, page, errors, close: async () => { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}
export async function login(page, email, lang) {
	await page.goto(BASE + '/login?lang=' + lang);
	await page.fill('#login-email', email);
	await page.fill('#login-password', PW);
	await Promise.all([page.waitForNavigation(), page.click('#login button[type=submit]')]);
	if ((await page.getAttribute('html', 'lang')) !== lang)
		await Promise.all([page.waitForNavigation(), page.selectOption('#lang-menu', lang)]);
}
export const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true });
export async function axe(page, what) {
	await page.addScriptTag({ path: AXE });
	const res = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
	const bad = res.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
	check(bad.length === 0, `axe: no serious or critical violations on ${what}`,
		bad.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`).join('; '));
}
export const text = async (page, sel) => (await page.textContent(sel)) || '';
// Text a person reads must not show markup, raw keys or escapes.
export async function noRawText(page, what) {
	const body = await page.evaluate(() => document.body.innerText);
	// whole words: Finnish 'sinulla' (you have) holds 'null'
	const bad = ['<span', '</', '&lt;', '&amp;', 'undefined', 'null'].filter(x => /^\w+$/.test(x) ? new RegExp(`(^|[^\\p{L}])${x}($|[^\\p{L}])`, 'u').test(body) : body.includes(x));
	check(bad.length === 0, `${what}: no markup or raw values in the text`, bad.join(', '));
}
export function done() {
	console.log(`${tally.passed} passed, ${tally.failed} failed`);
	process.exit(tally.failed ? 1 : 0);
}
// A server of a spec's own (survey.spec.mjs, spouse.spec.mjs: data of their own), on a fresh SQLite database in a new
// folder under tmp: the CLI makes the database (with taxonomy, the shipped ESCO data imported), the organisation
// orgName and its users ([role, email, name], each with password pw, Finnish). Returns its base URL and stop(), which
// stops the server, removes the folder and returns the server's log.
export async function ownServer({ bin, root, tmp, name, orgName, users, pw, taxonomy = false }) {
	const dir = fs.mkdtempSync(path.join(tmp || os.tmpdir(), name + '-'));
	const db = path.join(dir, name + '.db');
	const run = (...a) => execFileSync(bin, a, { cwd: root, encoding: 'utf8' }).trim();
	run('init', '--db', db);
	if (taxonomy) run('import-taxonomy', '--db', db, path.join(root, 'data', 'taxonomy'));
	const org = run('user', 'add-org', '--db', db, '--name', orgName, '--kind', 'employment_area');
	for (const [role, email, uname] of users)
		run('user', 'add', '--db', db, '--email', email, '--name', uname, '--role', role, '--org', org, '--password', pw, '--lang', 'fi');
	const portFile = path.join(dir, 'port');
	const server = spawn(bin, ['serve', '--db', db, '--port', '0', '--port-file', portFile, '--threads', '4'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
	let log = '';
	server.stderr.on('data', d => { log += d; });
	for (let i = 0; i < 200 && !(fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').trim()); i++) await new Promise(r => setTimeout(r, 50));
	return {
		base: 'http://127.0.0.1:' + fs.readFileSync(portFile, 'utf8').trim(),
		stop: async () => {
			server.kill('SIGTERM');
			await new Promise(r => server.on('exit', r));
			fs.rmSync(dir, { recursive: true, force: true });
			return log;
		},
	};
}
