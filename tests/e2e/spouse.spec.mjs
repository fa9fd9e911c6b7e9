// Browser flow of a spouse's own survey (issue 14: families, the spouse's part, the survey summary by respondent), on
// its own server and database. Started by run.sh:
//   node spouse.spec.mjs --bin PATH/TO/osaaja --root REPO --tmp DIR
// A Thai seasonal worker's answers (with a spouse part) are accepted: his record, his Vietnamese spouse's record and
// their family with its settling-in plan. The counsellor sends the spouse a link to her own record; she answers in
// Vietnamese on a phone (390x844, a phone set to Vietnamese), her spouse part about him; the counsellor accepts it
// into her record (the review page says that her spouse part goes to the worker), her page shows the family and its
// plan; the survey summary by respondent counts the answers in worker and spouse columns; the figures page offers the
// settling figures as a CSV in Finnish columns. Screenshots: fi desktop 1366x900, vi phone. Prints "N passed, N failed".
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ownServer } from './lib.mjs';

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) => (i % 2 ? a : [...a, [v.replace(/^--/, ''), all[i + 1]]]), []));
const BIN = args.bin, ROOT = args.root;
const HERE = path.dirname(new URL(import.meta.url).pathname);
const SHOTS = path.join(HERE, 'screenshots');
const AXE = require.resolve('axe-core/axe.min.js');
const PW = 'Vahva-Salasana-2024';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
fs.mkdirSync(SHOTS, { recursive: true });

let passed = 0, failed = 0;
function check(ok, what, detail) {
	if (ok) { passed++; console.log('ok   ' + what); } else { failed++; console.log('FAIL ' + what + (detail ? ' — ' + detail : '')); }
}
let current = null;
async function step(what, fn) {
	try { await fn(); } catch (e) {
		check(false, what, String(e && e.message || e).split('\n')[0]);
		if (current) await current.screenshot({ path: path.join(SHOTS, 'spouse-failed.png'), fullPage: true }).catch(() => {});
	}
}

