// Browser flow of a likely duplicate client (issue 15 item 5): a counsellor creates Sirkka Kaksonen (born 1971) through
// the new-client form, then types her again as "SIRKKA KAKSONEN", 1971 with another e-mail: the form warns with a link
// to the existing record and the reason in words, keeps every field typed, and creates the record only when the
// "different person" box is ticked. fi desktop 1366x900 and sv phone 390x844 (the warning only) screenshots, axe on
// the warned form. Then the same person in two organisations' programmes, both with share_partner consent: the
// client page tells "may also be a client of Vantaan työllisyyspalvelut", links on a click, and then says "also a
// client of" (fi desktop and sv phone screenshots). Prints "N passed, N failed".
import path from 'node:path';
import { BASE, SHOTS, api, axe, browserFor, cat, check, done, login, noRawText, shot, step, text, token } from './lib.mjs';

const raw = ['likely_duplicate', 'name_birth_year', 'confirm_new', 'dup.', 'err.'];
const noCodes = async (page, what) => {
	const body = await page.evaluate(() => document.body.innerText);
	const bad = raw.filter(x => body.includes(x));
	check(bad.length === 0, `${what}: no raw codes or keys in the text`, bad.join(', '));
};
const English = ['Possible duplicate', 'same name and birth year', 'different person', 'Create'];
const noEnglish = async (page, what) => {
	const body = await page.evaluate(() => document.querySelector('main')?.innerText || document.body.innerText);
	const bad = English.filter(x => body.includes(x));
	check(bad.length === 0, `${what}: no English on the page`, bad.join(', '));
};
const fill = async (page, v) => {
	await page.fill('#client-new-first_name', v.first);
	await page.fill('#client-new-last_name', v.last);
	await page.fill('#client-new-birth_year', v.year);
	await page.fill('#client-new-email', v.email);
	await page.fill('#client-new-municipality', v.municipality);
};
const submit = page => Promise.all([page.waitForNavigation(), page.click('#client-new button[type=submit]')]);
const stamp = String(Date.now()).slice(-6); // one run's own e-mails

for (const [viewport, tag, lang] of [[{ width: 1366, height: 900 }, 'desktop', 'fi'], [{ width: 390, height: 844 }, 'phone', 'sv']]) {
	const t = cat[lang];
	const b = await browserFor(viewport, lang === 'sv' ? 'sv-FI' : 'fi-FI');
	await step(`[${lang} ${tag}] a likely duplicate on the new-client form`, async () => {
		const { page } = b;
		await login(page, 'counsellor@a.example', lang);
		await page.goto(`${BASE}/clients/new`);
		if (tag === 'desktop') { // the first record: no warning
			await fill(page, { first: 'Sirkka', last: 'Kaksonen', year: '1971', email: `sirkka.${stamp}@a.example`, municipality: 'Kajaani' });
			await submit(page);
			check(!(await page.$('#dup-warning')) && /\/clients\/\d+/.test(page.url()), 'the first Sirkka Kaksonen is created at once', page.url());
			await page.goto(`${BASE}/clients/new`);
		}
		const typed = { first: 'SIRKKA', last: 'KAKSONEN', year: '1971', email: `s.kaksonen.${stamp}.${tag}@b.example`, municipality: 'Sotkamo' };
		await fill(page, typed);
		await submit(page);
		check(await page.$('#dup-warning') !== null, `[${lang} ${tag}] the form warns of a likely duplicate`);
		const warning = await text(page, '#dup-warning');
		check(warning.includes(t['dup.title']) && warning.includes(t['dup.reason.name_birth_year']),
			`[${lang} ${tag}] the warning says why in words`, warning);
		const links = await page.$$eval('#dup-warning a[href^="/clients/"]', as => as.map(a => a.textContent));
		check(links.length >= 1 && links.every(x => /Sirkka Kaksonen/i.test(x)), `[${lang} ${tag}] links to the existing record`, links.join(' | '));
		check(await page.inputValue('#client-new-first_name') === 'SIRKKA' && await page.inputValue('#client-new-email') === typed.email &&
			await page.inputValue('#client-new-municipality') === 'Sotkamo' && await page.inputValue('#client-new-birth_year') === '1971',
			`[${lang} ${tag}] every field typed is kept`);
		check((await page.textContent('label:has(#confirm_new)') || '').includes(t['dup.confirm']), `[${lang} ${tag}] the "different person" box`);
		await noRawText(page, `[${lang} ${tag}] the warned form`);
		await noCodes(page, `[${lang} ${tag}] the warned form`);
		await noEnglish(page, `[${lang} ${tag}] the warned form`);
		await shot(page, `duplicates-warning-${lang}-${tag}`);
		if (tag === 'desktop') {
			await axe(page, 'the new-client form with the duplicate warning (fi)');
			// submitting again without the box: still warned, nothing made
			await submit(page);
			check(await page.$('#dup-warning') !== null, 'without the box it warns again');
			await page.check('#confirm_new');
			await submit(page);
			check(!(await page.$('#dup-warning')) && /\/clients\/\d+/.test(page.url()), 'ticked: the record is created anyway', page.url());
			check((await text(page, 'h1')).includes('SIRKKA KAKSONEN'), 'the new record is the one typed', await text(page, 'h1'));
		}
	});
	await b.close();
}

