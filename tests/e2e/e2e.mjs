// Browser flows of the osaaja staff pages; started by run.sh with a running server. Prints "N passed, N failed".
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

let passed = 0, failed = 0;
function check(ok, what, detail) {
	if (ok) { passed++; console.log('ok   ' + what); }
	else { failed++; console.log('FAIL ' + what + (detail ? ' — ' + detail : '')); }
}
async function step(what, fn) {
	try { await fn(); } catch (e) { check(false, what, String(e && e.message || e).split('\n')[0]); }
}

// --- seeding through the JSON API ---

const seed = {};
async function seedData() {
	const ca = await token('counsellor@a.example'), co = await token('coordinator@a.example'), cb = await token('counsellor@b.example');
	const mk = (t, e, b) => api('POST', '/api/v1/' + e, b, t);
	seed.amina = (await mk(ca, 'clients', { first_name: 'Amina', last_name: 'Hassan', status: 'active', mother_tongue: 'so', target_groups: ['immigrant'], intake_on: '2026-09-01' })).id;
	seed.oleks = (await mk(ca, 'clients', { first_name: 'Oleksandr', last_name: 'Kovalenko', status: 'intake', mother_tongue: 'uk', target_groups: ['highly_educated_immigrant'] })).id;
	seed.lan = (await mk(ca, 'clients', { first_name: 'Lan', last_name: 'Nguyen', status: 'active', mother_tongue: 'vi', target_groups: ['seasonal_worker'] })).id;
	await mk(ca, 'client-languages', { client_id: seed.amina, language: 'fi', level: 'B1' });
	await mk(ca, 'client-skills', { client_id: seed.oleks, label: 'Java-ohjelmointi', evidence: 'credential' });
	await mk(ca, 'service-events', { client_id: seed.amina, type: 'intake', happened_on: '2026-09-01', duration_min: 60, summary: 'Alkukartoitus <b>tehty</b>' });
	await mk(ca, 'consents', { client_id: seed.amina, purpose: 'matching', given: true, given_on: '2026-09-01', method: 'in_person' });
	// issue 14: Lan's family, a child as a family member (not a client) and a settling-in plan
	seed.family = (await mk(ca, 'families', { name: 'Perhe Nguyen', municipality: 'Kajaani', arrived_on: '2026-05-20' })).id;
	await api('PATCH', `/api/v1/clients/${seed.lan}`, { family_id: seed.family, family_role: 'worker' }, ca);
	seed.child = (await mk(ca, 'family-members', { family_id: seed.family, relation: 'child', first_name: 'Minh', last_name: 'Nguyen', birth_year: 2019 })).id;
	await mk(ca, 'settling-steps', { family_id: seed.family, kind: 'housing', state: 'done', due_on: '2026-06-15' });
	await mk(ca, 'settling-steps', { family_id: seed.family, kind: 'daycare_school', member_id: seed.child, state: 'doing', due_on: '2026-08-01' });
	await mk(ca, 'settling-steps', { family_id: seed.family, kind: 'tax_card', client_id: seed.lan, state: 'todo', due_on: '2026-06-01' });
	seed.other = (await mk(cb, 'clients', { first_name: 'Other', last_name: 'Organisation', status: 'active' })).id;
	seed.employer = (await mk(co, 'employers', { name: 'Ravintola Kultainen Lusikka Oy', sector: 'hospitality', municipality: 'Helsinki' })).id;
	await mk(co, 'employer-contacts', { employer_id: seed.employer, name: 'Maija Esimies', title: 'HR', email: 'maija@lusikka.example' });
	seed.vacancy = (await mk(co, 'vacancies', { employer_id: seed.employer, title: 'Kokki', contract_type: 'permanent', status: 'open', positions: 2, municipality: 'Helsinki', hours_per_week: 37 })).id;
	await mk(co, 'vacancy-languages', { vacancy_id: seed.vacancy, language: 'fi', min_level: 'A2', required: true });
}