// --- a server of our own ---
const own = await ownServer({
	bin: BIN, root: ROOT, tmp: args.tmp, name: 'spouse', orgName: 'Kainuun työllisyysalue', pw: PW, users: [
		['admin', 'admin@spouse.example', 'Aino Admin'], ['counsellor', 'ohjaaja@spouse.example', 'Outi Ohjaaja'],
		['employer', 'tyonantaja@spouse.example', 'Eero Työnantaja']],
});
const BASE = own.base;

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
async function browser(viewport, locale) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osaaja-spouse-chromium-'));
	const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, args: launchArgs, bypassCSP: true, viewport, locale, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
	ctx.setDefaultTimeout(15000);
	const page = ctx.pages()[0] || await ctx.newPage();
	const errors = [];
	page.on('pageerror', e => errors.push(String(e)));
	page.on('console', m => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
	current = page;
	return { page, errors, close: async () => { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}
async function axe(page, what) {
	await page.addScriptTag({ path: AXE });
	const res = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
	const bad = res.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
	check(bad.length === 0, `axe: no serious or critical violations on ${what}`, bad.map(v => v.id + ' ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', ')).join('; '));
}
const click = async (page, sel) => { await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click(sel)]); };
const next = page => click(page, 'button.primary[value=next]');
async function login(page, email) {
	await page.goto(BASE + '/login');
	await page.fill('#login-email', email);
	await page.fill('#login-password', PW);
	await click(page, '#login button[type=submit]');
}
// Words a Finnish reader would not expect on a Finnish page: English UI words and raw keys or codes.
const rawOnPage = text => (text.match(/\b(?:worker|spouse|respondent|none|undefined|null|NaN)\b|\b[a-z]+(?:\.[a-z_]+){1,}\b|[a-z]+_[a-z_]+|<\/?[a-z]+[ >]/g) || [])
	.filter(w => !/^(?:[a-z0-9-]+\.)+(?:fi|example|com)$/.test(w));
// Text a Vietnamese reader sees in another language, outside the parts marked with their own lang.
const foreignWords = page => page.evaluate(() => {
	const pageLang = document.documentElement.lang, out = [];
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (!el || el.closest('script, style, [hidden]') || el.closest('[lang]').lang !== pageLang || !el.offsetParent) continue;
		out.push(...(n.textContent.replace(/\u2068[^\u2069]*\u2069/g, ' ').match(/\b(?:Next|Back|Send|Yes|No|Seuraava|Edellinen|Lähetä|Kyllä|Ei)\b/g) || []));
	}
	return out;
});

const S = {};
const TODAY = new Date().toISOString().slice(0, 10);
const PERIOD = `from=${TODAY.slice(0, 4)}-01-01&to=${TODAY}`;

// --- the worker's answers, accepted: his record, hers, the family and its plan ---
await step('a Thai worker\'s answers with a spouse part are accepted', async () => {
	const b = await browser(DESKTOP, 'fi-FI');
	const { page } = b;
	const session = async email => (await (await page.request.post(BASE + '/api/v1/session', { data: { email, password: PW } })).json()).csrf_token;
	let csrf = await session('admin@spouse.example');
	S.prog = (await (await page.request.post(BASE + '/api/v1/programmes', { headers: { 'X-CSRF-Token': csrf }, data: { name: 'Kausityöstä kotiin', region: 'Kainuu' } })).json()).id;
	csrf = await session('ohjaaja@spouse.example');
	S.csrf = csrf;
	const surveys = (await (await page.request.get(BASE + '/api/v1/surveys')).json()).items;
	S.sid = surveys.find(x => x.slug === 'seasonal-worker').id;
	const inv = await page.request.post(BASE + '/api/v1/survey-invitations', { headers: { 'X-CSRF-Token': csrf }, data: { survey_id: S.sid, programme_id: S.prog } });
	const tok = (await inv.json()).items[0].token;
	const answers = { _consent: true, first_name: 'Somchai', last_name: 'Wongsakul', phone: '+66 81 234 5678', nationality: 'TH',
		mother_tongue: 'th', in_finland: 'yes', sector: 'forestry', current_job: 'Metsuri', employment_type: 'agency',
		isced_level: '3', language_levels: { th: 'native', en: 'A2' }, long_term_interest: 'yes', children: 'yes',
		has_spouse: 'yes', spouse_location: 'in_finland', spouse_first_name: 'Lan', spouse_profession: 'Thợ làm móng',
		spouse_languages: { vi: 'native' }, spouse_work_interest: 'yes_now' };
	const sub = await page.request.post(BASE + `/api/v1/public/surveys/${tok}/responses`, { data: { submission_key: 'spouse-e2e-worker-aaaaaaaaaaaa', lang: 'th', answers } });
	const rid = (await sub.json()).id;
	const keys = (await (await page.request.get(BASE + `/api/v1/survey-responses/${rid}`)).json()).items.map(i => i.key);
	const acc = await page.request.post(BASE + `/api/v1/survey-responses/${rid}/accept`, { headers: { 'X-CSRF-Token': csrf }, data: { create_client: true, accept: keys } });
	const j = await acc.json();
	S.worker = j.client_id;
	S.spouse = (j.written || []).find(w => w.key === 'spouse').id;
	check(acc.ok() && S.worker && S.spouse, 'the worker and his spouse have records', JSON.stringify(j).slice(0, 200));
	const inv2 = await page.request.post(BASE + '/api/v1/survey-invitations', { headers: { 'X-CSRF-Token': csrf }, data: { survey_id: S.sid, programme_id: S.prog, client_id: S.spouse, lang: 'vi' } });
	check(inv2.ok(), 'a link to the spouse\'s own record', String(inv2.status()));
	S.link = BASE + '/s/' + (await inv2.json()).items[0].token;
	await b.close();
});

// --- the spouse answers her own survey on a phone set to Vietnamese ---
await step('the Vietnamese spouse answers her own survey on a phone', async () => {
	const b = await browser(PHONE, 'vi-VN');
	const { page, errors } = b;
	await page.goto(S.link + '?lang=vi');
	check(await page.locator('html').getAttribute('lang') === 'vi', 'vi: the page is in Vietnamese');
	await page.screenshot({ path: path.join(SHOTS, 'spouse-vi-start.png'), fullPage: true });
	await page.check('#consent');
	await click(page, 'button.primary[value=start]');
	await page.fill('#q-first_name', 'Lan');
	await page.fill('#q-last_name', 'Wongsakul');
	await page.selectOption('#q-mother_tongue', 'vi');
	await page.fill('#q-phone', '+84 90 123 4567');
	await page.check('#q-in_finland-yes');
	await next(page);
	await page.check('#q-sector-4'); // cleaning
	await page.fill('#q-current_job', 'Nhân viên dọn phòng');
	await page.check('#q-employment_type-1');
	await next(page);
	await next(page); // work history
	await page.check('#q-isced_level-3');
	await next(page); // education
	await next(page); // skills, licences
	await next(page); // languages
	await page.check('#q-long_term_interest-yes');
	await page.check('#q-long_term_region-yes');
	await page.check('#q-children-yes');
	await page.check('#q-has_spouse-yes');
	const foreign = await foreignWords(page);
	check(foreign.length === 0, 'vi: no Finnish or English buttons or answers', foreign.join(' '));
	await next(page);
	// her spouse part: about him
	await page.check('#q-spouse_location-0');
	await page.fill('#q-spouse_first_name', 'Somchai');
	await page.fill('#q-spouse_profession', 'Thợ rừng');
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	check(w <= 390, 'vi: the spouse part has no sideways scrolling on a phone', String(w));
	await page.screenshot({ path: path.join(SHOTS, 'spouse-vi-spouse-part.png'), fullPage: true });
	await axe(page, 'the vi spouse part');
	await next(page);
	check(await page.locator('button[value=submit]').isVisible(), 'vi: the check page before sending');
	await page.screenshot({ path: path.join(SHOTS, 'spouse-vi-check.png'), fullPage: true });
	await click(page, 'button[value=submit]');
	check(page.url().includes('/done?k='), 'vi: thank-you page', page.url());
	await page.screenshot({ path: path.join(SHOTS, 'spouse-vi-done.png'), fullPage: true });
	check(errors.length === 0, 'vi: no script errors', errors.join(' | '));
	await b.close();
});

// --- the counsellor accepts it into her record ---
await step('the counsellor accepts the spouse\'s answers into her record', async () => {
	const b = await browser(DESKTOP, 'fi-FI');
	const { page, errors } = b;
	await login(page, 'ohjaaja@spouse.example');
	await page.goto(BASE + '/reviews');
	const rows = await page.$$('#review-queue tbody tr');
	check(rows.length === 1, 'her answers wait for review', String(rows.length));
	await click(page, '#review-queue tbody tr:first-child a');
	check(await page.locator('#review-client').inputValue() === String(S.spouse), 'the review compares with her record, the link\'s');
	const hint = await page.locator('#spouse-hint').innerText();
	check(/työntekijän/.test(hint), 'the page says her spouse part goes to the worker\'s record', hint);
	check(await page.locator('.badge', { hasText: 'Työntekijälle' }).count() > 0, 'her spouse part is marked for the worker');
	const text = await page.locator('main').innerText();
	check(rawOnPage(text).length === 0, 'no raw codes or markup on the review page', rawOnPage(text).slice(0, 8).join(' '));
	await page.screenshot({ path: path.join(SHOTS, 'spouse-review-fi.png'), fullPage: true });
	await axe(page, 'the spouse\'s review page');
	await click(page, '#review-form button[type=submit]');
	check(new URL(page.url()).pathname === '/clients/' + S.spouse, 'lands on her record', page.url());
	const fam = await page.locator('#family').innerText();
	check(fam.includes('Somchai Wongsakul'), 'her page shows the family with the worker', fam.slice(0, 300));
	const steps = await page.locator('#sec-settling-steps tbody tr').count();
	check(steps >= 7, 'and the family\'s settling-in plan', String(steps));
	const body = await page.locator('main').innerText();
	check(body.includes('+84 90 123 4567') && body.includes('Nhân viên dọn phòng'), 'her own answers are on her record');
	check(!body.includes('Thợ rừng'), 'her answers about him are not on her record');
	check(rawOnPage(body).length === 0, 'no raw codes or markup on her page', rawOnPage(body).slice(0, 8).join(' '));
	await page.screenshot({ path: path.join(SHOTS, 'spouse-client-fi.png'), fullPage: true });
	await page.goto(BASE + '/clients/' + S.worker);
	check((await page.locator('main').innerText()).includes('Thợ rừng'), 'her spouse part went to the worker\'s record');
	check(errors.length === 0, 'no script errors', errors.join(' | '));
	await b.close();
});

// --- the survey summary by respondent, the settling figures' file ---
await step('the survey summary counts the answers by worker and spouse', async () => {
	const b = await browser(DESKTOP, 'fi-FI');
	const { page, errors } = b;
	await login(page, 'ohjaaja@spouse.example');
	await page.goto(BASE + '/reports/surveys');
	await page.selectOption('#ss-survey', 'seasonal-worker');
	await page.selectOption('#ss-by', 'respondent');
	await click(page, 'form.filters button[type=submit]');
	check(await page.locator('[data-key=responses]').innerText() === '2', 'two responses', await page.locator('[data-key=responses]').innerText());
	const heads = await page.$$eval('#ss-long_term_interest thead th', ths => ths.map(t => t.textContent.trim()));
	check(heads.includes('työntekijä') && heads.includes('puoliso'), 'worker and spouse columns, in Finnish', heads.join(' | '));
	const yes = await page.$$eval('#ss-long_term_interest tbody tr', trs => trs.map(tr => [...tr.children].map(c => c.textContent.trim())));
	const yrow = yes.find(r => r[0] === 'kyllä') || [];
	check(yrow[1] === '2' && yrow[3] === '1' && yrow[4] === '1', 'yes: two, one worker and one spouse', JSON.stringify(yrow));
	const wi = await page.$$eval('#ss-spouse_work_interest tbody tr', trs => trs.map(tr => [...tr.children].map(c => c.textContent.trim())));
	check(wi.some(r => r[1] === '1' && r[4] === '1'), 'his answer about her work counts for the spouse', JSON.stringify(wi));
	check(/puoliso-osan vastaukset lasketaan puolisolle/.test(await page.locator('#ss-respondent-note').innerText()), 'the page says whose column an answer is in');
	const text = await page.locator('main').innerText();
	check(rawOnPage(text).length === 0, 'no raw codes, markup or English on the summary page', rawOnPage(text).slice(0, 8).join(' '));
	await page.screenshot({ path: path.join(SHOTS, 'spouse-summary-fi.png'), fullPage: true });
	await axe(page, 'the summary by respondent');
	const csvHref = await page.locator('p.exports a[download]').getAttribute('href');
	const csv = await (await page.request.get(BASE + csvHref.replace(/&amp;/g, '&'))).text();
	check(csv.replace(/^\uFEFF/, '').split(/\r\n/)[0].endsWith(';työntekijä;puoliso'), 'the funder\'s CSV has the columns in Finnish', csv.slice(0, 120));
	await page.goto(BASE + '/reports?' + PERIOD);
	const sect = await page.locator('#table-settling').innerText();
	check(sect.length > 0, 'the figures page has the settling table');
	const href = await page.locator('#settling-csv').getAttribute('href');
	const res = await page.request.get(BASE + href);
	const body = await res.text();
	const lines = body.replace(/^\uFEFF/, '').split(/\r\n/);
	check(res.ok() && lines[0] === 'Tunnusluku;Arvo' && lines.includes('Perheitä;<5'), 'the settling CSV: Finnish columns, one family hidden as <5', lines.slice(0, 6).join(' | '));
	await page.locator('#settling-csv').scrollIntoViewIfNeeded();
	await page.screenshot({ path: path.join(SHOTS, 'spouse-figures-fi.png'), fullPage: true });
	const settling = page.locator('section:has(#table-settling)');
	const stext = await settling.innerText();
	check(rawOnPage(stext).length === 0, 'no raw codes or markup in the settling section', rawOnPage(stext).slice(0, 8).join(' '));
	await settling.screenshot({ path: path.join(SHOTS, 'spouse-figures-settling-fi.png') });
	const employer = await browser(DESKTOP, 'fi-FI');
	await login(employer.page, 'tyonantaja@spouse.example');
	const r1 = await employer.page.request.get(BASE + '/api/v1/reports/settling.csv?' + PERIOD);
	const r2 = await employer.page.request.get(BASE + `/reports/surveys?survey=seasonal-worker&by=respondent&${PERIOD}`);
	check(r1.status() === 403 && r2.status() === 403, 'an employer reads neither the families nor the answers', `${r1.status()} ${r2.status()}`);
	await employer.close();
	check(errors.length === 0, 'no script errors', errors.join(' | '));
	await b.close();
});

const serverLog = await own.stop();
if (/AddressSanitizer|runtime error/.test(serverLog)) check(false, 'no sanitizer reports in the server log', serverLog.slice(-2000));
console.log('spouse e2e:');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
