// Browser checks of the programme figures page (/reports) as a manager; started by run.sh after e2e.mjs against the
// same server. Seeds clients and outcomes through the JSON API, then: the shared layout in Finnish and English,
// figures equal to the API, filters as a form without script, keyboard use, axe-core, screenshots
// (reports-fi.png, reports-en.png, reports-phone-fi.png). Prints "N passed, N failed".
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { api, token } from './lib.mjs'; // the API and script logins, shared by every spec

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) => (i % 2 ? a : [...a, [v.replace(/^--/, ''), all[i + 1]]]), []));
const BASE = args.base, PW = args.password, ROOT = args.root;
const HERE = path.dirname(new URL(import.meta.url).pathname);
const SHOTS = path.join(HERE, 'screenshots');
const AXE = require.resolve('axe-core/axe.min.js');
const cat = Object.fromEntries(['fi', 'sv', 'en'].map(l => [l, JSON.parse(fs.readFileSync(path.join(ROOT, 'i18n', l + '.json'), 'utf8'))]));
const PERIOD = 'from=2026-01-01&to=2026-10-31';

let passed = 0, failed = 0;
function check(ok, what, detail) {
	if (ok) { passed++; console.log('ok   reports: ' + what); }
	else { failed++; console.log('FAIL reports: ' + what + (detail ? ' — ' + detail : '')); }
}
async function step(what, fn) {
	try { await fn(); } catch (e) { check(false, what, String(e && e.message || e).split('\n')[0]); }
}

