// Browser flow of a shared programme (issue 15 item 3): the employment services' admin (fi desktop) adds an education
// provider as a co-implementer of a programme on the programmes page; the provider's study counsellor (sv phone) puts
// a client of its own in the programme and reads the whole programme's figures on the figures page: every
// implementer's clients, the note that says so, small counts hidden; the centre's counsellor (en desktop) reads its
// own and the combined figures. Screenshots and axe on each page. Prints "N passed, N failed".
import { BASE, api, axe, browserFor, cat, check, done, login, noRawText, shot, step, text, token } from './lib.mjs';

const submit = (page, sel) => Promise.all([page.waitForNavigation(), page.click(sel)]);
const raw = ['programme', 'organisation', 'co_implementer', 'rep.', 'e.programme-partners', 'partner_organisation_id'];
const noCodes = async (page, what) => {
	const body = await page.evaluate(() => document.body.innerText);
	const bad = raw.filter(x => new RegExp(`(^|[^\\w.])${x.replace(/[.()-]/g, '\\$&')}($|[^\\w])`).test(body));
	check(bad.length === 0, `${what}: no raw codes or keys in the text`, bad.join(', '));
};
const period = 'from=2026-01-01&to=2026-12-31';

const admin = await token('admin@a.example');
const programme = (await api('POST', '/api/v1/programmes', { name: 'Yhteishanke Osaava Uusimaa', funder: 'ESR+',
	starts_on: '2026-01-01' }, admin)).id;
const ca = await token('counsellor@a.example');
for (const [first, last, n] of [['Amina', 'Hassan', 1], ['Olga', 'Petrova', 2], ['Juan', 'Pérez', 3]])
	await api('POST', '/api/v1/clients', { first_name: first, last_name: last, programme_id: programme, status: 'active',
		intake_on: `2026-02-0${n}`, email: `${first.toLowerCase()}.yhteishanke@example.org` }, ca);

await step('[fi desktop] the admin adds the education provider as a co-implementer', async () => {
	const t = cat.fi;
	const b = await browserFor({ width: 1366, height: 900 }, 'fi-FI');
	const { page } = b;
	await login(page, 'admin@a.example', 'fi');
	await page.goto(`${BASE}/admin/programmes`);
	check((await text(page, 'h2#programme-partners')).includes(t['admin.partners']), 'the programmes page has the co-implementers');
	const form = 'form[action="/admin/programmes/partners"]';
	await page.click('#programme-partners + section details.add summary');
	await page.selectOption(`${form} select[name="programme_id"]`, String(programme));
	await page.selectOption(`${form} select[name="partner_organisation_id"]`, { label: 'Stadin ammatti- ja aikuisopisto' });
	await page.fill(`${form} [name="task"]`, 'Koulutuspolut ja työssäoppiminen');
	await axe(page, 'the co-implementer form (fi)');
	await submit(page, `${form} button[type=submit]`);
	const body = await page.evaluate(() => document.body.innerText);
	check(body.includes('Stadin ammatti- ja aikuisopisto') && body.includes('Koulutuspolut ja työssäoppiminen'),
		'the co-implementer is listed by its name and task');
	await noRawText(page, '[fi desktop] the programmes page');
	await noCodes(page, '[fi desktop] the programmes page');
	await shot(page, 'shared-programme-admin-fi-desktop');
	await b.close();
});

await step('[sv phone] the co-implementer puts its own client in the programme and reads the whole programme', async () => {
	const t = cat.sv;
	const st = await token('studie@c.example');
	const progs = (await api('GET', '/api/v1/programmes', null, st)).items.map(p => p.id);
	check(progs.includes(programme), 'the shared programme is in the co-implementer\'s list');
	await api('POST', '/api/v1/clients', { first_name: 'Sara', last_name: 'Lindqvist', programme_id: programme,
		status: 'active', intake_on: '2026-03-01', email: 'sara.lindqvist@example.org' }, st);
	const b = await browserFor({ width: 390, height: 844 }, 'sv-FI');
	const { page } = b;
	await login(page, 'studie@c.example', 'sv');
	await page.goto(`${BASE}/reports?${period}`);
	await page.selectOption('#r-programme', String(programme));
	await page.selectOption('#r-scope', 'programme');
	await submit(page, 'form.filters button[type=submit]');
	check((await text(page, 'main')).includes(t['rep.scope.note']), 'the page says whose figures these are');
	check(await page.locator('#r-scope option[value="programme"][selected]').count() === 1, 'the scope stays chosen');
	const hidden = await page.locator('.hidden-count').count();
	check(hidden > 0, 'small counts are hidden (4 clients of the programme, fewer than 5)', String(hidden));
	await axe(page, 'the whole programme\'s figures (sv phone)');
	await noRawText(page, '[sv phone] the whole programme\'s figures');
	await noCodes(page, '[sv phone] the whole programme\'s figures');
	await shot(page, 'shared-programme-figures-sv-phone');
	await b.close();
});

await step('[en desktop] the centre reads its own and the whole programme\'s figures', async () => {
	const own = await api('GET', `/api/v1/reports/indicators?${period}&programme_id=${programme}`, null, ca);
	check(own.indicators.new_clients === 3, 'own figures: its 3 clients, exact', JSON.stringify(own.indicators.new_clients));
	const all = await api('GET', `/api/v1/reports/indicators?${period}&programme_id=${programme}&scope=programme`, null, ca);
	check(all.indicators.new_clients === '<5' && all.min_cell === 5, 'combined: 4 clients, hidden below 5',
		JSON.stringify(all.indicators.new_clients));
	const b = await browserFor({ width: 1366, height: 900 }, 'en-GB');
	const { page } = b;
	await login(page, 'counsellor@a.example', 'en');
	await page.goto(`${BASE}/reports?${period}&programme_id=${programme}&scope=programme`);
	check((await text(page, 'main')).includes(cat.en['rep.scope.note']), 'the note in English');
	await axe(page, 'the whole programme\'s figures (en)');
	await noRawText(page, '[en desktop] the whole programme\'s figures');
	await shot(page, 'shared-programme-figures-en-desktop');
	await b.close();
});

done();
