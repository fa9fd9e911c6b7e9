// Browser flow of a likely duplicate client (issue 15 item 5): a counsellor creates Sirkka Kaksonen (born 1971) through
// the new-client form, then types her again as "SIRKKA KAKSONEN", 1971 with another e-mail: the form warns with a link
// to the existing record and the reason in words, keeps every field typed, and creates the record only when the
// "different person" box is ticked. fi desktop 1366x900 and sv phone 390x844 (the warning only) screenshots, axe on
// the warned form. Prints "N passed, N failed".
import { BASE, axe, browserFor, cat, check, done, login, noRawText, shot, step, text } from './lib.mjs';

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
done();
