#!/usr/bin/python3
"""Writes common.txt, the list of words auth_password_check() refuses (src/auth/password.c), from the vocabulary
below: the base words of the most common passwords in public breach lists (as in the SecLists and "rockyou" top
lists), keyboard walks, Finnish, Swedish and English months, seasons, weekdays, names and everyday words. Offline, no
network. A password is refused when, lower-cased, with a/o for ä/ö/å and its digits, spaces and punctuation removed,
it is one of these words (Salasana123! -> salasana, Kesakuu2026 -> kesakuu) or it has no letters (123456789012).
Usage: data/passwords/generate.py > data/passwords/common.txt"""
import itertools

FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u"})

BREACH = """password passw0rd pass passwd qwerty qwertyuiop qwertyui qwertyu qwert asdf asdfgh asdfghjkl asdfghjk zxcvbnm
zxcvbn qazwsx qazwsxedc qweasd qweasdzxc zaq xsw zaqxsw wsx edc rfv qwe asd zxc abc abcd abcde abcdef abcdefg
abcdefgh abcdefghi abcdefghij abc letmein welcome welcome hello iloveyou loveyou love lovely admin administrator
root user guest test tester testing default changeme change secret secure login access master monkey dragon
football baseball basketball soccer hockey princess sunshine shadow superman batman spiderman starwars pokemon
whatever trustno freedom michael jennifer jordan hunter ranger buster thomas robert charlie daniel andrew joshua
matthew jessica ashley amanda michelle nicole pepper ginger maggie bailey cookie chocolate cheese summer winter
autumn spring flower tigger tiger lion killer hannah harley ferrari porsche mercedes corvette mustang yankees
cowboys eagles dallas chelsea liverpool arsenal barcelona united computer internet samsung apple google
facebook microsoft windows linux nothing qwerty azerty qwertz mypass mypassword password passwort motdepasse
contrasena senha parola wachtwoord haslo heslo jelszo lozinka sifre salasana salis salainen tunnus tunnussana
kayttaja kirjaudu vaihda vaihdaminen uusi vanha osaaja osaajat admin yllapito yllapitaja toimisto ohjaaja
kissa koira hevonen karhu susi kettu janis orava lintu kala mokki sauna kalja olut viina perkele saatana
suomi suomi finland finland helsinki espoo vantaa tampere turku oulu jyvaskyla kuopio lahti pori joensuu
lappeenranta hameenlinna vaasa rovaniemi kotka seinajoki mikkeli kokkola porvoo lohja hyvinkaa jarvenpaa
nokia iittala marimekko fazer hesburger koskenkorva lapinkulta karhu kolmonen huuhkaja leijona leijonat
jokerit hifk tappara karpat ilves lukko assat kalpa pelicans sport jypht kiekko jaakiekko jalkapallo
rakkaus rakas kulta kultsi muru mussukka pupu nalle nallekarhu enkeli prinsessa prinssi kuningas kuningatar
aurinko kuu tahti meri jarvi metsa kivi puu kukka ruusu lumi jaa sade tuuli pilvi taivas maa tuli vesi
koti perhe isi aiti aiti mummo vaari pappa poika tytto vauva lapsi ystava kaveri mies nainen
tyo tyopaikka koulu opettaja opiskelija lukio yliopisto ammattikoulu firma yritys toimi toimisto
hyva paras kiva mahtava ihana loistava onni onnellinen ilo elama maailma
abc qwe asd yxcvbnm asdfghjklo qwertyuiopa
lösenord losenord hemlig sommar vinter var host sverige stockholm goteborg malmo kaerlek karlek
""".split()

MONTHS = """tammikuu helmikuu maaliskuu huhtikuu toukokuu kesakuu heinakuu elokuu syyskuu lokakuu marraskuu joulukuu
tammi helmi maalis huhti touko kesa heina elo syys loka marras joulu
januari februari mars april maj juni juli augusti september oktober november december
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""".split()
SEASONS = """kevat kesa syksy talvi kevaalla kesalla syksylla talvella juhannus joulu paasiainen vappu uusivuosi
sommar vinter var host jul midsommar spring summer autumn fall winter christmas easter""".split()
DAYS = """maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai
mandag tisdag onsdag torsdag fredag lordag sondag monday tuesday wednesday thursday friday saturday sunday""".split()
NAMES = """juha matti mikko timo jari kari antti jukka markku pekka mika hannu heikki sami petri ville janne tuomas
ari jani marko teemu lauri eero aleksi jussi olli tapio risto seppo kalle oskari eetu elias leo onni eino veeti
anne tuula paivi riitta leena pirjo sari minna tiina marja hanna laura johanna elina maria anna emilia aino
helmi sofia ella olivia venla eveliina kaisa katja jenni kirsi heidi satu saara sanna susanna noora
james john robert michael william david richard joseph charles thomas mary patricia linda barbara elizabeth
jennifer susan jessica sarah karen nancy lisa emma olivia ava isabella sophia mia amelia harry jack oliver
erik lars anders johan karl per nils sven maria karin eva lena kerstin""".split()


def words():
    base = set()
    for w in BREACH + MONTHS + SEASONS + DAYS + NAMES:
        w = w.lower().translate(FOLD)
        w = "".join(c for c in w if c.isalpha())
        if len(w) >= 3:
            base.add(w)
    out = set(base)
    # two common words together (kesakuu + kissa are rare; season/month + word and word + word of the top list)
    top = [w for w in BREACH[:120] if len(w) >= 3] + [w.translate(FOLD) for w in SEASONS + MONTHS[:24]]
    for a, b in itertools.product(top, repeat=2):
        out.add(a + b)
    # keyboard walks of every length from 4, on fi/sv/en layouts
    for row in ["qwertyuiopa", "asdfghjklo", "zxcvbnm", "yxcvbnm", "qazwsxedcrfvtgbyhnujmikolp", "1qaz2wsx3edc"]:
        row = "".join(c for c in row if c.isalpha())
        for i in range(len(row)):
            for j in range(i + 4, len(row) + 1):
                out.add(row[i:j])
                out.add(row[i:j][::-1])
    return sorted(out)


if __name__ == "__main__":
    print("# words auth_password_check() refuses (src/auth/password.c); generated by generate.py; do not edit")
    for w in words():
        print(w)
