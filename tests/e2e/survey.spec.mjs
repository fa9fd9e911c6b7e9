// Browser flow of the multilingual self-service intake, on its own server and database (the shipped ESCO data
// imported, so the pick-lists have something to offer). Started by run.sh:
//   node survey.spec.mjs --bin PATH/TO/osaaja --root REPO --tmp DIR
// A counsellor creates two single-use links (with QR codes); a Thai and an Arabic respondent complete the seasonal
// workers' survey on a phone-sized screen (390x844) — the Thai one on a phone set to Thai, without ?lang= — each with a validation error that keeps their input and an
// ESCO pick; the counsellor accepts the answers and the client's page shows them. A Vietnamese respondent still abroad
// (a phone set to Vietnamese) sees the consent name the data controller, skips the current work in Finland and reads
// the programme's region in a question. Prints "N passed, N failed".
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

let passed = 0, failed = 0;
function check(ok, what, detail) {
	if (ok) { passed++; console.log('ok   ' + what); } else { failed++; console.log('FAIL ' + what + (detail ? ' — ' + detail : '')); }
}
let current = null; // the page of the running step, for a screenshot when it fails
async function step(what, fn) {
	try { await fn(); } catch (e) {
		check(false, what, String(e && e.message || e).split('\n')[0]);
		if (current) await current.screenshot({ path: path.join(SHOTS, 'survey-failed.png'), fullPage: true }).catch(() => {});
	}
}

// --- a server of our own ---
const own = await ownServer({
	bin: BIN, root: ROOT, tmp: args.tmp, name: 'survey', orgName: 'Pohjanmaan työllisyysalue', pw: PW, taxonomy: true,
	users: [['admin', 'admin@survey.example', 'Aino Admin'], ['counsellor', 'ohjaaja@survey.example', 'Outi Ohjaaja']],
});
const BASE = own.base;

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
async function browser(viewport, locale) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osaaja-survey-chromium-'));
	const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, args: launchArgs, bypassCSP: true, viewport, locale, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
	ctx.setDefaultTimeout(15000);
	const page = ctx.pages()[0] || await ctx.newPage();
	const errors = [];
	page.on('pageerror', e => errors.push(String(e)));
	page.on('console', m => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
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

// --- a counsellor makes links ---
let links = [];
await step('counsellor creates single-use links with QR codes', async () => {
	const b = await browser({ width: 1280, height: 900 }, 'fi-FI');
	const { page } = b;
	await page.goto(BASE + '/login');
	await page.fill('#login-email', 'ohjaaja@survey.example');
	await page.fill('#login-password', PW);
	await click(page, '#login button[type=submit]');
	await page.goto(BASE + '/surveys/invitations');
	const opts = await page.$$eval('#invite-survey option', os => os.map(o => [o.value, o.textContent]));
	const seasonal = opts.find(o => /Kausi/.test(o[1]));
	await page.selectOption('#invite-survey', seasonal[0]);
	await page.fill('#invite-count', '2');
	await page.fill('#invite-label', 'Marjatila Ylistaro');
	check(await page.locator('#invite-intake').isVisible() && await page.locator('input[name=target_groups]').count() > 0,
		'the link may name the target groups and intake date set on the client');
	await page.screenshot({ path: path.join(SHOTS, 'survey-links-form-fi.png'), fullPage: true });
	await axe(page, 'the survey links page');
	await click(page, '#invite button[type=submit]');
	links = await page.$$eval('a.survey-link', as => as.map(a => a.getAttribute('href')));
	const qrs = await page.$$('svg.qr path');
	check(links.length === 2 && links.every(l => /\/s\/[0-9a-f]{64}$/.test(l)), 'two links with 64-hex tokens', JSON.stringify(links));
	check(qrs.length === 2, 'a QR code per link');
	// issue 13 item 12: each card names its survey and who it is for
	const cards = await page.$$eval('.qr-card', cs => cs.map(c => c.textContent));
	check(cards.length === 2 && cards.every(c => c.includes(seasonal[1].replace(/ \(v\d+\)$/, '')) && c.includes('Kenelle: Marjatila Ylistaro')),
		'each card names the survey and who it is for', cards.join(' | ').slice(0, 300));
	await page.screenshot({ path: path.join(SHOTS, 'survey-links-qr-fi.png'), fullPage: true });
	await page.goto(BASE + '/surveys/invitations');
	check(!(await page.content()).includes(links[0].split('/s/')[1]), 'the token is not shown again');
	await b.close();
});

// --- respondents on a phone ---
// Text a reader sees in another language than the page's, outside the parts marked with their own lang (the Finnish
// text beside each question, the language list): words of four or more Latin letters.
const foreignWords = page => page.evaluate(() => {
	const pageLang = document.documentElement.lang, out = [];
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (!el || el.closest('script, style, [hidden]') || el.closest('[lang]').lang !== pageLang || !el.offsetParent) continue;
		// a name the link fills in (the organisation, the region) is shown as written, set apart by U+2068 ... U+2069
		out.push(...(n.textContent.replace(/\u2068[^\u2069]*\u2069/g, ' ').match(/[A-Za-zÀ-ÿ]{4,}/g) || []));
	}
	return out;
});

