// Browser flow of a referral across organisations (issue 15 item 2): a counsellor of the employment services (fi)
// finds no referral form until the client's consent to share with partners is recorded, then refers the client to an
// education provider, sharing the education only; the provider's study counsellor (sv) finds it under "Partners",
// sees the name and the education but nothing of work ability, accepts, starts and ends it with an outcome, after
// which the client's data is no longer shown to it; back at the centre the counsellor reads the outcome and the
// timeline. Screenshots fi/sv/en, desktop 1366x900 and phone 390x844; axe on each page. Prints "N passed, N failed".
import { BASE, api, axe, browserFor, cat, check, done, login, noRawText, shot, step, text, token } from './lib.mjs';

const raw = ['sent', 'accepted', 'started', 'ended', 'declined', 'cancelled', 'studying', 'education', 'language_training',
	'work_history', 'education_provider', 'basic', 'contact', 'pr.', 'v.', 'partial_work_ability'];
const noCodes = async (page, what) => {
	const body = await page.evaluate(() => document.body.innerText);
	const bad = raw.filter(x => new RegExp(`(^|[^\\w.])${x.replace(/[.()]/g, '\\$&')}($|[^\\w])`).test(body));
	check(bad.length === 0, `${what}: no raw codes or keys in the text`, bad.join(', '));
};
const never = ['Selkä', 'partial', 'Osatyökykyinen', 'osatyökyky', 'HPLC', 'Lab Oy'];
const noPrivate = async (page, what) => {
	const body = await page.evaluate(() => document.body.innerText);
	const bad = never.filter(x => body.includes(x));
	check(bad.length === 0, `${what}: nothing of work ability, skills or work history that was not shared`, bad.join(', '));
};
const submit = (page, sel) => Promise.all([page.waitForNavigation(), page.click(sel)]);

const ca = await token('counsellor@a.example');
const me = (await api('GET', '/api/v1/session', null, ca)).user.id;
const cid = (await api('POST', '/api/v1/clients', { first_name: 'Farah', last_name: 'Yousef', status: 'active', counsellor_id: me,
	email: 'farah.yousef@example.org', mother_tongue: 'ar', target_groups: ['immigrant', 'partial_work_ability'],
	accommodations: 'Selkä: ei raskaita nostoja' }, ca)).id;
await api('POST', '/api/v1/educations', { client_id: cid, isced_level: 6, degree_title: 'BSc Nursing', country: 'SY' }, ca);
await api('POST', '/api/v1/client-skills', { client_id: cid, label: 'HPLC', evidence: 'self_declared' }, ca);
await api('POST', '/api/v1/work-history', { client_id: cid, title: 'Laboratoriohoitaja', employer_name: 'Damask Lab Oy' }, ca);
let rid = 0;

await step('[fi desktop] the centre refers the client', async () => {
	const t = cat.fi;
	const b = await browserFor({ width: 1366, height: 900 }, 'fi-FI');
	const { page } = b;
	await login(page, 'counsellor@a.example', 'fi');
	await page.goto(`${BASE}/clients/${cid}#partners`);
	check((await text(page, '#partners')).includes(t['pr.no_consent']), 'without the consent the page says why there is no form');
	check(await page.locator('#partner-send').count() === 0, 'and offers none');
	await api('POST', '/api/v1/consents', { client_id: cid, purpose: 'share_partner', given: true, given_on: '2026-01-05' }, ca);
	await page.reload();
	await page.click('#partners details.add summary');
	// an empty choice is refused beside the form, nothing sent
	await submit(page, '#partner-send button[type=submit]');
	check((await text(page, '#partner-send')).length > 0 && await page.locator('#partner-send .form-error').count() === 1,
		'a referral without a partner is refused with a message');
	await page.selectOption('#pr-partner', { label: 'Stadin ammatti- ja aikuisopisto (oppilaitos)' });
	await page.selectOption('#pr-purpose', 'education');
	await page.uncheck('input[name="shared"][value="contact"]');
	await page.uncheck('input[name="shared"][value="languages"]');
	await page.check('input[name="shared"][value="education"]');
	await page.fill('#pr-reason', 'Farah hakee sairaanhoitajan pätevöitymiskoulutukseen.');
	await axe(page, 'the referral form (fi)');
	await submit(page, '#partner-send button[type=submit]');
	check((await text(page, '.notice')).includes(t['done.referred']), 'the referral is sent', await text(page, '.notice'));
	check((await text(page, '#pr-client')).includes(t['pr.state.sent']), 'the client page lists it as sent');
	rid = Number((await page.getAttribute('#pr-client a', 'href')).split('/').pop());
	await noRawText(page, '[fi desktop] the client page');
	await noCodes(page, '[fi desktop] the client page');
	await shot(page, 'partner-send-fi-desktop');
	await b.close();
});

