// Browser flow of editing core records (issue 13, item 6): a coordinator edits a vacancy (decimal-free hours, title)
// and an employer's contact from their pages; a counsellor edits a client's skill level and a consent; each save
// goes through the same validation (a bad value is shown beside its field, the typed text kept) and is audited.
// Desktop 1366x900 and phone 390x844, fi, sv and en screenshots. Prints "N passed, N failed".
import { BASE, api, axe, browserFor, cat, check, done, login, noRawText, shot, step, text, token } from './lib.mjs';

const co = await token('coordinator@a.example'), ca = await token('counsellor@a.example');
const emp = (await api('POST', '/api/v1/employers', { name: 'Muokattava Metalli Oy', municipality: 'Kajaani' }, co)).id;
const contact = (await api('POST', '/api/v1/employer-contacts', { employer_id: emp, name: 'Outi Ostaja', email: 'outi@metalli.example' }, co)).id;
const vac = (await api('POST', '/api/v1/vacancies', { employer_id: emp, title: 'Hitsaaja', status: 'open', contract_type: 'permanent', hours_per_week: 30 }, co)).id;
const client = (await api('POST', '/api/v1/clients', { first_name: 'Emre', last_name: 'Yilmaz', status: 'active' }, ca)).id;
const skill = (await api('POST', '/api/v1/client-skills', { client_id: client, label: 'hitsaus', level: 'basic', evidence: 'self_declared' }, ca)).id;
const consent = (await api('POST', '/api/v1/consents', { client_id: client, purpose: 'matching', given: true, given_on: '2026-01-01' }, ca)).id;

