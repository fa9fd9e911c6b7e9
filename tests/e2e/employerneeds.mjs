// Browser flow of the employers' needs (issue 15 item 1): a coordinator records two Kainuu employers' needs (a metal
// works that brings in agency welders and a forestry company that brings in seasonal forest workers, the metal works
// with an older record as history), opens the overview from the figures page, reads the chart and the table by region
// and sector as words (no codes), and goes on to an employer's page with its current needs and their history.
// fi, sv and en; desktop 1366x900 and phone 390x844 screenshots; axe on both pages. Prints "N passed, N failed".
import { BASE, api, axe, browserFor, cat, check, done, login, noRawText, shot, step, text, token } from './lib.mjs';

const raw = ['seasonal', 'agency', 'permanent', 'recruitment_help', 'workplace_language', 'induction_support',
	'longer_term_hiring', 'longer_term_yes', 'employer-needs', 'employer-need-arrivals', '(none)', 'needs.', 'v.', 'f.', 'metal industry', 'forestry'];
// in English the words seasonal, agency and permanent are the words themselves
const noCodes = async (page, what, lang) => {
	const body = await page.evaluate(() => document.body.innerText);
	const bad = raw.filter(x => lang !== 'en' || !['seasonal', 'agency', 'permanent'].includes(x)).filter(x => new RegExp(`(^|[^\\w.])${x.replace(/[.()]/g, '\\$&')}($|[^\\w])`).test(body));
	check(bad.length === 0, `${what}: no raw codes or keys in the text`, bad.join(', '));
};
// English words of this feature that must not be left in a Finnish or Swedish page ('Region' is Swedish too)
const english = ['Employers', 'Workers', 'Seasonal', 'Agency', 'Region', 'Sector', 'Challenges', 'Current workforce'];
const noEnglish = async (page, what, lang) => {
	const body = await page.evaluate(() => document.body.innerText);
	const bad = english.filter(x => lang !== 'sv' || x !== 'Region').filter(x => new RegExp(`(^|\\W)${x}(\\W|$)`).test(body));
	check(bad.length === 0, `${what}: no English left in the page`, bad.join(', '));
};
const sectorName = { fi: ['Metalliteollisuus', 'Metsätalous'], sv: ['Metallindustri', 'Skogsbruk'], en: ['Metal industry', 'Forestry'] };

const now = new Date();
const ahead = k => { const m = now.getUTCMonth() + k; return { year: now.getUTCFullYear() + Math.floor(m / 12), month: m % 12 + 1 }; };
const day = k => new Date(now.getTime() - k * 86400000).toISOString().slice(0, 10);
let metal = 0;

await step('seed: two employers and their needs', async () => {
	const t = await token('coordinator@a.example');
	metal = (await api('POST', '/api/v1/employers', { name: 'Kainuun Metalli Oy', municipality: 'Kajaani', sector: 'metal industry' }, t)).id;
	const forest = (await api('POST', '/api/v1/employers', { name: 'Sotkamon Metsäpalvelu Oy', municipality: 'Sotkamo', sector: 'forestry' }, t)).id;
	const need = async (employer_id, reported_on, fields, arrivals) => {
		const n = await api('POST', '/api/v1/employer-needs', { employer_id, reported_on, ...fields }, t);
		for (const [k, title, workers, kind] of arrivals)
			await api('POST', '/api/v1/employer-need-arrivals', { need_id: n.id, ...ahead(k), title, workers, kind }, t);
	};
	await need(metal, day(200), { source: 'meeting', longer_term_hiring: 'no', challenges: ['language'] }, [[1, 'Hitsaaja', 8, 'seasonal']]);
	await need(metal, day(20), { source: 'phone', longer_term_hiring: 'yes', challenges: ['language', 'housing'],
		services_wanted: ['recruitment_help', 'workplace_language'], skills_lacking: 'MIG/MAG-hitsaus' },
		[[1, 'Hitsaaja', 4, 'agency'], [2, 'Levyseppä', 2, 'permanent']]);
	await need(forest, day(10), { source: 'survey', longer_term_hiring: 'maybe', challenges: ['housing', 'transport'],
		services_wanted: ['induction_support'] }, [[2, 'Metsuri', 10, 'seasonal'], [3, 'Metsäkoneenkuljettaja', 3, 'agency']]);
	check(metal > 0, 'seeded');
});

