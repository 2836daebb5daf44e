"""Dates in French, Finnish, Spanish, Italian and Dutch: sentences as an editor meets them in
letters, newspapers and books, each with its exact ISO value; numbers that are not dates; the
year inference with a dated letter; and ``encode`` on a short text in each language."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from teiedition.entities.dates import LANGUAGES, find_dates, parse_date, supports

LETTER = datetime.date(1937, 11, 2)
TEI = "{http://www.tei-c.org/ns/1.0}"


def found(text: str, lang: str, anchor: datetime.date | None = None
          ) -> list[tuple[str, dict[str, str]]]:
    return [(text[m.start:m.end], dict(m.attrs())) for m in find_dates(text, lang, anchor)]


def when(value: str) -> dict[str, str]:
    return {"when": value}


def span(a: str, b: str) -> dict[str, str]:
    return {"from": a, "to": b}


FRENCH = [
    # day + month + year, with the article, ordinal 1er, weekdays and abbreviations
    ("Paris, le 2 novembre 1937.", [("2 novembre 1937", when("1937-11-02"))]),
    ("Le 1er mai 1937, les ouvriers défilèrent dans Paris.",
     [("1er mai 1937", when("1937-05-01"))]),
    ("La séance fut ouverte lundi 3 mai 1937 à dix heures.",
     [("lundi 3 mai 1937", when("1937-05-03"))]),
    ("Mardi, 2 novembre 1937. Cher camarade,", [("Mardi, 2 novembre 1937", when("1937-11-02"))]),
    ("Reçu votre lettre du 12 janv. 1938 hier soir.", [("12 janv. 1938", when("1938-01-12"))]),
    ("Il écrivit le 14 févr. 1936 à sa sœur.", [("14 févr. 1936", when("1936-02-14"))]),
    ("Le vingt-deux juin 1941, l'Allemagne attaqua l'Union soviétique.",
     [("vingt-deux juin 1941", when("1941-06-22"))]),
    ("Fait à Genève, le trente et un décembre 1937.",
     [("trente et un décembre 1937", when("1937-12-31"))]),
    ("Le curé mourut le 2 9bre 1790 dans sa paroisse.", [("2 9bre 1790", when("1790-11-02"))]),
    ("Le 14 juillet 1789 la Bastille fut prise.", [("14 juillet 1789", when("1789-07-14"))]),
    # month + year, month alone after a cue, day + month
    ("Il arriva à Moscou en août 1936.", [("août 1936", when("1936-08"))]),
    ("Les décisions du plénum d'avril restèrent secrètes.", [("avril", when("--04"))]),
    ("Il partit en mars et revint le deux novembre.",
     [("mars", when("--03")), ("deux novembre", when("--11-02"))]),
    ("À la mi-mai, le comité se réunit.", [("mai", when("--05"))]),
    ("Le numéro de décembre 1934 fut saisi.", [("décembre 1934", when("1934-12"))]),
    # ranges
    ("Le congrès siégea du 3 au 5 mars 1937 à Bruxelles.",
     [("3 au 5 mars 1937", span("1937-03-03", "1937-03-05"))]),
    ("Du 3 mars au 5 avril 1937 il resta à Moscou.",
     [("3 mars au 5 avril 1937", span("1937-03-03", "1937-04-05"))]),
    ("D'avril à juin 1937 il fut malade.", [("avril à juin 1937", span("1937-04", "1937-06"))]),
    ("Le journal parut de 1929 à 1940.", [("1929 à 1940", span("1929", "1940"))]),
    ("Entre 1929 et 1940, le parti grandit.", [("1929 et 1940", span("1929", "1940"))]),
    ("La guerre de 1914-1918 changea tout.", [("1914-1918", span("1914", "1918"))]),
    # numeric and years alone
    ("Lettre datée du 25/12/1931, reçue tard.", [("25/12/1931", when("1931-12-25"))]),
    ("Acte du 3-1-1940, enregistré à Lyon.", [("3-1-1940", when("1940-01-03"))]),
    ("Il naquit en 1879 à Bordeaux.", [("1879", when("1879"))]),
    ("Depuis 1929, il vivait en exil.", [("1929", when("1929"))]),
    ("La constitution de 1936.", [("1936", when("1936"))]),
    ("Dans les années 1930 la crise frappa l'Europe.",
     [("années 1930", span("1930", "1939"))]),
    ("Dans les années trente, la crise frappa.", [("années trente", span("1930", "1939"))]),
    ("Pendant les années quatre-vingt-dix, tout changea.",
     [("années quatre-vingt-dix", span("1990", "1999"))]),
    # not dates: amounts, times, pages, numbers, the planet, impossible days
    ("Il y a trente années de cela.", []),
    ("Il paya 1937 francs pour 300 exemplaires.", []),
    ("Rendez-vous à 21 h 30, page 1937, n° 12.", []),
    ("La manifestation réunit 1500 ouvriers et 1937 personnes.", []),
    ("La planète Mars est rouge ce soir.", []),
    ("Il y avait 2 mai\u00adsons au bord du canal.", []),  # a soft hyphen inside maisons
    ("Il mourut le 30 février 1937.", []),
    ("Le train de 17 h 15 arriva avec 1937 voyageurs.", []),
]

FINNISH = [
    # day + month (partitive) + year; päivänä / p:nä; genitive month first; weekday in essive
    ("Helsingissä 2. marraskuuta 1937.", [("2. marraskuuta 1937", when("1937-11-02"))]),
    ("Kokous pidettiin 14. helmikuuta 1956 Tampereella.",
     [("14. helmikuuta 1956", when("1956-02-14"))]),
    ("Helsingissä 2 päivänä marraskuuta 1937.",
     [("2 päivänä marraskuuta 1937", when("1937-11-02"))]),
    ("Turussa 6 p:nä joulukuuta 1917.", [("6 p:nä joulukuuta 1917", when("1917-12-06"))]),
    ("Annettu Helsingissä marraskuun 2. päivänä 1937.",
     [("marraskuun 2. päivänä 1937", when("1937-11-02"))]),
    ("Maanantaina 2. marraskuuta 1937 hän kirjoitti kirjeen.",
     [("Maanantaina 2. marraskuuta 1937", when("1937-11-02"))]),
    ("Kirje 12. helmik. 1938 saapui myöhään.", [("12. helmik. 1938", when("1938-02-12"))]),
    ("Suomi julistautui itsenäiseksi 6. joulukuuta 1917.",
     [("6. joulukuuta 1917", when("1917-12-06"))]),
    # numeric d.m.yyyy and its ranges
    ("Kirje on päivätty 2.11.1937.", [("2.11.1937", when("1937-11-02"))]),
    ("Kirje on päivätty 2.XI.1937.", [("2.XI.1937", when("1937-11-02"))]),
    ("Puoluekokous pidettiin 3.–5.3.1937 Turussa.",
     [("3.–5.3.1937", span("1937-03-03", "1937-03-05"))]),
    ("Lakko kesti 3.3.–5.4.1937 koko maassa.",
     [("3.3.–5.4.1937", span("1937-03-03", "1937-04-05"))]),
    ("Maaliskuun 3.–5. päivänä 1937 pidettiin kokous.",
     [("Maaliskuun 3.–5. päivänä 1937", span("1937-03-03", "1937-03-05"))]),
    ("Toukokuun 1. päivä 1937 oli kaunis.", [("Toukokuun 1. päivä 1937", when("1937-05-01"))]),
    ("Lakko kesti 3.–5. maaliskuuta 1937.",
     [("3.–5. maaliskuuta 1937", span("1937-03-03", "1937-03-05"))]),
    # month + year (inessive, nominative heading), month alone in a locative case
    ("Hän saapui Moskovaan elokuussa 1936.", [("elokuussa 1936", when("1936-08"))]),
    ("Marraskuu 1937", [("Marraskuu 1937", when("1937-11"))]),
    ("Huhtikuussa pidetty täysistunto päätti asiasta.", [("Huhtikuussa", when("--04"))]),
    ("Toukokuun alussa lakko alkoi.", [("Toukokuun", when("--05"))]),
    ("Hän palasi vuoden 1937 marraskuun lopulla.",
     [("1937", when("1937")), ("marraskuun", {"when": "1937-11", "cert": "high"})]),
    ("Lehti ilmestyi syyskuusta joulukuuhun 1934.",
     [("syyskuusta", when("--09")), ("joulukuuhun 1934", when("1934-12"))]),
    ("Ensimmäisenä toukokuuta marssittiin kaduilla.",
     [("Ensimmäisenä toukokuuta", when("--05-01"))]),
    # years, ranges of years, decades and centuries
    ("Lehti ilmestyi vuosina 1929–1940.", [("1929–1940", span("1929", "1940"))]),
    ("Lehti ilmestyi vuodesta 1929 vuoteen 1940.",
     [("1929 vuoteen 1940", span("1929", "1940"))]),
    ("Vuonna 1919 perustettiin puolue.", [("1919", when("1919"))]),
    ("Hän syntyi 1879 Viipurissa.", [("1879", when("1879"))]),
    ("Työttömyys kasvoi 1930-luvulla nopeasti.", [("1930-luvulla", span("1930", "1939"))]),
    ("1800-luvulla kaupunki kasvoi.", [("1800-luvulla", span("1800", "1899"))]),
    # not dates
    ("Hän maksoi 1937 markkaa ja osti 300 kappaletta.", []),
    ("Juna lähti klo 21.30 ja saapui 22.15.", []),
    ("Katso sivu 1937 ja numero 12.", []),
    ("Marraskuun kokous oli myrskyisä.", []),
    ("Hän kuoli 30. helmikuuta 1937.", []),
    ("Mielenosoitukseen osallistui 1937 henkeä.", []),
]

SPANISH = [
    ("Madrid, 2 de noviembre de 1937.", [("2 de noviembre de 1937", when("1937-11-02"))]),
    ("El 1.º de mayo de 1937 los obreros desfilaron.",
     [("1.º de mayo de 1937", when("1937-05-01"))]),
    ("El 1º de mayo de 1886 comenzó la huelga en Chicago.",
     [("1º de mayo de 1886", when("1886-05-01"))]),
    ("Martes 2 de noviembre de 1937, se abrió la sesión.",
     [("Martes 2 de noviembre de 1937", when("1937-11-02"))]),
    ("México, 1ro de mayo de 1938.", [("1ro de mayo de 1938", when("1938-05-01"))]),
    ("El dos de mayo de 1808 el pueblo se levantó.",
     [("dos de mayo de 1808", when("1808-05-02"))]),
    ("Barcelona, 19 de julio 1936.", [("19 de julio 1936", when("1936-07-19"))]),
    ("Recibí su carta del 3 de dic. de 1937.", [("3 de dic. de 1937", when("1937-12-03"))]),
    ("Llegó a Valencia en agosto de 1936.", [("agosto de 1936", when("1936-08"))]),
    ("Se levantó el dos de mayo.", [("dos de mayo", when("--05-02"))]),
    ("Las jornadas de mayo sorprendieron a todos; en mayo nadie dormía.",
     [("mayo", when("--05"))]),
    ("El congreso se celebró del 3 al 5 de marzo de 1937 en Valencia.",
     [("3 al 5 de marzo de 1937", span("1937-03-03", "1937-03-05"))]),
    ("Del 3 de marzo al 5 de abril de 1937 estuvo en Moscú.",
     [("3 de marzo al 5 de abril de 1937", span("1937-03-03", "1937-04-05"))]),
    ("El periódico apareció entre 1929 y 1940.", [("1929 y 1940", span("1929", "1940"))]),
    ("Carta del 25/12/1931.", [("25/12/1931", when("1931-12-25"))]),
    ("Desde 1929 vivió en el exilio.", [("1929", when("1929"))]),
    ("En los años 30 la crisis golpeó al país.", [("años 30", span("1930", "1939"))]),
    ("En la década de los cuarenta hubo hambre.",
     [("década de los cuarenta", span("1940", "1949"))]),
    ("Tenía treinta años cuando llegó.", []),
    ("Pagó 1937 pesetas por 300 ejemplares.", []),
    ("A las 21.30 horas, página 1937.", []),
    ("El mar estaba tranquilo.", []),
    ("En 1500 casos murieron 1937 personas.", []),
]

ITALIAN = [
    ("Roma, 2 novembre 1937.", [("2 novembre 1937", when("1937-11-02"))]),
    ("Roma, 2.XI.1937.", [("2.XI.1937", when("1937-11-02"))]),
    ("Lettera del 2-XI-1937, ricevuta ieri.", [("2-XI-1937", when("1937-11-02"))]),
    ("Firenze, 15 IV 1938.", [("15 IV 1938", when("1938-04-15"))]),
    ("Luigi XIV regnò dal 1643.", [("1643", when("1643"))]),
    ("Il 1° maggio 1937 gli operai sfilarono.", [("1° maggio 1937", when("1937-05-01"))]),
    ("Martedì 2 novembre 1937 si aprì la seduta.",
     [("Martedì 2 novembre 1937", when("1937-11-02"))]),
    ("Il 28 ottobre 1922 i fascisti marciarono su Roma.",
     [("28 ottobre 1922", when("1922-10-28"))]),
    ("Lettera del 3 genn. 1938, ricevuta il 10.", [("3 genn. 1938", when("1938-01-03"))]),
    ("Il congresso si tenne dal 3 al 5 marzo 1937 a Bruxelles.",
     [("3 al 5 marzo 1937", span("1937-03-03", "1937-03-05"))]),
    ("Dall'8 al 10 marzo 1937 rimase a Mosca.",
     [("8 al 10 marzo 1937", span("1937-03-08", "1937-03-10"))]),
    ("Il giornale uscì tra il 1929 e il 1940.", [("1929 e il 1940", span("1929", "1940"))]),
    ("Arrivò nell'agosto del 1936.", [("agosto del 1936", when("1936-08"))]),
    ("Nel 1919 fu fondato il partito.", [("1919", when("1919"))]),
    ("Nel 1937 per la prima volta parlò in pubblico.", [("1937", when("1937"))]),
    ("Negli anni '30 la crisi colpì l'Europa.", [("anni '30", span("1930", "1939"))]),
    ("Negli anni Trenta la crisi colpì l'Europa.", [("anni Trenta", span("1930", "1939"))]),
    ("Aveva trenta anni quando partì.", []),
    ("Il primo maggio si sfila; il tre marzo parlò.",
     [("primo maggio", when("--05-01")), ("tre marzo", when("--03-03"))]),
    ("A maggio tornò a Torino.", [("maggio", when("--05"))]),
    ("Lettera del 25/12/1931.", [("25/12/1931", when("1931-12-25"))]),
    ("Pagò 1937 lire per 300 copie.", []),
    ("Alle ore 21.30, pagina 1937.", []),
    ("Vinse il primo set 6-3.", []),
]

DUTCH = [
    ("Amsterdam, 2 november 1937.", [("2 november 1937", when("1937-11-02"))]),
    ("Op 1 mei 1937 marcheerden de arbeiders.", [("1 mei 1937", when("1937-05-01"))]),
    ("Dinsdag 2 november 1937 werd de zitting geopend.",
     [("Dinsdag 2 november 1937", when("1937-11-02"))]),
    ("Den Haag, 3 mrt. 1938.", [("3 mrt. 1938", when("1938-03-03"))]),
    ("Op 10 mei 1940 vielen de Duitsers binnen.", [("10 mei 1940", when("1940-05-10"))]),
    ("'s-Gravenhage, den 2den November 1937.", [("2den November 1937", when("1937-11-02"))]),
    ("Het congres vond plaats van 3 tot 5 maart 1937 in Brussel.",
     [("3 tot 5 maart 1937", span("1937-03-03", "1937-03-05"))]),
    ("De krant verscheen van 1929 tot 1940.", [("1929 tot 1940", span("1929", "1940"))]),
    ("Hij kwam in augustus 1936 aan.", [("augustus 1936", when("1936-08"))]),
    ("In 1919 werd de partij opgericht.", [("1919", when("1919"))]),
    ("In de jaren 1930 sloeg de crisis toe.", [("jaren 1930", span("1930", "1939"))]),
    ("In de jaren dertig sloeg de crisis toe.", [("jaren dertig", span("1930", "1939"))]),
    ("Hij was dertig jaren lid van de partij.", []),
    ("Op de eerste mei wordt er gemarcheerd.", [("eerste mei", when("--05-01"))]),
    ("Begin maart vertrok hij naar Parijs.", [("maart", when("--03"))]),
    ("Brief van 25-12-1931 aan de redactie.", [("25-12-1931", when("1931-12-25"))]),
    ("Hij betaalde 1937 gulden voor 300 exemplaren.", []),
    ("Om 21.30 uur, bladzijde 1937.", []),
    ("Er kwamen 1937 mensen naar de vergadering.", []),
]

CASES = {"fr": FRENCH, "fi": FINNISH, "es": SPANISH, "it": ITALIAN, "nl": DUTCH}


@pytest.mark.parametrize(("lang", "sentence", "expected"),
                         [(lang, s, e) for lang, cases in CASES.items() for s, e in cases])
def test_written_sentences(lang: str, sentence: str, expected: list) -> None:
    assert found(sentence, lang) == expected


# Two further sets written after the grammars, before any tuning on them (97 of 98 right
# then; the Dutch cue 'halverwege' was added after): letters, registers, headings in capitals,
# dates broken over a line end, and traps (Mars the god, mai the flower month).
HELD_OUT = [
    ('fr', 'Genève, ce 15 avril 1938.', [('15 avril 1938', when('1938-04-15'))]),
    ('fr', 'Nous avons reçu le 3 courant votre envoi du 28 février.',
     [('28 février', when('--02-28'))]),
    ('fr', 'La conférence de Zimmerwald (5-8 septembre 1915) réunit 38 délégués.',
     [('5-8 septembre 1915', span('1915-09-05', '1915-09-08'))]),
    ('fr', "Le samedi 6 février 1934, l'émeute gronda place de la Concorde.",
     [('samedi 6 février 1934', when('1934-02-06'))]),
    ('fr', 'Il fut condamné à 5 ans de prison en octobre 1936.',
     [('octobre 1936', when('1936-10'))]),
    ('fr', 'Le manifeste, daté du 1er septembre 1939, fut saisi.',
     [('1er septembre 1939', when('1939-09-01'))]),
    ('fr', "Pendant l'hiver 1941-1942, la famine sévit.", [('1941-1942', span('1941', '1942'))]),
    ('fr', 'Le tirage atteignit 12 000 exemplaires au numéro 45.', []),
    ('fr', 'Réunion jeudi à 20 h 30, salle 12, 3e étage.', []),
    ('fr', 'Né à Lyon le 12 déc. 1890, il mourut en 1962.',
     [('12 déc. 1890', when('1890-12-12')), ('1962', when('1962'))]),
    ('fr', 'Au cours des années 1920, le parti se bolchevisa.',
     [('années 1920', span('1920', '1929'))]),
    ('fr', 'La lettre du 30 juin au 2 juillet 1937 manque.',
     [('30 juin au 2 juillet 1937', span('1937-06-30', '1937-07-02'))]),
    ('fi', 'Tampereella 15. huhtikuuta 1938.', [('15. huhtikuuta 1938', when('1938-04-15'))]),
    ('fi', 'Zimmerwaldin konferenssi (5.–8.9.1915) kokosi 38 edustajaa.',
     [('5.–8.9.1915', span('1915-09-05', '1915-09-08'))]),
    ('fi', 'Lauantaina 6. helmikuuta 1934 Pariisissa mellakoitiin.',
     [('Lauantaina 6. helmikuuta 1934', when('1934-02-06'))]),
    ('fi', 'Hänet tuomittiin viideksi vuodeksi lokakuussa 1936.',
     [('lokakuussa 1936', when('1936-10'))]),
    ('fi', 'Julistus on päivätty 1.9.1939.', [('1.9.1939', when('1939-09-01'))]),
    ('fi', 'Talvella 1941–1942 nälkä oli kova.', [('1941–1942', span('1941', '1942'))]),
    ('fi', 'Painos oli 12 000 kappaletta ja numero 45.', []),
    ('fi', 'Kokous torstaina klo 19.30 huoneessa 12.', []),
    ('fi', 'Hän syntyi Oulussa 12. jouluk. 1890 ja kuoli 1962.',
     [('12. jouluk. 1890', when('1890-12-12')), ('1962', when('1962'))]),
    ('fi', 'Kesäkuusta 1918 lähtien hän asui Tukholmassa.', [('Kesäkuusta 1918', when('1918-06'))]),
    ('fi', 'Kirje on kirjoitettu 30.6.–2.7.1937 välisenä aikana.',
     [('30.6.–2.7.1937', span('1937-06-30', '1937-07-02'))]),
    ('fi', 'Helmikuun vallankumous alkoi 8. maaliskuuta 1917.',
     [('8. maaliskuuta 1917', when('1917-03-08'))]),
    ('es', 'Barcelona, 15 de abril de 1938.', [('15 de abril de 1938', when('1938-04-15'))]),
    ('es', 'La conferencia de Zimmerwald (5-8 de septiembre de 1915) reunió a 38 delegados.',
     [('5-8 de septiembre de 1915', span('1915-09-05', '1915-09-08'))]),
    ('es', 'El sábado 6 de febrero de 1934 hubo disturbios en París.',
     [('sábado 6 de febrero de 1934', when('1934-02-06'))]),
    ('es', 'Fue condenado a 5 años de cárcel en octubre de 1936.',
     [('octubre de 1936', when('1936-10'))]),
    ('es', 'El manifiesto, fechado el 1 de septiembre de 1939, fue confiscado.',
     [('1 de septiembre de 1939', when('1939-09-01'))]),
    ('es', 'Durante el invierno de 1941 a 1942 hubo hambre.',
     [('1941 a 1942', span('1941', '1942'))]),
    ('es', 'La tirada alcanzó 12.000 ejemplares en el número 45.', []),
    ('es', 'Reunión el jueves a las 20.30 en la sala 12.', []),
    ('es', 'Nació en Sevilla el 12 de dic. de 1890 y murió en 1962.',
     [('12 de dic. de 1890', when('1890-12-12')), ('1962', when('1962'))]),
    ('es', 'Desde junio de 1918 vivía en México.', [('junio de 1918', when('1918-06'))]),
    ('es', 'El 18 de julio estalló la sublevación.', [('18 de julio', when('--07-18'))]),
    ('it', 'Milano, 15 aprile 1938.', [('15 aprile 1938', when('1938-04-15'))]),
    ('it', 'La conferenza di Zimmerwald (5-8 settembre 1915) riunì 38 delegati.',
     [('5-8 settembre 1915', span('1915-09-05', '1915-09-08'))]),
    ('it', 'Sabato 6 febbraio 1934 vi furono tumulti a Parigi.',
     [('Sabato 6 febbraio 1934', when('1934-02-06'))]),
    ('it', "Fu condannato a 5 anni di carcere nell'ottobre 1936.",
     [('ottobre 1936', when('1936-10'))]),
    ('it', 'Il manifesto, datato 1° settembre 1939, fu sequestrato.',
     [('1° settembre 1939', when('1939-09-01'))]),
    ('it', "Durante l'inverno 1941-1942 ci fu la fame.", [('1941-1942', span('1941', '1942'))]),
    ('it', 'La tiratura raggiunse 12.000 copie al numero 45.', []),
    ('it', 'Riunione giovedì alle 20.30 nella sala 12.', []),
    ('it', 'Nato a Napoli il 12 dic. 1890, morì nel 1962.',
     [('12 dic. 1890', when('1890-12-12')), ('1962', when('1962'))]),
    ('it', 'Dal giugno 1918 viveva in Svizzera.', [('giugno 1918', when('1918-06'))]),
    ('it', 'Il 28 ottobre cominciò la marcia.', [('28 ottobre', when('--10-28'))]),
    ('nl', 'Rotterdam, 15 april 1938.', [('15 april 1938', when('1938-04-15'))]),
    ('nl', 'De conferentie van Zimmerwald (5-8 september 1915) bracht 38 afgevaardigden samen.',
     [('5-8 september 1915', span('1915-09-05', '1915-09-08'))]),
    ('nl', 'Zaterdag 6 februari 1934 waren er rellen in Parijs.',
     [('Zaterdag 6 februari 1934', when('1934-02-06'))]),
    ('nl', 'Hij werd in oktober 1936 tot 5 jaar veroordeeld.', [('oktober 1936', when('1936-10'))]),
    ('nl', 'Het manifest, gedateerd 1 september 1939, werd in beslag genomen.',
     [('1 september 1939', when('1939-09-01'))]),
    ('nl', 'In de winter van 1941 op 1942 heerste honger.',
     [('1941 op 1942', span('1941', '1942'))]),
    ('nl', 'De oplage bereikte 12.000 exemplaren bij nummer 45.', []),
    ('nl', 'Vergadering donderdag om 20.30 uur in zaal 12.', []),
    ('nl', 'Geboren te Leiden op 12 dec. 1890, overleden in 1962.',
     [('12 dec. 1890', when('1890-12-12')), ('1962', when('1962'))]),
    ('nl', 'Sinds juni 1918 woonde hij in Londen.', [('juni 1918', when('1918-06'))]),
    ('nl', 'Op 10 mei vielen de Duitsers binnen.', [('10 mei', when('--05-10'))]),
    ('fr', 'Écrit à bord, ce 2\nnovembre 1937.', [('2\nnovembre 1937', when('1937-11-02'))]),
    ('fr', 'PARIS, LE 14 JUILLET 1935', [('14 JUILLET 1935', when('1935-07-14'))]),
    ('fr', 'Le mois de mai fut pluvieux.', [('mai', when('--05'))]),
    ('fr', 'Il joua Mars et Vénus au théâtre.', []),
    ('fr', 'Elle lui offrit un bouquet de mai.', []),
    ('fr', 'Nous partirons vers le 15 août.', [('15 août', when('--08-15'))]),
    ('fr', 'La Commune (18 mars – 28 mai 1871) fut écrasée.',
     [('18 mars – 28 mai 1871', span('1871-03-18', '1871-05-28'))]),
    ('fr', "Voir L'Humanité, 1932, n° 12, p. 3.", [('1932', when('1932'))]),
    ('fr', 'Il gagnait 1800 francs par mois en 1929.', [('1929', when('1929'))]),
    ('fr', 'Le XIXe siècle vit naître le socialisme.', []),
    ('fi', 'Kirjoitettu laivalla 2.\nmarraskuuta 1937.',
     [('2.\nmarraskuuta 1937', when('1937-11-02'))]),
    ('fi', 'HELSINKI 14. HEINÄKUUTA 1935', [('14. HEINÄKUUTA 1935', when('1935-07-14'))]),
    ('fi', 'Toukokuu oli sateinen.', []),
    ('fi', 'Kesä oli kuuma ja kesäkuussa satoi.', [('kesäkuussa', when('--06'))]),
    ('fi', 'Lähdemme noin 15. elokuuta.', [('15. elokuuta', when('--08-15'))]),
    ('fi', 'Kommuuni (18.3.–28.5.1871) kukistettiin.',
     [('18.3.–28.5.1871', span('1871-03-18', '1871-05-28'))]),
    ('fi', 'Ks. Työmies 1932, n:o 12, s. 3.', [('1932', when('1932'))]),
    ('fi', 'Hän ansaitsi 1800 markkaa kuussa vuonna 1929.', [('1929', when('1929'))]),
    ('fi', 'Joulukuun 6. päivänä 1917 eduskunta hyväksyi julistuksen.',
     [('Joulukuun 6. päivänä 1917', when('1917-12-06'))]),
    ('fi', 'Vuosien 1918–1920 aikana tapahtui paljon.', [('1918–1920', span('1918', '1920'))]),
    ('es', 'Escrito a bordo, a 2 de\nnoviembre de 1937.',
     [('2 de\nnoviembre de 1937', when('1937-11-02'))]),
    ('es', 'MADRID, 14 DE JULIO DE 1935', [('14 DE JULIO DE 1935', when('1935-07-14'))]),
    ('es', 'Las flores de mayo son hermosas.', []),
    ('es', 'La Comuna (18 de marzo - 28 de mayo de 1871) fue aplastada.',
     [('18 de marzo - 28 de mayo de 1871', span('1871-03-18', '1871-05-28'))]),
    ('es', 'Ganaba 1800 pesetas al mes en 1929.', [('1929', when('1929'))]),
    ('es', 'Véase Mundo Obrero, 1932, núm. 12, pág. 3.', [('1932', when('1932'))]),
    ('es', 'A mediados de 1936 la tensión crecía.', [('1936', when('1936'))]),
    ('it', 'Scritto a bordo, il 2\nnovembre 1937.', [('2\nnovembre 1937', when('1937-11-02'))]),
    ('it', 'ROMA, 14 LUGLIO 1935', [('14 LUGLIO 1935', when('1935-07-14'))]),
    ('it', 'La Comune (18 marzo - 28 maggio 1871) fu schiacciata.',
     [('18 marzo - 28 maggio 1871', span('1871-03-18', '1871-05-28'))]),
    ('it', 'Guadagnava 1800 lire al mese nel 1929.', [('1929', when('1929'))]),
    ('it', "Vedi l'Unità, 1932, n. 12, p. 3.", [('1932', when('1932'))]),
    ('it', 'Verso la metà del 1936 la tensione cresceva.', [('1936', when('1936'))]),
    ('it', 'Il Maggio musicale fiorentino.', []),
    ('nl', 'Geschreven aan boord, 2\nnovember 1937.', [('2\nnovember 1937', when('1937-11-02'))]),
    ('nl', 'AMSTERDAM, 14 JULI 1935', [('14 JULI 1935', when('1935-07-14'))]),
    ('nl', 'De Commune (18 maart - 28 mei 1871) werd neergeslagen.',
     [('18 maart - 28 mei 1871', span('1871-03-18', '1871-05-28'))]),
    ('nl', 'Hij verdiende 1800 gulden per maand in 1929.', [('1929', when('1929'))]),
    ('nl', 'Zie Het Volk, 1932, nr. 12, blz. 3.', [('1932', when('1932'))]),
    ('nl', 'Halverwege 1936 nam de spanning toe.', [('1936', when('1936'))]),
    ('nl', 'In mei 1940 vielen de Duitsers binnen.', [('mei 1940', when('1940-05'))]),
    # a third set, older spellings of 19th-century letters and registers (10 of 17 right
    # before the spellings gennajo, Januarij, Julij, 5 p. Tammikuuta were added)
    ('es', 'En Madrid á 3 de Marzo de 1820.', [('3 de Marzo de 1820', when('1820-03-03'))]),
    ('es', 'Cádiz, 19 de Marzo de 1812.', [('19 de Marzo de 1812', when('1812-03-19'))]),
    ('es', 'Recibí la suya del 5 del corriente.', []),
    ('es', 'Nació el 12 de Setiembre de 1840.', [('12 de Setiembre de 1840', when('1840-09-12'))]),
    ('it', 'Roma li 5 Gennaio 1850.', [('5 Gennaio 1850', when('1850-01-05'))]),
    ('it', 'Addì 5 gennajo 1850, in Milano.', [('5 gennajo 1850', when('1850-01-05'))]),
    ('it', 'Firenze, 12 Decembre 1847.', [('12 Decembre 1847', when('1847-12-12'))]),
    ('it', 'Torino, 3 Febbrajo 1848.', [('3 Febbrajo 1848', when('1848-02-03'))]),
    ('nl', 'Amsterdam, den 5den Januarij 1850.', [('5den Januarij 1850', when('1850-01-05'))]),
    ('nl', 'Gedaan te Leiden, den 3 Julij 1849.', [('3 Julij 1849', when('1849-07-03'))]),
    ('nl', "'s-Gravenhage, 12 Februarij 1848.", [('12 Februarij 1848', when('1848-02-12'))]),
    ('fr', 'Fait à Paris, le 3 mars 1820.', [('3 mars 1820', when('1820-03-03'))]),
    ('fr', 'Ce 15 Xbre 1788, à Versailles.', [('15 Xbre 1788', when('1788-12-15'))]),
    ('fr', 'Il écrivit le 1er Janvier 1850.', [('1er Janvier 1850', when('1850-01-01'))]),
    ('fi', 'Helsingissä 5 p. Tammikuuta 1850.', [('5 p. Tammikuuta 1850', when('1850-01-05'))]),
    ('fi', 'Turussa Tammikuun 5 p:nä 1850.', [('Tammikuun 5 p:nä 1850', when('1850-01-05'))]),
    ('fi', 'Kuopiossa 12 päivänä Syyskuuta 1848.',
     [('12 päivänä Syyskuuta 1848', when('1848-09-12'))]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), HELD_OUT)
def test_held_out_sentences(lang: str, sentence: str, expected: list) -> None:
    assert found(sentence, lang) == expected


def test_every_language_has_negatives_and_several_sentences() -> None:
    for lang, cases in CASES.items():
        assert len([c for c in cases if c[1]]) >= 10, lang
        assert len([c for c in cases if not c[1]]) >= 3, lang


@pytest.mark.parametrize("code", ["fr", "fi", "es", "it", "nl", "fra", "fin", "spa", "ita", "nld",
                                  "fr-CA", "es_MX"])
def test_the_codes_language_detection_gives_have_a_grammar(code: str) -> None:
    assert supports(code)
    assert code.split("-")[0].split("_")[0][:2] in LANGUAGES or code in ("fra", "fin", "spa",
                                                                        "ita", "nld")


# A paragraph of newspaper prose in each language, full of numbers that are not dates
# (amounts, hours, ages, percentages, votes, pages, issue numbers): exactly these dates.
NEWSPAPER = {
    "fr": (
        'Le Populaire du 3 mars publiait en page 2 le texte de la loi du 21 mars 1884 sur les '
        'syndicats. Le 14 juillet, 30 000 manifestants défilèrent de la Bastille à la Nation ; la'
        ' séance de la Chambre dura de 15 h à 18 h 30. Léon Blum, alors âgé de 64 ans, annonça la'
        ' semaine de 40 heures et 15 jours de congés payés. En juin 1936, 1 500 000 grévistes '
        "occupaient les usines ; le franc perdit 25 % de sa valeur. L'article 12, alinéa 3, fut "
        'voté par 384 voix contre 210. Au printemps 1937 le gouvernement tomba. Les accords '
        'Matignon, signés dans la nuit du 7 au 8 juin 1936, prévoyaient des hausses de 7 à 15 %. '
        'Le 2e Congrès se tint à Lyon ; Trotsky vécut en France de 1933 à 1935. Il était 11 '
        'heures le 1er août. Voir le tome 2, p. 145-146, et le n° 1937 du Bulletin.',
        [
            ('3 mars', {'when': '1937-03-03', 'cert': 'high'}),
            ('21 mars 1884', {'when': '1884-03-21'}),
            ('14 juillet', {'when': '1937-07-14', 'cert': 'high'}),
            ('juin 1936', {'when': '1936-06'}),
            ('1937', {'when': '1937'}),
            ('7 au 8 juin 1936', {'from': '1936-06-07', 'to': '1936-06-08'}),
            ('1933 à 1935', {'from': '1933', 'to': '1935'}),
            ('1er août', {'when': '1937-08-01', 'cert': 'high'}),
        ]),
    "fi": (
        'Helsingin Sanomat kirjoitti 3. maaliskuuta sivulla 2 lain 21. maaliskuuta 1884 '
        'ammattiyhdistyksistä. Vappuna 30 000 mielenosoittajaa marssi Senaatintorille; eduskunnan'
        ' istunto kesti klo 15–18.30. Tanner, tuolloin 56-vuotias, lupasi 40 tunnin työviikon ja '
        '15 päivän loman. Kesäkuussa 1936 lakossa oli 1 500 työläistä, ja markka menetti 25 % '
        'arvostaan. Pykälä 12 hyväksyttiin äänin 84–60. Keväällä 1937 hallitus kaatui. Sopimus '
        'allekirjoitettiin yöllä 7.–8.6.1936 ja korotukset olivat 7–15 %. Puolue perustettiin '
        'Turussa 1899; Trotski asui Norjassa vuosina 1935–1936. Kello oli 11, kun 1. elokuuta '
        'koitti. Ks. osa 2, s. 145–146 ja lehden n:o 1937.',
        [
            ('3. maaliskuuta', {'when': '1937-03-03', 'cert': 'high'}),
            ('21. maaliskuuta 1884', {'when': '1884-03-21'}),
            ('Kesäkuussa 1936', {'when': '1936-06'}),
            ('1937', {'when': '1937'}),
            ('7.–8.6.1936', {'from': '1936-06-07', 'to': '1936-06-08'}),
            ('1899', {'when': '1899'}),
            ('1935–1936', {'from': '1935', 'to': '1936'}),
            ('1. elokuuta', {'when': '1937-08-01', 'cert': 'high'}),
        ]),
    "es": (
        'El Socialista del 3 de marzo publicaba en la página 2 la ley del 21 de marzo de 1884 '
        'sobre los sindicatos. El 14 de julio, 30.000 manifestantes desfilaron por la Gran Vía; '
        'la sesión de las Cortes duró de las 15 a las 18.30 horas. Largo Caballero, que tenía '
        'entonces 67 años, anunció la semana de 40 horas y 15 días de vacaciones. En junio de '
        '1936 había 1.500 huelguistas y la peseta perdió un 25 % de su valor. El artículo 12 fue '
        'aprobado por 384 votos contra 210. En la primavera de 1937 cayó el gobierno. Los '
        'acuerdos, firmados en la noche del 7 al 8 de junio de 1936, preveían subidas del 7 al 15'
        ' %. El II Congreso se celebró en Valencia; Trotski vivió en Francia de 1933 a 1935. Eran'
        ' las 11 del 1 de agosto. Véase el tomo 2, págs. 145-146, y el núm. 1937 del Boletín.',
        [
            ('3 de marzo', {'when': '1937-03-03', 'cert': 'high'}),
            ('21 de marzo de 1884', {'when': '1884-03-21'}),
            ('14 de julio', {'when': '1937-07-14', 'cert': 'high'}),
            ('junio de 1936', {'when': '1936-06'}),
            ('1937', {'when': '1937'}),
            ('7 al 8 de junio de 1936', {'from': '1936-06-07', 'to': '1936-06-08'}),
            ('1933 a 1935', {'from': '1933', 'to': '1935'}),
            ('1 de agosto', {'when': '1937-08-01', 'cert': 'high'}),
        ]),
    "it": (
        "L'Avanti! del 3 marzo pubblicava a pagina 2 la legge del 21 marzo 1884 sui sindacati. Il"
        ' 14 luglio 30.000 manifestanti sfilarono per le vie di Torino; la seduta della Camera '
        'durò dalle 15 alle 18.30. Turati, allora di 65 anni, annunciò la settimana di 40 ore e '
        '15 giorni di ferie. Nel giugno del 1936 scioperavano 1.500 operai e la lira perse il 25 '
        "% del suo valore. L'articolo 12 fu approvato con 384 voti contro 210. Nella primavera "
        "del 1937 il governo cadde. Gli accordi, firmati nella notte tra il 7 e l'8 giugno 1936, "
        'prevedevano aumenti dal 7 al 15 %. Il II Congresso si tenne a Livorno nel 1921; Trotskij'
        ' visse in Francia dal 1933 al 1935. Erano le 11 del 1° agosto. Si veda il vol. 2, pp. '
        '145-146, e il n. 1937 del Bollettino.',
        [
            ('3 marzo', {'when': '1937-03-03', 'cert': 'high'}),
            ('21 marzo 1884', {'when': '1884-03-21'}),
            ('14 luglio', {'when': '1937-07-14', 'cert': 'high'}),
            ('giugno del 1936', {'when': '1936-06'}),
            ('1937', {'when': '1937'}),
            ("7 e l'8 giugno 1936", {'from': '1936-06-07', 'to': '1936-06-08'}),
            ('1921', {'when': '1921'}),
            ('1933 al 1935', {'from': '1933', 'to': '1935'}),
            ('1° agosto', {'when': '1937-08-01', 'cert': 'high'}),
        ]),
    "nl": (
        'Het Volk van 3 maart publiceerde op bladzijde 2 de wet van 21 maart 1884 op de '
        'vakbonden. Op 14 juli trokken 30.000 betogers door Amsterdam; de zitting van de Kamer '
        'duurde van 15 tot 18.30 uur. Troelstra, toen 65 jaar oud, kondigde de 40-urige werkweek '
        'en 15 dagen vakantie aan. In juni 1936 staakten 1500 arbeiders en de gulden verloor 25 %'
        ' van zijn waarde. Artikel 12 werd aangenomen met 84 tegen 60 stemmen. In het voorjaar '
        'van 1937 viel de regering. De akkoorden, getekend in de nacht van 7 op 8 juni 1936, '
        'voorzagen in verhogingen van 7 tot 15 %. Het 2e Congres werd in Utrecht gehouden; '
        'Trotski woonde van 1933 tot 1935 in Frankrijk. Het was 11 uur op 1 augustus. Zie deel 2,'
        ' blz. 145-146, en nr. 1937 van het Bulletin.',
        [
            ('3 maart', {'when': '1937-03-03', 'cert': 'high'}),
            ('21 maart 1884', {'when': '1884-03-21'}),
            ('14 juli', {'when': '1937-07-14', 'cert': 'high'}),
            ('juni 1936', {'when': '1936-06'}),
            ('1937', {'when': '1937'}),
            ('7 op 8 juni 1936', {'from': '1936-06-07', 'to': '1936-06-08'}),
            ('1933 tot 1935', {'from': '1933', 'to': '1935'}),
            ('1 augustus', {'when': '1937-08-01', 'cert': 'high'}),
        ]),
}


@pytest.mark.parametrize("lang", list(NEWSPAPER))
def test_newspaper_paragraph(lang: str) -> None:
    text, expected = NEWSPAPER[lang]
    assert found(text, lang, LETTER) == expected


# --------------------------------------------------------------------------------------------
# Year inference in a letter dated 2 November 1937


@pytest.mark.parametrize(("lang", "sentence", "surface", "attrs"), [
    ("fr", "Le congrès s'ouvrit le 21 avril.", "21 avril", {"when": "1937-04-21", "cert": "high"}),
    ("fr", "Le plénum se tint le 20 décembre.", "20 décembre",
     {"when": "1936-12-20", "cert": "medium"}),  # past tense, after the letter's date
    ("fr", "Le congrès se tiendra le 20 décembre.", "20 décembre",
     {"when": "1937-12-20", "cert": "medium"}),
    ("fi", "Täysistunto pidettiin 21. huhtikuuta.", "21. huhtikuuta",
     {"when": "1937-04-21", "cert": "high"}),
    ("fi", "Kokous pidetään 20. joulukuuta.", "20. joulukuuta",
     {"when": "1937-12-20", "cert": "medium"}),
    ("es", "El pleno se celebró el 20 de diciembre.", "20 de diciembre",
     {"when": "1936-12-20", "cert": "medium"}),
    ("it", "Il congresso si terrà il 20 dicembre.", "20 dicembre",
     {"when": "1937-12-20", "cert": "medium"}),
    ("nl", "Het congres werd op 21 april gehouden.", "21 april",
     {"when": "1937-04-21", "cert": "high"}),
])
def test_year_from_the_letters_date(lang: str, sentence: str, surface: str,
                                    attrs: dict[str, str]) -> None:
    assert found(sentence, lang, LETTER) == [(surface, attrs)]


@pytest.mark.parametrize(("lang", "sentence", "surface", "value"), [
    ("fr", "Votre lettre du 12 septembre dernier m'est parvenue.", "12 septembre dernier",
     "1937-09-12"),
    ("fr", "Le congrès du 20 décembre dernier fut houleux.", "20 décembre dernier", "1936-12-20"),
    ("fr", "Je vous verrai le 7 mai prochain.", "7 mai prochain", "1938-05-07"),
    ("es", "Su carta del 3 de diciembre pasado llegó tarde.", "3 de diciembre pasado",
     "1936-12-03"),
    ("es", "Nos veremos el 7 de mayo próximo.", "7 de mayo próximo", "1938-05-07"),
    ("it", "La vostra lettera del 5 dicembre scorso è arrivata.", "5 dicembre scorso",
     "1936-12-05"),
    ("it", "Ci vedremo il 7 maggio p.v.", "7 maggio p.v.", "1938-05-07"),
    ("nl", "Uw brief van 12 december jl. is ontvangen.", "12 december jl.", "1936-12-12"),
    ("nl", "De vergadering op 7 mei a.s. gaat door.", "7 mei a.s.", "1938-05-07"),
    ("fr", "Il est venu en décembre dernier.", "décembre dernier", "1936-12"),
    ("fr", "Il viendra en mai prochain.", "mai prochain", "1938-05"),
    ("it", "Nel dicembre scorso arrivò a Roma.", "dicembre scorso", "1936-12"),
    ("es", "En diciembre pasado llegó a Madrid.", "diciembre pasado", "1936-12"),
    ("fi", "Hän tuli viime joulukuussa Helsinkiin.", "joulukuussa", "1936-12"),
    ("fi", "Hän tulee ensi toukokuussa.", "toukokuussa", "1938-05"),
    ("fi", "Viime joulukuun 5. päivänä hän kuoli.", "joulukuun 5. päivänä", "1936-12-05"),
])
def test_relative_words_after_the_month(lang: str, sentence: str, surface: str,
                                        value: str) -> None:
    """dernier / próximo / scorso / jl. / a.s. / viime / ensi: the last or next such day or
    month before or after the letter's date (cert high)."""
    assert found(sentence, lang, LETTER) == [(surface, {"when": value, "cert": "high"})]


