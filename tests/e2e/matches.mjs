// Browser checks of the match explanations (issue 13, item 4): a vacancy's best clients in fi, sv and en, desktop
// (1366x900) and phone (390x844). Per match: a calibrated score people read, a breakdown of its parts (skills,
// occupation, education, language, requirements), at most five reasons in the page's language, the first missing
// essential skills with "and N more", skill labels in the page's language with English fallbacks marked as such
// (lang="en" and "(in English)" in the page's words), no raw codes; axe-core. Screenshots matches-explain-*.png.
// Prints "N passed, N failed".
import { BASE, api, axe, browserFor, cat, check, done, login, noRawText, shot, step, token } from './lib.mjs';

const ca = await token('counsellor@a.example');
const search = async (q, kind) => (await api('GET', `/api/v1/taxonomy/search?q=${encodeURIComponent(q)}&lang=en&kind=${kind}&limit=1`)).items[0];
const occ = await search('software developer', 'occupation');
const py = await search('Python', 'skill'), sql = await search('SQL', 'skill');
const emp = (await api('POST', '/api/v1/employers', { name: 'Selitys Softa Oy', municipality: 'Espoo' }, ca)).id;
const vac = (await api('POST', '/api/v1/vacancies', { employer_id: emp, title: 'Python-kehittäjä', status: 'open', contract_type: 'permanent', esco_occupation: occ.uri, isco_code: '2512' }, ca)).id;
for (const sk of [py, sql]) await api('POST', '/api/v1/vacancy-skills', { vacancy_id: vac, esco_skill: sk.uri, required: true }, ca);
await api('POST', '/api/v1/vacancy-languages', { vacancy_id: vac, language: 'fi', min_level: 'B1', required: true }, ca);
async function client(first, skills, work) {
	const id = (await api('POST', '/api/v1/clients', { first_name: first, last_name: 'Selitys', status: 'active' }, ca)).id;
	for (const sk of skills) await api('POST', '/api/v1/client-skills', { client_id: id, esco_skill: sk.uri, evidence: 'credential' }, ca);
	await api('POST', '/api/v1/client-languages', { client_id: id, language: 'fi', level: 'C1' }, ca);
	if (work) await api('POST', '/api/v1/work-history', { client_id: id, title: 'Ohjelmistokehittäjä', esco_occupation: occ.uri, isco_code: '2512', years: 6 }, ca);
	await api('POST', '/api/v1/consents', { client_id: id, purpose: 'matching', given: true, given_on: '2026-01-01' }, ca);
	return id;
}
const good = await client('Ilona', [py, sql], true); // a developer with both skills
const some = await client('Jari', [py], false);       // Python only, no developer work: essential skills missing
const api_en = await api('GET', `/api/v1/vacancies/${vac}/matches`, null, ca);
const enLabel = Object.fromEntries(api_en.matches.flatMap(m => [...m.matched_skills, ...m.missing_essential_skills]).map(x => [x.uri, x.label]));
const api_fi = await api('GET', `/api/v1/vacancies/${vac}/matches?lang=fi`, null, ca);
const pyFi = api_fi.matches.flatMap(m => m.matched_skills).find(x => x.uri === py.uri);

const sizes = [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]];
for (const lang of ['fi', 'sv', 'en']) {
	const t = cat[lang];
	for (const [size, viewport] of sizes) {
		const b = await browserFor(viewport);
		await step(`[${lang} ${size}] the match explanations`, async () => {
			const { page } = b;
			await login(page, 'counsellor@a.example', lang);
			await page.goto(`${BASE}/vacancies/${vac}/matches`);
			const cards = page.locator('li.match');
			check(await page.locator(`#match-${good}`).count() === 1 && await page.locator(`#match-${some}`).count() === 1,
				`[${lang} ${size}] both clients are matched`);
			// the calibrated score: a whole number out of 100; the developer with every skill reads high
			const score = parseInt((await page.textContent(`#match-${good} .score`)).replace(/\D+/g, ' ').trim(), 10);
			check(score >= 70 && score <= 100, `[${lang} ${size}] a good match reads high`, String(score));
			// the breakdown: five parts, each a word of the page's language
			const rows = await page.locator(`#match-${good} table.breakdown th`).allTextContents();
			const want = ['skills', 'occupation', 'education', 'language', 'limits'].map(p => t['matches.part.' + p]);
			check(JSON.stringify(rows) === JSON.stringify(want), `[${lang} ${size}] the breakdown names its five parts`, rows.join(' | '));
			const bars = await page.locator(`#match-${good} table.breakdown .fill`).evaluateAll(els => els.map(e => { const r = e.getBoundingClientRect(); return r.height > 2 ? r.width : 0; }));
			check(bars.length === 5 && bars[0] > 0 && bars[1] > bars[0], `[${lang} ${size}] the bars show each part (skills part, full occupation)`, bars.join(','));
			// at most five reasons, none of them a template or a code
			const reasons = await page.locator(`#match-${good} ul.reasons li`).allTextContents();
			check(reasons.length >= 3 && reasons.length <= 5, `[${lang} ${size}] three to five reasons`, reasons.join(' | '));
			check(reasons.some(r => r.includes(t['matches.reason.occupation4'])), `[${lang} ${size}] the occupation is a reason`);
			const body = await page.evaluate(() => document.body.innerText);
			check(!/\{n\}|matches\.|esco\/skill|isco_digits|label_lang/.test(body), `[${lang} ${size}] no templates, keys or URIs`);
			await noRawText(page, `[${lang} ${size}] the matches page`);
			// the gaps: at most five missing skills listed, the rest as "and N more"
			const missing = await page.locator(`#match-${some} ul.missing li`).count();
			check(missing >= 1 && missing <= 5, `[${lang} ${size}] at most five missing skills listed`, String(missing));
			const total = api_fi.matches.find(m => m.client_id === some).missing_essential_skills.length;
			if (total > 5)
				check((await page.textContent(`#match-${some} p.more`)).includes(String(total - 5)), `[${lang} ${size}] "and N more" counts the rest`);
			// labels: Finnish where the taxonomy has one, English marked as such where not
			const fallbacks = await page.locator('.fallback').count();
			const marked = await page.locator('span[lang="en"] + .fallback').count();
			if (lang === 'fi') {
				check(body.includes(pyFi.label) && !body.includes(enLabel[py.uri]), `[fi ${size}] Python is named in Finnish`, pyFi.label);
				check(fallbacks === marked, `[fi ${size}] every English label carries lang="en" and says so`, `${marked}/${fallbacks}`);
			} else if (lang === 'sv') {
				check(fallbacks > 0 && fallbacks === marked && body.includes(t['matches.in_english']), `[sv ${size}] skills without a Swedish name are marked as English`);
			} else {
				check(fallbacks === 0 && body.includes(enLabel[py.uri]), `[en ${size}] English labels need no mark`);
			}
			// the full list of shared skills is one click away, not on the page's face
			check(await page.locator(`#match-${good} details.all-matched[open]`).count() === 0, `[${lang} ${size}] the full skill list starts closed`);
			await axe(page, `the matches page (${lang} ${size})`);
			await shot(page, `matches-explain-${size}-${lang}`);
			check((await cards.count()) >= 2, `[${lang} ${size}] the list shows the matches`);
		});
		await b.close();
	}
}
// the counsellor's language back to Finnish for the specs after this one
await step('the counsellor reads Finnish again', async () => {
	const b = await browserFor();
	await login(b.page, 'counsellor@a.example', 'fi');
	await b.close();
});
done();
