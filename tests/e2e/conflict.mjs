// Browser flow of a concurrent edit (issue 20, item 3): two browsers edit one client's contact details; the second
// save is refused and the page shows the value saved meanwhile beside the user's own, keeps what the user typed, and
// saves on the second try. Started by run.sh with a running server. Prints "N passed, N failed".
import path from 'node:path';
import { BASE, SHOTS, api, axe, browserFor as openBrowser, cat, check, done, login, shot, step, text, token } from './lib.mjs';

const browserFor = () => openBrowser({ width: 1280, height: 900 });

async function openContactForm(page, id) {
	await page.goto(`${BASE}/clients/${id}`);
	await page.click('#card-contact details.edit summary');
}
async function save(page) {
	await Promise.all([page.waitForNavigation(), page.click('#client-contact button[type=submit]')]);
}

async function conflictFlow(lang) {
	const t = cat[lang];
	const ca = await token('counsellor@a.example');
	const id = (await api('POST', '/api/v1/clients', { first_name: 'Nadia', last_name: `Rahimi ${lang}`, status: 'active',
		phone: '+358 40 100 0000', municipality: 'Vantaa', mother_tongue: 'fa' }, ca)).id;
	const a = await browserFor(), b = await browserFor();
	await step(`${lang}: the second of two concurrent saves shows both values and keeps the typed ones`, async () => {
		await login(a.page, 'counsellor@a.example', lang);
		await login(b.page, 'counsellor@a.example', lang);
		await openContactForm(a.page, id);
		await openContactForm(b.page, id); // both forms now carry version 1
		await a.page.fill('#client-contact-phone', '+358 40 111 1111');
		await a.page.fill('#client-contact-municipality', 'Espoo');
		await save(a.page);
		check(a.page.url().includes('done=saved'), `${lang}: the first save goes through`, a.page.url());
		await b.page.fill('#client-contact-phone', '+358 40 222 2222');
		await b.page.fill('#client-contact-email', 'nadia.rahimi@example.org');
		await save(b.page);
		const box = '#client-contact-conflict';
		check(await b.page.isVisible(box), `${lang}: the second save shows the conflict view`);
		const boxText = await text(b.page, box);
		check(boxText.includes(t['conflict.title']) && boxText.includes(t['conflict.explain']),
			`${lang}: it says in ${lang} that someone else changed the record`, boxText.slice(0, 200));
		const row = await text(b.page, `${box} tbody`);
		check(row.includes('+358 40 111 1111') && row.includes('+358 40 222 2222'),
			`${lang}: the saved phone and the typed phone side by side`, row);
		const muni = await text(b.page, `${box} tbody tr:has(td.theirs:text-is("Espoo"))`);
		check(muni.includes('Vantaa'), `${lang}: a field the other person changed shows their value and the form's`, row);
		check(await b.page.inputValue('#client-contact-phone') === '+358 40 222 2222' &&
			await b.page.inputValue('#client-contact-email') === 'nadia.rahimi@example.org', `${lang}: the typed values stay in the form`);
		const body = await text(b.page, 'main');
		const leaks = ['<span', 'version_conflict', 'someone else', 'If-Match', 'clients', 'undefined', 'null'].filter(w => (w === '<span' || lang !== 'en') && body.includes(w));
		check(leaks.length === 0, `${lang}: no code or English in the page`, leaks.join(', '));
		await shot(b.page, `conflict-${lang}`);
		await b.page.locator('#card-contact').screenshot({ path: path.join(SHOTS, `conflict-${lang}-card.png`) });
		if (lang === 'fi')
			await axe(b.page, 'the conflict view');
		await save(b.page); // review done: save again on the version now shown
		check(b.page.url().includes('done=saved'), `${lang}: saving again goes through`, b.page.url());
		const now = await api('GET', `/api/v1/clients/${id}`, null, ca);
		check(now.phone === '+358 40 222 2222' && now.email === 'nadia.rahimi@example.org' && now.version === 3,
			`${lang}: the record has the second person's reviewed values (version ${now.version})`, JSON.stringify(now).slice(0, 200));
	});
	check(a.errors.length === 0 && b.errors.length === 0, `${lang}: no script errors`, a.errors.concat(b.errors).join('; '));
	await a.close();
	await b.close();
}

try {
	await conflictFlow('fi');
	await conflictFlow('sv');
	await conflictFlow('en');
} catch (e) {
	check(false, 'the run', String(e && e.stack || e));
}
done();
