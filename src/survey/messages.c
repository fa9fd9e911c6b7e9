/* survey messages: what a respondent reads when an answer needs fixing, in the survey languages we ship.
 * Kept in the module (not a run-time file) so validation never depends on the working directory.
 * {min} and {max} are filled in by answers.c. Languages not listed fall back to English. */
#include "survey/survey.h"

#include <string.h>

enum { L_FI, L_SV, L_EN, L_RU, L_TH, L_AR, L_UK, L_SO, L_COUNT };
static const char *const langs[L_COUNT] = {"fi", "sv", "en", "ru", "th", "ar", "uk", "so"};

static const struct {
	const char *code;
	const char *text[L_COUNT];
} catalogue[] = {
	{"required", {
		"Vastaa tähän kysymykseen.",
		"Svara på den här frågan.",
		"Please answer this question.",
		"Пожалуйста, ответьте на этот вопрос.",
		"กรุณาตอบคำถามนี้",
		"يرجى الإجابة عن هذا السؤال.",
		"Будь ласка, дайте відповідь на це запитання.",
		"Fadlan ka jawaab su'aashan.",
	}},
	{"invalid_choice", {
		"Valitse jokin annetuista vaihtoehdoista.",
		"Välj ett av alternativen.",
		"Please choose one of the options.",
		"Выберите один из вариантов.",
		"กรุณาเลือกจากตัวเลือกที่มีให้",
		"يرجى اختيار أحد الخيارات المتاحة.",
		"Виберіть один із варіантів.",
		"Fadlan dooro mid ka mid ah doorashooyinka.",
	}},
	{"too_many", {
		"Valitse enintään {max}.",
		"Välj högst {max}.",
		"Please choose at most {max}.",
		"Выберите не более {max}.",
		"เลือกได้ไม่เกิน {max} รายการ",
		"يمكنك اختيار {max} كحد أقصى.",
		"Виберіть не більше {max}.",
		"Fadlan dooro ugu badnaan {max}.",
	}},
	{"too_long", {
		"Vastaus on liian pitkä (enintään {max} merkkiä).",
		"Svaret är för långt (högst {max} tecken).",
		"The answer is too long (at most {max} characters).",
		"Ответ слишком длинный (не более {max} символов).",
		"คำตอบยาวเกินไป (ไม่เกิน {max} ตัวอักษร)",
		"الإجابة طويلة جدًا (الحد الأقصى {max} حرفًا).",
		"Відповідь задовга (не більше {max} символів).",
		"Jawaabtu aad bay u dheer tahay (ugu badnaan {max} xaraf).",
	}},
	{"not_number", {
		"Kirjoita numero.",
		"Skriv ett tal.",
		"Please write a number.",
		"Введите число.",
		"กรุณาใส่ตัวเลข",
		"يرجى كتابة رقم.",
		"Введіть число.",
		"Fadlan qor tiro.",
	}},
	{"below_min", {
		"Luvun pitää olla vähintään {min}.",
		"Talet måste vara minst {min}.",
		"The number must be at least {min}.",
		"Число должно быть не меньше {min}.",
		"ตัวเลขต้องไม่น้อยกว่า {min}",
		"يجب ألا يقل الرقم عن {min}.",
		"Число має бути не менше {min}.",
		"Tiradu waa inay ahaataa ugu yaraan {min}.",
	}},
	{"above_max", {
		"Luku saa olla enintään {max}.",
		"Talet får vara högst {max}.",
		"The number must be at most {max}.",
		"Число должно быть не больше {max}.",
		"ตัวเลขต้องไม่เกิน {max}",
		"يجب ألا يزيد الرقم عن {max}.",
		"Число має бути не більше {max}.",
		"Tiradu waa inay ahaataa ugu badnaan {max}.",
	}},
	{"invalid_date", {
		"Kirjoita päivämäärä muodossa VVVV-KK-PP, esimerkiksi 2025-06-30.",
		"Skriv datumet i formen ÅÅÅÅ-MM-DD, till exempel 2025-06-30.",
		"Please write the date as YYYY-MM-DD, for example 2025-06-30.",
		"Введите дату в формате ГГГГ-ММ-ДД, например 2025-06-30.",
		"กรุณาใส่วันที่ในรูปแบบ ปี-เดือน-วัน เช่น 2025-06-30",
		"يرجى كتابة التاريخ بصيغة السنة-الشهر-اليوم، مثل 2025-06-30.",
		"Введіть дату у форматі РРРР-ММ-ДД, наприклад 2025-06-30.",
		"Fadlan u qor taariikhda sidan: sannad-bil-maalin, tusaale 2025-06-30.",
	}},
	{"invalid_yesno", {
		"Vastaa kyllä tai ei.",
		"Svara ja eller nej.",
		"Please answer yes or no.",
		"Ответьте «да» или «нет».",
		"กรุณาตอบว่า ใช่ หรือ ไม่ใช่",
		"يرجى الإجابة بنعم أو لا.",
		"Дайте відповідь «так» або «ні».",
		"Fadlan ku jawaab haa ama maya.",
	}},
	{"invalid_cefr", {
		"Valitse kielitaidon taso (A1–C2 tai äidinkieli).",
		"Välj en nivå (A1–C2 eller modersmål).",
		"Please choose a level (A1–C2 or mother tongue).",
		"Выберите уровень (A1–C2 или родной язык).",
		"กรุณาเลือกระดับ (A1–C2 หรือภาษาแม่)",
		"يرجى اختيار المستوى (من A1 إلى C2 أو اللغة الأم).",
		"Виберіть рівень (A1–C2 або рідна мова).",
		"Fadlan dooro heerka (A1–C2 ama luqadda hooyo).",
	}},
	{"invalid_language", {
		"Valitse kieli luettelosta.",
		"Välj ett språk i listan.",
		"Please choose a language from the list.",
		"Выберите язык из списка.",
		"กรุณาเลือกภาษาจากรายการ",
		"يرجى اختيار لغة من القائمة.",
		"Виберіть мову зі списку.",
		"Fadlan luqad ka dooro liiska.",
	}},
	{"invalid_country", {
		"Valitse maa luettelosta.",
		"Välj ett land i listan.",
		"Please choose a country from the list.",
		"Выберите страну из списка.",
		"กรุณาเลือกประเทศจากรายการ",
		"يرجى اختيار بلد من القائمة.",
		"Виберіть країну зі списку.",
		"Fadlan waddan ka dooro liiska.",
	}},
	{"invalid_esco", {
		"Valitse luettelosta tai kirjoita lyhyt kuvaus.",
		"Välj i listan eller skriv en kort beskrivning.",
		"Please choose from the list or write a short description.",
		"Выберите из списка или коротко опишите своими словами.",
		"กรุณาเลือกจากรายการ หรือเขียนอธิบายสั้น ๆ",
		"يرجى الاختيار من القائمة أو كتابة وصف قصير.",
		"Виберіть зі списку або коротко опишіть своїми словами.",
		"Fadlan ka dooro liiska ama qor sharaxaad gaaban.",
	}},
	{"invalid_email", {
		"Tarkista sähköpostiosoite.",
		"Kontrollera e-postadressen.",
		"Please check the email address.",
		"Проверьте адрес электронной почты.",
		"กรุณาตรวจสอบที่อยู่อีเมล",
		"يرجى التحقق من عنوان البريد الإلكتروني.",
		"Перевірте адресу електронної пошти.",
		"Fadlan hubi cinwaanka iimaylka.",
	}},
	{"invalid_phone", {
		"Tarkista puhelinnumero.",
		"Kontrollera telefonnumret.",
		"Please check the phone number.",
		"Проверьте номер телефона.",
		"กรุณาตรวจสอบหมายเลขโทรศัพท์",
		"يرجى التحقق من رقم الهاتف.",
		"Перевірте номер телефону.",
		"Fadlan hubi lambarka taleefanka.",
	}},
	{"invalid_value", {
		"Tarkista vastaus.",
		"Kontrollera svaret.",
		"Please check your answer.",
		"Проверьте ответ.",
		"กรุณาตรวจสอบคำตอบ",
		"يرجى التحقق من إجابتك.",
		"Перевірте відповідь.",
		"Fadlan hubi jawaabtaada.",
	}},
	{"unknown", {
		"Tätä kysymystä ei ole kyselyssä.",
		"Den här frågan finns inte i enkäten.",
		"This question is not part of the survey.",
		"Этого вопроса нет в анкете.",
		"คำถามนี้ไม่อยู่ในแบบสอบถาม",
		"هذا السؤال ليس جزءًا من الاستبيان.",
		"Цього запитання немає в анкеті.",
		"Su'aashani kama mid aha sahanka.",
	}},
	{"too_many_repeats", {
		"Voit lisätä enintään {max}.",
		"Du kan lägga till högst {max}.",
		"You can add at most {max}.",
		"Можно добавить не более {max}.",
		"เพิ่มได้ไม่เกิน {max} รายการ",
		"يمكنك إضافة {max} كحد أقصى.",
		"Можна додати не більше {max}.",
		"Waxaad ku dari kartaa ugu badnaan {max}.",
	}},
	{"consent", {
		"Lue suostumusteksti ja hyväksy se ennen kuin lähetät vastaukset.",
		"Läs texten om samtycke och godkänn den innan du skickar dina svar.",
		"Please read the consent text and accept it before sending your answers.",
		"Прочитайте текст согласия и подтвердите его, прежде чем отправить ответы.",
		"กรุณาอ่านข้อความขอความยินยอมและกดยอมรับก่อนส่งคำตอบ",
		"يرجى قراءة نص الموافقة وقبوله قبل إرسال إجاباتك.",
		"Прочитайте текст згоди та підтвердьте його, перш ніж надіслати відповіді.",
		"Fadlan akhri qoraalka oggolaanshaha oo aqbal ka hor intaadan dirin jawaabahaaga.",
	}},
	{"not_object", {
		"Vastauksia ei voitu lukea. Yritä uudelleen.",
		"Svaren kunde inte läsas. Försök igen.",
		"Your answers could not be read. Please try again.",
		"Не удалось прочитать ответы. Попробуйте ещё раз.",
		"ไม่สามารถอ่านคำตอบได้ กรุณาลองอีกครั้ง",
		"تعذّرت قراءة إجاباتك. يرجى المحاولة مرة أخرى.",
		"Не вдалося прочитати відповіді. Спробуйте ще раз.",
		"Jawaabahaaga lama akhriyi karin. Fadlan isku day mar kale.",
	}},
	/* Words a form shows beside yesno and cefr questions. */
	{"yes", {"Kyllä", "Ja", "Yes", "Да", "ใช่", "نعم", "Так", "Haa"}},
	{"no", {"Ei", "Nej", "No", "Нет", "ไม่ใช่", "لا", "Ні", "Maya"}},
	{"native", {"Äidinkieli", "Modersmål", "Mother tongue", "Родной язык", "ภาษาแม่", "اللغة الأم", "Рідна мова",
		    "Luqadda hooyo"}},
};

const char *survey_message(const char *lang, const char *code)
{
	size_t li = L_EN;
	for (size_t i = 0; lang && i < L_COUNT; i++)
		if (strcmp(langs[i], lang) == 0)
			li = i;
	size_t fallback = 0;
	for (size_t i = 0; i < sizeof catalogue / sizeof *catalogue; i++) {
		if (code && strcmp(catalogue[i].code, code) == 0)
			return catalogue[i].text[li];
		if (strcmp(catalogue[i].code, "invalid_value") == 0)
			fallback = i;
	}
	return catalogue[fallback].text[li]; /* an unknown code is a caller's bug; still say something useful */
}