@pytest.mark.parametrize(("lang", "sentence", "expected"), [
    ("fr", "Les 2 et 3 mai 1937 furent calmes.",
     [("2", when("1937-05-02")), ("3 mai 1937", when("1937-05-03"))]),
    ("fr", "Le 2 et le 3 novembre, les délégués siégèrent.",
     [("2", when("--11-02")), ("3 novembre", when("--11-03"))]),
    ("fr", "En mai et juin 1937 il plut.",
     [("mai", when("1937-05")), ("juin 1937", when("1937-06"))]),
    ("fi", "2. ja 3. toukokuuta 1937 taisteltiin.",
     [("2.", when("1937-05-02")), ("3. toukokuuta 1937", when("1937-05-03"))]),
    ("es", "Los días 2 y 3 de mayo de 1937 hubo combates.",
     [("2", when("1937-05-02")), ("3 de mayo de 1937", when("1937-05-03"))]),
    ("it", "Il 2 e il 3 maggio 1937 si combatté.",
     [("2", when("1937-05-02")), ("3 maggio 1937", when("1937-05-03"))]),
    ("nl", "Op 2 en 3 mei 1937 werd gevochten.",
     [("2", when("1937-05-02")), ("3 mei 1937", when("1937-05-03"))]),
    ("sv", "Den 2 och 3 maj 1937 strejkade de.",
     [("2", when("1937-05-02")), ("3 maj 1937", when("1937-05-03"))]),
    # a list: each day takes the month and year of the last
    ("fr", "Les 1er, 2, 3 et 4 mai 1937 furent sanglants.",
     [("1er", when("1937-05-01")), ("2", when("1937-05-02")), ("3", when("1937-05-03")),
      ("4 mai 1937", when("1937-05-04"))]),
    ("fi", "2., 3. ja 4. toukokuuta 1937 taisteltiin.",
     [("2.", when("1937-05-02")), ("3.", when("1937-05-03")),
      ("4. toukokuuta 1937", when("1937-05-04"))]),
    ("fr", "Voir page 1, 3 et 4 mai 1937.",
     [("3", when("1937-05-03")), ("4 mai 1937", when("1937-05-04"))]),
    # with "between" the same words make a range; two bare months still need their cue
    ("fr", "Entre le 2 et le 5 mai 1937 il plut.",
     [("2 et le 5 mai 1937", span("1937-05-02", "1937-05-05"))]),
    ("sv", "Han spelade en mars och april var fin.", []),
])
def test_two_dates_joined_by_and(lang: str, sentence: str, expected: list) -> None:
    assert found(sentence, lang) == expected