// A respondent opens the link on a phone set to `locale`; with `viaLocale` no ?lang= is given, so the page must come
// from the phone's Accept-Language (th-TH,th;q=0.9,... in a Thai Chromium).
async function respond(lang, who, pickText, expectRtl, locale, viaLocale) {
	const b = await browser(PHONE, locale);
	const { page, errors } = b;
	current = page;
	await page.goto(links.shift() + (viaLocale ? '' : '?lang=' + lang));
	const html = page.locator('html');
	check(await html.getAttribute('lang') === lang, `${lang}: html lang (${viaLocale ? 'from the phone\'s locale ' + locale : '?lang='})`);
	if (viaLocale) {
		const title = await page.locator('#consent-h').textContent();
		check(lang !== 'th' || /^[\u0e00-\u0e7f\s]+$/.test(title), `${lang}: the consent title is in Thai`, title);
		const hidden = await page.$$eval('input[name=lang]', is => is.map(i => i.value));
		check(hidden.length > 0 && hidden.every(v => v === lang), `${lang}: the form carries the language on`, JSON.stringify(hidden));
		const foreign = await foreignWords(page);
		check(foreign.length === 0, `${lang}: no Finnish or English text outside the marked helper texts`, foreign.slice(0, 8).join(' '));
	}
	check(await html.getAttribute('dir') === (expectRtl ? 'rtl' : 'ltr'), `${lang}: html dir ${expectRtl ? 'rtl' : 'ltr'}`);
	check(await page.locator('.consent-text').isVisible(), `${lang}: consent shown before any question`);
	await page.screenshot({ path: path.join(SHOTS, `survey-${lang}-start.png`), fullPage: true });
	await page.check('#consent');
	await click(page, 'button.primary[value=start]');
	// step 1 with an error: no first name
	await page.fill('#q-last_name', who.last);
	await page.selectOption('#q-mother_tongue', lang);
	await page.fill('#q-phone', who.phone);
	await next(page);
	const err = page.locator('#q-first_name-err');
	check(await err.isVisible(), `${lang}: message next to the empty first name`);
	const msg = await err.textContent();
	check(lang === 'th' ? /[\u0e00-\u0e7f]/.test(msg) : /[\u0600-\u06ff]/.test(msg), `${lang}: the message is in the respondent's language`, msg);
	check(await page.inputValue('#q-last_name') === who.last && await page.inputValue('#q-phone') === who.phone, `${lang}: typed input kept`);
	check(await page.locator('.beside[lang=fi]').first().isVisible(), `${lang}: Finnish text beside the question`);
	if (viaLocale) {
		check(await html.getAttribute('lang') === lang, `${lang}: the first step stays in the phone's language`);
		const foreign = await foreignWords(page);
		check(foreign.length === 0, `${lang}: first step: no Finnish or English outside the marked helper texts`, foreign.slice(0, 8).join(' '));
	}
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	check(width <= 390, `${lang}: no sideways scrolling on a phone`, String(width));
	await page.screenshot({ path: path.join(SHOTS, `survey-${lang}-error.png`), fullPage: true });
	await axe(page, `the ${lang} form`);
	await page.fill('#q-first_name', who.first);
	await next(page);
	// current work
	await page.check('#q-sector-0');
	await page.fill('#q-current_job', who.job);
	await page.check('#q-employment_type-0');
	await next(page);
	// work history with an ESCO pick through the server-side suggestion step
	await page.fill('#q-work_history-0-job_title', who.job);
	await page.fill('#q-work_history-0-job_occupation', pickText);
	await click(page, 'button[value="suggest:q.work_history.0.job_occupation"]');
	const sugg = page.locator('.suggest input[type=radio]');
	check(await sugg.count() >= 2, `${lang}: ESCO suggestions offered`);
	const alt = page.locator('.suggest .esco-alt [lang]');
	check(await alt.count() > 0, `${lang}: ESCO's Finnish or Swedish labels beside the suggestions`);
	check(await page.inputValue('#q-work_history-0-job_title') === who.job, `${lang}: other fields kept across the suggestion step`);
	await page.screenshot({ path: path.join(SHOTS, `survey-${lang}-picklist.png`), fullPage: true });
	await sugg.first().check();
	await next(page);
	// education
	await page.check('#q-isced_level-2');
	await next(page);
	// skills, licences
	await next(page);
	// languages
	await next(page);
	// the future
	await page.check('#q-long_term_interest-yes');
	if (who.spouse) { // the spouse's part: she is in Finland too (issue 14 item 5)
		await page.check('#q-has_spouse-yes');
		await next(page);
		await page.check('#q-spouse_location-0'); // in Finland
		await page.fill('#q-spouse_first_name', who.spouse.first);
		await page.fill('#q-spouse_profession', who.spouse.job);
		const w = await page.evaluate(() => document.documentElement.scrollWidth);
		check(w <= 390, `${lang}: the spouse's step has no sideways scrolling`, String(w));
		await page.screenshot({ path: path.join(SHOTS, `survey-${lang}-spouse.png`), fullPage: true });
	} else {
		await page.check('#q-has_spouse-no');
	}
	await next(page);
	check(await page.locator('button[value=submit]').isVisible(), `${lang}: check page before sending`);
	check((await page.content()).includes(who.first), `${lang}: the check page shows the answers`);
	if (who.phone) // a phone number reads left to right on every page, Arabic too
		check(await page.locator('dd bdi[dir=ltr]', { hasText: who.phone }).count() === 1,
		      `${lang}: the phone number on the check page is isolated left to right`);
	await page.screenshot({ path: path.join(SHOTS, `survey-${lang}-check.png`), fullPage: true });
	const form = await page.evaluate(() => { const d = new URLSearchParams(new FormData(document.querySelector('form.sv-form'))); d.set('action', 'submit'); return Object.fromEntries(d); });
	const action = BASE + await page.evaluate(() => document.querySelector('form.sv-form').getAttribute('action'));
	await click(page, 'button[value=submit]');
	check(page.url().includes('/done?k='), `${lang}: thank-you page`);
	const copy = await page.locator('a.button[download]').getAttribute('href');
	const res = await page.request.get(BASE + copy.replace(/&amp;/g, '&').replace('&lang=' + lang, '') + '&format=json');
	const j = await res.json();
	check(j.answers && j.answers.first_name === who.first, `${lang}: the answer copy downloads`);
	// the same form sent again (a double tap, a resend): answered with the same thank-you page, stored once
	const again = await page.request.post(action, { form, maxRedirects: 5 });
	check(again.ok() && again.url().includes('/done?k=' + form.submission_key), `${lang}: a second submit is answered, not stored twice`, again.url());
	check(errors.length === 0, `${lang}: no script errors`, errors.join(' | '));
	await b.close();
}
await step('Thai respondent on a phone', () => respond('th', { first: 'Somchai', last: 'Wongsakul', phone: '+66 81 234 5678', job: 'คนเก็บผลไม้',
	spouse: { first: 'Lan', job: 'Thợ làm móng' } }, 'farmer', false, 'th-TH', true));