for (const lang of ['fi', 'sv', 'en']) {
	const t = cat[lang];
	const b = await browserFor();
	await step(`[${lang}] coordinator edits a vacancy`, async () => {
		const { page } = b;
		await login(page, 'coordinator@a.example', lang);
		await page.goto(`${BASE}/vacancies/${vac}`);
		// issue 13 item 12: people with the same name are told apart in a drop-down (birth year, client number)
		const opts = await page.locator('#propose-client option').allTextContents();
		check(opts.some(o => o.includes('Yilmaz') && o.includes(`${t['client.number']} ${client}`)), `[${lang}] a client in a drop-down carries the client number`, opts.join(' | ').slice(0, 200));
		// issue 13 item 12: the header bar stays on one line on a 1366 px desktop
		const tops = await page.evaluate(() => ['.brand', '.top nav', '.user'].map(s => Math.round(document.querySelector(s).getBoundingClientRect().top)));
		check(Math.max(...tops) - Math.min(...tops) < 24, `[${lang}] the header is one line at 1366 px`, tops.join(','));
		await Promise.all([page.waitForNavigation(), page.click(`a[href^="/edit/vacancies/${vac}"]`)]);
		const before = await api('GET', `/api/v1/vacancies/${vac}`, null, co);
		check((await page.inputValue('#edit-title')) === before.title, `[${lang}] the form shows the vacancy as stored`);
		await page.fill('#edit-hours_per_week', '80');
		await Promise.all([page.waitForNavigation(), page.click('#edit button[type=submit]')]);
		check((await text(page, '#edit')).includes(t['err.range']), `[${lang}] an hour count out of range is named beside the field`);
		check((await page.inputValue('#edit-hours_per_week')) === '80', `[${lang}] the typed value is kept`);
		await noRawText(page, `[${lang}] the edit form with an error`);
		if (lang === 'fi') await shot(page, 'edit-vacancy-error-fi');
		// issue 13 item 12: choosing an ESCO occupation fills the ISCO code
		await page.fill('#edit-isco_code', '');
		await page.fill('#edit-title', '');
		await page.type('#edit-title', 'hitsaaja');
		await page.waitForSelector('#edit-title-list li', { timeout: 5000 });
		await page.click('#edit-title-list li >> nth=0');
		check((await page.inputValue('#edit-isco_code')) === '7212', `[${lang}] choosing an occupation fills its ISCO code`, await page.inputValue('#edit-isco_code'));
		check((await page.inputValue('#edit-esco_occupation')).includes('/esco/occupation/'), `[${lang}] and names the occupation`);
		await page.fill('#edit-hours_per_week', '37.5'); // issue 13 item 6: decimal hours
		await page.fill('#edit-title', `Hitsaaja ${lang}`);
		await Promise.all([page.waitForNavigation(), page.click('#edit button[type=submit]')]);
		check(new URL(page.url()).pathname === `/vacancies/${vac}`, `[${lang}] back on the vacancy page`, page.url());
		check((await text(page, '.notice')).includes(t['done.saved']), `[${lang}] the save is confirmed`);
		check((await text(page, 'h1')).includes(`Hitsaaja ${lang}`), `[${lang}] the new title shows`);
		const v = await api('GET', `/api/v1/vacancies/${vac}`, null, co);
		check(v.hours_per_week === 37.5 && v.title === `Hitsaaja ${lang}`, `[${lang}] the vacancy is stored, with 37.5 hours a week`, JSON.stringify(v));
		await shot(page, `edit-vacancy-saved-${lang}`);
	});
	await step(`[${lang}] coordinator edits an employer's contact from the employer page`, async () => {
		const { page } = b;
		await page.goto(`${BASE}/employers/${emp}`);
		await Promise.all([page.waitForNavigation(), page.click(`a[href^="/edit/employer-contacts/${contact}"]`)]);
		await page.fill('#edit-email', 'ei-osoite');
		await Promise.all([page.waitForNavigation(), page.click('#edit button[type=submit]')]);
		check(page.url().includes(`/edit/employer-contacts/${contact}`) && (await page.locator('#edit .err').count()) > 0,
			`[${lang}] a bad e-mail address is refused with a message`);
		await page.fill('#edit-email', `outi.${lang}@metalli.example`);
		await Promise.all([page.waitForNavigation(), page.click('#edit button[type=submit]')]);
		check(new URL(page.url()).pathname === `/employers/${emp}`, `[${lang}] back on the employer page`, page.url());
		check((await page.content()).includes(`outi.${lang}@metalli.example`), `[${lang}] the new address shows`);
		if (lang === 'fi') await axe(page, 'the employer page with edit links');
	});
	await b.close();
	const c = await browserFor(lang === 'fi' ? { width: 390, height: 844 } : undefined);
	await step(`[${lang}] counsellor edits a skill level and a consent on the client page`, async () => {
		const { page } = c;
		await login(page, 'counsellor@a.example', lang);
		await page.goto(`${BASE}/clients/${client}`);
		if (lang !== 'fi') { // desktop: the counsellor's longer menu stays on one line too
			const tops = await page.evaluate(() => ['.brand', '.top nav', '.user'].map(s => Math.round(document.querySelector(s).getBoundingClientRect().top)));
			check(Math.max(...tops) - Math.min(...tops) < 24, `[${lang}] the counsellor's header is one line at 1366 px`, tops.join(','));
		}
		await Promise.all([page.waitForNavigation(), page.click(`a[href^="/edit/client-skills/${skill}"]`)]);
		await page.selectOption('#edit-level', 'advanced');
		await Promise.all([page.waitForNavigation(), page.click('#edit button[type=submit]')]);
		check(new URL(page.url()).pathname === `/clients/${client}`, `[${lang}] back on the client page`, page.url());
		// issue 13 item 12: the confirmation shows where the user is, in the section they edited
		check(await page.locator('#sec-client-skills .notice').count() === 1, `[${lang}] the confirmation is in the skills section`);
		check(await page.locator('#sec-client-skills .notice').isVisible() && await page.evaluate(() => {
			const r = document.querySelector('#sec-client-skills .notice').getBoundingClientRect();
			return r.top >= 0 && r.bottom <= window.innerHeight;
		}), `[${lang}] and on the screen`);
		if (lang === 'fi') await shot(page, 'edit-skill-saved-notice-fi');
		const s = await api('GET', `/api/v1/client-skills/${skill}`, null, ca);
		check(s.level === 'advanced', `[${lang}] the skill level is stored`, JSON.stringify(s));
		await page.goto(`${BASE}/edit/consents/${consent}?back=/clients/${client}`);
		await noRawText(page, `[${lang}] the consent edit form`);
		await axe(page, `the consent edit form (${lang})`);
		await shot(page, lang === 'fi' ? 'edit-consent-phone-fi' : `edit-consent-${lang}`);
		await page.fill('#edit-withdrawn_on', '2026-12-01');
		await Promise.all([page.waitForNavigation(), page.click('#edit button[type=submit]')]);
		const k = await api('GET', `/api/v1/consents/${consent}`, null, ca);
		check(k.withdrawn_on === '2026-12-01', `[${lang}] the consent's withdrawal is stored as an update, not a new row`, JSON.stringify(k));
		await api('PATCH', `/api/v1/consents/${consent}`, { withdrawn_on: null }, ca);
		// issue 13 item 7: a missing consent is named as one, with the way to record it
		const nc = (await api('POST', '/api/v1/clients', { first_name: 'Ilman', last_name: `Suostumusta ${lang}`, status: 'active' }, ca)).id;
		await page.goto(`${BASE}/clients/${nc}/matches`);
		const body = await text(page, 'main');
		check(body.includes(t['matches.no_consent']) && !body.includes(t['error.403']), `[${lang}] no consent is named as a consent problem`, body.slice(0, 160));
		check(await page.locator(`a[href="/clients/${nc}#sec-consents"]`).count() === 1, `[${lang}] the page offers to record the consent`);
	});
	check(c.errors.length === 0, `[${lang}] no script errors`, c.errors.join('; '));
	await c.close();
}
// Issue 13 item 10: the audit page finds a client by name and shows times and translated words.
for (const lang of ['fi', 'sv', 'en']) {
	const t = cat[lang];
	const a = await browserFor(lang === 'sv' ? { width: 390, height: 844 } : undefined);
	await step(`[${lang}] an admin reads who handled a client's data`, async () => {
		const { page } = a;
		await login(page, 'admin@a.example', lang);
		await page.goto(`${BASE}/admin/audit?q=Yilmaz`);
		await Promise.all([page.waitForNavigation(), page.click(`a[href="/admin/audit?client_id=${client}"]`)]);
		const table = await text(page, 'table.list tbody');
		check(table.includes(t['audit_action.update']) && table.includes(t['audit_action.create']),
			`[${lang}] actions are words of the page's language`, table.slice(0, 200));
		check(table.includes(t['e.client-skills']), `[${lang}] entities are words of the page's language`);
		check(/\d{1,2}[.:]\d{2}(?!\d)/.test(table), `[${lang}] times are shown, not only dates`, table.slice(0, 120));
		if (lang !== 'en') check(!/\b(update|create|client-skills)\b/.test(table), `[${lang}] no English code words`);
		// every entity named (the fifth column, "#id" aside) is a word, not a slug such as partner-referrals
		const entities = await page.$$eval('table.list tbody td:nth-child(5)',
			(tds) => tds.map((td) => td.textContent.replace(/#\d+/, '').trim()));
		const slugs = entities.filter((e) => /^[a-z]+(-[a-z]+)+$/.test(e));
		check(entities.length > 0 && slugs.length === 0, `[${lang}] the entities are words, not slugs`,
			[...new Set(slugs)].join(', '));
		await noRawText(page, `[${lang}] the audit page`);
		await axe(page, `the audit page (${lang})`);
		await shot(page, lang === 'sv' ? 'audit-phone-sv' : `audit-${lang}`);
	});
	await a.close();
}
done();
