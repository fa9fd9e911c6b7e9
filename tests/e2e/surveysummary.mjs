// Browser check of the survey summary page (issue 14 item 6): two seasonal workers answer through the public route
// (Thai and Vietnamese), then a counsellor opens the summary from the figures page, chooses the survey and a
// breakdown by language, and reads the answers counted as words. fi desktop and phone, axe. Prints "N passed, N failed".
import { BASE, api, axe, browserFor, cat, check, done, login, noRawText, shot, step, text, token } from './lib.mjs';

const t = cat.fi;
const ca = await token('counsellor@a.example');
const sid = (await api('GET', '/api/v1/surveys', null, ca)).items.find(x => x.slug === 'seasonal-worker').id;
const base = { _consent: true, last_name: 'Vastaaja', in_finland: 'yes', sector: 'agriculture', current_job: 'Marjanpoimija',
	employment_type: 'agency', isced_level: '3', long_term_interest: 'yes', long_term_sectors: ['forestry'], has_spouse: 'no' };
for (const [i, lang, extra] of [[0, 'th', { first_name: 'Somchai', nationality: 'TH', mother_tongue: 'th' }],
	[1, 'vi', { first_name: 'Lan', nationality: 'VN', mother_tongue: 'vi', long_term_sectors: ['metal'] }]]) {
	const tok = (await api('POST', '/api/v1/survey-invitations', { survey_id: sid }, ca)).items[0].token;
	await api('POST', `/api/v1/public/surveys/${tok}/responses`, { submission_key: `e2e-summary-${i}-aaaaaaaaaaaaaaaaaaaa`, lang, answers: { ...base, ...extra } });
}
const raw = ['long_term_interest', 'worker_with_spouse', 'seasonal-worker', 'ss.', '(none)', 'yes', 'no'];
for (const [viewport, tag] of [[{ width: 1366, height: 900 }, 'desktop'], [{ width: 390, height: 844 }, 'phone']]) {
	const b = await browserFor(viewport);
	await step(`[fi ${tag}] survey summary`, async () => {
		const { page } = b;
		await login(page, 'counsellor@a.example', 'fi');
		await page.goto(`${BASE}/reports`);
		await Promise.all([page.waitForNavigation(), page.click('a[href="/reports/surveys"]')]);
		check((await text(page, 'h1')) === t['ss.title'], `[${tag}] the summary is reached from the figures page`);
		await page.selectOption('#ss-survey', 'seasonal-worker');
		await page.selectOption('#ss-by', 'lang');
		await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
		check((await text(page, '[data-key="responses"]')).trim() === '2', `[${tag}] two responses counted`);
		const head = await text(page, '#ss-long_term_interest thead');
		check(head.includes('thai') && head.includes('vietnam'), `[${tag}] the languages as columns, by name`, head);
		check((await text(page, '#ss-long_term_interest tbody')).includes('kyllä'), `[${tag}] yes as a word`);
		const body = await page.evaluate(() => document.body.innerText);
		const bad = raw.filter(x => new RegExp(`(^|[^\\w.-])${x.replace(/[.()-]/g, '\\$&')}($|[^\\w-])`).test(body));
		check(bad.length === 0, `[${tag}] no raw codes or keys in the text`, bad.join(', '));
		await noRawText(page, `[${tag}] the survey summary`);
		if (tag === 'desktop') await axe(page, 'the survey summary (fi)');
		await shot(page, `survey-summary-fi-${tag}`);
	});
	await b.close();
}
done();