// --- markup shown as text (issue 13.3): every page any browser loads is scanned for "<span" or "&lt;" in its text ---
const markupLeaks = [];
let pagesScanned = 0;
async function scanForMarkupText(page) {
	try {
		const found = await page.evaluate(() => {
			const out = [];
			const walk = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
			for (let n = walk.nextNode(); n; n = walk.nextNode()) {
				if (n.parentElement && n.parentElement.closest('script, style')) continue;
				const m = n.textContent.match(/.{0,30}(<span|&lt;).{0,30}/s);
				if (m) out.push(m[0].replace(/\s+/g, ' '));
			}
			return out;
		});
		pagesScanned++;
		for (const f of found) markupLeaks.push(new URL(page.url()).pathname + ': ' + f);
	} catch { /* navigated away meanwhile */ }
}

// --- browser helpers ---
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
	page.on('load', () => scanForMarkupText(page));
	const errors = [];
	page.on('pageerror', e => errors.push(String(e)));
	page.on('console', m => { if (m.type() === 'error' && !/404|Failed to load resource/.test(m.text())) errors.push(m.text()); });
	return { ctx, page, errors, close: async () => { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}
async function login(page, email, lang) {
	await page.goto(BASE + '/login' + (lang ? '?lang=' + lang : ''));
	await page.fill('#login-email', email);
	await page.fill('#login-password', PW);
	await Promise.all([page.waitForNavigation(), page.click('#login button[type=submit]')]);
}
async function setLang(page, lang) {
	await Promise.all([page.waitForNavigation(), page.selectOption('#lang-menu', lang)]);
}
async function shot(page, name, full = true) {
	await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: full });
}
async function axe(page, what) {
	await page.addScriptTag({ path: AXE });
	const res = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
	const bad = res.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
	check(bad.length === 0, `axe: no serious or critical violations on ${what}`,
		bad.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`).join('; '));
}
const text = async (page, sel) => (await page.textContent(sel)) || '';

// --- the family section of the client page (issue 14), in fi, sv and en, desktop and phone ---
async function familyFlow() {
	for (const lang of ['sv', 'en', 'fi']) {
		const t = cat[lang];
		for (const phone of [false, true]) {
			const b = await browserFor(phone ? { viewport: { width: 390, height: 844 } } : {});
			await step(`[${lang}${phone ? ', phone' : ''}] the family section`, async () => {
				await login(b.page, 'counsellor@a.example', lang);
				if ((await b.page.getAttribute('html', 'lang')) !== lang) await setLang(b.page, lang);
				await b.page.goto(BASE + `/clients/${seed.lan}#family`);
				check((await b.page.getAttribute('html', 'lang')) === lang, `[${lang}] the page is in ${lang}`);
				const fam = await text(b.page, '#family');
				check(fam.includes(t['client.family']) && fam.includes('Minh'), `[${lang}] the family section lists the child`, fam.slice(0, 200));
				check(fam.includes(t['v.daycare_school']) && fam.includes(t['v.doing']) && fam.includes(t['family.timeline']),
					`[${lang}] the settling-in plan shows its steps, states and timeline in the page's language`);
				check(!(await text(b.page, '#details')).includes('Minh'), `[${lang}] the child is not a client detail`);
				if (phone) {
					const overflow = await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
					check(overflow <= 1, `[${lang}] the family section fits a phone screen`, String(overflow));
				}
				await b.page.locator('#family').screenshot({ path: path.join(SHOTS, `family-${lang}${phone ? '-phone' : ''}.png`) });
				if (lang === 'fi' && !phone) {
					await axe(b.page, 'the client page with its family');
					await b.page.click('#sec-family-members summary');
					await b.page.selectOption('#family-members-relation', 'child');
					await b.page.fill('#family-members-first_name', 'Linh');
					await Promise.all([b.page.waitForNavigation(), b.page.click('#family-members button[type=submit]')]);
					check((await text(b.page, '#sec-family-members table')).includes('Linh'), '[fi] a child is added to the family from the page');
					await b.page.click('#sec-settling-steps summary');
					await b.page.selectOption('#settling-steps-who', { label: 'Linh' }).catch(() => b.page.selectOption('#settling-steps-who', { index: 2 }));
					await b.page.selectOption('#settling-steps-kind', 'custom');
					await b.page.fill('#settling-steps-title', 'Neuvolakäynti');
					await Promise.all([b.page.waitForNavigation(), b.page.click('#settling-steps button[type=submit]')]);
					check((await text(b.page, '#sec-settling-steps')).includes('Neuvolakäynti'), '[fi] a custom step is added to the plan from the page');
				}
			});
			await b.close();
		}
	}
}