await step('[sv desktop] the education provider answers, starts and ends it', async () => {
	const t = cat.sv;
	const b = await browserFor({ width: 1366, height: 900 }, 'sv-FI');
	const { page } = b;
	await login(page, 'studie@c.example', 'sv');
	await submit(page, 'nav a[href="/partner-referrals"]');
	check((await text(page, '#pr-incoming')).includes('Farah Yousef'), 'the referral is in the partner\'s list');
	await submit(page, `#pr-incoming a[href="/partner-referrals/${rid}"]`);
	const shared = await text(page, '#pr-shared');
	check(shared.includes('Farah') && shared.includes('BSc Nursing'), 'the name and the education are shared');
	check(!shared.includes('farah.yousef@example.org'), 'the contact details were not shared');
	await noPrivate(page, '[sv desktop] the partner\'s referral');
	await axe(page, 'the partner\'s referral (sv)');
	await noRawText(page, '[sv desktop] the partner\'s referral');
	await noCodes(page, '[sv desktop] the partner\'s referral');
	await shot(page, 'partner-referral-sv-desktop');
	await submit(page, '#pr-accepted button[type=submit]');
	check((await text(page, 'h1')).includes(t['pr.state.accepted']), 'accepted');
	await submit(page, '#pr-started button[type=submit]');
	check((await text(page, 'h1')).includes(t['pr.state.started']), 'started');
	await page.click('#pr-actions details summary');
	await page.selectOption('#pr-ended-outcome', 'studying');
	await page.fill('#pr-ended-note', 'Började i januari.');
	await submit(page, '#pr-ended button[type=submit]');
	check((await text(page, 'h1')).includes(t['pr.state.ended']), 'ended with an outcome');
	check(await page.locator('#pr-shared').count() === 0 && (await text(page, '#pr-facts')).includes(t['pr.withheld.closed']),
		'once it is closed the partner no longer sees the client');
	check(!(await page.evaluate(() => document.body.innerText)).includes('Yousef'), 'not even the name');
	check((await page.locator('#pr-timeline li').count()) === 4, 'the timeline has the four steps');
	await noRawText(page, '[sv desktop] the closed referral');
	await noCodes(page, '[sv desktop] the closed referral');
	await shot(page, 'partner-referral-ended-sv-desktop');
	await b.close();
});

await step('[fi phone] the centre reads the outcome', async () => {
	const t = cat.fi;
	const b = await browserFor({ width: 390, height: 844 }, 'fi-FI');
	const { page } = b;
	await login(page, 'counsellor@a.example', 'fi');
	await page.goto(`${BASE}/partner-referrals/${rid}`);
	check((await text(page, '#pr-facts')).includes(t['pr.outcome.studying']), 'the outcome the partner recorded');
	check((await text(page, '#pr-facts')).includes('Började i januari.'), 'with its note');
	const tl = await text(page, '#pr-timeline');
	check(tl.includes('Stadin ammatti- ja aikuisopisto') && tl.includes('Stina Studiehandledare'), 'the timeline names who acted');
	check(await page.locator('#pr-actions').count() === 0, 'nothing left to do on a closed referral');
	await axe(page, 'the referral at the centre (fi phone)');
	await noRawText(page, '[fi phone] the referral');
	await noCodes(page, '[fi phone] the referral');
	await shot(page, 'partner-referral-fi-phone');
	await page.goto(`${BASE}/clients/${cid}#partners`);
	check((await text(page, '#pr-client')).includes(t['pr.outcome.studying']), 'the client page shows the outcome');
	await shot(page, 'partner-client-fi-phone');
	await b.close();
});

await step('[en phone] the partner\'s list', async () => {
	const b = await browserFor({ width: 390, height: 844 }, 'en-GB');
	const { page } = b;
	await login(page, 'studie@c.example', 'en');
	await page.goto(`${BASE}/partner-referrals`);
	check((await text(page, '#pr-incoming')).includes(cat.en['pr.withheld.closed']), 'a closed referral shows no name');
	await noRawText(page, '[en phone] the partner\'s list');
	await axe(page, 'the partner\'s list (en phone)');
	await shot(page, 'partner-list-en-phone');
	await Promise.all([page.waitForNavigation(), page.selectOption('#lang-menu', 'sv')]); // back to its own language
	await b.close();
});
done();