@pytest.mark.parametrize(("lang", "sentence", "expected"), [
    ("fr", "Votre lettre du 5 courant m'est parvenue.", [("5 courant", "1937-11-05")]),
    ("fr", "Reçu la vôtre du 28 du mois dernier.", [("28 du mois dernier", "1937-10-28")]),
    ("fi", "Kirjeenne 1 p:nä t.k. saapui eilen.", [("1 p:nä t.k.", "1937-11-01")]),
    ("fi", "Kirjeenne 28 päivänä viime kuuta saapui.",
     [("28 päivänä viime kuuta", "1937-10-28")]),
    ("es", "Recibí su atenta del 1 del corriente.", [("1 del corriente", "1937-11-01")]),
    ("it", "Ricevuta la vostra del 28 u.s., rispondo.", [("28 u.s.", "1937-10-28")]),
    ("nl", "Uw schrijven van den 1sten dezer ontvangen.", [("1sten dezer", "1937-11-01")]),
    ("sv", "Ert bref af den 1 dennes har kommit.", [("1 dennes", "1937-11-01")]),
    ("en", "Yours of the 28th ult. and the 1st inst. received.",
     [("28th ult.", "1937-10-28"), ("1st inst.", "1937-11-01")]),
    ("de", "Ihr Schreiben vom 28. v. M. und vom 1. d. M. erhalten.",
     [("28. v. M.", "1937-10-28"), ("1. d. M.", "1937-11-01")]),
    ("fr", "Votre lettre du 31 courant.", []),  # November has 30 days
    ("fr", "Il y avait 5 courants d'air.", []),
])
def test_day_of_this_last_or_next_month(lang: str, sentence: str, expected: list) -> None:
    """le 5 courant, the 1st inst., den 1 dennes: month and year from the letter's date."""
    assert found(sentence, lang, LETTER) == [(sf, {"when": v, "cert": "high"})
                                             for sf, v in expected]
    assert found(sentence, lang) == []  # undated: there is no month to give


