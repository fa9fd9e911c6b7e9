// Browser flow of group events (issue 16 item 4): a counsellor opens the group events from the client list, sees the
// figures per event type for the year so far, creates an event through the form, finds a client by name and adds
// them, adds an employer present, and marks the employer absent; an attendance with nobody
// picked is refused with the message beside the field. fi, desktop 1366x900 and phone 390x844 screenshots, axe on
// the list and the event's page. Prints "N passed, N failed".
import { BASE, api, axe, browserFor, cat, check, done, login, noRawText, shot, step, text, token } from './lib.mjs';

const t = cat.fi;
const ca = await token('counsellor@a.example');
const day = n => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const held = day(-3).slice(0, 4) === day(0).slice(0, 4) ? day(-3) : day(0); // in this year: the default period
const cl = (await api('POST', '/api/v1/clients', { first_name: 'Ritva', last_name: 'Ryhmäkäs', status: 'active', intake_on: day(-60) }, ca)).id;
const emp = (await api('POST', '/api/v1/employers', { name: 'Messukeskus Helmi Oy' }, ca)).id;
const ev = (await api('POST', '/api/v1/group-events', { type: 'info_session', title: 'Työnhaun infotilaisuus', held_on: held, place: 'Kirjasto Oodi' }, ca)).id;
await api('POST', '/api/v1/group-attendance', { group_event_id: ev, client_id: cl, attended: true }, ca);
const raw = ['info_session', 'recruitment_fair', 'group_coaching', 'employer_visit', 'grp.', 'true', 'false'];
const noCodes = async (page, what) => {
	const body = await page.evaluate(() => document.body.innerText);
	const bad = raw.filter(x => new RegExp(`(^|[^\\w.])${x.replace('.', '\\.')}($|[^\\w])`).test(body));
	check(bad.length === 0, `${what}: no raw codes or keys in the text`, bad.join(', '));
};

for (const [viewport, tag] of [[{ width: 390, height: 844 }, 'phone'], [{ width: 1366, height: 900 }, 'desktop']]) {
	const b = await browserFor(viewport);
	await step(`[fi ${tag}] group events`, async () => {
		const { page } = b;
		await login(page, 'counsellor@a.example', 'fi');
		await page.goto(`${BASE}/caseload`);
		await Promise.all([page.waitForNavigation(), page.click('a[href="/groups"]')]);
		check((await text(page, 'h1')) === t['grp.title'], `[${tag}] the list is reached from the client list`);
		check((await text(page, '#g-fig')) === t['grp.figures'], `[${tag}] the figures per event type are shown`);
		const cells = await page.locator(`section[aria-labelledby="g-fig"] tbody tr:has(th:text-is("${t['v.info_session']}")) td`).allTextContents();
		check(cells.join(' ') === '1 1 1 0', `[${tag}] the info session: 1 event, 1 client, 1 attendance, no employer`, cells.join(' '));
		check(await page.locator(`a[href="/groups/${ev}"]`).count() === 1, `[${tag}] the event is listed`);
		await noRawText(page, `[${tag}] the group event list`);
		await noCodes(page, `[${tag}] the group event list`);
		if (tag === 'desktop') await axe(page, 'the group event list (fi)');
		await shot(page, `groups-fi-${tag}`);
		await Promise.all([page.waitForNavigation(), page.click(`a[href="/groups/${ev}"]`)]);
		check((await text(page, 'h1')) === 'Työnhaun infotilaisuus', `[${tag}] the event's page`);
		check((await text(page, '#sec-clients')).includes('Ritva Ryhmäkäs'), `[${tag}] its participant is listed`);
		await noRawText(page, `[${tag}] the event page`);
		await noCodes(page, `[${tag}] the event page`);
		if (tag === 'desktop') await axe(page, 'the group event page (fi)');
		await shot(page, `group-event-fi-${tag}`);
		if (tag === 'phone') return;
		// nobody picked: refused beside the field
		await Promise.all([page.waitForNavigation(), page.click('#att-employer button[type=submit]')]);
		check((await text(page, '#att-employer .err')).includes(t['err.attendance_who']), 'an attendance with nobody is refused with the message beside the field');
		await shot(page, 'group-event-refused-fi');
		// the employer present, then marked absent
		await page.selectOption('#att-employer-employer_id', String(emp));
		await Promise.all([page.waitForNavigation(), page.click('#att-employer button[type=submit]')]);
		check((await text(page, '.notice')).includes(t['done.added']), 'the employer is added');
		check((await text(page, '#sec-employers')).includes('Messukeskus Helmi Oy'), 'and listed');
		await Promise.all([page.waitForNavigation(), page.click(`#sec-employers button:has-text("${t['grp.mark_no']}")`)]);
		check((await text(page, '#sec-employers')).includes(t['grp.absent']), 'the employer is marked absent');
		// a client found by name
		const other = (await api('POST', '/api/v1/clients', { first_name: 'Sulevi', last_name: 'Haettava', status: 'active', intake_on: day(-30) }, ca)).id;
		await page.fill('#g-q', 'Haettava');
		await Promise.all([page.waitForNavigation(), page.click('#add-client form[role=search] button[type=submit]')]);
		check(await page.locator(`#att-client-client_id option[value="${other}"]`).count() === 1, 'the name search offers the client');
		await page.selectOption('#att-client-client_id', String(other));
		await Promise.all([page.waitForNavigation(), page.click('#att-client button[type=submit]')]);
		check((await text(page, '#sec-clients')).includes('Sulevi Haettava'), 'the client found by name is added');
		const rows = await api('GET', `/api/v1/group-attendance?group_event_id=${ev}`, null, ca);
		check(rows.items.length === 3 && rows.items.filter(x => x.employer_id === emp && x.attended === false).length === 1, 'stored: two clients, the employer absent', JSON.stringify(rows.items));
		await shot(page, 'group-event-recorded-fi');
		// a new event through the form
		await page.goto(`${BASE}/groups/new`);
		await page.selectOption('#group-new-type', 'recruitment_fair');
		await page.fill('#group-new-title', 'Syksyn rekrytointimessut');
		await page.fill('#group-new-held_on', held);
		await Promise.all([page.waitForNavigation(), page.click('#group-new button[type=submit]')]);
		check((await text(page, 'h1')) === 'Syksyn rekrytointimessut' && (await text(page, '.facts')).includes(t['v.recruitment_fair']), 'a new event is created through the form');
	});
	await b.close();
}
done();
