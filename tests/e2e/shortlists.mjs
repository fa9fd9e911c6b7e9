// Browser flows of matching, anonymised shortlists, the employer portal and CSV import; started by run.sh with a
// running server whose database has the shipped ESCO taxonomy. Prints "N passed, N failed".
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { api, token } from './lib.mjs'; // the API and script logins, shared by every spec

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) => (i % 2 ? a : [...a, [v.replace(/^--/, ''), all[i + 1]]]), []));
const BASE = args.base, PW = args.password, ROOT = args.root, DB = args.db;
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
const esco = async (q, kind) => (await api('GET', `/api/v1/taxonomy/search?q=${encodeURIComponent(q)}&lang=en&kind=${kind}&limit=1`)).items[0].uri;

// Each language gets its own client and vacancy, so the two runs of the main flow do not see each other.
const people = {
	fi: { first: 'Fatima', last: 'Yusufzai', year: 1991, email: 'fatima.y@example.org', phone: '+358401112233', vacancy: 'Keittiöapulainen' },
	en: { first: 'Tesfaye', last: 'Gebremariam', year: 1984, email: 'tesfaye.g@example.org', phone: '+358401112244', vacancy: 'Kitchen assistant' },
};
const seed = {};
async function seedData() {
	const ca = await token('counsellor@a.example'), co = await token('coordinator@a.example'), ad = await token('admin@a.example');
	const mk = (t, e, b) => api('POST', '/api/v1/' + e, b, t);
	const skills = [await esco('cook', 'skill'), await esco('food hygiene', 'skill'), await esco('wash dishes', 'skill')];
	seed.employer = (await mk(co, 'employers', { name: 'Bistro Aalto Oy', business_id: '0112038-9', municipality: 'Helsinki' })).id;
	for (const [lang, p] of Object.entries(people)) {
		const c = (await mk(ca, 'clients', { first_name: p.first, last_name: p.last, birth_year: p.year, email: p.email, phone: p.phone,
			gender: 'male', nationality: 'ET', status: 'active', mother_tongue: 'am', work_hours_max: 20, physical_load: 'seated',
			accommodations: 'Selkäleikkaus 2025' })).id;
		for (const [i, s] of skills.slice(0, 2).entries()) await mk(ca, 'client-skills', { client_id: c, esco_skill: s, label: ['cooking', 'food hygiene'][i], level: 'advanced', evidence: 'counsellor_seen' });
		await mk(ca, 'client-languages', { client_id: c, language: 'fi', level: 'A2' });
		await mk(ca, 'consents', { client_id: c, purpose: 'matching', given: true, given_on: '2026-01-01', method: 'in_person' });
		const v = (await mk(co, 'vacancies', { employer_id: seed.employer, title: p.vacancy, contract_type: 'permanent', status: 'open', municipality: 'Helsinki', hours_per_week: 30,
			physical_load: 'moderate', permit_required: true })).id;
		for (const s of skills) await mk(co, 'vacancy-skills', { vacancy_id: v, esco_skill: s, required: true });
		await mk(co, 'vacancy-languages', { vacancy_id: v, language: 'fi', min_level: 'B1', required: true });
		seed[lang] = { client: c, vacancy: v };
	}
	await api('POST', '/api/v1/users/new', { email: 'employer@bistro.example', name: 'Eero Esimies', role: 'employer', password: PW,
		employer_id: seed.employer, lang: 'fi' }, ad);
	seed.ca = ca; seed.co = co;
}

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];
async function browserFor(opts = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osaaja-chromium-'));
	const ctx = await chromium.launchPersistentContext(dir, {
		executablePath: '/usr/bin/chromium', headless: true, args: launchArgs, bypassCSP: true,
		viewport: { width: 1280, height: 900 }, javaScriptEnabled: opts.js !== false, locale: 'fi-FI',
	});
	ctx.setDefaultTimeout(15000);
	const page = ctx.pages()[0] || await ctx.newPage();
	const errors = [];
	page.on('pageerror', e => errors.push(String(e)));
	return { ctx, page, errors, close: async () => { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}
async function login(page, email, lang) {
	await page.goto(BASE + '/login' + (lang ? '?lang=' + lang : ''));
	await page.fill('#login-email', email);
	await page.fill('#login-password', PW);
	await Promise.all([page.waitForNavigation(), page.click('#login button[type=submit]')]);
	if (lang && (await page.getAttribute('html', 'lang')) !== lang)
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

async function mainFlow(lang) {
	const t = cat[lang], p = people[lang], s = seed[lang];
	let link = null;
	const cou = await browserFor();
	await step(`[${lang}] counsellor opens the matches and proposes the client`, async () => {
		const { page } = cou;
		await login(page, 'counsellor@a.example', lang);
		await page.goto(BASE + `/clients/${s.client}`);
		await Promise.all([page.waitForNavigation(), page.click(`a[href="/clients/${s.client}/matches"]`)]);
		const item = page.locator(`#match-${s.vacancy}`);
		check(await item.count() === 1, `[${lang}] the vacancy is among the client's matches`);
		const html = await item.innerHTML();
		check(html.includes(t['matches.matched']) && html.includes(t['matches.missing']), `[${lang}] the explanation names matched and missing skills`);
		check((await text(page, `#match-${s.vacancy} ul.gaps`)).includes('B1'), `[${lang}] the language gap shows the required level`);
		check((await text(page, `#match-${s.vacancy} ul.gaps`)).includes(t['hard.physical_load']), `[${lang}] the assigned counsellor reads which limit fails`);
		await shot(page, `matches-${lang}`);
		await axe(page, `the matches page (${lang})`);
		await page.check('#hard-filter');
		await Promise.all([page.waitForNavigation(), page.click('form.filter button')]);
		check(await page.locator(`#match-${s.vacancy}`).count() === 0, `[${lang}] the hard-requirement filter leaves out the vacancy that needs Finnish B1`);
		await page.goto(BASE + `/clients/${s.client}/matches`);
		const form = page.locator(`#match-${s.vacancy} form.propose`);
		const fields = Object.fromEntries(await form.locator('input[type=hidden]').evaluateAll(els => els.map(e => [e.name, e.value])));
		await Promise.all([page.waitForNavigation(), form.locator('button').click()]);
		check((await text(page, '.notice')).includes(t['done.proposed']), `[${lang}] the proposal is confirmed`);
		check(await page.locator(`#match-${s.vacancy} .badge.proposed`).count() === 1, `[${lang}] the match now says proposed`);
		const again = await page.request.post(BASE + '/matches/propose', { form: fields, maxRedirects: 0 });
		check(again.status() === 303 && /already_proposed/.test(again.headers()['location'] || ''), `[${lang}] a second click proposes nothing new`, String(again.status()));
		const props = await api('GET', `/api/v1/proposals?client_id=${s.client}&vacancy_id=${s.vacancy}`, null, seed.ca);
		check(props.items.length === 1 && props.items[0].stage === 'suggested' && props.items[0].score > 0,
			`[${lang}] exactly one proposal, stage suggested, with its score`, JSON.stringify(props.items));
		s.proposal = props.items[0].id;
	});
	const co = await browserFor();
	await step(`[${lang}] coordinator sends an anonymised shortlist`, async () => {
		const { page } = co;
		await login(page, 'coordinator@a.example', lang);
		await page.goto(BASE + `/vacancies/${s.vacancy}`);
		await Promise.all([page.waitForNavigation(), page.click(`a[href="/vacancies/${s.vacancy}/shortlists"]`)]);
		await Promise.all([page.waitForNavigation(), page.click('#shortlist button[type=submit]')]);
		check((await text(page, '#shortlist .form-error')).includes(t['shortlist.choose_one']) && await page.locator('#sl-proposal_ids-err').count() === 1,
			`[${lang}] sending nobody: the form says so beside the candidates`);
		await page.check(`#sl-${s.proposal}`);
		await page.check('#sl-link');
		await Promise.all([page.waitForNavigation(), page.click('#shortlist button[type=submit]')]);
		link = await page.getAttribute('#shortlist-link', 'href');
		check(/^\/shortlist\?t=[0-9a-f]{64}$/.test(link || ''), `[${lang}] the link is shown once`, link);
		check((await text(page, '#sent-shortlists')).length > 0, `[${lang}] the shortlist is listed as sent`);
		if (lang === 'fi') { await shot(page, 'shortlist-send-fi'); await axe(page, 'the shortlist page'); }
	});
	const emp = await browserFor();
	await step(`[${lang}] the employer sees no name and invites to an interview`, async () => {
		const { page } = emp;
		await login(page, 'employer@bistro.example', lang);
		check(new URL(page.url()).pathname === '/portal', `[${lang}] the employer lands on the shortlists`, page.url());
		await Promise.all([page.waitForNavigation(), page.click(`table.list a:has-text("${p.vacancy}")`)]);
		const html = await page.content();
		for (const bad of [p.first, p.last, String(p.year), p.email, p.phone])
			check(!html.includes(bad), `[${lang}] the employer's page does not hold ${bad}`);
		// Partial work ability and residence status never reach an employer, in any language's words.
		for (const l of ['fi', 'sv', 'en'])
			for (const k of ['hard.physical_load', 'hard.hours', 'hard.permit', 'hard.availability'])
				check(!html.includes(cat[l][k]), `[${lang}] the employer's page does not say "${cat[l][k]}"`);
		check(!html.includes('Selkäleikkaus') && !/physical_load|work_hours|accommodation/.test(html), `[${lang}] no capacity field in the employer's page`);
		check((await text(page, 'li.candidate h2')).includes(t['portal.candidate']), `[${lang}] the candidate is numbered`);
		await shot(page, `shortlist-employer-${lang}`);
		await axe(page, `the employer's shortlist (${lang})`);
		await Promise.all([page.waitForNavigation(), page.click('#answer-1 button[value=interview]')]);
		check((await text(page, '.notice')).includes(t['done.answered']), `[${lang}] the answer is confirmed`);
		check((await text(page, 'li.candidate .badge')).includes(t['portal_stage.interview']), `[${lang}] the candidate shows as invited`);
		for (const path of [`/clients/${s.client}`, `/vacancies/${s.vacancy}`, '/caseload', `/clients/${s.client}/matches`]) {
			const res = await page.goto(BASE + path);
			check(res.status() === 403, `[${lang}] the employer may not open ${path}`, String(res.status()));
		}
	});
	await step(`[${lang}] the counsellor sees the stage change`, async () => {
		const { page } = cou;
		await page.goto(BASE + `/clients/${s.client}`);
		check((await text(page, '#proposals table')).includes(t['v.interview']), `[${lang}] the proposal is at the interview stage`);
	});
	await step(`[${lang}] the link works without login until it expires`, async () => {
		const anon = await browserFor();
		try {
			const res = await anon.page.goto(BASE + link);
			check(res.status() === 200 && !(await anon.page.content()).includes(p.last), `[${lang}] the link opens the anonymised shortlist`);
			execFileSync('/usr/bin/python3', ['-c', `import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE shortlists SET link_expires_at='2020-01-01T00:00:00Z'"); c.commit()`, DB]);
			const ex = await anon.page.goto(BASE + link);
			check(ex.status() === 410 && (await text(anon.page, 'h1')).includes(cat.fi['portal.expired_title']) /* no login: the browser's language */,
				`[${lang}] the expired link says so`, String(ex.status()));
			if (lang === 'fi') await shot(anon.page, 'link-expired-fi');
		} finally { await anon.close(); }
	});
	for (const b of [cou, co, emp]) { check(b.errors.length === 0, `[${lang}] no script errors`, b.errors.join('; ')); await b.close(); }
}

async function importFlow() {
	const t = cat.fi;
	const b = await browserFor();
	const { page } = b;
	await step('CSV import: preview with an error and a duplicate, then only the good row is written', async () => {
		await login(page, 'counsellor@a.example', 'fi');
		await page.goto(`${BASE}/caseload`);
		await page.click('a.button[href="/import"]');
		await page.waitForLoadState();
		await page.selectOption('#import-kind', 'clients');
		const csv = '\ufeffEtunimi;Sukunimi;Syntymävuosi;Sähköposti;Äidinkieli\r\n' +
			'Liisa;Korhonen-Abdi;1985;liisa.ka@example.org;so\r\n' +
			'Pekka;;1990;pekka@example.org;fi\r\n' +
			`${people.fi.first};${people.fi.last};${people.fi.year};toinen@example.org;am\r\n`;
		await page.setInputFiles('#import-file', { name: 'asiakkaat.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
		await Promise.all([page.waitForNavigation(), page.click('#import button[type=submit]')]);
		check((await text(page, '#n-ok')) === '1' && (await text(page, '#n-err')) === '1' && (await text(page, '#n-dup')) === '1',
			'the preview counts one good row, one error and one duplicate', await text(page, 'ul.summary'));
		const bad = await text(page, '#import-rows tr[data-line="3"]');
		check(bad.includes(t['import.st_error']) && bad.includes(t['f.last_name'] || 'Sukunimi'), 'row 3 names its error and field', bad);
		const dup = await text(page, '#import-rows tr[data-line="4"]');
		check(dup.includes(t['import.st_duplicate']) && dup.includes(t['import.dup_name']), 'row 4 is a duplicate by name and birth year', dup);
		const before = await api('GET', '/api/v1/clients?q=Korhonen-Abdi', null, seed.ca);
		check(before.items.length === 0, 'nothing is written by the preview');
		await shot(page, 'import-preview-fi');
		await axe(page, 'the import preview');
		await Promise.all([page.waitForNavigation(), page.click('#import-run button[type=submit]')]);
		check((await text(page, '.notice')).includes('1'), 'the import reports one row', await text(page, '.notice'));
		const after = await api('GET', '/api/v1/clients?q=Korhonen-Abdi', null, seed.ca);
		const pekka = await api('GET', '/api/v1/clients?q=pekka', null, seed.ca);
		const dups = await api('GET', `/api/v1/clients?q=${people.fi.last}`, null, seed.ca);
		check(after.items.length === 1 && pekka.items.length === 0 && dups.items.length === 1, 'only the good row was written',
			`${after.items.length} ${pekka.items.length} ${dups.items.length}`);
	});
	check(b.errors.length === 0, 'import: no script errors', b.errors.join('; '));
	await b.close();
}

async function pickerWithoutScript() {
	const b = await browserFor({ js: false });
	const { page } = b;
	await step('the ESCO picker without script suggests concepts to choose from', async () => {
		await login(page, 'counsellor@a.example', 'fi');
		await page.goto(BASE + `/clients/${seed.fi.client}`);
		await page.click('#sec-client-skills summary');
		await page.fill('#client-skills-label', 'bake bread');
		await page.selectOption('#client-skills-evidence', 'self_declared');
		await Promise.all([page.waitForNavigation(), page.click('#client-skills input[name=esco_find]')]);
		const n = await page.locator('#client-skills-choices input[type=radio]').count();
		check(n >= 2, 'a choice list of ESCO concepts is shown', String(n));
		await Promise.all([page.waitForNavigation(), page.click('#client-skills button[type=submit]')]);
		const row = page.locator('#sec-client-skills tbody tr', { hasText: 'bake bread' });
		check(await row.count() === 1 && await row.locator('a.uri').count() === 1, 'the picked concept is saved with its ESCO URI');
	});
	await b.close();
}

try {
	await seedData();
	check(true, 'seeded clients, an employer with vacancies (ESCO skills) and an employer user');
	await mainFlow('fi');
	await mainFlow('en');
	await importFlow();
	await pickerWithoutScript();
} catch (e) {
	check(false, 'the run', String(e && e.stack || e));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
