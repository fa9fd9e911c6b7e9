// Browser view of the international recruitment cohorts (issue 15 item 7), on a server of its own with the demo
// (the Kainuu pilot's cohort of forest machine operators from Vietnam). Started by run.sh:
//   node cohorts.mjs --bin PATH/TO/osaaja --root REPO --tmp DIR
// A Kainuu counsellor opens the cohorts from the navigation and the demo cohort's board in fi, sv and en, on a desktop
// (1366x900: the steps side by side) and a phone (390x844: a list grouped by step); the board's columns count the
// members the board JSON counts, the steps and the country read as words of the page's language, dates as dates, and
// no English is left on the Finnish and Swedish pages. A manager reads the board; axe on the list and the board.
// Prints "N passed, N failed".
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const argv = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) => (i % 2 ? a : [...a, [v.replace(/^--/, ''), all[i + 1]]]), []));
const BIN = argv.bin, ROOT = argv.root, TMP = fs.mkdtempSync(path.join(argv.tmp || os.tmpdir(), 'cohorts-'));

// --- a server of our own, with the demo ---
const DB = path.join(TMP, 'cohorts.db');
const run = (...a) => execFileSync(BIN, a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
run('init', '--db', DB);
run('import-taxonomy', '--db', DB, path.join(ROOT, 'data', 'taxonomy'));
const accounts = JSON.parse(run('demo', '--db', DB, '--json', '--clients', '60'));
const kainuu = accounts.filter(a => /Kainuu/.test(a.organisation));
const counsellor = kainuu.find(a => a.role === 'counsellor'), manager = kainuu.find(a => a.role === 'manager');
const portFile = path.join(TMP, 'port');
const server = spawn(BIN, ['serve', '--db', DB, '--port', '0', '--port-file', portFile, '--threads', '4'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
server.stderr.on('data', () => {});
for (let i = 0; i < 200 && !(fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').trim()); i++) await new Promise(r => setTimeout(r, 50));
process.argv.push('--base', 'http://127.0.0.1:' + fs.readFileSync(portFile, 'utf8').trim(), '--password', counsellor.password);
const { BASE, axe, browserFor, cat, check, noRawText, shot, step, tally, text } = await import('./lib.mjs');

async function login(page, who, lang) {
	await page.goto(BASE + '/login?lang=' + lang);
	await page.fill('#login-email', who.email);
	await page.fill('#login-password', who.password);
	await Promise.all([page.waitForNavigation(), page.click('#login button[type=submit]')]);
	if ((await page.getAttribute('html', 'lang')) !== lang)
		await Promise.all([page.waitForNavigation(), page.selectOption('#lang-menu', lang)]);
}

// the board as JSON, the counts the page must show
async function boardJson(who, id) {
	const s = await fetch(BASE + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: who.email, password: who.password }) });
	const cookie = (s.headers.get('set-cookie') || '').split(';')[0];
	const r = await fetch(`${BASE}/api/v1/cohorts/${id}/board`, { headers: { Cookie: cookie } });
	return r.json();
}

// codes and English words that must not be seen on a Finnish or Swedish board
const codes = ['selection', 'training_abroad', 'permit', 'travel', 'arrival', 'housing', 'induction', 'first_6_months', 'not_started', 'in_progress', 'not_needed', 'interrupted', 'completed', 'coh.', 'VN'];
const english = ['Selection', 'Training abroad', 'Residence permit', 'Arrival', 'Housing', 'Induction', 'First 6 months', 'Planned', 'Done:', 'Arrived', 'members', 'Vietnam ', 'Staffing agency', 'School'];
const words = (body, list) => list.filter(x => new RegExp(`(^|[^\\p{L}_.])${x.replace(/[.]/g, '\\$&')}($|[^\\p{L}_])`, 'u').test(body));
// English words that are also codes: a code on an English page is caught by the codes with an underscore and the keys
const plainWords = ['selection', 'permit', 'travel', 'arrival', 'housing', 'induction', 'completed', 'interrupted'];

let cohortId = null, json = null;
for (const lang of ['fi', 'sv', 'en']) {
	const t = cat[lang];
	for (const [viewport, tag] of [[{ width: 1366, height: 900 }, 'desktop'], [{ width: 390, height: 844 }, 'phone']]) {
		const b = await browserFor(viewport, lang === 'fi' ? 'fi-FI' : lang === 'sv' ? 'sv-FI' : 'en-GB');
		await step(`[${lang} ${tag}] the demo cohort's board`, async () => {
			const { page } = b;
			await login(page, counsellor, lang);
			await page.goto(BASE + '/cohorts');
			check((await text(page, 'h1')) === t['coh.title'], `[${lang} ${tag}] the cohorts page`);
			check(await page.locator('nav a[href="/cohorts"]').count() === 1, `[${lang} ${tag}] the navigation links the cohorts`);
			const link = page.locator('#cohorts a[href^="/cohorts/"]').first();
			check((await link.textContent()).includes('Metsäkoneenkuljettajat'), `[${lang} ${tag}] the demo cohort is listed`);
			if (tag === 'desktop') {
				await axe(page, `the cohorts list (${lang})`);
				await shot(page, `cohorts-list-${lang}`);
			}
			await Promise.all([page.waitForNavigation(), link.click()]);
			cohortId = cohortId || Number(page.url().split('/').pop());
			json = json || await boardJson(counsellor, cohortId);
			const body = await page.evaluate(() => document.body.innerText);
			for (const col of json.columns) {
				const shown = Number((await text(page, `[data-column="${col.column}"] .count`)).replace(/\s/g, ''));
				const cards = await page.locator(`[data-column="${col.column}"] li.prop`).count();
				check(shown === col.count && cards === col.count, `[${lang} ${tag}] ${col.column}: ${col.count} members as in the JSON`, `${shown} shown, ${cards} cards`);
			}
			check((await text(page, '[data-column="permit"] h3')).includes(t['coh.step.permit']), `[${lang} ${tag}] the step's name in ${lang}`);
			check(body.includes(t['coh.fig.employed6']) && (await text(page, '[data-key="employed_6_months"]')).trim() === String(json.figures.employed_6_months),
				`[${lang} ${tag}] the figures`);
			const country = { fi: 'Vietnam', sv: 'Vietnam', en: 'Vietnam' }[lang];
			check(body.includes(country), `[${lang} ${tag}] the country as a name`);
			check(!/\d{4}-\d{2}-\d{2}/.test(body), `[${lang} ${tag}] dates as dates, not ISO codes`, (body.match(/\d{4}-\d{2}-\d{2}\S*/) || [''])[0]);
			const raw = words(body, lang === 'en' ? codes.filter(c => !plainWords.includes(c)) : codes);
			check(raw.length === 0, `[${lang} ${tag}] no raw codes or keys`, raw.join(', '));
			if (lang !== 'en') {
				const en = words(body, english);
				check(en.length === 0, `[${lang} ${tag}] no English on the page`, en.join(', '));
			}
			await noRawText(page, `[${lang} ${tag}] the board`);
			if (tag === 'phone') {
				const xs = await page.locator('.board.cohort .stage-col').evaluateAll(els => els.map(e => Math.round(e.getBoundingClientRect().x)));
				check(new Set(xs).size === 1, `[${lang} phone] the steps stack into one list`, xs.join(','));
				const wide = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
				check(wide, `[${lang} phone] nothing wider than the screen`);
			} else {
				const ys = await page.locator('.board.cohort .stage-col').evaluateAll(els => els.map(e => Math.round(e.getBoundingClientRect().y)));
				check(new Set(ys).size === 1, `[${lang} desktop] the steps side by side`, ys.join(','));
				await axe(page, `the cohort board (${lang})`);
			}
			await shot(page, `cohort-board-${lang}-${tag}`);
		});
		await b.close();
	}
}
await step('[fi phone] a counsellor moves a member on the board', async () => {
	const b = await browserFor({ width: 390, height: 844 }, 'fi-FI');
	const { page } = b;
	await login(page, counsellor, 'fi');
	await page.goto(`${BASE}/cohorts/${cohortId}`);
	const card = page.locator('[data-column="selection"] li.prop').first();
	const name = (await card.locator('.who').textContent()).trim();
	await card.locator('select[name="step"]').selectOption('training_abroad');
	await Promise.all([page.waitForNavigation(), card.locator('button[type=submit]').click()]);
	check((await text(page, '.notice')).includes(cat.fi['done.moved']), 'the move is confirmed');
	check((await text(page, '[data-column="training_abroad"]')).includes(name), `${name} is in training abroad now`);
	check(Number((await text(page, '[data-column="selection"] .count')).trim()) === json.counts.selection - 1, 'selection has one fewer');
	const moved = page.locator('[data-column="training_abroad"] li.prop', { hasText: name });
	await moved.locator('details.steps summary').click();
	check((await moved.locator('details.steps').textContent()).includes(cat.fi['coh.step.selection']), 'the card opens to all its steps');
	await moved.screenshot({ path: path.join(ROOT, 'tests', 'e2e', 'screenshots', 'cohort-card-open-fi-phone.png') });
	await shot(page, 'cohort-board-moved-fi-phone');
	check(await page.locator('[data-column="interrupted"] form').count() === 0, 'an interrupted member has no move form');
	await b.close();
});
await step('[fi] a manager reads the board', async () => {
	const b = await browserFor({ width: 1366, height: 900 }, 'fi-FI');
	await login(b.page, manager, 'fi');
	await b.page.goto(`${BASE}/cohorts/${cohortId}`);
	check(await b.page.locator('li.prop').count() === json.figures.members, 'the manager sees every member');
	check(await b.page.locator('li.prop a[href^="/clients/"]').count() === 0, 'without links to client records');
	check(await b.page.locator('.board form').count() === 0, 'and without move forms');
	await b.close();
});
await step('[sv desktop] a counsellor starts a new recruitment and adds a person', async () => {
	const t = cat.sv;
	const b = await browserFor({ width: 1366, height: 900 }, 'sv-FI');
	const { page } = b;
	await login(page, counsellor, 'sv');
	await page.goto(`${BASE}/cohorts`);
	await page.click('#sec-cohort-new summary');
	// the name is required: refused beside the field, nothing stored, the box open again with what was typed
	await page.fill('#sec-cohort-new [name="occupation_title"]', 'Hitsare');
	await Promise.all([page.waitForNavigation(), page.click('#sec-cohort-new button[type=submit]')]);
	check(await page.locator('#sec-cohort-new details[open]').count() === 1 &&
		(await page.inputValue('#sec-cohort-new [name="occupation_title"]')) === 'Hitsare', 'a refused form keeps what was typed');
	await page.fill('#sec-cohort-new [name="name"]', 'Svetsare från Filippinerna 2027');
	await page.selectOption('#sec-cohort-new [name="country"]', 'PH');
	await page.fill('#sec-cohort-new [name="planned_arrival_on"]', '2027-03-01');
	await axe(page, 'the new recruitment form (sv)');
	await Promise.all([page.waitForNavigation(), page.click('#sec-cohort-new button[type=submit]')]);
	check(/\/cohorts\/\d+/.test(page.url()), 'the new recruitment\'s board opens', page.url());
	check((await text(page, 'h1')).includes('Svetsare från Filippinerna 2027'), 'with its name');
	check(await page.locator('a[href^="/edit/cohorts/"]').count() === 1, 'and a link to edit it');
	await page.click('#sec-cohort-members summary');
	await page.fill('#sec-cohort-members [name="name"]', 'Maria S.');
	await Promise.all([page.waitForNavigation(), page.click('#sec-cohort-members button[type=submit]')]);
	check((await text(page, '[data-column="selection"]')).includes('Maria S.'), 'the person is on the board at the first step');
	await noRawText(page, '[sv desktop] the new recruitment');
	const body = await page.evaluate(() => document.body.innerText);
	check(words(body, codes).length === 0, 'no codes on the new board', words(body, codes).join(', '));
	await shot(page, 'cohort-new-sv-desktop');
	await b.close();
});
server.kill();
fs.rmSync(TMP, { recursive: true, force: true });
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