// --- flows ---
async function counsellorFlow(lang) {
	const t = cat[lang];
	const b = await browserFor();
	const { page } = b;
	try {
		await step(`[${lang}] counsellor logs in`, async () => {
			await login(page, 'counsellor@a.example', lang);
			if (lang !== 'fi') await setLang(page, lang);
			check(new URL(page.url()).pathname === '/caseload', `[${lang}] login lands on the caseload`, page.url());
			check((await text(page, 'h1')).includes(t['caseload.title']), `[${lang}] caseload heading in the user's language`, await text(page, 'h1'));
			check((await page.getAttribute('html', 'lang')) === lang, `[${lang}] <html lang> is ${lang}`);
			const counts = await text(page, '.counts');
			check(/3/.test(counts), `[${lang}] counts at the top show 3 clients`, counts);
		});
		if (lang === 'fi') {
			await shot(page, 'caseload-fi');
			await axe(page, 'the caseload');
		}
		await step(`[${lang}] finds a client by name`, async () => {
			await page.fill('#s-q', 'hassan');
			await Promise.all([page.waitForNavigation(), page.click('form.search button[type=submit]')]);
			const rows = await page.locator('table.list tbody tr').count();
			check(rows === 1, `[${lang}] the search finds exactly one client`, String(rows));
			await page.goto(BASE + '/caseload?language=uk');
			check((await text(page, 'table.list tbody')).includes('Kovalenko'), `[${lang}] the search by language finds the Ukrainian speaker`);
			await page.goto(BASE + '/caseload?skill=java');
			check((await text(page, 'table.list tbody')).includes('Kovalenko') && !(await text(page, 'table.list tbody')).includes('Hassan'),
				`[${lang}] the search by skill finds only the Java programmer`);
			await page.goto(BASE + '/caseload?q=hassan');
			await Promise.all([page.waitForNavigation(), page.click('table.list tbody a')]);
			check(new URL(page.url()).pathname === `/clients/${seed.amina}`, `[${lang}] the client's page opens`, page.url());
			check((await text(page, 'h1')).includes('Amina Hassan'), `[${lang}] the client's name is the heading`);
			check((await text(page, '#timeline')).includes('Alkukartoitus <b>tehty</b>'), `[${lang}] stored markup is shown as text (escaped)`);
			check((await page.locator('#timeline b').count()) === 0, `[${lang}] no element is made from stored text`);
			check((await page.locator('#card-capacity').count()) === 1, `[${lang}] the assigned counsellor sees the work capacity card`);
		});
		const skill = lang === 'fi' ? 'Hitsaus' : 'Welding';
		await step(`[${lang}] adds a skill`, async () => {
			await page.click('#sec-client-skills summary');
			await page.fill('#client-skills-label', skill);
			await page.selectOption('#client-skills-evidence', 'counsellor_seen');
			await page.selectOption('#client-skills-level', 'intermediate');
			await Promise.all([page.waitForNavigation(), page.click('#client-skills button[type=submit]')]);
			check((await text(page, '#sec-client-skills table')).includes(skill), `[${lang}] the new skill is in the profile`);
			check((await text(page, '.notice')).includes(t['done.added']), `[${lang}] a confirmation is shown`);
			await page.reload();
			const n = await page.locator('#sec-client-skills tbody tr', { hasText: skill }).count();
			check(n === 1, `[${lang}] reloading after the redirect does not add the skill twice`, String(n));
		});
		await step(`[${lang}] a form error shows next to its field and keeps the input`, async () => {
			await page.click('#sec-client-languages summary');
			await page.selectOption('#client-languages-language', 'en');
			await page.click('#client-languages button[type=submit]');
			await page.waitForLoadState();
			const err = await text(page, '#sec-client-languages .field.has-error .err');
			check(err.includes(t['err.required']), `[${lang}] the level field says it is required`, err);
			check((await page.inputValue('#client-languages-language')) === 'en', `[${lang}] the chosen language is kept`);
			await page.selectOption('#client-languages-level', 'B2');
			await Promise.all([page.waitForNavigation(), page.click('#client-languages button[type=submit]')]);
			check((await text(page, '#sec-client-languages table')).includes('B2'), `[${lang}] the corrected language is saved`);
		});
		if (lang === 'fi') {
			await shot(page, 'client-fi');
			await axe(page, "the client's page");
		} else {
			await shot(page, 'client-en');
		}
		await step(`[${lang}] proposes the client to a vacancy`, async () => {
			const before = await page.locator('#proposals table tbody tr').count();
			if (before === 0) {
				await page.selectOption('#propose-vacancy', String(seed.vacancy));
				await Promise.all([page.waitForNavigation(), page.click('#propose button[type=submit]')]);
				check((await text(page, '#proposals table')).includes('Kokki'), `[${lang}] the proposal is listed on the client's page`);
			} else {
				check((await text(page, '#proposals table')).includes('Kokki'), `[${lang}] the earlier proposal is listed on the client's page`);
			}
		});
		await step(`[${lang}] forms without the CSRF token are refused`, async () => {
			const res = await page.request.post(BASE + `/clients/${seed.amina}/add/client-skills`, { form: { label: 'x', evidence: 'self_declared' } });
			check(res.status() === 403, `[${lang}] a POST without the form token is 403`, String(res.status()));
		});
		await step(`[${lang}] the other organisation's client is a 403 page`, async () => {
			const res = await page.goto(BASE + `/clients/${seed.other}`);
			check(res.status() === 403, `[${lang}] status 403`, String(res.status()));
			check((await text(page, 'h1')).includes(t['error.403.title']), `[${lang}] the 403 page is in the user's language`, await text(page, 'h1'));
			const nf = await page.goto(BASE + '/no/such/page');
			check(nf.status() === 404 && (await text(page, 'h1')).includes(t['error.404.title']), `[${lang}] unknown pages are a 404 page`);
		});
		check(b.errors.length === 0, `[${lang}] no script errors`, b.errors.join('; '));
	} finally {
		// back to Finnish for the flows after this one (the last page may be an error page without the menu)
		if (lang === 'en') await page.goto(BASE + '/caseload').then(() => setLang(page, 'fi')).catch(() => {});
		await b.close();
	}
}

