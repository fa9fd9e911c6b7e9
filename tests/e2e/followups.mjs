// Browser flow of the follow-up due list (issue 16 item 3): a counsellor opens the list from the client list, sees
// a job's 3- and 6-month checks (the 3-month one overdue), records one (still employed, still in the region), and a
// check made too early is refused with a message in the page's language. Desktop 1366x900 and phone 390x844, fi, sv
// and en screenshots. Prints "N passed, N failed".
import { BASE, api, axe, browserFor, cat, check, done, login, noRawText, shot, step, text, token } from './lib.mjs';

const ca = await token('counsellor@a.example');
const day = n => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
for (const lang of ['fi', 'sv', 'en']) {
	const t = cat[lang];
	const cl = (await api('POST', '/api/v1/clients', { first_name: 'Seija', last_name: `Seuranta ${lang}`, status: 'active', intake_on: day(-400) }, ca)).id;
	const oc = (await api('POST', '/api/v1/outcomes', { client_id: cl, type: 'employed', starts_on: day(-190), employer_name: 'Kainuun Metalli Oy' }, ca)).id;
	for (const [viewport, tag] of [[{ width: 390, height: 844 }, 'phone'], [{ width: 1366, height: 900 }, 'desktop']]) { // the phone looks first: the desktop records
		const b = await browserFor(viewport);
		await step(`[${lang} ${tag}] the counsellor's follow-ups`, async () => {
			const { page } = b;
			await login(page, 'counsellor@a.example', lang);
			await page.goto(`${BASE}/caseload`);
			await Promise.all([page.waitForNavigation(), page.click('a[href="/followups"]')]);
			check((await text(page, 'h1')) === t['fu.title'], `[${lang} ${tag}] the list is reached from the client list`);
			const card = page.locator(`li.followup:has(#fu-${oc}-3)`);
			check(await card.count() === 1 && (await card.textContent()).includes(t['fu.overdue']), `[${lang} ${tag}] the 3-month check is overdue`);
			check(await page.locator(`#fu-${oc}-6`).count() === 1 && await page.locator(`#fu-${oc}-12`).count() === 0, `[${lang} ${tag}] the 6-month check is due, the 12-month one is not`);
			await noRawText(page, `[${lang} ${tag}] the follow-up list`);
			if (tag === 'desktop' && lang === 'fi') await axe(page, 'the follow-up list (fi)');
			await shot(page, `followups-${lang}-${tag}`);
			if (tag === 'phone') return;
			await page.click(`li.followup:has(#fu-${oc}-3) summary`);
			await page.selectOption(`#fu-${oc}-3-still_employed`, 'yes');
			await page.selectOption(`#fu-${oc}-3-still_in_region`, 'yes');
			await Promise.all([page.waitForNavigation(), page.click(`#fu-${oc}-3 button[type=submit]`)]);
			check((await text(page, '.notice')).includes(t['done.followup_saved']), `[${lang}] the follow-up is saved`);
			check(await page.locator(`#fu-${oc}-3`).count() === 0, `[${lang}] and leaves the list`);
			const f = await api('GET', `/api/v1/outcome-followups?outcome_id=${oc}`, null, ca);
			check(f.items.length === 1 && f.items[0].still_employed === true && f.items[0].months === 3, `[${lang}] stored as a 3-month check`, JSON.stringify(f.items));
			await page.click(`li.followup:has(#fu-${oc}-6) summary`);
			await page.fill(`#fu-${oc}-6-checked_on`, day(-150));
			await page.selectOption(`#fu-${oc}-6-still_employed`, 'no');
			await Promise.all([page.waitForNavigation(), page.click(`#fu-${oc}-6 button[type=submit]`)]);
			check((await text(page, `li.followup:has(#fu-${oc}-6) .err`)).includes(t['err.followup_too_early'].slice(0, 20)), `[${lang}] a 6-month check a month after the start is refused in the page's language, beside its field`);
			if (lang === 'fi') await shot(page, 'followups-too-early-fi');
		});
		await b.close();
	}
}
done();
