/* survey_ui: the respondent-facing texts of the public survey form in the survey languages (fi sv en ru th ar uk
 * so vi tl), plain language; the questions themselves come from the survey definition. */
#include <stdio.h>
#include <string.h>

#include "web/pages/survey_internal.h"

enum { L_FI, L_SV, L_EN, L_RU, L_TH, L_AR, L_UK, L_SO, L_VI, L_TL, L_COUNT };
static const char *const codes[L_COUNT] = {"fi", "sv", "en", "ru", "th", "ar", "uk", "so", "vi", "tl"};
static const char *const names[L_COUNT] = {"Suomi", "Svenska", "English", "Русский", "ไทย", "العربية", "Українська",
                                           "Soomaali", "Tiếng Việt", "Tagalog"};

static const struct {
	const char *key;
	const char *t[L_COUNT];
} texts[] = {
	{"language", {"Kieli", "Språk", "Language", "Язык", "ภาษา", "اللغة", "Мова", "Luqadda", "Ngôn ngữ", "Wika"}},
	{"choose_language", {"Valitse kieli", "Välj språk", "Choose your language", "Выберите язык", "เลือกภาษา",
	                     "اختر لغتك", "Оберіть мову", "Dooro luqaddaada",
	                     "Chọn ngôn ngữ của bạn", "Piliin ang iyong wika"}},
	{"change", {"Vaihda", "Byt", "Change", "Сменить", "เปลี่ยน", "تغيير", "Змінити", "Beddel", "Đổi", "Palitan"}},
	{"consent_title", {"Suostumus", "Samtycke", "Your consent", "Согласие", "ความยินยอม", "موافقتك", "Згода",
	                   "Oggolaanshahaaga", "Sự đồng ý của bạn", "Ang iyong pahintulot"}},
	{"consent_agree", {"Olen lukenut tämän ja hyväksyn sen", "Jag har läst detta och godkänner det",
	                   "I have read this and I agree", "Я прочитал(а) это и согласен(на)", "ฉันได้อ่านแล้วและยินยอม",
	                   "قرأت هذا وأوافق عليه", "Я прочитав(ла) це і погоджуюся", "Waan akhriyay oo waan oggolahay",
	                   "Tôi đã đọc nội dung này và tôi đồng ý", "Nabasa ko ito at pumapayag ako"}},
	{"consent_needed", {"Vahvista ensin, että hyväksyt.", "Bekräfta först att du godkänner.",
	                    "Please confirm that you agree before you start.", "Сначала подтвердите своё согласие.",
	                    "โปรดยืนยันว่าคุณยินยอมก่อนเริ่ม", "يرجى تأكيد موافقتك قبل البدء.",
	                    "Спочатку підтвердьте свою згоду.", "Fadlan xaqiiji inaad oggoshahay ka hor intaadan bilaabin.",
	                    "Vui lòng xác nhận rằng bạn đồng ý trước khi bắt đầu.",
	                    "Pakikumpirma na pumapayag ka bago magsimula."}},
	{"start", {"Aloita", "Börja", "Start", "Начать", "เริ่ม", "ابدأ", "Почати", "Bilow", "Bắt đầu", "Magsimula"}},
	{"next", {"Seuraava", "Nästa", "Next", "Далее", "ถัดไป", "التالي", "Далі", "Xiga", "Tiếp theo", "Susunod"}},
	{"back", {"Edellinen", "Föregående", "Back", "Назад", "ย้อนกลับ", "رجوع", "Назад", "Dib u noqo",
	          "Quay lại", "Bumalik"}},
	{"save", {"Tallenna ja jatka myöhemmin", "Spara och fortsätt senare", "Save and continue later",
	          "Сохранить и продолжить позже", "บันทึกแล้วทำต่อภายหลัง", "احفظ وأكمل لاحقًا",
	          "Зберегти й продовжити пізніше", "Kaydi oo sii wad mar dambe",
	          "Lưu và tiếp tục sau", "I-save at ituloy mamaya"}},
	{"check", {"Tarkista vastaukset", "Granska svaren", "Check your answers", "Проверьте ответы",
	           "ตรวจคำตอบของคุณ", "راجع إجاباتك", "Перевірте відповіді", "Hubi jawaabahaaga",
	           "Kiểm tra câu trả lời", "Suriin ang iyong mga sagot"}},
	{"submit", {"Lähetä vastaukset", "Skicka svaren", "Send my answers", "Отправить ответы", "ส่งคำตอบ",
	            "أرسل إجاباتي", "Надіслати відповіді", "Dir jawaabahayga",
	            "Gửi câu trả lời", "Ipadala ang aking mga sagot"}},
	{"step", {"Vaihe", "Steg", "Step", "Шаг", "ขั้นตอน", "الخطوة", "Крок", "Tallaabo", "Bước", "Hakbang"}},
	{"of", {"/", "/", "of", "из", "จาก", "من", "з", "ka mid ah", "/", "sa"}},
	{"progress", {"Edistyminen", "Framsteg", "Progress", "Прогресс", "ความคืบหน้า", "التقدم", "Прогрес", "Horumarka",
	              "Tiến độ", "Progreso"}},
	{"required", {"pakollinen", "obligatorisk", "required", "обязательно", "จำเป็น", "إلزامي", "обов'язково",
	              "waa khasab", "bắt buộc", "kailangan"}},
	{"has_errors", {"Tarkista alla merkityt vastaukset. Kaikki kirjoittamasi on tallessa.",
	                "Kontrollera svaren som är markerade nedan. Allt du har skrivit är sparat.",
	                "Please check the answers marked below. Everything you typed is kept.",
	                "Проверьте отмеченные ниже ответы. Всё, что вы ввели, сохранено.",
	                "โปรดตรวจคำตอบที่มีเครื่องหมายด้านล่าง ข้อมูลที่คุณพิมพ์ยังอยู่ครบ",
	                "يرجى مراجعة الإجابات المشار إليها أدناه. كل ما كتبته محفوظ.",
	                "Перевірте позначені нижче відповіді. Усе, що ви ввели, збережено.",
	                "Fadlan hubi jawaabaha hoos lagu calaamadeeyay. Wax kasta oo aad qortay waa la hayaa.",
	                "Vui lòng kiểm tra các câu trả lời được đánh dấu bên dưới. Mọi thứ bạn đã nhập vẫn được giữ lại.",
	                "Pakisuri ang mga sagot na may marka sa ibaba. Nakatago pa rin ang lahat ng iyong tinype."}},
	{"choose", {"Valitse…", "Välj…", "Choose…", "Выберите…", "เลือก…", "اختر…", "Оберіть…", "Dooro…",
	            "Chọn…", "Pumili…"}},
	{"search", {"Hae", "Sök", "Search", "Найти", "ค้นหา", "ابحث", "Шукати", "Raadi", "Tìm", "Hanapin"}},
	{"search_hint", {"Kirjoita sana ja paina Hae.", "Skriv ett ord och tryck på Sök.",
	                 "Type a word and press Search.", "Введите слово и нажмите «Найти».",
	                 "พิมพ์คำแล้วกด ค้นหา", "اكتب كلمة واضغط على ابحث.", "Введіть слово й натисніть «Шукати».",
	                 "Qor eray oo riix Raadi.",
	                 "Gõ một từ rồi nhấn Tìm.", "Mag-type ng salita at pindutin ang Hanapin."}},
	{"suggestions", {"Valitse lähin vaihtoehto", "Välj det närmaste alternativet", "Choose the closest match",
	                 "Выберите наиболее подходящий вариант", "เลือกตัวเลือกที่ใกล้เคียงที่สุด", "اختر الأقرب",
	                 "Оберіть найближчий варіант", "Dooro midka ugu dhow",
	                 "Chọn mục gần nhất", "Piliin ang pinakamalapit"}},
	{"no_suggestions", {"Ei ehdotuksia. Voit pitää oman tekstisi.", "Inga förslag. Du kan behålla din text.",
	                    "No suggestions. You can keep your own words.", "Нет вариантов. Можно оставить свой текст.",
	                    "ไม่พบคำแนะนำ คุณใช้ข้อความของคุณเองได้", "لا توجد اقتراحات. يمكنك الاحتفاظ بكلماتك.",
	                    "Немає варіантів. Можна залишити свій текст.", "Talo lama helin. Waad haysan kartaa erayadaada.",
	                    "Không có gợi ý. Bạn có thể giữ nguyên cách viết của mình.",
	                    "Walang mungkahi. Maaari mong panatilihin ang sarili mong salita."}},
	{"as_written", {"Pidä omin sanoin", "Behåll med egna ord", "Keep my own words", "Оставить моими словами",
	                "ใช้คำของฉันเอง", "احتفظ بكلماتي", "Залишити моїми словами", "Ku hay erayadayda",
	                "Giữ cách viết của tôi", "Panatilihin ang aking salita"}},
	{"none", {"Ei mikään näistä", "Ingen av dessa", "None of these", "Ничего из этого", "ไม่มีข้อใดตรง",
	          "لا شيء مما سبق", "Жодне з цих", "Midna", "Không có mục nào", "Wala sa mga ito"}},
	{"add_entry", {"Lisää toinen", "Lägg till en till", "Add another", "Добавить ещё", "เพิ่มอีก", "أضف آخر",
	               "Додати ще", "Ku dar mid kale", "Thêm mục khác", "Magdagdag pa"}},
	{"remove_entry", {"Poista", "Ta bort", "Remove", "Удалить", "ลบ", "احذف", "Видалити", "Ka saar",
	                  "Xóa", "Alisin"}},
	{"add_row", {"Lisää kieli", "Lägg till språk", "Add a language", "Добавить язык", "เพิ่มภาษา", "أضف لغة",
	             "Додати мову", "Ku dar luqad", "Thêm ngôn ngữ", "Magdagdag ng wika"}},
	{"level", {"Taso", "Nivå", "Level", "Уровень", "ระดับ", "المستوى", "Рівень", "Heerka", "Trình độ", "Antas"}},
	{"saved", {"Vastauksesi on tallennettu. Jatka myöhemmin avaamalla sama linkki tällä laitteella tai käytä tätä koodia:",
	           "Dina svar är sparade. Fortsätt senare genom att öppna samma länk på den här enheten, eller använd den här koden:",
	           "Your answers are saved. To continue later, open the same link on this device, or use this code:",
	           "Ваши ответы сохранены. Чтобы продолжить позже, откройте ту же ссылку на этом устройстве или используйте этот код:",
	           "บันทึกคำตอบแล้ว หากต้องการทำต่อภายหลัง ให้เปิดลิงก์เดิมบนอุปกรณ์นี้ หรือใช้รหัสนี้:",
	           "تم حفظ إجاباتك. للمتابعة لاحقًا افتح الرابط نفسه على هذا الجهاز أو استخدم هذا الرمز:",
	           "Ваші відповіді збережено. Щоб продовжити пізніше, відкрийте те саме посилання на цьому пристрої або скористайтеся цим кодом:",
	           "Jawaabahaaga waa la kaydiyay. Si aad mar dambe u sii wadato, ku fur isla linkiga qalabkan, ama isticmaal koodhkan:",
	           "Câu trả lời của bạn đã được lưu. Để tiếp tục sau, hãy mở lại cùng đường liên kết trên thiết bị này, hoặc dùng mã này:",
	           "Nai-save na ang iyong mga sagot. Para ituloy mamaya, buksan ang parehong link sa device na ito, o gamitin ang code na ito:"}},
	{"continue", {"Jatka", "Fortsätt", "Continue", "Продолжить", "ทำต่อ", "متابعة", "Продовжити", "Sii wad",
	              "Tiếp tục", "Ituloy"}},
	{"resume_have", {"Aloititko jo? Kirjoita koodisi", "Har du redan börjat? Skriv din kod",
	                 "Already started? Enter your code", "Уже начали? Введите код", "เคยเริ่มแล้ว? ใส่รหัสของคุณ",
	                 "هل بدأت من قبل؟ أدخل رمزك", "Уже почали? Введіть код", "Horey ma u bilowday? Geli koodhkaaga",
	                 "Bạn đã bắt đầu rồi? Nhập mã của bạn", "Nakapagsimula ka na? Ilagay ang iyong code"}},
	{"resume_code", {"Koodi", "Kod", "Code", "Код", "รหัส", "الرمز", "Код", "Koodh", "Mã", "Code"}},
	{"resume_wrong", {"Koodia ei löytynyt.", "Koden hittades inte.", "That code was not found.", "Код не найден.",
	                  "ไม่พบรหัสนี้", "لم يتم العثور على هذا الرمز.", "Код не знайдено.", "Koodhkaas lama helin.",
	                  "Không tìm thấy mã này.", "Hindi nahanap ang code na iyon."}},
	{"expired", {"Tämä linkki on vanhentunut. Pyydä ohjaajaltasi uusi linkki.",
	             "Den här länken har gått ut. Be din handledare om en ny länk.",
	             "This link has expired. Ask your counsellor for a new link.",
	             "Срок действия этой ссылки истёк. Попросите у консультанта новую ссылку.",
	             "ลิงก์นี้หมดอายุแล้ว โปรดขอลิงก์ใหม่จากเจ้าหน้าที่",
	             "انتهت صلاحية هذا الرابط. اطلب رابطًا جديدًا من المرشد.",
	             "Термін дії цього посилання минув. Попросіть у консультанта нове посилання.",
	             "Linkigan wuu dhacay. Lataliyahaaga ka codso link cusub.",
	             "Đường liên kết này đã hết hạn. Hãy xin cán bộ tư vấn của bạn một đường liên kết mới.",
	             "Expired na ang link na ito. Humingi ng bagong link sa iyong tagapayo."}},
	{"used", {"Tämä linkki on jo käytetty. Pyydä ohjaajaltasi uusi linkki.",
	          "Den här länken har redan använts. Be din handledare om en ny länk.",
	          "This link has already been used. Ask your counsellor for a new link.",
	          "Эта ссылка уже использована. Попросите у консультанта новую ссылку.",
	          "ลิงก์นี้ถูกใช้ไปแล้ว โปรดขอลิงก์ใหม่จากเจ้าหน้าที่",
	          "تم استخدام هذا الرابط بالفعل. اطلب رابطًا جديدًا من المرشد.",
	          "Це посилання вже використано. Попросіть у консультанта нове посилання.",
	          "Linkigan horey ayaa loo isticmaalay. Lataliyahaaga ka codso link cusub.",
	          "Đường liên kết này đã được sử dụng. Hãy xin cán bộ tư vấn của bạn một đường liên kết mới.",
	          "Nagamit na ang link na ito. Humingi ng bagong link sa iyong tagapayo."}},
	{"not_found", {"Tätä linkkiä ei löydy. Tarkista linkki tai pyydä ohjaajaltasi uusi.",
	               "Länken finns inte. Kontrollera länken eller be din handledare om en ny.",
	               "This link does not exist. Check the link or ask your counsellor for a new one.",
	               "Такой ссылки нет. Проверьте ссылку или попросите у консультанта новую.",
	               "ไม่พบลิงก์นี้ โปรดตรวจสอบลิงก์หรือขอลิงก์ใหม่จากเจ้าหน้าที่",
	               "هذا الرابط غير موجود. تحقق من الرابط أو اطلب رابطًا جديدًا من المرشد.",
	               "Такого посилання немає. Перевірте посилання або попросіть у консультанта нове.",
	               "Linkigan ma jiro. Hubi linkiga ama lataliyahaaga ka codso mid cusub.",
	               "Đường liên kết này không tồn tại. Hãy kiểm tra lại hoặc xin cán bộ tư vấn của bạn một đường liên kết mới.",
	               "Walang ganitong link. Suriin ang link o humingi ng bago sa iyong tagapayo."}},
	{"expired_title", {"Linkki ei ole voimassa", "Länken gäller inte", "This link is not valid", "Ссылка недействительна",
	                   "ลิงก์ใช้ไม่ได้", "الرابط غير صالح", "Посилання недійсне", "Linkigu ma shaqeynayo",
	                   "Đường liên kết không còn hiệu lực", "Hindi na balido ang link na ito"}},
	{"thanks_title", {"Kiitos!", "Tack!", "Thank you!", "Спасибо!", "ขอบคุณ!", "شكرًا لك!", "Дякуємо!",
	                  "Mahadsanid!", "Cảm ơn bạn!", "Salamat!"}},
	{"thanks", {"Vastauksesi on lähetetty. Ohjaaja käy ne läpi kanssasi.",
	            "Dina svar har skickats. En handledare går igenom dem med dig.",
	            "Your answers have been sent. A counsellor will go through them with you.",
	            "Ваши ответы отправлены. Консультант обсудит их с вами.",
	            "ส่งคำตอบของคุณแล้ว เจ้าหน้าที่จะทบทวนคำตอบร่วมกับคุณ",
	            "تم إرسال إجاباتك. سيراجعها المرشد معك.",
	            "Ваші відповіді надіслано. Консультант обговорить їх з вами.",
	            "Jawaabahaaga waa la diray. Lataliye ayaa kula eegi doona.",
	            "Câu trả lời của bạn đã được gửi. Một cán bộ tư vấn sẽ cùng bạn xem lại.",
	            "Naipadala na ang iyong mga sagot. Susuriin ito ng isang tagapayo kasama mo."}},
	{"copy_html", {"Lataa kopio vastauksistasi", "Ladda ner en kopia av dina svar", "Download a copy of your answers",
	               "Скачать копию ответов", "ดาวน์โหลดสำเนาคำตอบ", "نزّل نسخة من إجاباتك", "Завантажити копію відповідей",
	               "Soo dejiso nuqul jawaabahaaga ah",
	               "Tải về bản sao câu trả lời của bạn", "I-download ang kopya ng iyong mga sagot"}},
	{"copy_json", {"(JSON-tiedosto)", "(JSON-fil)", "(JSON file)", "(файл JSON)", "(ไฟล์ JSON)", "(ملف JSON)",
	               "(файл JSON)", "(fayl JSON)", "(tệp JSON)", "(JSON file)"}},
	{"your_answers", {"Vastauksesi", "Dina svar", "Your answers", "Ваши ответы", "คำตอบของคุณ", "إجاباتك",
	                  "Ваші відповіді", "Jawaabahaaga", "Câu trả lời của bạn", "Ang iyong mga sagot"}},
	{"no_answer", {"ei vastausta", "inget svar", "no answer", "нет ответа", "ไม่ได้ตอบ", "لا توجد إجابة",
	               "немає відповіді", "jawaab ma jirto", "không có câu trả lời", "walang sagot"}},
	{"edit", {"Muuta", "Ändra", "Change", "Изменить", "แก้ไข", "تعديل", "Змінити", "Beddel", "Sửa", "Baguhin"}},
	{"entry", {"Kohta", "Post", "Item", "Пункт", "รายการ", "البند", "Пункт", "Qodob", "Mục", "Item"}},
	{"form_expired", {"Lomake on vanhentunut. Avaa linkki uudelleen.", "Formuläret har gått ut. Öppna länken igen.",
	                  "This form has expired. Please open the link again.", "Форма устарела. Откройте ссылку ещё раз.",
	                  "แบบฟอร์มหมดอายุ โปรดเปิดลิงก์อีกครั้ง", "انتهت صلاحية النموذج. افتح الرابط مرة أخرى.",
	                  "Форма застаріла. Відкрийте посилання ще раз.", "Foomku wuu dhacay. Mar kale fur linkiga.",
	                  "Biểu mẫu này đã hết hạn. Vui lòng mở lại đường liên kết.",
	                  "Expired na ang form na ito. Pakibuksan muli ang link."}},
	{"yes", {"Kyllä", "Ja", "Yes", "Да", "ใช่", "نعم", "Так", "Haa", "Có", "Oo"}},
	{"no", {"Ei", "Nej", "No", "Нет", "ไม่ใช่", "لا", "Ні", "Maya", "Không", "Hindi"}},
};