// A small programme's year: 36 clients in two programmes, outcomes spread over the months.
async function seed() {
	const admin = await token('admin@a.example');
	await api('POST', '/api/v1/users/new', { email: 'manager@a.example', name: 'Maija Manageri', role: 'manager', password: PW, lang: 'fi' }, admin);
	const progs = [(await api('POST', '/api/v1/programmes', { name: 'Osaajat töihin', target_groups: ['immigrant'] }, admin)).id,
		(await api('POST', '/api/v1/programmes', { name: 'Kotoutumisen polku', target_groups: ['spouse'] }, admin)).id];
	const t = await token('counsellor@a.example');
	const groups = [['immigrant'], ['highly_educated_immigrant'], ['spouse'], ['immigrant', 'youth'], ['seasonal_worker'], ['long_term_unemployed']];
	const types = ['employed', 'employed', 'employed', 'education', 'work_trial', 'apprenticeship', 'employed', 'other'];
	const pad = n => String(n).padStart(2, '0');
	for (let i = 0; i < 36; i++) {
		const intake = `2026-${pad(1 + (i % 9))}-${pad(1 + (i * 7) % 27)}`;
		const c = await api('POST', '/api/v1/clients', {
			first_name: 'Raportti' + i, last_name: 'Asiakas', programme_id: progs[i % 2], target_groups: groups[i % groups.length],
			intake_on: intake, status: i % 5 ? 'active' : 'employed', cv_ready: i % 3 !== 0, municipality: i % 4 ? 'Helsinki' : 'Espoo',
		}, t);
		await api('POST', '/api/v1/educations', { client_id: c.id, isced_level: i % 2 ? 7 : 4, isced_field: i % 2 ? '0613' : '0721' }, t);
		if (i % 3) await api('POST', '/api/v1/work-history', { client_id: c.id, isco_code: i % 2 ? '2512' : '7512', title: 'Aiempi työ' }, t);
		await api('POST', '/api/v1/service-events', { client_id: c.id, type: 'meeting', happened_on: intake }, t);
		if (i % 4 !== 3) {
			const month = Math.min(10, 2 + (i % 9));
			const type = types[i % types.length];
			await api('POST', '/api/v1/outcomes', {
				client_id: c.id, type, starts_on: `2026-${pad(month)}-15`,
				...(type === 'employed' ? { isco_code: i % 5 === 0 ? '9112' : (i % 2 ? '2512' : '7512') } : {}),
			}, t);
		}
	}
	return progs;
}

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];
async function browserFor(opts = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osaaja-chromium-'));
	const ctx = await chromium.launchPersistentContext(dir, {
		executablePath: '/usr/bin/chromium', headless: true, args: launchArgs, bypassCSP: true,
		viewport: opts.viewport || { width: 1280, height: 900 }, javaScriptEnabled: opts.js !== false, locale: 'fi-FI',
	});
	ctx.setDefaultTimeout(15000);
	const page = ctx.pages()[0] || await ctx.newPage();
	return { ctx, page, close: async () => { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}
async function login(page, email) {
	await page.goto(BASE + '/login');
	await page.fill('#login-email', email);
	await page.fill('#login-password', PW);
	await Promise.all([page.waitForNavigation(), page.click('#login button[type=submit]')]);
}
async function axe(page, what) {
	await page.addScriptTag({ path: AXE });
	const res = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
	const bad = res.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
	check(bad.length === 0, `axe: no serious or critical violations on ${what}`,
		bad.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`).join('; '));
}
const shot = (page, name, full = true) => page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: full });
const text = async (page, sel) => (await page.textContent(sel)) || '';

async function run() {
	const progs = await seed();
	check(true, 'seeded 36 clients with outcomes and a manager through the JSON API');
	const mtoken = await token('manager@a.example');
	const figures = (await api('GET', '/api/v1/reports/indicators?' + PERIOD, null, mtoken)).indicators;
	const b = await browserFor();
	const { page } = b;
	await step('[fi] the manager opens the figures', async () => {
		await login(page, 'manager@a.example');
		await page.goto(BASE + '/reports?' + PERIOD);
		check((await page.getAttribute('html', 'lang')) === 'fi', '<html lang> is fi (the manager\'s language)');
		check((await text(page, 'h1')).includes(cat.fi['rep.title']), 'the heading is Finnish', await text(page, 'h1'));
		check(await page.locator('header.top #lang-menu').count() === 1 && await page.locator('header.top nav').count() === 1,
			'the shared header with navigation and language menu');
		const shown = await page.$$eval('#indicators td[data-key]', tds => Object.fromEntries(tds.map(td => [td.dataset.key, td.dataset.value])));
		const bad = Object.keys(figures).filter(k => (figures[k] === null ? shown[k] !== '' : Number(shown[k]) !== figures[k]));
		check(bad.length === 0 && Object.keys(shown).length === Object.keys(figures).length, 'every figure equals the API', bad.join(', '));
		const served = await text(page, '#indicators td[data-key="clients_served"]');
		check(served.trim() === String(figures.clients_served), 'counts read as numbers', served);
		const pct = await text(page, '#indicators td[data-key="employed_own_field_pct"]');
		check(figures.employed_own_field_pct === null || /,\d\s%$/.test(pct.replace(/\u00a0/g, ' ')) || /^\d+\s%$/.test(pct.replace(/\u00a0/g, ' ')),
			'a percentage uses the Finnish decimal comma', pct);
		check((await text(page, '.lead')).includes('31.10.2026') || (await text(page, '.lead')).includes('31.10.'), 'dates read the Finnish way', await text(page, '.lead'));
		check(await page.locator('svg[role=img] > title').count() === 5 && await page.locator('svg[role=img] > desc').count() === 5,
			'five charts with <title> and <desc> (the fifth: new clients by who referred them)');
		check(await page.locator('details.data table').count() === 5, 'a data table behind each chart');
		check((await text(page, '#chart-per-month-title')) === cat.fi['rep.chart.per_month'], 'chart titles from the catalogue');
		check((await text(page, 'body')).includes('maalis 2026'), 'months are named in Finnish');
		for (const secret of ['Raportti1', 'Asiakas', 'Hassan']) // whole words: "Asiakaspalaute" is a heading
			check(!new RegExp(`\\b${secret}\\b`).test(await text(page, 'main')), `no personal data on the page (${secret})`);
		const csv = await page.getAttribute('a[href^="/api/v1/reports/export.csv"]', 'href');
		check(csv && csv.includes('from=2026-01-01') && csv.includes('to=2026-10-31'), 'the CSV link carries the filter', csv);
		const res = await page.request.get(BASE + csv);
		check(res.status() === 200 && /attachment/.test(res.headers()['content-disposition'] || ''), 'the CSV downloads');
		const xl = await page.request.get(BASE + await page.getAttribute('a[href^="/api/v1/reports/export.xlsx"]', 'href'));
		check(xl.status() === 200, 'the XLSX downloads');
	});
	await step('[fi] screenshots and axe', async () => {
		await page.evaluate(() => document.querySelectorAll('details.data').forEach(d => { d.open = true; }));
		await shot(page, 'reports-fi');
		await axe(page, 'the figures page (fi, tables open)');
		await page.reload();
	});
	await step('[fi] keyboard: filter and submit', async () => {
		await page.goto(BASE + '/reports?' + PERIOD);
		await page.focus('#r-programme');
		await page.keyboard.press('ArrowDown'); // the first programme
		await page.focus('#r-mun');
		await page.keyboard.type('Helsinki');
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		const u = new URL(page.url());
		check(u.searchParams.get('municipality') === 'Helsinki' && u.searchParams.get('programme_id') !== '',
			'Enter in the form shows the filtered figures', page.url());
		const f = (await api('GET', `/api/v1/reports/indicators?${u.searchParams.toString()}`, null, mtoken)).indicators;
		check(await page.getAttribute('#indicators td[data-key="clients_served"]', 'data-value') === String(f.clients_served),
			'the filtered page equals the API with the same filter');
		await page.focus('details.data summary');
		await page.keyboard.press('Enter');
		check(await page.locator('details.data[open]').count() === 1, 'a data table opens from the keyboard');
		const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== 'none');
		check(focusVisible, 'the focused summary shows a focus outline');
	});
	await step('[en] language menu', async () => {
		await page.goto(BASE + '/reports?' + PERIOD);
		await Promise.all([page.waitForNavigation(), page.selectOption('#lang-menu', 'en')]);
		check(new URL(page.url()).pathname === '/reports', 'the language change stays on the page', page.url());
		if (!new URL(page.url()).search) await page.goto(BASE + '/reports?' + PERIOD);
		check((await page.getAttribute('html', 'lang')) === 'en', '<html lang> is en');
		check((await text(page, 'h1')).includes(cat.en['rep.title']), 'the heading is English');
		check((await text(page, 'body')).includes('Mar 2026'), 'months are named in English');
		await page.evaluate(() => document.querySelectorAll('details.data').forEach(d => { d.open = true; }));
		await shot(page, 'reports-en');
		await axe(page, 'the figures page (en, tables open)');
		await Promise.all([page.waitForNavigation(), page.selectOption('#lang-menu', 'fi')]);
	});
	await b.close();
	const nojs = await browserFor({ js: false, viewport: { width: 390, height: 844 } });
	await step('without script, on a phone', async () => {
		await login(nojs.page, 'manager@a.example');
		await nojs.page.goto(BASE + '/reports?' + PERIOD);
		await nojs.page.selectOption('#r-programme', String(progs[1]));
		await Promise.all([nojs.page.waitForNavigation(), nojs.page.click('form.filters button[type=submit]')]);
		check(new URL(nojs.page.url()).searchParams.get('programme_id') === String(progs[1]), 'the filter form works without script', nojs.page.url());
		const w = await nojs.page.evaluate(() => document.documentElement.scrollWidth);
		check(w <= 400, 'no sideways scrolling on a phone', String(w));
		await shot(nojs.page, 'reports-phone-fi');
	});
	await nojs.close();
	const emp = await browserFor();
	await step('roles', async () => {
		await login(emp.page, 'counsellor@b.example');
		const res = await emp.page.goto(BASE + '/reports?' + PERIOD);
		check(res.status() === 200 && (await emp.page.getAttribute('#indicators td[data-key="new_clients"]', 'data-value')) !== String(figures.new_clients),
			'another organisation\'s counsellor sees only their own figures');
	});
	await emp.close();
}

try {
	await run();
} catch (e) {
	check(false, 'the run', String(e && e.stack || e));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