def test_year_from_earlier_in_the_same_sentence() -> None:
    assert found("En 1936, il partit le 3 mars et revint le 5 mai.", "fr") == [
        ("1936", when("1936")), ("3 mars", {"when": "1936-03-03", "cert": "high"}),
        ("5 mai", {"when": "1936-05-05", "cert": "high"})]
    assert found("Vuonna 1936 hän lähti 3. maaliskuuta.", "fi") == [
        ("1936", when("1936")), ("3. maaliskuuta", {"when": "1936-03-03", "cert": "high"})]


# --------------------------------------------------------------------------------------------
# parse_date: date lines


@pytest.mark.parametrize(("text", "lang", "attrs"), [
    ("le 2 novembre 1937", "fr", when("1937-11-02")),
    ("Lundi 1er mars 1937.", "fr", when("1937-03-01")),
    ("2. marraskuuta 1937", "fi", when("1937-11-02")),
    ("2.11.1937", "fi", when("1937-11-02")),
    ("2 de noviembre de 1937", "es", when("1937-11-02")),
    ("il 2 novembre 1937", "it", when("1937-11-02")),
    ("2 november 1937", "nl", when("1937-11-02")),
])
def test_parse_date_lines(text: str, lang: str, attrs: dict[str, str]) -> None:
    m = parse_date(text, lang)
    assert m is not None and dict(m.attrs()) == attrs


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 .-–/:,éèàdelaujnvrmsiouktpä", max_size=60),
       st.sampled_from(["fr", "fi", "es", "it", "nl"]))