// The caseload search in Finnish: accents and case ignored, a name in another script found by its Latin spelling and
// shown with it (issue 18 item 2, issue 13 item 9). In organisation B, so the counts of A's flows stay as they are.
async function searchFlow() {
	const t = cat.fi;
	const cb = await token('counsellor@b.example');
	await api('POST', '/api/v1/clients', { first_name: 'Äijä', last_name: 'Äijälä', status: 'active' }, cb);
	const ivan = (await api('POST', '/api/v1/clients', { first_name: 'Иван', last_name: 'Петров', status: 'active' }, cb)).id;
	const b = await browserFor();
	const { page } = b;
	try {
		await step('[fi] the caseload search ignores accents and finds a Cyrillic name by its Latin spelling', async () => {
			await login(page, 'counsellor@b.example', 'fi');
			await setLang(page, 'fi');
			await page.goto(BASE + '/caseload');
			await page.fill('#s-q', 'AIJALA');
			await Promise.all([page.waitForNavigation(), page.click('form.search button[type=submit]')]);
			const rows = await text(page, 'table.list tbody');
			check(rows.includes('Äijälä') && !rows.includes('Петров'), '[fi] AIJALA finds Äijälä and only it', rows);
			check((await text(page, '.result-count')).includes(t['caseload.found']), '[fi] the result count is in Finnish');
			await page.fill('#s-q', 'ivan petrov');
			await Promise.all([page.waitForNavigation(), page.click('form.search button[type=submit]')]);
			const found = await text(page, 'table.list tbody');
			check(found.includes('Петров Иван') && found.includes('(Petrov Ivan)') && !found.includes('Äijälä'),
				'[fi] "ivan petrov" finds Иван Петров, shown with its Latin spelling', found);
			await shot(page, 'caseload-search-fi');
			await axe(page, 'the caseload search');
			await Promise.all([page.waitForNavigation(), page.click('table.list tbody a')]);
			check(new URL(page.url()).pathname === `/clients/${ivan}`, '[fi] the client page opens', page.url());
			check((await text(page, 'h1')).includes('(Ivan Petrov)'), '[fi] the client page shows the Latin spelling beside the name', await text(page, 'h1'));
		});
	} finally {
		await b.close();
	}
}