await step('Arabic respondent on a phone', () => respond('ar', { first: 'Layla', last: 'Haddad', phone: '+358 40 765 4321', job: 'مزارع' }, 'farm worker', true, 'ar', false));

// --- a Vietnamese respondent still abroad, on a phone set to Vietnamese (issue 14 items 4, 7, 8) ---
await step('Vietnamese respondent on a phone (Accept-Language vi)', async () => {
	const b = await browser(PHONE, 'vi-VN');
	const { page, errors } = b;
	current = page;
	const login = async email => {
		const r = await page.request.post(BASE + '/api/v1/session', { data: { email, password: PW } });
		return (await r.json()).csrf_token;
	};
	let csrf = await login('admin@survey.example');
	const prog = await page.request.post(BASE + '/api/v1/programmes', { headers: { 'X-CSRF-Token': csrf }, data: { name: 'Kausityöstä kotiin', region: 'Kainuu' } });
	csrf = await login('ohjaaja@survey.example');
	const surveys = (await (await page.request.get(BASE + '/api/v1/surveys')).json()).items;
	const sid = surveys.find(x => x.slug === 'seasonal-worker').id;
	const inv = await page.request.post(BASE + '/api/v1/survey-invitations', { headers: { 'X-CSRF-Token': csrf }, data: { survey_id: sid, programme_id: (await prog.json()).id } });
	const tok = (await inv.json()).items[0].token;
	await page.context().clearCookies();
	await page.goto(BASE + '/s/' + tok);
	const html = page.locator('html');
	check(await html.getAttribute('lang') === 'vi', 'vi: html lang from the phone\'s locale vi-VN');
	check((await page.locator('#consent-h').textContent()).trim() === 'Sự đồng ý của bạn', 'vi: the consent title is in Vietnamese');
	const consent = await page.locator('.consent-text').innerText();
	check(consent.includes('Bên kiểm soát dữ liệu cá nhân của bạn là \u2068Pohjanmaan työllisyysalue\u2069'), 'vi: the consent names the data controller from the organisation', consent.slice(-200));
	check(!consent.includes('{'), 'vi: no placeholder left in the consent');
	const body = await page.locator('body').innerText();
	check(body.includes('Tiếng Việt') && body.includes('Tagalog'), 'vi: the language list offers Tiếng Việt and Tagalog');
	check(!/Your consent|I have read this|\bStart\b|Suostumus|Aloita/.test(body), 'vi: no English or Finnish UI strings');
	const width0 = await page.evaluate(() => document.documentElement.scrollWidth);
	check(width0 <= 390, 'vi: no sideways scrolling on a phone', String(width0));
	await page.screenshot({ path: path.join(SHOTS, 'survey-vi-start.png'), fullPage: true });
	await axe(page, 'the vi start page');
	await page.check('#consent');
	await click(page, 'button.primary[value=start]');
	await page.fill('#q-first_name', 'Lan');
	await page.fill('#q-last_name', 'Nguyễn Thị');
	await page.selectOption('#q-mother_tongue', 'vi');
	await page.check('#q-in_finland-no');
	await page.screenshot({ path: path.join(SHOTS, 'survey-vi-step1.png'), fullPage: true });
	await next(page);
	check(await page.locator('#q-sector-0').count() === 0 && (await page.locator('main').innerText()).includes('Kinh nghiệm làm việc trước đây'),
		'vi: still abroad, the current work in Finland is skipped');
	await next(page); // work history
	await page.check('#q-isced_level-2');
	await next(page); // education
	await next(page); // skills, licences
	await next(page); // languages
	const q = await page.locator('#q-long_term_region-box').innerText();
	check(q.includes('Bạn có muốn sống và làm việc lâu dài tại \u2068Kainuu\u2069 không?'), 'vi: the programme\'s region in the question', q.slice(0, 200));
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	check(width <= 390, 'vi: the future step has no sideways scrolling', String(width));
	await page.screenshot({ path: path.join(SHOTS, 'survey-vi-future.png'), fullPage: true });
	check(errors.length === 0, 'vi: no script errors', errors.join(' | '));
	await b.close();
});

