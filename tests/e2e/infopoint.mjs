// Browser flow of the international info point (issue 15 item 6): a counsellor opens it from the client list, logs a
// walk-in contact about work and housing in Ukrainian through the form (a name without the person's agreement is
// refused beside the field, the input kept), and sees it counted in the period's figures as words, not codes. fi
// and sv, desktop 1366x900 and phone 390x844 screenshots, axe on the page and the form. Prints "N passed, N failed".
import { BASE, axe, browserFor, cat, check, done, login, noRawText, shot, step, text } from './lib.mjs';

const raw = ['walk_in', 'language_courses', 'residence_permit', 'employment_services', 'competence_centre', '(none)', 'ip.', 'v.'];
const noCodes = async (page, what) => {
	const body = await page.evaluate(() => document.body.innerText);
	const bad = raw.filter(x => new RegExp(`(^|[^\\w.])${x.replace(/[.()]/g, '\\$&')}($|[^\\w])`).test(body));
	check(bad.length === 0, `${what}: no raw codes or keys in the text`, bad.join(', '));
};

for (const [viewport, tag, lang] of [[{ width: 1366, height: 900 }, 'desktop', 'fi'], [{ width: 390, height: 844 }, 'phone', 'fi'],
	[{ width: 390, height: 844 }, 'phone', 'sv']]) {
	const t = cat[lang];
	const b = await browserFor(viewport, lang === 'sv' ? 'sv-FI' : 'fi-FI');
	await step(`[${lang} ${tag}] info point`, async () => {
		const { page } = b;
		await login(page, 'counsellor@a.example', lang);
		await page.goto(`${BASE}/caseload`);
		await Promise.all([page.waitForNavigation(), page.click('a[href="/info-point"]')]);
		check((await text(page, 'h1')) === t['ip.title'], `[${lang} ${tag}] the info point is reached from the client list`);
		const before = Number((await text(page, '[data-key="contacts"]')).replace(/\s/g, ''));
		if (tag === 'desktop') {
			await Promise.all([page.waitForNavigation(), page.click('a[href="/info-point/new"]')]);
			await axe(page, 'the info point form (fi)');
			await page.selectOption('#info-new-channel', 'walk_in');
			await page.check('input[name="topics"][value="work"]');
			await page.check('input[name="topics"][value="housing"]');
			await page.selectOption('#info-new-language', 'uk');
			await page.fill('#info-new-name', 'Olena Kovalenko');
			await Promise.all([page.waitForNavigation(), page.click('#info-new button[type=submit]')]);
			check((await text(page, '#info-new')).includes(t['err.info_no_agreement']), 'a name without the agreement is refused beside the field');
			check(await page.inputValue('#info-new-name') === 'Olena Kovalenko', 'the input is kept');
			await shot(page, 'info-point-refused-fi');
			await page.fill('#info-new-name', '');
			await Promise.all([page.waitForNavigation(), page.click('#info-new button[type=submit]')]);
			const after = Number((await text(page, '[data-key="contacts"]')).replace(/\s/g, ''));
			check(after === before + 1, 'the contact is counted in the figures', `${before} -> ${after}`);
			check((await text(page, '#ip-topics')).includes(t['v.housing']) && (await text(page, '#ip-language')).includes('ukraina'),
				'its topic and language are shown as words');
			await axe(page, 'the info point (fi)');
		}
		await noRawText(page, `[${lang} ${tag}] the info point`);
		await noCodes(page, `[${lang} ${tag}] the info point`);
		await shot(page, `info-point-${lang}-${tag}`);
	});
	await b.close();
}
done();
