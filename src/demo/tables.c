/* demo tables: the static reference data of the demo — ESCO occupations by sector (URIs and ISCO codes from ESCO
 * v1.1.1, © European Union, CC BY 4.0; Finnish titles from data/taxonomy/fi), sectors, countries and names — and the
 * seeded random generator. tests/unit/demo/make_fixture.py printed the occupation rows. */
#include <string.h>

#include "core/hash.h"
#include "demo/internal.h"

/* splitmix64 spreads one 64-bit seed over the four words of xoshiro's state. */
static uint64_t splitmix64(uint64_t *x)
{
	return hash_mix64(*x += 0x9e3779b97f4a7c15ULL);
}

void demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t demo_rng_next(struct demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint32_t demo_rng_below(struct demo_rng *r, uint32_t n)
{
	/* Lemire's multiply-shift; the tiny bias at n << 2^32 does not matter for demo data. */
	return (uint32_t)(((demo_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

double demo_rng_real(struct demo_rng *r)
{
	return (double)(demo_rng_next(r) >> 11) * 0x1.0p-53;
}

bool demo_rng_chance(struct demo_rng *r, double p)
{
	return demo_rng_real(r) < p;
}

size_t demo_rng_weighted(struct demo_rng *r, const double *w, size_t n)
{
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i];
	double x = demo_rng_real(r) * total;
	for (size_t i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

const struct demo_occ demo_occs[] = {
	{"f2b15a0e-e65a-438a-affb-29b9d50b77d1", "2512", "software developer", "ohjelmistokehittäjä", DEMO_SEC_ICT, "0613", 6, false, false},
	{"a6a0b60f-08da-4faa-bf54-942987efb471", "2511", "ICT system analyst", "järjestelmäanalyytikko", DEMO_SEC_ICT, "0613", 6, false, false},
	{"c40a2919-48a9-40ea-b506-1f34f693496d", "2513", "web developer", "web-kehittäjä", DEMO_SEC_ICT, "0613", 6, false, false},
	{"d3edb8f8-3a06-47a0-8fb9-9b212c006aa2", "2511", "data analyst", "data-analyytikko", DEMO_SEC_ICT, "0613", 6, false, false},
	{"0ab5c12c-c1c1-4772-8345-aa287d0e391d", "2519", "ICT test analyst", "testausanalyytikko", DEMO_SEC_ICT, "0613", 6, false, false},
	{"8c57af09-719c-42b3-be40-6ed4946236cc", "2521", "database administrator", "tietokannan ylläpitäjä", DEMO_SEC_ICT, "0612", 6, false, false},
	{"cf2b03cd-feb7-4f47-90f6-ff1ed6016d3d", "2523", "ICT network engineer", "verkkoinsinööri", DEMO_SEC_ICT, "0612", 6, false, false},
	{"aaeec9a7-dc57-4485-890c-86b3eef735f9", "3512", "ICT help desk agent", "IT-tukihenkilö", DEMO_SEC_ICT, "0611", 4, false, true},
	{"57af9090-55b4-4911-b2d0-86db01c00b02", "2514", "embedded systems software developer", "sulautettujen ohjelmistojen kehittäjä", DEMO_SEC_ICT, "0714", 6, false, false},
	{"2ed56c3f-61d6-4f7e-9ef8-8849eb102e4c", "2514", "mobile application developer", "mobiilikehittäjä", DEMO_SEC_ICT, "0613", 6, false, false},
	{"579254cf-6d69-4889-9000-9c79dc568644", "2144", "mechanical engineer", "koneinsinööri", DEMO_SEC_ENG, "0715", 6, false, false},
	{"d7d986e1-7333-431b-9719-0c5c6939e360", "2142", "civil engineer", "rakennusinsinööri", DEMO_SEC_ENG, "0732", 6, false, false},
	{"86ca306c-ab99-420a-9e2a-aa73c5c4de22", "2151", "electrical engineer", "sähköinsinööri", DEMO_SEC_ENG, "0713", 6, false, false},
	{"ec21ce88-ce14-49b6-be0a-cc53cf5a3a67", "2145", "chemical engineer", "kemiantekniikan insinööri", DEMO_SEC_ENG, "0711", 6, false, false},
	{"16cb1f72-3d8c-4404-84ec-9c31fbd7c86c", "2144", "welding engineer", "hitsausinsinööri", DEMO_SEC_ENG, "0715", 6, false, false},
	{"b31e404e-9af6-457d-a58a-208f612eeba3", "3115", "mechanical engineering technician", "koneteknikko", DEMO_SEC_ENG, "0715", 5, false, false},
	{"0f5cc4eb-925d-4b99-be6d-b0964a253a9a", "3112", "civil engineering technician", "rakennusteknikko", DEMO_SEC_ENG, "0732", 5, false, false},
	{"9aa2a36f-296e-45fe-9798-b7839e0ed389", "3113", "electrical engineering technician", "sähköteknikko", DEMO_SEC_ENG, "0713", 5, false, false},
	{"8d3e8aaa-791b-4c75-a465-f3f827028f50", "2221", "nurse responsible for general care", "sairaanhoitaja", DEMO_SEC_HEALTH, "0913", 6, true, false},
	{"71f09c8b-a172-408c-b9e7-32e580e39ff6", "2211", "general practitioner", "yleislääkäri", DEMO_SEC_HEALTH, "0912", 7, true, false},
	{"7c132147-428b-4ea3-87e1-70f7abb691ce", "2262", "pharmacist", "proviisori", DEMO_SEC_HEALTH, "0916", 7, true, false},
	{"006cc1f9-2841-41c3-991a-dc3f2f3bd533", "2264", "physiotherapist", "fysioterapeutti", DEMO_SEC_HEALTH, "0915", 6, true, false},
	{"0044c991-c26f-4261-a213-4bd1c0564a4c", "3212", "medical laboratory assistant", "laboratoriohoitaja", DEMO_SEC_HEALTH, "0914", 5, false, false},
	{"e52b5707-7097-4dbc-ac61-054e917da241", "2261", "dental practitioner", "hammaslääkäri", DEMO_SEC_HEALTH, "0911", 7, true, false},
	{"eda0d957-3c3c-4139-b89a-a18bc9e18897", "2411", "accountant", "laskentatoimen asiantuntija", DEMO_SEC_BUSINESS, "0411", 6, false, false},
	{"8d586ee9-0ab1-4155-a3b0-2ca786c8e48c", "2413", "financial analyst", "rahoitusanalyytikko", DEMO_SEC_BUSINESS, "0412", 6, false, false},
	{"60082a99-d8ef-4e84-9290-78902681b6ed", "2421", "business analyst", "liiketoiminta-analyytikko", DEMO_SEC_BUSINESS, "0413", 6, false, false},
	{"d3e32e5e-7f24-48e3-b939-e4f800eb62fb", "2423", "human resources officer", "HR-asiantuntija", DEMO_SEC_BUSINESS, "0413", 6, false, false},
	{"47e81c7f-2d04-4a60-a8ff-9913c36d8344", "2431", "marketing assistant", "markkinointiassistentti", DEMO_SEC_BUSINESS, "0414", 6, false, false},
	{"51cd3a7a-eae6-4dc6-9f24-179d7ec6d230", "2421", "logistics analyst", "logistiikka-analyytikko", DEMO_SEC_BUSINESS, "0413", 6, false, false},
	{"13d1b2b4-99dd-44da-9734-c9f74bae18f7", "4225", "customer service representative", "asiakaspalvelija", DEMO_SEC_BUSINESS | DEMO_SEC_RETAIL, "0416", 4, false, true},
	{"bea99fea-0383-4c63-b944-70d4799de2c5", "1219", "project manager", "projektipäällikkö", DEMO_SEC_BUSINESS, "0413", 7, false, false},
	{"d38c2107-98f2-47b7-8bb4-f69750d51082", "5321", "healthcare assistant", "lähihoitaja", DEMO_SEC_CARE | DEMO_SEC_HEALTH, "0921", 3, false, false},
	{"87d0795a-d41f-47ee-979f-0ab7d73836e7", "5321", "nurse assistant", "hoiva-avustaja", DEMO_SEC_CARE, "0921", 3, false, false},
	{"1391bdf9-bd61-4fb5-91ca-c29036ab2b60", "5322", "home care aide", "kodinhoitaja", DEMO_SEC_CARE, "0921", 3, false, true},
	{"50743f62-3d5b-4ef6-b706-00d2b1adfcc3", "3412", "residential home older adult care worker", "hoivakodin hoitaja", DEMO_SEC_CARE, "0921", 3, false, false},
	{"3f74aad8-2d60-4be2-b059-8dba5568d530", "5311", "child day care worker", "perhepäivähoitaja", DEMO_SEC_CARE, "0922", 3, false, false},
	{"a30734bb-2f10-4747-a94c-75f5ec3c63a4", "5329", "hospital porter", "potilaskuljettaja", DEMO_SEC_CARE, "0921", 2, false, true},
	{"f4525ed8-54eb-4a3b-90db-55cc01b0d9fd", "3412", "care at home worker", "kotihoitaja", DEMO_SEC_CARE, "0921", 3, false, false},
	{"303a1e34-cb16-4054-b323-81e5eec17397", "9112", "building cleaner", "siivooja", DEMO_SEC_CLEANING | DEMO_SEC_TOURISM, "1011", 2, false, true},
	{"cbad55a4-c7cf-4ab6-9540-eac72b26729b", "9111", "domestic cleaner", "kotisiivooja", DEMO_SEC_CLEANING, "1011", 2, false, true},
	{"92cba6b4-8fca-49bb-b68c-45c5096fedc9", "9123", "window cleaner", "ikkunanpesijä", DEMO_SEC_CLEANING, "1011", 2, false, true},
	{"7cb71c5f-c310-481c-b46b-d0044328758c", "9122", "vehicle cleaner", "autonpesijä", DEMO_SEC_CLEANING, "1011", 2, false, true},
	{"0da51178-e386-4534-ae71-15ba789ad756", "8157", "laundry worker", "pesulatyöntekijä", DEMO_SEC_CLEANING, "1011", 2, false, true},
	{"731ecac4-06e8-4ec2-a559-101fecbd9183", "9112", "room attendant", "kerroshoitaja", DEMO_SEC_CLEANING | DEMO_SEC_TOURISM, "1013", 2, false, true},
	{"bea705fe-06ac-4147-b8e0-6e8ac1208d8f", "9333", "warehouse worker", "varastotyöntekijä", DEMO_SEC_LOGISTICS, "1041", 2, false, true},
	{"cd94def5-3442-4c2e-ae3d-0761a3008bcb", "9333", "warehouse order picker", "keräilijä", DEMO_SEC_LOGISTICS, "1041", 2, false, true},
	{"eeac6251-1974-42f5-91ed-513c6c883755", "8344", "forklift operator", "trukinkuljettaja", DEMO_SEC_LOGISTICS, "1041", 3, false, false},
	{"0c408028-c48f-4df8-ba5d-c3d3be15f5a2", "8322", "car and van delivery driver", "jakeluautonkuljettaja", DEMO_SEC_LOGISTICS, "1041", 3, false, false},
	{"00cee175-1376-43fb-9f02-ba3d7a910a58", "8331", "bus driver", "linja-autonkuljettaja", DEMO_SEC_LOGISTICS, "1041", 3, false, false},
	{"45037d43-a8f5-4f46-b332-b2935bc305f4", "8332", "cargo vehicle driver", "kuorma-autonkuljettaja", DEMO_SEC_LOGISTICS, "1041", 3, false, false},
	{"f5cb9901-86fc-48d0-9cde-667fbe8cef3a", "9321", "hand packer", "pakkaaja", DEMO_SEC_LOGISTICS | DEMO_SEC_BERRIES, "1041", 1, false, true},
	{"90f75f67-495d-49fa-ab57-2f320e251d7e", "5120", "cook", "kokki", DEMO_SEC_RESTAURANT | DEMO_SEC_TOURISM, "1013", 3, false, false},
	{"e1cf6897-158d-4b48-a39e-2a3a8cac216c", "9412", "kitchen assistant", "keittiöapulainen", DEMO_SEC_RESTAURANT, "1013", 2, false, true},
	{"f756fdab-7726-4c48-bfcc-94ff8810fc08", "9412", "kitchen porter", "astianpesijä", DEMO_SEC_RESTAURANT, "1013", 1, false, true},
	{"d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471", "5131", "waiter/waitress", "tarjoilija", DEMO_SEC_RESTAURANT | DEMO_SEC_TOURISM, "1013", 3, false, false},
	{"bf7d8b16-4e2c-48ef-b44e-dc25b2d0ab61", "5132", "barista", "barista", DEMO_SEC_RESTAURANT, "1013", 3, false, true},
	{"96a0d8d3-d4a6-473d-80d6-b5dbadde940a", "9411", "quick service restaurant crew member", "pikaruokatyöntekijä", DEMO_SEC_RESTAURANT, "1013", 2, false, true},
	{"1aadb308-432a-4d01-b54b-b4f7f76dd419", "7512", "baker", "leipuri", DEMO_SEC_RESTAURANT, "0721", 3, false, false},
	{"0b15375e-dfdd-4047-9efb-096e0aaee7d2", "5223", "shop assistant", "myymäläapulainen", DEMO_SEC_RETAIL, "0416", 3, false, true},
	{"2b871272-bd61-4206-bd1a-0b96d7023098", "5230", "cashier", "kassamyyjä", DEMO_SEC_RETAIL, "0416", 2, false, true},
	{"d35f9e79-5778-43b4-8667-0e3ba1fcb19a", "9334", "shelf filler", "hyllyttäjä", DEMO_SEC_RETAIL, "0416", 2, false, true},
	{"73357956-f607-4baa-9ce6-03beb9b39da2", "5223", "sales processor", "myyntisihteeri", DEMO_SEC_RETAIL, "0416", 3, false, false},
	{"7aedaa07-3884-4c5b-88f9-80997b2aa54b", "7212", "welder", "hitsaaja", DEMO_SEC_METAL, "0715", 3, false, false},
	{"2ff73126-7aff-4233-9d9c-d8725e1c6822", "7212", "pipe welder", "putkihitsaaja", DEMO_SEC_METAL, "0715", 3, false, false},
	{"572c9810-e1ee-4f7a-a71f-820f17c0c25b", "7213", "sheet metal worker", "ohutlevyseppä", DEMO_SEC_METAL, "0715", 3, false, false},
	{"269c47e7-9017-4aa6-bce8-49e89a696a64", "7233", "industrial machinery mechanic", "teollisuusmekaanikko", DEMO_SEC_METAL, "0715", 3, false, false},
	{"af2f3615-63ab-44dc-957d-c9660410d336", "8219", "metal products assembler", "metallituotteiden kokoonpanija", DEMO_SEC_METAL, "0715", 2, false, true},
	{"3a8a7f87-d394-42cd-804b-7a32375b90f0", "7223", "metal sawing machine operator", "metallisahaaja", DEMO_SEC_METAL, "0715", 3, false, false},
	{"773cf1de-50a4-42e7-bab1-e68dcbae3f54", "9215", "forest worker", "metsuri", DEMO_SEC_FORESTRY, "0821", 2, false, true},
	{"699057b7-7aeb-4b5c-bb90-01d935ff32c1", "8341", "forestry equipment operator", "metsäkoneenkuljettaja", DEMO_SEC_FORESTRY, "0821", 3, false, false},
	{"865adac9-9bb7-4680-a13d-62b2942974ac", "8172", "sawmill operator", "sahatyöntekijä", DEMO_SEC_FORESTRY, "0821", 3, false, false},
	{"fbf3aefb-70ff-440b-8724-bac3ed5e2c93", "3143", "forestry technician", "metsätalousinsinööri", DEMO_SEC_FORESTRY, "0821", 5, false, false},
	{"82025c02-9082-416c-998b-f51eb0359ee6", "4224", "hospitality establishment receptionist", "hotellivirkailija", DEMO_SEC_TOURISM, "1015", 3, false, false},
	{"b476f45f-2c79-44d5-a4d7-fa357aa83074", "5113", "tourist guide", "matkailuopas", DEMO_SEC_TOURISM, "1015", 3, false, false},
	{"67d8c64f-e0d9-4e0b-be8b-510f9e20e698", "3423", "outdoor animator", "ohjelmapalveluohjaaja", DEMO_SEC_TOURISM, "1015", 3, false, false},
	{"812276dd-95ea-428b-b05e-a61c4089063c", "3422", "ski instructor", "hiihdonopettaja", DEMO_SEC_TOURISM, "1014", 3, false, false},
	{"fae51298-03a8-4df4-829a-685dddc1580e", "5151", "housekeeping supervisor", "kerrosvastaava", DEMO_SEC_TOURISM, "1013", 3, false, false},
	{"373db468-bd25-4b67-a6e0-4ac79d9a9e85", "9211", "fruit and vegetable picker", "marjanpoimija", DEMO_SEC_BERRIES, "0811", 1, false, true},
	{"c9191f7f-28b5-4df8-991d-804c53009b83", "9213", "crop production worker", "maataloustyöntekijä", DEMO_SEC_BERRIES, "0811", 2, false, true},
	{"1a9d99ba-4c08-4864-8f6a-1b0f2b4cf883", "9214", "horticulture worker", "kasvihuonetyöntekijä", DEMO_SEC_BERRIES, "0812", 2, false, true},
	{"6fe645b0-463a-445d-ab8f-c0a5132beb68", "7514", "fruit and vegetable preserver", "säilöjä", DEMO_SEC_BERRIES, "0721", 2, false, false},
	{"e3dc66de-99c7-4607-a82b-7244036d316d", "8160", "food production operator", "elintarviketyöntekijä", DEMO_SEC_BERRIES, "0721", 2, false, true},
};
const size_t demo_nocc = DEMO_N(demo_occs);

/* contract weights: permanent, fixed_term, seasonal, apprenticeship, work_trial, pay_subsidised */
const struct demo_sector demo_sectors[DEMO_NSECTORS] = {
	{DEMO_SEC_ICT, "ICT", {"Koodi", "Data", "Pilvi", "Digi", "Softa", "Bitti"}, "A2", false, "B2", true, NULL, NULL,
	 "seated", 38, 6, {70, 22, 0, 0, 6, 2}},
	{DEMO_SEC_ENG, "engineering", {"Insinööri", "Tekniikka", "Konsultointi", "Suunnittelu", "Energia", "Rakenne"}, "B1",
	 false, "B2", true, NULL, NULL, "light", 38, 5, {65, 28, 0, 2, 4, 1}},
	{DEMO_SEC_HEALTH, "health", {"Terveys", "Lääkäriasema", "Apteekki", "Kuntoutus", "Hyvinvointi", "Klinikka"}, "B2",
	 true, "B1", false, NULL, NULL, "moderate", 38, 5, {55, 38, 0, 0, 5, 2}},
	{DEMO_SEC_BUSINESS, "business services", {"Talous", "Tilitoimisto", "Konsultit", "Palvelut", "Logistiikka",
	 "Markkinointi"}, "B1", false, "C1", true, NULL, NULL, "seated", 38, 6, {60, 32, 0, 0, 6, 2}},
	{DEMO_SEC_CARE, "care", {"Hoiva", "Hoivakoti", "Kotihoito", "Palvelukoti", "Hoitopalvelu", "Senioripalvelut"}, "B1",
	 true, NULL, false, NULL, NULL, "moderate", 34, 3, {40, 30, 0, 12, 8, 10}},
	{DEMO_SEC_CLEANING, "cleaning", {"Siivous", "Puhtaus", "Kiinteistöhuolto", "Pesula", "Siisti", "Kiilto"}, "A2",
	 false, NULL, false, "card", "Työturvallisuuskortti", "moderate", 30, 0, {40, 35, 0, 5, 10, 10}},
	{DEMO_SEC_LOGISTICS, "logistics", {"Logistiikka", "Kuljetus", "Varasto", "Terminaali", "Jakelu", "Rahti"}, "A2",
	 true, NULL, false, "card", "Trukkikortti", "no_limit", 37, 0, {40, 40, 0, 8, 6, 6}},
	{DEMO_SEC_RESTAURANT, "restaurants", {"Ravintola", "Keittiö", "Bistro", "Kahvila", "Catering", "Grilli"}, "A2", true,
	 NULL, false, "certificate", "Hygieniapassi", "moderate", 32, 0, {35, 40, 4, 10, 6, 5}},
	{DEMO_SEC_RETAIL, "retail", {"Market", "Kauppa", "Myymälä", "Lähikauppa", "Tavaratalo", "Kioski"}, "B1", true, NULL,
	 false, NULL, NULL, "moderate", 30, 0, {40, 40, 3, 7, 5, 5}},
	{DEMO_SEC_METAL, "metal industry", {"Konepaja", "Metalli", "Teräs", "Hitsaus", "Levytyö", "Koneistus"}, "A2", false,
	 "A2", false, "card", "Työturvallisuuskortti", "no_limit", 38, 3, {50, 30, 0, 15, 4, 1}},
	{DEMO_SEC_FORESTRY, "forestry", {"Metsäpalvelu", "Puu", "Saha", "Metsä", "Korjuu", "Hake"}, "A2", false, NULL, false,
	 "card", "Työturvallisuuskortti", "no_limit", 40, 2, {25, 30, 40, 5, 0, 0}},
	{DEMO_SEC_TOURISM, "tourism", {"Matkailu", "Safarit", "Loma", "Hotelli", "Elämys", "Tunturi"}, "A2", false, "B1",
	 true, NULL, NULL, "moderate", 36, 2, {15, 30, 50, 3, 2, 0}},
	{DEMO_SEC_BERRIES, "berries and food", {"Marja", "Mustikka", "Puutarha", "Luomu", "Tila", "Mehu"}, NULL, false, "A2",
	 false, NULL, NULL, "no_limit", 40, 0, {5, 10, 85, 0, 0, 0}},
};

const struct demo_sector *demo_sector_of(unsigned bit)
{
	for (size_t i = 0; i < DEMO_NSECTORS; i++)
		if (demo_sectors[i].bit == bit)
			return &demo_sectors[i];
	return &demo_sectors[0];
}

const struct demo_country demo_countries[] = {
	{"UA", "Ukraine", {"uk", "ru", NULL},
	 {"Olena", "Iryna", "Oksana", "Nataliia", "Tetiana", "Yuliia", "Kateryna", "Svitlana", "Anastasiia", "Viktoriia"},
	 {"Oleksandr", "Andrii", "Serhii", "Dmytro", "Volodymyr", "Mykola", "Yurii", "Ivan", "Maksym", "Bohdan"},
	 {"Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Oliinyk", "Lysenko",
	  "Marchenko", "Savchenko", "Rudenko"},
	 {"Kyiv", "Kharkiv", "Lviv", "Odesa"}, false},
	{"RU", "Russia", {"ru", NULL, NULL},
	 {"Anna", "Elena", "Olga", "Tatiana", "Maria", "Irina", "Svetlana", "Ekaterina", "Natalia", "Yulia"},
	 {"Alexei", "Sergei", "Dmitri", "Andrei", "Mikhail", "Ivan", "Nikolai", "Pavel", "Artem", "Roman"},
	 {"Ivanov/Ivanova", "Smirnov/Smirnova", "Kuznetsov/Kuznetsova", "Popov/Popova", "Sokolov/Sokolova",
	  "Lebedev/Lebedeva", "Kozlov/Kozlova", "Novikov/Novikova", "Morozov/Morozova", "Volkov/Volkova",
	  "Pavlov/Pavlova", "Fedorov/Fedorova"},
	 {"Saint Petersburg", "Moscow", "Petrozavodsk", "Murmansk"}, false},
	{"SY", "Syria", {"ar", "ku", NULL},
	 {"Fatima", "Rania", "Lina", "Hiba", "Nour", "Rasha", "Yasmin", "Dima", "Reem", "Aya"},
	 {"Mohammad", "Ahmad", "Omar", "Khaled", "Hassan", "Mahmoud", "Samer", "Bassel", "Tarek", "Yousef"},
	 {"Al-Hassan", "Haddad", "Khoury", "Nasser", "Darwish", "Hamdan", "Al-Masri", "Suleiman", "Aziz", "Kassab",
	  "Othman", "Sabbagh"},
	 {"Damascus", "Aleppo", "Homs", "Latakia"}, false},
	{"IQ", "Iraq", {"ar", "ku", NULL},
	 {"Zainab", "Maryam", "Noor", "Sara", "Huda", "Ban", "Shaima", "Rusul", "Ruqaya", "Duaa"},
	 {"Ali", "Hussein", "Mustafa", "Haider", "Ammar", "Karrar", "Abbas", "Yaser", "Hayder", "Muntadhar"},
	 {"Al-Jaberi", "Al-Tamimi", "Al-Obaidi", "Kareem", "Hamid", "Jassim", "Al-Saadi", "Abdullah", "Al-Rubaie",
	  "Mahdi", "Salih", "Al-Zubaidi"},
	 {"Baghdad", "Basra", "Mosul", "Erbil"}, false},
	{"SO", "Somalia", {"so", NULL, NULL},
	 {"Hodan", "Faadumo", "Ayaan", "Sahra", "Hibaaq", "Nimco", "Ubah", "Ifrah", "Sagal", "Hamdi"},
	 {"Abdirahman", "Mohamed", "Abdullahi", "Ahmed", "Hassan", "Farah", "Mahad", "Liban", "Abdirizak", "Yusuf"},
	 {"Warsame", "Abdi", "Jama", "Egal", "Hirsi", "Osman", "Ali", "Yusuf", "Nur", "Aden", "Farah", "Mohamud"},
	 {"Mogadishu", "Hargeisa", "Kismayo", "Baidoa"}, false},
	{"AF", "Afghanistan", {"fa", "ps", NULL},
	 {"Zahra", "Maryam", "Fatema", "Shabnam", "Mursal", "Laila", "Parwana", "Nilofar", "Sima", "Freshta"},
	 {"Ahmad", "Mohammad", "Rahim", "Hamid", "Farid", "Javad", "Sayed", "Najib", "Mustafa", "Qasim"},
	 {"Ahmadi", "Rahimi", "Hosseini", "Mohammadi", "Karimi", "Sultani", "Noori", "Haidari", "Rezai", "Azizi",
	  "Sadat", "Wardak"},
	 {"Kabul", "Herat", "Mazar-i-Sharif", "Kandahar"}, false},
	{"IR", "Iran", {"fa", "az", "ku"},
	 {"Mina", "Sara", "Niloofar", "Parisa", "Leila", "Shirin", "Maryam", "Neda", "Azadeh", "Golnaz"},
	 {"Reza", "Ali", "Mehdi", "Amir", "Hossein", "Babak", "Saeed", "Kaveh", "Arash", "Pouya"},
	 {"Ahmadi", "Hosseini", "Rezaei", "Moradi", "Karimi", "Jafari", "Rahmani", "Ghasemi", "Tehrani", "Sadeghi",
	  "Mousavi", "Kazemi"},
	 {"Tehran", "Isfahan", "Tabriz", "Shiraz"}, false},
	{"IN", "India", {"hi", "ta", "te"},
	 {"Priya", "Ananya", "Divya", "Lakshmi", "Pooja", "Sneha", "Kavya", "Deepa", "Meera", "Shruti"},
	 {"Rahul", "Arjun", "Vikram", "Rohan", "Suresh", "Karthik", "Amit", "Sanjay", "Aditya", "Nikhil"},
	 {"Sharma", "Patel", "Reddy", "Nair", "Iyer", "Kumar", "Singh", "Gupta", "Rao", "Menon", "Joshi", "Verma"},
	 {"Bengaluru", "Chennai", "Hyderabad", "Pune"}, false},
	{"CN", "China", {"zh", NULL, NULL},
	 {"Li", "Xin", "Mei", "Yan", "Jing", "Hui", "Xiaoling", "Yue", "Fang", "Ying"},
	 {"Wei", "Jun", "Hao", "Lei", "Chen", "Ming", "Tao", "Qiang", "Yong", "Bo"},
	 {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"},
	 {"Beijing", "Shanghai", "Wuhan", "Chengdu"}, false},
	{"VN", "Vietnam", {"vi", NULL, NULL},
	 {"Linh", "Huong", "Thao", "Lan", "Mai", "Trang", "Ngoc", "Hanh", "Phuong", "Thu"},
	 {"Minh", "Duc", "Huy", "Tuan", "Nam", "Quang", "Hieu", "Long", "Khoa", "Thanh"},
	 {"Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ho", "Ngo"},
	 {"Hanoi", "Ho Chi Minh City", "Da Nang", "Hai Phong"}, false},
	{"TH", "Thailand", {"th", NULL, NULL},
	 {"Siriporn", "Kanya", "Malee", "Ratana", "Somsri", "Pranee", "Nittaya", "Wanida", "Sunisa", "Jintana"},
	 {"Somchai", "Prasert", "Somsak", "Anan", "Chaiwat", "Kittisak", "Boonmee", "Sakda", "Wichai", "Thawat"},
	 {"Saetang", "Wongsuwan", "Srisuk", "Chaiyaporn", "Boonyarat", "Phromma", "Thongdee", "Kaewmanee", "Sukprasert",
	  "Inthasorn", "Phanthong", "Khamwong"},
	 {"Chaiyaphum", "Udon Thani", "Khon Kaen", "Sakon Nakhon"}, false},
	{"PH", "Philippines", {"tl", "en", NULL},
	 {"Maria", "Jocelyn", "Rowena", "Maricel", "Kristine", "Joy", "Angelica", "Lorna", "Rhea", "Jennifer"},
	 {"Jose", "Mark", "John Paul", "Ramon", "Jerome", "Rodel", "Arnel", "Christian", "Jayson", "Ryan"},
	 {"Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz", "Ramos", "Villanueva", "Aquino",
	  "Castillo", "Navarro"},
	 {"Manila", "Cebu", "Davao", "Iloilo"}, false},
	{"NG", "Nigeria", {"yo", "ig", "ha"},
	 {"Chiamaka", "Ngozi", "Funmilayo", "Aisha", "Blessing", "Adaeze", "Temitope", "Folake", "Amaka", "Zainab"},
	 {"Chinedu", "Emeka", "Oluwaseun", "Tunde", "Ibrahim", "Obinna", "Adebayo", "Uche", "Kelechi", "Segun"},
	 {"Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Bello", "Ogunleye", "Chukwu", "Olawale",
	  "Abubakar", "Onyekachi"},
	 {"Lagos", "Ibadan", "Enugu", "Abuja"}, false},
	{"BR", "Brazil", {"pt", NULL, NULL},
	 {"Ana", "Juliana", "Fernanda", "Camila", "Beatriz", "Larissa", "Mariana", "Patrícia", "Gabriela", "Letícia"},
	 {"João", "Lucas", "Pedro", "Rafael", "Gabriel", "Thiago", "Felipe", "Bruno", "Mateus", "Rodrigo"},
	 {"Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida", "Ferreira", "Carvalho",
	  "Gomes", "Ribeiro"},
	 {"São Paulo", "Curitiba", "Belo Horizonte", "Porto Alegre"}, false},
	{"EE", "Estonia", {"et", "ru", NULL},
	 {"Kadri", "Liis", "Kristiina", "Marika", "Triin", "Katrin", "Piret", "Anu", "Kersti", "Maarja"},
	 {"Tõnu", "Margus", "Andres", "Rein", "Jaan", "Priit", "Urmas", "Kalle", "Indrek", "Toomas"},
	 {"Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves", "Pärn", "Koppel", "Lepik", "Kuusk"},
	 {"Tallinn", "Tartu", "Pärnu", "Narva"}, true},
	{"TR", "Turkey", {"tr", "ku", NULL},
	 {"Ayşe", "Fatma", "Elif", "Zeynep", "Emine", "Hatice", "Merve", "Esra", "Büşra", "Selin"},
	 {"Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Emre", "Murat", "Burak", "Can", "Serkan"},
	 {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan", "Kılıç",
	  "Aslan"},
	 {"Istanbul", "Ankara", "Izmir", "Bursa"}, false},
	{"FI", "Finland", {"fi", "sv", NULL},
	 {"Anna", "Maria", "Sari", "Tiina", "Minna", "Päivi", "Johanna", "Laura", "Heidi", "Riikka"},
	 {"Mikko", "Jari", "Timo", "Juha", "Matti", "Petri", "Antti", "Janne", "Ville", "Tuomas"},
	 {"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen",
	  "Järvinen", "Lehtonen", "Saarinen"},
	 {"Lahti", "Kotka", "Helsinki", "Turku"}, true},
};
const size_t demo_ncountries = DEMO_N(demo_countries);

const struct demo_country *demo_country(const char *iso)
{
	for (size_t i = 0; i < demo_ncountries; i++)
		if (strcmp(demo_countries[i].iso, iso) == 0)
			return &demo_countries[i];
	return &demo_countries[0];
}

const char *const demo_fi_female[] = {"Anna", "Kaisa", "Sanna", "Tiina", "Minna", "Päivi", "Johanna", "Elina",
                                      "Heidi", "Riikka", "Satu", "Outi", "Hanna", "Marjo"};
const char *const demo_fi_male[] = {"Mikko", "Jari", "Timo", "Juha", "Markku", "Petri", "Antti", "Janne", "Ville",
                                    "Tuomas", "Kari", "Heikki", "Sami", "Olli"};
const char *const demo_fi_last[] = {"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
                                    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Kinnunen",
                                    "Salminen", "Turunen", "Rantanen", "Pesonen", "Karjalainen", "Hyvönen",
                                    "Leinonen"};
const size_t demo_nfi_female = DEMO_N(demo_fi_female), demo_nfi_male = DEMO_N(demo_fi_male),
             demo_nfi_last = DEMO_N(demo_fi_last);

const char *demo_field_subject(const char *f)
{
	static const struct {
		const char *code, *subject;
	} t[] = {
		{"0411", "Accounting"}, {"0412", "Finance"}, {"0413", "Business Administration"}, {"0414", "Marketing"},
		{"0415", "Office Administration"}, {"0416", "Retail Sales"}, {"0611", "Computer Use"},
		{"0612", "Computer Networks"}, {"0613", "Computer Science"}, {"0711", "Chemical Engineering"},
		{"0713", "Electrical Engineering"}, {"0714", "Automation Engineering"}, {"0715", "Mechanical Engineering"},
		{"0721", "Food Technology"}, {"0732", "Civil Engineering"}, {"0811", "Agriculture"}, {"0812", "Horticulture"},
		{"0821", "Forestry"}, {"0911", "Dentistry"}, {"0912", "Medicine"}, {"0913", "Nursing"},
		{"0914", "Laboratory Medicine"}, {"0915", "Physiotherapy"}, {"0916", "Pharmacy"},
		{"0921", "Social and Health Care"}, {"0922", "Early Childhood Education"}, {"1011", "Cleaning Services"},
		{"1013", "Hospitality and Catering"}, {"1014", "Sports"}, {"1015", "Tourism"}, {"1041", "Logistics"},
	};
	for (size_t i = 0; i < DEMO_N(t); i++)
		if (strcmp(t[i].code, f) == 0)
			return t[i].subject;
	return "General Studies";
}

const char *const demo_pw_words[] = {"Kataja", "Mustikka", "Revontuli", "Tunturi", "Kuusikko", "Lakka", "Saimaa",
                                     "Pihlaja", "Kaamos", "Ruska", "Kantele", "Majakka", "Sammal", "Hilla", "Koivu",
                                     "Kuikka", "Routa", "Helle", "Vaahtera", "Puolukka", "Karpalo", "Lumikko"};
const size_t demo_npw_words = DEMO_N(demo_pw_words);