// --- the counsellor accepts ---
await step('counsellor accepts the answers into a new client', async () => {
	const b = await browser({ width: 1280, height: 900 }, 'fi-FI');
	const { page } = b;
	await page.goto(BASE + '/login');
	await page.fill('#login-email', 'ohjaaja@survey.example');
	await page.fill('#login-password', PW);
	await click(page, '#login button[type=submit]');
	await page.goto(BASE + '/reviews');
	const rows = await page.$$('#review-queue tbody tr');
	check(rows.length === 2, 'two answers wait for review', String(rows.length));
	await click(page, '#review-queue tbody tr:first-child a');
	check(await page.locator('table.review').isVisible(), 'review table beside the profile');
	check((await page.content()).includes('Somchai'), 'the answers as written');
	await page.screenshot({ path: path.join(SHOTS, 'survey-review-fi.png'), fullPage: true });
	await axe(page, 'the review page');
	await click(page, '#review-form button[type=submit]');
	check(/\/clients\/\d+/.test(page.url()), 'lands on the new client', page.url());
	const body = await page.content();
	check(body.includes('Somchai') && body.includes('Wongsakul'), 'the profile shows the accepted name');
	check(body.includes('คนเก็บผลไม้'), 'the profile shows the work history as written');
	await page.screenshot({ path: path.join(SHOTS, 'survey-client-fi.png'), fullPage: true });
	// the family: the spouse's own record, linked, and the family's starting settling-in plan (issue 14 item 5)
	const fam = await page.locator('#family').innerText();
	check(fam.includes('Lan Wongsakul'), 'the family shows the spouse', fam.slice(0, 300));
	check(await page.locator('#sec-settling-steps tbody tr').count() >= 7, 'and its settling-in plan');
	await click(page, '#family a:has-text("Lan Wongsakul")');
	const spouse = await page.content();
	check(spouse.includes('Thợ làm móng') && !spouse.includes('คนเก็บผลไม้'), 'the spouse\'s page has her work, not his');
	await page.screenshot({ path: path.join(SHOTS, 'survey-spouse-client-fi.png'), fullPage: true });
	await page.goto(BASE + '/reviews');
	check((await page.$$('#review-queue tbody tr')).length === 1, 'one answer left in the queue');
	await b.close();
});