async function coordinatorFlow() {
	const b = await browserFor();
	const { page } = b;
	const t = cat.fi;
	try {
		await step('coordinator opens the shortlist', async () => {
			await login(page, 'coordinator@a.example');
			check(new URL(page.url()).pathname === '/vacancies', 'the coordinator starts on the vacancies', page.url());
			await Promise.all([page.waitForNavigation(), page.click(`a[href="/vacancies/${seed.vacancy}"]`)]);
			const col = await text(page, '#shortlist .stage-col:first-child');
			check(col.includes('Amina Hassan'), 'the proposed client is in the "suggested" column', col);
			await shot(page, 'vacancy-shortlist-fi');
			await axe(page, 'the vacancy and its shortlist');
			const form = page.locator('#shortlist form.stage').first();
			await form.locator('select').selectOption('interview');
			await Promise.all([page.waitForNavigation(), form.locator('button').click()]);
			const iv = await text(page, '#st-interview');
			check(iv.includes('1'), 'moving the proposal to the interview stage', iv);
			check((await text(page, '.notice')).includes(t['done.saved']), 'the stage change is confirmed');
		});
		await step('coordinator records a vacancy with the intake form', async () => {
			await page.goto(BASE + `/vacancies/new?employer_id=${seed.employer}`);
			await page.fill('#vacancy-new-title', '');
			await Promise.all([page.waitForNavigation(), page.click('#vacancy-new button[type=submit]')]).catch(() => {});
			check((await page.locator('#vacancy-new .has-error').count()) >= 1, 'a missing title is reported next to the field');
			const label = page.locator('label[for="vacancy-new-title"]');
			const labelText = await label.innerText();
			check(!/<span|&lt;/.test(labelText) && labelText.trim().endsWith('*'), 'the required title label shows an asterisk, not markup', labelText);
			check(await label.locator('span.req[aria-hidden="true"]').count() === 1, 'the asterisk is a span hidden from screen readers');
			check(await page.locator('#vacancy-new-title[required][aria-required="true"]').count() === 1, 'the input itself says it is required');
			await shot(page, 'vacancy-new-required-fi', false);
			await page.fill('#vacancy-new-title', 'Siivooja');
			await page.selectOption('#vacancy-new-contract_type', 'fixed_term');
			await Promise.all([page.waitForNavigation(), page.click('#vacancy-new button[type=submit]')]);
			check(/\/vacancies\/\d+/.test(page.url()) && (await text(page, 'h1')).includes('Siivooja'), 'the new vacancy page opens', page.url());
		});
		await step('employer page', async () => {
			await page.goto(BASE + `/employers/${seed.employer}`);
			check((await text(page, '#sec-employer-contacts')).includes('Maija Esimies'), 'the employer page lists its contacts');
			check((await text(page, '#sec-vacancies')).includes('Kokki'), 'the employer page lists its vacancies');
			await shot(page, 'employer-fi');
			await axe(page, 'the employer page');
		});
		check(b.errors.length === 0, 'coordinator: no script errors', b.errors.join('; '));
	} finally { await b.close(); }
}