static int lang_index(const char *lang)
{
	for (int i = 0; lang && i < L_COUNT; i++)
		if (strcmp(lang, codes[i]) == 0)
			return i;
	return -1;
}

const char *survey_ui(const char *lang, const char *key)
{
	int l = lang_index(lang);
	if (l < 0)
		l = L_EN;
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (strcmp(texts[i].key, key) == 0)
			return texts[i].t[l];
	return key;
}

bool survey_ui_rtl(const char *lang)
{
	return lang && (strcmp(lang, "ar") == 0 || strcmp(lang, "fa") == 0 || strcmp(lang, "he") == 0 ||
	                strcmp(lang, "ur") == 0 || strcmp(lang, "ps") == 0);
}

const char *survey_ui_lang_name(const char *lang)
{
	int l = lang_index(lang);
	return l < 0 ? lang : names[l];
}

const char *survey_ui_beside(const char *lang)
{
	return lang && strcmp(lang, "fi") == 0 ? "en" : "fi";
}

const char *const survey_ui_langs[] = {"fi", "sv", "en", "ar", "so", "ru", "uk", "et", "fa", "ps", "ku", "ti", "am",
                                       "th", "vi", "zh", "tl", "es", "fr", "de", "pt", "pl", "ro", "bg", "lv", "lt",
                                       "tr", "hi", "ur", "bn", "ne", "my", "ta", "sq", "bs", "hr", "sr", "sw", "id",
                                       "uz", "ky", "tg", "km", "lo", "ms", NULL};

void survey_ui_code_name(const char *code, bool country, const char *lang, char *out, size_t n)
{
	char loc[16];
	snprintf(loc, sizeof loc, country ? "und_%.3s" : "%.3s", code);
	page_icu_name(loc, country, lang, code, out, n);
}