// --- the review is safe: an overwrite is not ticked and shows both values (issue 13.9), fi desktop and phone ---
await step('review against an existing client: an overwrite is not ticked in advance', async () => {
	for (const [vp, name] of [[{ width: 1280, height: 900 }, 'desktop'], [PHONE, 'phone']]) {
		const b = await browser(vp, 'fi-FI');
		const { page, errors } = b;
		current = page;
		const r = await page.request.post(BASE + '/api/v1/session', { data: { email: 'ohjaaja@survey.example', password: PW } });
		const csrf = (await r.json()).csrf_token;
		const made = await page.request.post(BASE + '/api/v1/clients', { headers: { 'X-CSRF-Token': csrf }, data: { first_name: 'Leila', last_name: 'Haddad', nationality: 'SY' } });
		const cid = (await made.json()).id;
		await page.goto(BASE + '/reviews');
		const href = await page.getAttribute('#review-queue tbody tr:first-child a', 'href');
		await page.goto(BASE + href + '?client=' + cid);
		const first = page.locator('input[name=accept][value="client.first_name"]');
		check(!(await first.isChecked()), `${name}: the first name that would overwrite "Leila" is not ticked`);
		const row = await page.locator('tr', { has: first }).innerText();
		check(row.includes('Leila') && row.includes('Layla'), `${name}: the value now and the new one side by side`, row);
		const box = await page.locator('tr', { has: first }).locator('.overwrite').boundingBox();
		check(box && box.x >= 0 && box.x + box.width <= vp.width, `${name}: both values in view without scrolling the table sideways`, JSON.stringify(box));
		check(await page.locator('input[name=accept][value="client.mother_tongue"]').isChecked(), `${name}: a value that fills an empty field stays ticked`);
		const body = await page.locator('main').innerText();
		check(!/\b2\s0\d\d\b/.test(body), `${name}: no year printed with a group separator`);
		check(!/survey\.|err\.|\bclient_languages\b/.test(body), `${name}: no raw keys on the page`);
		await page.screenshot({ path: path.join(SHOTS, `survey-review-overwrite-fi-${name}.png`), fullPage: true });
		await axe(page, `the review page with an overwrite (${name})`);
		check(errors.length === 0, `${name}: no script errors`, errors.join(' | '));
		await b.close();
	}
});