// one person in two organisations (issue 15 item 5): both consents recorded through the API
let ours = 0;
await step('set-up: Leena Kahdessa in both organisations, with share_partner consent', async () => {
	const [ta, tb] = [await token('counsellor@a.example'), await token('counsellor@b.example')];
	const person = { first_name: 'Leena', last_name: 'Kahdessa', birth_year: 1983, confirm_new: true };
	ours = (await api('POST', '/api/v1/clients', person, ta)).id;
	const theirs = (await api('POST', '/api/v1/clients', person, tb)).id;
	for (const [cid, t] of [[ours, ta], [theirs, tb]])
		await api('POST', '/api/v1/consents', { client_id: cid, purpose: 'share_partner', given: true, given_on: '2026-01-05', method: 'in_person' }, t);
});
for (const [viewport, tag, lang] of [[{ width: 1366, height: 900 }, 'desktop', 'fi'], [{ width: 390, height: 844 }, 'phone', 'sv']]) {
	const t = cat[lang];
	const b = await browserFor(viewport, lang === 'sv' ? 'sv-FI' : 'fi-FI');
	await step(`[${lang} ${tag}] the same person in another organisation`, async () => {
		const { page } = b;
		await login(page, 'counsellor@a.example', lang);
		await page.goto(`${BASE}/clients/${ours}`);
		if (tag === 'desktop') {
			const told = await text(page, '#links');
			check(told.includes(t['links.may_be']) && told.includes('Vantaan työllisyyspalvelut') && told.includes(t['dup.reason.name_birth_year']),
				'the client page tells of the other organisation, and why', told);
			await Promise.all([page.waitForNavigation(), page.click('#links .link-candidate button[type=submit]')]);
			check((await text(page, '.notice')).includes(t['done.linked']), 'linked', await text(page, '.notice'));
		}
		const held = await text(page, '#links-held');
		check(held.includes(t['links.also_client']) && held.includes('Vantaan työllisyyspalvelut'), `[${lang} ${tag}] "also a client of"`, held);
		check(!(await page.$('#links .link-candidate')), `[${lang} ${tag}] linked: no more a candidate`);
		await page.locator('#links').scrollIntoViewIfNeeded();
		await noRawText(page, `[${lang} ${tag}] the client page with its link`);
		await noEnglish(page, `[${lang} ${tag}] the client page with its link`);
		if (tag === 'desktop')
			await axe(page, 'the client page with a link to another organisation (fi)');
		await shot(page, `duplicates-link-${lang}-${tag}`);
		await page.locator('#links').screenshot({ path: path.join(SHOTS, `duplicates-link-section-${lang}-${tag}.png`) });
	});
	await b.close();
}
done();
