// Browser flow of a concurrent edit (issue 20, item 3): two browsers edit one client's contact details; the second
// save is refused and the page shows the value saved meanwhile beside the user's own, keeps what the user typed, and
// saves on the second try. Started by run.sh with a running server. Prints "N passed, N failed".
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) => (i % 2 ? a : [...a, [v.replace(/^--/, ''), all[i + 1]]]), []));
const BASE = args.base, PW = args.password, ROOT = args.root;
const HERE = path.dirname(new URL(import.meta.url).pathname);
const SHOTS = path.join(HERE, 'screenshots');
const AXE = require.resolve('axe-core/axe.min.js');
const cat = Object.fromEntries(['fi', 'sv', 'en'].map(l => [l, JSON.parse(fs.readFileSync(path.join(ROOT, 'i18n', l + '.json'), 'utf8'))]));

let passed = 0, failed = 0;
function check(ok, what, detail) {
	if (ok) { passed++; console.log('ok   ' + what); }
	else { failed++; console.log('FAIL ' + what + (detail ? ' — ' + detail : '')); }
}
async function step(what, fn) {
	try { await fn(); } catch (e) { check(false, what, String(e && e.message || e).split('\n')[0]); }
}
async function api(method, url, body, auth) {
	const res = await fetch(BASE + url, {
		method, headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: 'Bearer ' + auth } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
	return JSON.parse(text);
}
const token = async email => (await api('POST', '/api/v1/session', { email, password: PW })).token;

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];
async function browserFor() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osaaja-chromium-'));
	const ctx = await chromium.launchPersistentContext(dir, {
		executablePath: '/usr/bin/chromium', headless: true, args: launchArgs, bypassCSP: true,
		viewport: { width: 1280, height: 900 }, locale: 'fi-FI',
	});
	ctx.setDefaultTimeout(15000);
	const page = ctx.pages()[0] || await ctx.newPage();
	const errors = [];
	page.on('pageerror', e => errors.push(String(e)));
	return { ctx, page, errors, close: async () => { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}
async function login(page, email, lang) {
	await page.goto(BASE + '/login?lang=' + lang);
	await page.fill('#login-email', email);
	await page.fill('#login-password', PW);
	await Promise.all([page.waitForNavigation(), page.click('#login button[type=submit]')]);
	if ((await page.getAttribute('html', 'lang')) !== lang)
		await Promise.all([page.waitForNavigation(), page.selectOption('#lang-menu', lang)]);
}
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true });
async function axe(page, what) {
	await page.addScriptTag({ path: AXE });
	const res = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
	const bad = res.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
	check(bad.length === 0, `axe: no serious or critical violations on ${what}`,
		bad.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`).join('; '));
}
const text = async (page, sel) => (await page.textContent(sel)) || '';

async function openContactForm(page, id) {
	await page.goto(`${BASE}/clients/${id}`);
	await page.click('#card-contact details.edit summary');
}
async function save(page) {
	await Promise.all([page.waitForNavigation(), page.click('#client-contact button[type=submit]')]);
}

async function conflictFlow(lang) {
	const t = cat[lang];
	const ca = await token('counsellor@a.example');
	const id = (await api('POST', '/api/v1/clients', { first_name: 'Nadia', last_name: `Rahimi ${lang}`, status: 'active',
		phone: '+358 40 100 0000', municipality: 'Vantaa', mother_tongue: 'fa' }, ca)).id;
	const a = await browserFor(), b = await browserFor();
	await step(`${lang}: the second of two concurrent saves shows both values and keeps the typed ones`, async () => {
		await login(a.page, 'counsellor@a.example', lang);
		await login(b.page, 'counsellor@a.example', lang);
		await openContactForm(a.page, id);
		await openContactForm(b.page, id); // both forms now carry version 1
		await a.page.fill('#client-contact-phone', '+358 40 111 1111');
		await a.page.fill('#client-contact-municipality', 'Espoo');
		await save(a.page);
		check(a.page.url().includes('done=saved'), `${lang}: the first save goes through`, a.page.url());
		await b.page.fill('#client-contact-phone', '+358 40 222 2222');
		await b.page.fill('#client-contact-email', 'nadia.rahimi@example.org');
		await save(b.page);
		const box = '#client-contact-conflict';
		check(await b.page.isVisible(box), `${lang}: the second save shows the conflict view`);
		const boxText = await text(b.page, box);
		check(boxText.includes(t['conflict.title']) && boxText.includes(t['conflict.explain']),
			`${lang}: it says in ${lang} that someone else changed the record`, boxText.slice(0, 200));
		const row = await text(b.page, `${box} tbody`);
		check(row.includes('+358 40 111 1111') && row.includes('+358 40 222 2222'),
			`${lang}: the saved phone and the typed phone side by side`, row);
		const muni = await text(b.page, `${box} tbody tr:has(td.theirs:text-is("Espoo"))`);
		check(muni.includes('Vantaa'), `${lang}: a field the other person changed shows their value and the form's`, row);
		check(await b.page.inputValue('#client-contact-phone') === '+358 40 222 2222' &&
			await b.page.inputValue('#client-contact-email') === 'nadia.rahimi@example.org', `${lang}: the typed values stay in the form`);
		const body = await text(b.page, 'main');
		const leaks = ['<span', 'version_conflict', 'someone else', 'If-Match', 'clients', 'undefined', 'null'].filter(w => (w === '<span' || lang !== 'en') && body.includes(w));
		check(leaks.length === 0, `${lang}: no code or English in the page`, leaks.join(', '));
		await shot(b.page, `conflict-${lang}`);
		await b.page.locator('#card-contact').screenshot({ path: path.join(SHOTS, `conflict-${lang}-card.png`) });
		if (lang === 'fi')
			await axe(b.page, 'the conflict view');
		await save(b.page); // review done: save again on the version now shown
		check(b.page.url().includes('done=saved'), `${lang}: saving again goes through`, b.page.url());
		const now = await api('GET', `/api/v1/clients/${id}`, null, ca);
		check(now.phone === '+358 40 222 2222' && now.email === 'nadia.rahimi@example.org' && now.version === 3,
			`${lang}: the record has the second person's reviewed values (version ${now.version})`, JSON.stringify(now).slice(0, 200));
	});
	check(a.errors.length === 0 && b.errors.length === 0, `${lang}: no script errors`, a.errors.concat(b.errors).join('; '));
	await a.close();
	await b.close();
}

try {
	await conflictFlow('fi');
	await conflictFlow('sv');
	await conflictFlow('en');
} catch (e) {
	check(false, 'the run', String(e && e.stack || e));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