// --- a chained condition in the browser: q3 depends on q2, which depends on q1 (issue 12.1) ---
await step('a chained condition hides the whole chain in the browser', async () => {
	const b = await browser(PHONE, 'en-GB');
	const { page } = b;
	current = page;
	const login = async email => {
		const r = await page.request.post(BASE + '/api/v1/session', { data: { email, password: PW } });
		return (await r.json()).csrf_token;
	};
	const chain = { slug: 'chain-e2e', version: 1, languages: ['en'], title: { en: 'Chain' }, intro: { en: 'Intro' },
		consent: { en: 'I agree' }, groups: [{ id: 'g1', title: { en: 'Questions' }, questions: [
			{ id: 'q1', type: 'yesno', text: { en: 'First question' } },
			{ id: 'q2', type: 'yesno', text: { en: 'Second question' }, when: { question: 'q1', equals: 'yes' } },
			{ id: 'q3', type: 'text', text: { en: 'Third question' }, when: { question: 'q2', equals: 'yes' } }] }] };
	let csrf = await login('admin@survey.example');
	const made = await page.request.post(BASE + '/api/v1/surveys', { headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' }, data: JSON.stringify(chain) });
	const sid = (await made.json()).id;
	csrf = await login('ohjaaja@survey.example');
	const inv = await page.request.post(BASE + '/api/v1/survey-invitations', { headers: { 'X-CSRF-Token': csrf }, data: { survey_id: sid } });
	const tok = (await inv.json()).items[0].token;
	await page.context().clearCookies();
	await page.goto(BASE + '/s/' + tok + '?lang=en');
	await page.check('#consent');
	await click(page, 'button.primary[value=start]');
	const shown = id => page.locator('#q-' + id + '-box').isVisible();
	await page.check('input[name="q.q1"][value=yes]');
	await page.check('input[name="q.q2"][value=yes]');
	check(await shown('q2') && await shown('q3'), 'q1 yes and q2 yes show q2 and q3');
	await page.check('input[name="q.q1"][value=no]');
	check(!(await shown('q2')), 'q1 no hides q2');
	check(!(await shown('q3')), 'q1 no hides q3 too, although q2 still holds yes');
	await b.close();
});

const serverLog = await own.stop();
if (/AddressSanitizer|runtime error/.test(serverLog)) check(false, 'no sanitizer reports in the server log', serverLog.slice(-2000));
console.log(`survey e2e:`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