async function otherFlows() {
	const b = await browserFor();
	const { page } = b;
	try {
		await step('login page', async () => {
			const res = await page.goto(BASE + '/caseload');
			check(new URL(page.url()).pathname === '/login', 'an anonymous visit goes to the login page', page.url());
			check(res.status() === 200, 'the login page answers 200');
			await page.goto(BASE + '/login?lang=sv');
			check((await text(page, 'h1')).includes(cat.sv['login.title']), 'the login page speaks Swedish with ?lang=sv');
			await shot(page, 'login-sv', false);
			await axe(page, 'the login page');
			await page.fill('#login-email', 'counsellor@a.example');
			await page.fill('#login-password', 'wrong-password-1');
			await page.click('#login button[type=submit]');
			await page.waitForLoadState();
			check((await text(page, '.form-error')).includes(cat.sv['login.failed']), 'a wrong password is reported in the chosen language');
			check((await page.inputValue('#login-email')) === 'counsellor@a.example', 'the e-mail is kept after a failed login');
		});
		await step('static files', async () => {
			const css = await page.request.get(BASE + '/static/app.css');
			check(css.status() === 200 && /text\/css/.test(css.headers()['content-type']) && /max-age/.test(css.headers()['cache-control'] || ''),
				'app.css is served with its type and caching headers');
			const etag = css.headers()['etag'];
			const again = await page.request.get(BASE + '/static/app.css', { headers: { 'If-None-Match': etag } });
			check(again.status() === 304, 'a matching ETag gives 304', String(again.status()));
			for (const bad of ['/static/..%2fi18n%2ffi.json', '/static/.hidden.css', '/static/app.css.bak', '/static/../../etc/passwd'])
				check((await page.request.get(BASE + bad)).status() === 404, `unsafe static path refused: ${bad}`);
		});
		await b.close();
		const m = await browserFor({ viewport: { width: 390, height: 844 } });
		await step('phone layout', async () => {
			await login(m.page, 'counsellor@a.example', 'fi');
			if ((await m.page.getAttribute('html', 'lang')) !== 'fi') await setLang(m.page, 'fi');
			await m.page.goto(BASE + `/clients/${seed.amina}`);
			// the screenshot is named -fi: the page must be Finnish (an earlier flow left the user in English)
			check((await m.page.getAttribute('html', 'lang')) === 'fi' && (await text(m.page, 'nav')).includes(cat.fi['nav.caseload']),
				'the phone screenshot is of the Finnish page', await m.page.getAttribute('html', 'lang'));
			const overflow = await m.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			check(overflow <= 1, 'the client page fits a phone screen without sideways scrolling', String(overflow));
			await shot(m.page, 'client-phone-fi');
		});
		await m.close();
		const nojs = await browserFor({ js: false });
		await step('without JavaScript', async () => {
			await login(nojs.page, 'counsellor@a.example');
			await nojs.page.goto(BASE + `/clients/${seed.lan}`);
			await nojs.page.click('#sec-client-skills summary');
			await nojs.page.fill('#client-skills-label', 'Kasvinhoito');
			await nojs.page.selectOption('#client-skills-evidence', 'self_declared');
			await Promise.all([nojs.page.waitForNavigation(), nojs.page.click('#client-skills button[type=submit]')]);
			check((await text(nojs.page, '#sec-client-skills table')).includes('Kasvinhoito'), 'a skill is added without script (plain text field)');
		});
		await nojs.close();
		const adm = await browserFor();
		await step('admin pages', async () => {
			await login(adm.page, 'admin@a.example');
			check(new URL(adm.page.url()).pathname === '/admin/users', 'the admin starts on users', adm.page.url());
			const users = await text(adm.page, 'table.list');
			// issue 19 item 6: an organisation's admin manages its own organisation's users only
			check(users.includes('counsellor@a.example') && !users.includes('counsellor@b.example'), 'the admin sees the users of its own organisation only');
			await shot(adm.page, 'admin-users-en');
			await axe(adm.page, 'the admin users page');
			const res = await adm.page.goto(BASE + '/caseload');
			check(res.status() === 403, 'an admin may not open the caseload (role)', String(res.status()));
		});
		await adm.close();
	} catch (e) {
		check(false, 'other flows', String(e));
	}
}

try {
	await seedData();
	check(true, 'seeded clients, an employer and a vacancy through the JSON API');
	await counsellorFlow('fi');
	await counsellorFlow('en');
	await searchFlow();
	await coordinatorFlow();
	await otherFlows();
	await familyFlow();
} catch (e) {
	check(false, 'the run', String(e && e.stack || e));
}
check(pagesScanned >= 10 && markupLeaks.length === 0, `no page shows markup as text (<span, &lt;) (${pagesScanned} pages scanned)`,
	[...new Set(markupLeaks)].slice(0, 6).join(' | '));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
