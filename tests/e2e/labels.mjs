// Codes shown and entered as names (issue 13 items 8 and 11), in a browser: a client's mother tongue, languages, ISCED
// level and field and availability, and an employer's sector read as names in fi, sv and en; the education form offers
// the ISCED levels and fields by name; the caseload's language search takes a name; the report page's CSV link gives
// a file a Finnish Excel opens in columns. Desktop 1366x900 and phone 390x844 screenshots (labels-*.png): look at
// them. Prints "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { BASE, PW, ROOT, api, axe, browserFor, cat, check, login, shot, step, tally, text, token } from './lib.mjs';

// the shipped names (data, not written again here); these rows hold no quoted commas
const rows = f => fs.readFileSync(path.join(ROOT, 'data/labels', f), 'utf8').trim().split('\n').map(l => l.split(','));
const LANG = Object.fromEntries(rows('languages.csv').slice(1).map(r => [r[0], { fi: r[1], sv: r[2], en: r[3] }]));
const VAL = Object.fromEntries(rows('values.csv').slice(1).filter(r => r.length === 5).map(r => [r[0] + ':' + r[1], { fi: r[2], sv: r[3], en: r[4] }]));
const FIELD = { fi: 'Ohjelmisto- ja sovelluskehitys ja -analyysi', sv: 'Utveckling och analys av programvara och applikationer',
	en: 'Software and applications development and analysis' }; // ISCED-F 0613, EU vocabulary

async function run() {
	const t = await token('counsellor@a.example');
	const client = await api('POST', '/api/v1/clients', {
		first_name: 'Hodan', last_name: 'Nimikoe', mother_tongue: 'so', availability: 'now', target_groups: ['immigrant'],
		intake_on: '2026-03-02', status: 'active',
	}, t);
	await api('POST', '/api/v1/client-languages', { client_id: client.id, language: 'ru', level: 'B1' }, t);
	await api('POST', '/api/v1/educations', { client_id: client.id, isced_level: 7, isced_field: '0613', degree_title: 'MSc' }, t);
	const emp = await api('POST', '/api/v1/employers', { name: 'Nimikoe Terveys Oy', sector: 'health' }, await token('coordinator@a.example'));
	for (const [vw, vh, dev] of [[1366, 900, 'desktop'], [390, 844, 'phone']]) {
		for (const lang of ['fi', 'sv', 'en']) {
			const b = await browserFor({ width: vw, height: vh });
			const page = b.page;
			await step(`[${lang} ${dev}] the client page names the codes`, async () => {
				await login(page, 'counsellor@a.example', lang);
				await page.goto(BASE + '/clients/' + client.id);
				const main = (await text(page, 'main')).replace(/\s+/g, ' ');
				for (const [what, name] of [['mother tongue', LANG.so[lang]], ['language', LANG.ru[lang]],
					['ISCED level', VAL['isced_level:7'][lang]], ['ISCED field', FIELD[lang]], ['availability', VAL['availability:now'][lang]]])
					check(main.includes(name), `[${lang} ${dev}] the ${what} reads ${name}`);
				check(!/\b(now|0613|so|ru)\b/.test(main), `[${lang} ${dev}] no raw code on the client page`,
					(main.match(/.{30}\b(now|0613|so|ru)\b.{10}/) || [''])[0]);
				if (dev === 'desktop') {
					const opts = await page.locator('select[name="isced_field"] option').allTextContents();
					check(opts.some(o => o.includes(FIELD[lang])) && !opts.some(o => /^\s*\d{2,4}\s*$/.test(o)),
						`[${lang}] the education form offers the ISCED fields by name`);
					const lv = await page.locator('select[name="isced_level"] option').allTextContents();
					check(lv.includes(VAL['isced_level:7'][lang]), `[${lang}] and the levels by name`, lv.join('|'));
				}
				await shot(page, `labels-client-${lang}-${dev}`);
				if (dev === 'desktop')
					await axe(page, `the client page (${lang})`);
			});
			if (dev === 'desktop')
				await step(`[${lang}] the caseload's language search takes a name`, async () => {
					await page.goto(BASE + '/caseload');
					await page.fill('#s-language', LANG.so[lang]);
					await Promise.all([page.waitForNavigation(), page.press('#s-language', 'Enter')]);
					check((await text(page, 'main')).includes('Nimikoe'), `[${lang}] "${LANG.so[lang]}" finds the client`, page.url());
					await shot(page, `labels-caseload-${lang}-${dev}`);
				});
			await b.close();
			const c = await browserFor({ width: vw, height: vh });
			await step(`[${lang} ${dev}] the employer page names the sector`, async () => {
				await login(c.page, 'coordinator@a.example', lang);
				await c.page.goto(BASE + '/employers/' + emp.id);
				const main = (await text(c.page, 'main')).replace(/\s+/g, ' ');
				check(main.includes(VAL['sector:health'][lang]), `[${lang} ${dev}] the sector reads ${VAL['sector:health'][lang]}`);
				if (lang !== 'en')
					check(!/\bhealth\b/.test(main), `[${lang} ${dev}] no English sector in the page`);
				await shot(c.page, `labels-employer-${lang}-${dev}`);
			});
			await c.close();
		}
	}
	await step('[fi] the report page\'s CSV opens in columns in a Finnish Excel', async () => {
		const admin = await token('admin@a.example');
		await api('POST', '/api/v1/users/new', { email: 'manager-labels@a.example', name: 'Mikko Manageri', role: 'manager', password: PW, lang: 'fi' }, admin)
			.catch(() => null);
		const b = await browserFor();
		await login(b.page, 'manager-labels@a.example', 'fi');
		await b.page.goto(BASE + '/reports?from=2026-01-01&to=2026-06-30');
		const href = await b.page.getAttribute('a[href^="/api/v1/reports/export.csv"]', 'href');
		const res = await b.page.request.get(BASE + href);
		const body = await res.body();
		const first = body.toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0];
		check(body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf, 'a UTF-8 byte order mark');
		check(first === `${cat.fi['rep.indicator']};${cat.fi['rep.value']}`, 'semicolons and a Finnish header', first);
		await b.close();
	});
}

try {
	await run();
} catch (e) {
	check(false, 'the run', String(e && e.stack || e));
}
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
