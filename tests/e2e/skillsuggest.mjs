// Browser flow of "suggest skills from text" (issue 17 item 2): a counsellor opens a client's page, pastes a Finnish CV
// paragraph into the skills' box, sees the suggested ESCO skills each with its supporting sentence highlighted,
// accepts two, and finds them on the profile. fi desktop 1366x900 and phone 390x844 (and sv phone) screenshots; axe
// on the client page and the suggestions; no raw keys or English on a Finnish page. Prints "N passed, N failed".
import path from 'node:path';
import { BASE, SHOTS, api, axe, browserFor, cat, check, done, login, noRawText, shot, step, text, token } from './lib.mjs';

const CV = {
	fi: 'Olen työskennellyt viisi vuotta myyjänä ja asiakaspalvelussa.\n- Hitsaus ja trukin käyttö\n- Ohjelmointi: Python ja SQL\nMinulla on hygieniapassi.',
	sv: 'Jag har arbetat som lagerarbetare i tre år. Jag kan programmera i Python och JavaScript! Jag talar svenska och engelska.',
};
const noKeys = async (page, what) => {
	const body = await page.evaluate(() => document.body.innerText);
	const bad = ['skillsuggest.', 'err.', 'Suggest skills', 'Suggested skills', 'Add the chosen', 'suggest_empty'].filter(x => body.includes(x));
	check(bad.length === 0, `${what}: no raw keys or English`, bad.join(', '));
};

const t0 = await token('counsellor@a.example');
let n = 0;
for (const [viewport, tag, lang] of [[{ width: 1366, height: 900 }, 'desktop', 'fi'], [{ width: 390, height: 844 }, 'phone', 'fi'],
	[{ width: 390, height: 844 }, 'phone', 'sv']]) {
	const t = cat[lang];
	n++;
	const cid = (await api('POST', '/api/v1/clients', { first_name: `Taito${n}`, last_name: 'Ehdottaja', birth_year: 1980 + n,
		email: `taito${n}.ehdottaja@example.org` }, t0)).id;
	const b = await browserFor(viewport, lang === 'sv' ? 'sv-FI' : 'fi-FI');
	await step(`[${lang} ${tag}] suggest skills from text`, async () => {
		const { page } = b;
		await login(page, 'counsellor@a.example', lang);
		await page.goto(`${BASE}/clients/${cid}#sec-client-skills`);
		if (tag === 'desktop')
			await axe(page, 'the client page with the box (fi)');
		await page.click('#sec-client-skills details.skill-suggest summary');
		check((await text(page, '#sec-client-skills')).includes(t['skillsuggest.title']), `[${lang} ${tag}] the box is in the skills`);
		await page.fill('#skill-suggest-text', CV[lang]);
		await Promise.all([page.waitForNavigation(), page.click('#skill-suggest button[type=submit]')]);
		check((await text(page, 'h1')) === t['skillsuggest.title'], `[${lang} ${tag}] the suggestions page`);
		const items = await page.$$eval('#skill-suggestions li', lis => lis.map(li => ({
			label: li.querySelector('label').innerText, sentence: li.querySelector('mark').innerText,
			uri: li.querySelector('input').value })));
		check(items.length >= 3, `[${lang} ${tag}] several suggestions`, JSON.stringify(items.slice(0, 5)));
		const want = lang === 'fi'
			? [['asiakaspalvelu', 'Olen työskennellyt viisi vuotta myyjänä ja asiakaspalvelussa.'], ['trukin käyttö', 'Hitsaus ja trukin käyttö']]
			: [['Python (computer programming)', 'Jag kan programmera i Python och JavaScript!'], ['JavaScript', 'Jag kan programmera i Python och JavaScript!']];
		// a label the taxonomy has only in English says so ("(på engelska)") on a Swedish page
		const mark = t['matches.in_english'];
		const bare = x => x.replace(mark, '').trim();
		for (const [label, sentence] of want) {
			const it = items.find(x => bare(x.label) === label);
			check(it && it.sentence === sentence, `[${lang} ${tag}] ${label} with its sentence highlighted`, JSON.stringify(it));
			if (lang === 'sv')
				check(it && it.label.includes(mark), `[${lang} ${tag}] ${label}: English, and marked so`, it && it.label);
		}
		await noRawText(page, `[${lang} ${tag}] the suggestions`);
		if (lang === 'fi')
			await noKeys(page, `[${lang} ${tag}] the suggestions`);
		if (tag === 'desktop')
			await axe(page, 'the suggestions (fi)');
		await shot(page, `skill-suggest-${lang}-${tag}`);
		const picks = want.map(([label]) => items.find(x => bare(x.label) === label)).filter(Boolean);
		for (const p of picks)
			await page.check(`input[name="pick"][value="${p.uri}"]`);
		await Promise.all([page.waitForNavigation(), page.click('#skill-accept button[type=submit]')]);
		const skills = await text(page, '#sec-client-skills');
		check(picks.length === 2 && picks.every(p => skills.includes(bare(p.label))), `[${lang} ${tag}] the two accepted skills on the profile`,
			skills.slice(0, 300));
		check((await text(page, '.notice')).includes(t['done.added']), `[${lang} ${tag}] a confirmation`);
		const stored = (await api('GET', `/api/v1/client-skills?client_id=${cid}`, null, t0)).items;
		check(stored.length === 2, `[${lang} ${tag}] exactly the two stored`, JSON.stringify(stored.map(x => x.esco_skill)));
		await shot(page, `skill-suggest-accepted-${lang}-${tag}`);
		await page.locator('#sec-client-skills').screenshot({ path: path.join(SHOTS, `skill-suggest-accepted-${lang}-${tag}-skills.png`) });
		if (tag === 'desktop') {
			// empty text: the page says so in Finnish
			await page.click('#sec-client-skills details.skill-suggest summary');
			await Promise.all([page.waitForNavigation(), page.click('#skill-suggest button[type=submit]')]);
			check((await text(page, '.form-error')).includes(t['err.suggest_empty']), 'empty text: a Finnish message');
			await noKeys(page, 'the empty-text page');
			await shot(page, 'skill-suggest-empty-fi');
		}
	});
	await b.close();
}
done();