def test_random_date_like_text_gives_valid_values(text: str, lang: str) -> None:
    for m in find_dates(text, lang, LETTER):
        assert 0 <= m.start < m.end <= len(text)
        for value in (m.when, m.from_, m.to):
            if value is not None and not value.startswith("--") and len(value) == 10:
                datetime.date.fromisoformat(value)


# --------------------------------------------------------------------------------------------
# encode: language detection hands each text to its grammar; the TEI stays valid

TEXTS = {
    "fr": ("Lettre aux camarades\n\nle 2 novembre 1937\n\nChers camarades,\n\n"
           "Le congrès s'est tenu du 3 au 5 mars à Bruxelles. Les décisions du plénum "
           "d'avril furent publiées en août 1936 déjà, et le 1er mai 1937 les ouvriers "
           "défilèrent dans toutes les villes. La police arrêta 1937 militants ; nous avons "
           "payé 300 francs d'amende.\n\nDepuis 1929 le journal paraît chaque semaine, à "
           "20 h 30, page 12.\n",
           [("3 au 5 mars", {"from": "1937-03-03", "to": "1937-03-05", "cert": "high"}),
            ("avril", {"when": "1937-04", "cert": "high"}), ("août 1936", when("1936-08")),
            ("1er mai 1937", when("1937-05-01")), ("1929", when("1929"))]),
    "fi": ("Kirje tovereille\n\n2. marraskuuta 1937\n\nHyvät toverit,\n\n"
           "Puoluekokous pidettiin 3.–5.3.1937 Turussa. Huhtikuussa pidetyn täysistunnon "
           "päätökset julkaistiin jo elokuussa 1936, ja 1. toukokuuta 1937 työläiset "
           "marssivat kaikissa kaupungeissa. Maanantaina 4. lokakuuta poliisi pidätti 1937 "
           "jäsentä; maksoimme 300 markkaa sakkoa.\n\nVuodesta 1929 lehti on ilmestynyt "
           "joka viikko klo 20.30, sivu 12.\n",
           [("3.–5.3.1937", span("1937-03-03", "1937-03-05")),
            ("Huhtikuussa", {"when": "1937-04", "cert": "high"}),
            ("elokuussa 1936", when("1936-08")), ("1. toukokuuta 1937", when("1937-05-01")),
            ("Maanantaina 4. lokakuuta", {"when": "1937-10-04", "cert": "high"}),
            ("1929", when("1929"))]),
    "es": ("Carta a los camaradas\n\n2 de noviembre de 1937\n\nQueridos camaradas:\n\n"
           "El congreso se celebró del 3 al 5 de marzo en Valencia. Las decisiones del pleno "
           "se publicaron en agosto de 1936, y el 1.º de mayo de 1937 los obreros desfilaron "
           "en todas las ciudades. La policía detuvo a 1937 militantes y pagamos 300 pesetas "
           "de multa.\n\nDesde 1929 el periódico aparece cada semana, a las 20.30 horas.\n",
           [("3 al 5 de marzo", {"from": "1937-03-03", "to": "1937-03-05", "cert": "high"}),
            ("agosto de 1936", when("1936-08")), ("1.º de mayo de 1937", when("1937-05-01")),
            ("1929", when("1929"))]),
    "it": ("Lettera ai compagni\n\n2 novembre 1937\n\nCari compagni,\n\n"
           "Il congresso si è tenuto dal 3 al 5 marzo a Bruxelles. Le decisioni del plenum "
           "furono pubblicate nell'agosto del 1936, e il 1° maggio 1937 gli operai sfilarono "
           "in tutte le città. La polizia arrestò 1937 militanti e pagammo 300 lire di "
           "multa.\n\nDal 1929 il giornale esce ogni settimana, alle ore 20.30.\n",
           [("3 al 5 marzo", {"from": "1937-03-03", "to": "1937-03-05", "cert": "high"}),
            ("agosto del 1936", when("1936-08")), ("1° maggio 1937", when("1937-05-01")),
            ("1929", when("1929"))]),
    "nl": ("Brief aan de kameraden\n\n2 november 1937\n\nBeste kameraden,\n\n"
           "Het congres werd van 3 tot 5 maart in Brussel gehouden. De besluiten van het "
           "plenum werden al in augustus 1936 gepubliceerd, en op 1 mei 1937 marcheerden de "
           "arbeiders in alle steden. De politie arresteerde 1937 leden en wij betaalden 300 "
           "gulden boete.\n\nSinds 1929 verschijnt de krant elke week, om 20.30 uur.\n",
           [("3 tot 5 maart", {"from": "1937-03-03", "to": "1937-03-05", "cert": "high"}),
            ("augustus 1936", when("1936-08")), ("1 mei 1937", when("1937-05-01")),
            ("1929", when("1929"))]),
}


@pytest.mark.parametrize("lang", list(TEXTS))
def test_encode_marks_the_dates_of_each_language(lang: str, tmp_path) -> None:  # noqa: ANN001
    from teiedition.build import encode_file
    from teiedition.validate import validate_file

    text, expected = TEXTS[lang]
    src = tmp_path / f"{lang}.txt"
    src.write_text(text, encoding="utf-8")
    register = tmp_path / "tei" / "register.xml"
    report = encode_file(src, register=register, out_root=tmp_path)
    r = report.result
    assert r.document.language == lang
    assert not any("no date grammar" in w for w in r.warnings)
    root = etree.parse(str(report.output)).getroot()
    doc_date = root.find(f".//{TEI}docDate")
    assert doc_date is not None and doc_date.get("when") == "1937-11-02"
    dates = [("".join(d.itertext()), {k: v for k, v in d.attrib.items() if k != "resp"})
             for d in root.find(f".//{TEI}body").iter(f"{TEI}date")]
    assert dates == expected
    assert validate_file(report.output, register=register) == []