for (const lang of ['fi', 'sv', 'en']) {
	for (const [viewport, tag] of [[{ width: 1366, height: 900 }, 'desktop'], [{ width: 390, height: 844 }, 'phone']]) {
		const t = cat[lang];
		const b = await browserFor(viewport, { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }[lang]);
		await step(`[${lang} ${tag}] employers' needs`, async () => {
			const { page } = b;
			await login(page, 'coordinator@a.example', lang);
			await page.goto(`${BASE}/reports`);
			await Promise.all([page.waitForNavigation(), page.click('a[href="/employer-needs"]')]);
			check((await text(page, 'h1')) === t['needs.title'], `[${lang} ${tag}] the overview is reached from the figures page`);
			check(Number((await text(page, '[data-key="employers"]')).replace(/\s/g, '')) === 2, `[${lang} ${tag}] two employers with needs`);
			check(Number((await text(page, '[data-key="workers"]')).replace(/\s/g, '')) === 19, `[${lang} ${tag}] 19 workers expected`,
				await text(page, '[data-key="workers"]'));
			check(await page.locator('figure.chart svg rect.bar').count() >= 3, `[${lang} ${tag}] the chart draws the months`);
			const regions = await text(page, '#needs-regions');
			check(sectorName[lang].every(s => regions.includes(s)) && regions.includes('Kajaani') && regions.includes('Sotkamo'),
				`[${lang} ${tag}] the table by region and sector names the sectors in the page's language`, regions.slice(0, 200));
			check((await text(page, '#needs-services')).includes(t['v.workplace_language']), `[${lang} ${tag}] services as words`);
			await noRawText(page, `[${lang} ${tag}] the overview`);
			await noCodes(page, `[${lang} ${tag}] the overview`, lang);
			if (lang !== 'en')
				await noEnglish(page, `[${lang} ${tag}] the overview`, lang);
			if (tag === 'desktop' && lang === 'fi')
				await axe(page, 'the needs overview (fi)');
			await shot(page, `employer-needs-${lang}-${tag}`);
			await Promise.all([page.waitForNavigation(), page.click(`#needs-employers a[href^="/employers/${metal}"]`)]);
			const cur = await text(page, '#sec-current-needs');
			check(cur.includes(t['needs.current']) && cur.includes('Hitsaaja') && cur.includes('Levyseppä'),
				`[${lang} ${tag}] the employer page shows its current needs, not the older ones`, cur.slice(0, 200));
			const rows = await page.locator('#sec-employer-needs table tbody tr').count();
			check((await text(page, '#sec-employer-needs h2')) === t['e.employer-needs'] && rows === 2,
				`[${lang} ${tag}] and both records in its history`, String(rows));
			check(await page.locator('#sec-current-needs a[href="/employer-needs"]').count() === 1, `[${lang} ${tag}] it links back to the overview`);
			await noRawText(page, `[${lang} ${tag}] the employer page`);
			await noCodes(page, `[${lang} ${tag}] the employer page`, lang);
			if (lang !== 'en')
				await noEnglish(page, `[${lang} ${tag}] the employer page`, lang);
			if (tag === 'desktop' && lang === 'fi')
				await axe(page, 'the employer page with its needs (fi)');
			await shot(page, `employer-page-needs-${lang}-${tag}`);
		});
		await b.close();
	}
}

// A needs record's page: the workers expected are added through its form (a wrong month refused beside the field).
for (const [viewport, tag] of [[{ width: 1366, height: 900 }, 'desktop'], [{ width: 390, height: 844 }, 'phone']]) {
	const t = cat.fi;
	const b = await browserFor(viewport, 'fi-FI');
	await step(`[fi ${tag}] a needs record's page`, async () => {
		const { page } = b;
		await login(page, 'coordinator@a.example', 'fi');
		await page.goto(`${BASE}/employers/${metal}`);
		await Promise.all([page.waitForNavigation(), page.click('#sec-current-needs a[href^="/employer-needs/"]')]);
		check((await text(page, 'h1')).startsWith(t['needs.record']), `[fi ${tag}] the record's page opens from the employer page`);
		if (tag === 'desktop') {
			await page.click('#sec-employer-need-arrivals summary');
			const f = '#employer-need-arrivals';
			await page.fill(`${f} [name="year"]`, String(ahead(4).year));
			await page.fill(`${f} [name="month"]`, '13');
			await page.fill(`${f} [name="title"]`, 'Koneistaja');
			await page.fill(`${f} [name="workers"]`, '2');
			await page.selectOption(`${f} [name="kind"]`, 'agency');
			await Promise.all([page.waitForNavigation(), page.click(`${f} button[type=submit]`)]);
			check(await page.locator(`${f} [aria-invalid="true"], ${f} .field-error, ${f} .error`).count() >= 1,
				'a month 13 is refused beside the field');
			await shot(page, 'employer-need-record-refused-fi');
			await page.fill(`${f} [name="month"]`, String(ahead(4).month));
			await Promise.all([page.waitForNavigation(), page.click(`${f} button[type=submit]`)]);
			const arrivals = await text(page, '#sec-employer-need-arrivals');
			check(arrivals.includes('Koneistaja'), 'the arrival is added');
			check(arrivals.includes(t[`month.${ahead(4).month}`]), `the month is named (${t[`month.${ahead(4).month}`]}), not numbered`);
			await axe(page, "a needs record's page (fi)");
		}
		await noRawText(page, `[fi ${tag}] the record's page`);
		await noCodes(page, `[fi ${tag}] the record's page`, 'fi');
		await noEnglish(page, `[fi ${tag}] the record's page`, 'fi');
		await shot(page, `employer-need-record-fi-${tag}`);
	});
	await b.close();
}

// The needs survey from the employer's page: the link is shown once with its QR code, in the page's language.
for (const lang of ['fi', 'sv']) {
	const t = cat[lang];
	const b = await browserFor({ width: 1366, height: 900 }, lang === 'fi' ? 'fi-FI' : 'sv-FI');
	await step(`[${lang}] the needs survey link`, async () => {
		const { page } = b;
		await login(page, 'coordinator@a.example', lang);
		await page.goto(`${BASE}/employers/${metal}`);
		check((await text(page, '#sec-needs-survey h2')) === t['needs.survey'], `[${lang}] the employer page offers the survey`);
		await page.selectOption('#needs-survey-lang', lang);
		await Promise.all([page.waitForNavigation(), page.click('#needs-survey button[type=submit]')]);
		check(/\/s\/[0-9a-f]{16,}$/.test(await page.getAttribute('#needs-survey-link', 'href')), `[${lang}] the link is shown`);
		check(await page.locator('svg.qr').count() === 1, `[${lang}] with its QR code`);
		await noRawText(page, `[${lang}] the survey link`);
		await noCodes(page, `[${lang}] the survey link`, lang);
		await noEnglish(page, `[${lang}] the survey link`, lang);
		if (lang === 'fi')
			await axe(page, 'the survey link (fi)');
		await shot(page, `employer-needs-survey-link-${lang}`);
	});
	await b.close();
}
done();
