#!/usr/bin/env python3
"""Build data/places.tsv (quarry's place gazetteer) from the raw Ukrainian sources.

Usage (from the repository root):
    python3 tools/build_gazetteer.py --source ../shared/data/gazetteer --out data/

Stdlib only; the output is deterministic (same input -> byte-identical file).
See docs/gazetteer.md for the join logic and transliteration rules.
"""

import argparse
import math
import os
import re
import sys
import time
import unicodedata
from collections import defaultdict

# ---------------------------------------------------------------------------
# Transliteration
# ---------------------------------------------------------------------------

APOSTROPHES = "'\u2019\u02bc\u2018\u00b4`\u02b9"

UK_VOWELS = set("аеєиіїоуюяАЕЄИІЇОУЮЯ")
RU_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")

# KMU 2010 (Cabinet of Ministers resolution No. 55): letter -> (word start, elsewhere)
KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e",
    "є": ("ye", "ie"), "ж": "zh", "з": "z", "и": "y", "і": "i",
    "ї": ("yi", "i"), "й": ("y", "i"), "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ь": "", "ю": ("yu", "iu"), "я": ("ya", "ia"),
    # Russian letters that turn up in Ukrainian-labelled fields
    "ё": "io", "ы": "y", "э": "e", "ъ": "",
}

# BGN/PCGN 1965 for Ukrainian (the GeoNames-era spelling: Syevyerodonets'k, Kyyiv)
BGN_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e",
    "є": "ye", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ь": "'", "ю": "yu", "я": "ya",
    "ё": "yo", "ы": "y", "э": "e", "ъ": "",
}

# BGN/PCGN 1947 for Russian; е/ё handled by position in translit_ru()
BGN_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": '"', "ы": "y",
    "ь": "'", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian letters in Russian-labelled fields
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}


def is_cyr(ch):
    return "\u0400" <= ch <= "\u04ff"


def _case(out, src_ch, nxt_upper):
    """Give the Latin output the case of the Cyrillic source letter."""
    if not out or not src_ch.isupper():
        return out
    if nxt_upper:
        return out.upper()
    return out[0].upper() + out[1:]


def _word_start(s, i):
    """True when s[i] begins a word (apostrophes do not break a word)."""
    j = i - 1
    return j < 0 or not (s[j].isalpha() or s[j] in APOSTROPHES)


def translit_uk_kmu(s):
    out = []
    for i, ch in enumerate(s):
        lo = ch.lower()
        if ch in APOSTROPHES:
            continue
        if lo not in KMU:
            out.append(ch)
            continue
        t = KMU[lo]
        if isinstance(t, tuple):
            t = t[0] if _word_start(s, i) else t[1]
        if lo == "г" and i > 0 and s[i - 1].lower() == "з":
            t = "gh"
        nxt_up = i + 1 < len(s) and s[i + 1].isupper()
        out.append(_case(t, ch, nxt_up))
    return "".join(out)


def translit_uk_bgn(s):
    out = []
    for i, ch in enumerate(s):
        lo = ch.lower()
        if ch in APOSTROPHES:
            continue
        if lo not in BGN_UK:
            out.append(ch)
            continue
        nxt_up = i + 1 < len(s) and s[i + 1].isupper()
        out.append(_case(BGN_UK[lo], ch, nxt_up))
    return "".join(out)


def translit_ru_bgn(s):
    """BGN/PCGN Russian, with ё written yo/yë as 'yo' (the news spelling)."""
    out = []
    for i, ch in enumerate(s):
        lo = ch.lower()
        if lo in ("е", "ё"):
            prev = s[i - 1].lower() if i > 0 else ""
            start = _word_start(s, i) or prev in RU_VOWELS or prev in "йъь"
            if lo == "е":
                t = "ye" if start else "e"
            else:
                t = "yo"
        elif lo in BGN_RU:
            t = BGN_RU[lo]
        elif ch in APOSTROPHES:
            t = ""
        else:
            out.append(ch)
            continue
        nxt_up = i + 1 < len(s) and s[i + 1].isupper()
        out.append(_case(t, ch, nxt_up))
    return "".join(out)


def strip_apostrophes(s):
    return "".join(c for c in s if c not in APOSTROPHES and c != '"')


def ru_variants(s):
    """The BGN form plus the simplified spellings English-language news uses."""
    base = strip_apostrophes(translit_ru_bgn(s))
    forms = {base}
    # ё: Artyomovsk and Artemovsk
    if "ё" in s.lower():
        forms.add(strip_apostrophes(translit_ru_bgn(s.replace("ё", "е").replace("Ё", "Е"))))
        plain = re.sub(r"(?i)(?<=[a-z])yo", "e", base)
        forms.add(plain)
    more = set()
    for f in forms:
        # internal ye -> e (Avdeyevka/Avdeevka, Kiyev/Kiev, Gorskoye/Gorskoe)
        more.add(re.sub(r"(?<=[A-Za-z])ye", "e", f))
        # -iy / -yy -> -y and -i (Krasnyy -> Krasny, Krasnyi)
        g = re.sub(r"([iy])y\b", r"\1", f)
        more.add(g)
        more.add(re.sub(r"yy\b", "yi", f))
    forms |= more
    more = set()
    for f in forms:
        more.add(re.sub(r"(?<=[A-Za-z])ye", "e", f))
    return forms | more


UK_ONLY = set("іїєґІЇЄҐ")
RU_ONLY = set("ыэъёЫЭЪЁ")


def cyr_lang(s):
    """'uk', 'ru' or '' (cannot tell) for a Cyrillic name."""
    if any(c in UK_ONLY for c in s) or re.search(r"[сц]ьк\b", s):
        return "uk"
    if any(c in RU_ONLY for c in s):
        return "ru"
    if re.search(r"(ск|ое|ий|ый|ая|ые|ье|ово|ево|ино)\b", s.lower()):
        return "ru"
    return ""


def slugify(latin):
    s = unicodedata.normalize("NFKD", latin)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower()
    s = "".join(c for c in s if c not in APOSTROPHES and c != '"')
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def title_upper(s):
    """KOATUU names are upper case: ЧАСІВ ЯР -> Часів Яр."""
    return re.sub(r"[^\s\-]+", lambda m: m.group(0)[:1] + m.group(0)[1:].lower(), s)


# ---------------------------------------------------------------------------
# Alias hygiene
# ---------------------------------------------------------------------------

RU_UK_LETTERS = set("абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя")


def script_ok(s):
    """Keep names in Latin script or in the Ukrainian/Russian Cyrillic alphabets only."""
    for c in s:
        if c.isalpha():
            if is_cyr(c):
                if c.lower() not in RU_UK_LETTERS:
                    return False
            elif not unicodedata.name(c, "").startswith("LATIN"):
                return False
    return True


def clean(s):
    s = s.replace("\u00a0", " ").strip()
    s = re.sub(r"\s+", " ", s)
    return s


def alias_ok(s):
    if len(s) <= 2 or s.isdigit():
        return False
    if not any(c.isalpha() for c in s):
        return False
    return script_ok(s)


class Aliases:
    """Case-insensitively deduplicated, insertion-ordered alias list with source counts."""

    def __init__(self):
        self.items = []
        self.keys = set()

    def add(self, s, src, stats):
        s = clean(s)
        if not alias_ok(s):
            return False
        k = s.casefold()
        if k in self.keys:
            return False
        self.keys.add(k)
        self.items.append(s)
        stats[src] += 1
        # the tagger folds apostrophes, but give the bare form too
        bare = strip_apostrophes(s).replace("ʹ", "")
        if bare != s and alias_ok(bare) and bare.casefold() not in self.keys:
            self.keys.add(bare.casefold())
            self.items.append(bare)
            stats[src] += 1
        return True


def add_cyrillic(al, name, src, stats, lang=None):
    """Add a Cyrillic name and its generated romanizations."""
    name = clean(name)
    if not name:
        return
    al.add(name, src, stats)
    if not any(is_cyr(c) for c in name) or not script_ok(name):
        return
    if lang == "ru-or-other":
        # GeoNames Cyrillic alternates are Ukrainian, Russian or another language:
        # only clearly Ukrainian ones get the Ukrainian systems
        lang = cyr_lang(name) or "ru"
    lang = lang or cyr_lang(name)
    if lang in ("uk", ""):
        al.add(translit_uk_kmu(name), "translit-kmu2010", stats)
        al.add(translit_uk_bgn(name), "translit-bgn1965-uk", stats)
    if lang in ("ru", ""):
        for f in sorted(ru_variants(name)):
            al.add(f, "translit-bgn-ru", stats)


# ---------------------------------------------------------------------------
# Hand-made tables
# ---------------------------------------------------------------------------

# KATOTTG first-level name -> (slug, English name, Russian adjective, GeoNames admin1, postal admin1)
OBLASTS = {
    "Автономна Республіка Крим": ("crimea", "Crimea", "", "11", None),
    "Вінницька": ("vinnytsia", "Vinnytsia", "Винницкая", "23", "23"),
    "Волинська": ("volyn", "Volyn", "Волынская", "24", "24"),
    "Дніпропетровська": ("dnipropetrovsk", "Dnipropetrovsk", "Днепропетровская", "04", "04"),
    "Донецька": ("donetsk", "Donetsk", "Донецкая", "05", "05"),
    "Житомирська": ("zhytomyr", "Zhytomyr", "Житомирская", "27", "27"),
    "Закарпатська": ("zakarpattia", "Zakarpattia", "Закарпатская", "25", "25"),
    "Запорізька": ("zaporizhzhia", "Zaporizhzhia", "Запорожская", "26", "26"),
    "Івано-Франківська": ("ivano-frankivsk", "Ivano-Frankivsk", "Ивано-Франковская", "06", "06"),
    "Київська": ("kyiv", "Kyiv", "Киевская", "13", "12"),
    "Кіровоградська": ("kirovohrad", "Kirovohrad", "Кировоградская", "10", "10"),
    "Луганська": ("luhansk", "Luhansk", "Луганская", "14", "14"),
    "Львівська": ("lviv", "Lviv", "Львовская", "15", "15"),
    "Миколаївська": ("mykolaiv", "Mykolaiv", "Николаевская", "16", "16"),
    "Одеська": ("odesa", "Odesa", "Одесская", "17", "17"),
    "Полтавська": ("poltava", "Poltava", "Полтавская", "18", "18"),
    "Рівненська": ("rivne", "Rivne", "Ровенская", "19", "19"),
    "Сумська": ("sumy", "Sumy", "Сумская", "21", "21"),
    "Тернопільська": ("ternopil", "Ternopil", "Тернопольская", "22", "22"),
    "Харківська": ("kharkiv", "Kharkiv", "Харьковская", "07", "07"),
    "Херсонська": ("kherson", "Kherson", "Херсонская", "08", "08"),
    "Хмельницька": ("khmelnytskyi", "Khmelnytskyi", "Хмельницкая", "09", "09"),
    "Черкаська": ("cherkasy", "Cherkasy", "Черкасская", "01", "01"),
    "Чернівецька": ("chernivtsi", "Chernivtsi", "Черновицкая", "03", "03"),
    "Чернігівська": ("chernihiv", "Chernihiv", "Черниговская", "02", "02"),
}

# Oblasts: other spellings of the base name, each used only with " Oblast"/" region"/" province"
OBLAST_BASES = {
    "dnipropetrovsk": ["Dnepropetrovsk", "Dnipro"],
    "luhansk": ["Lugansk"],
    "kharkiv": ["Kharkov"],
    "zaporizhzhia": ["Zaporozhye", "Zaporizhia", "Zaporozhzhia", "Zaporizhzhya", "Zaporozhe"],
    "kyiv": ["Kiev"],
    "mykolaiv": ["Nikolaev", "Nikolayev", "Mykolayiv"],
    "odesa": ["Odessa"],
    "chernihiv": ["Chernigov"],
    "zhytomyr": ["Zhitomir"],
    "kirovohrad": ["Kirovograd", "Kropyvnytskyi"],
    "vinnytsia": ["Vinnitsa", "Vinnytsya"],
    "rivne": ["Rovno"],
    "lviv": ["Lvov"],
    "ternopil": ["Ternopol"],
    "khmelnytskyi": ["Khmelnitsky", "Khmelnytsky", "Khmelnytskyy"],
    "cherkasy": ["Cherkassy"],
    "chernivtsi": ["Chernovtsy"],
    "zakarpattia": ["Transcarpathian", "Zakarpattya"],
    "volyn": [],
    "ivano-frankivsk": ["Ivano-Frankovsk"],
    "donetsk": [], "kherson": [], "sumy": [], "poltava": [],
}

# Oblasts: names used on their own (regional names, -shchyna forms)
OBLAST_NAMES = {
    "crimea": ["Autonomous Republic of Crimea", "Republic of Crimea", "Crimean Peninsula",
               "Krym", "Крим", "Крым", "Республика Крым", "Автономна Республіка Крим",
               "Автономная Республика Крым"],
    "dnipropetrovsk": ["Dnipropetrovshchyna", "Дніпропетровщина", "Днепропетровщина"],
    "donetsk": ["Donetshchyna", "Донеччина"],
    "luhansk": ["Luhanshchyna", "Луганщина"],
    "kharkiv": ["Kharkivshchyna", "Харківщина", "Харьковщина"],
    "kherson": ["Khersonshchyna", "Херсонщина"],
    "kyiv": ["Kyivshchyna", "Київщина", "Киевщина"],
    "mykolaiv": ["Mykolaivshchyna", "Миколаївщина"],
    "odesa": ["Odeshchyna", "Одещина"],
    "sumy": ["Sumshchyna", "Сумщина"],
    "chernihiv": ["Chernihivshchyna", "Чернігівщина"],
    "zhytomyr": ["Zhytomyrshchyna", "Житомирщина"],
    "kirovohrad": ["Kirovohradshchyna", "Кіровоградщина"],
    "vinnytsia": ["Vinnychchyna", "Вінниччина"],
    "poltava": ["Poltavshchyna", "Полтавщина"],
    "rivne": ["Rivnenshchyna", "Рівненщина"],
    "lviv": ["Lvivshchyna", "Львівщина"],
    "ternopil": ["Ternopilshchyna", "Тернопільщина"],
    "khmelnytskyi": ["Khmelnychchyna", "Хмельниччина"],
    "cherkasy": ["Cherkashchyna", "Черкащина"],
    "chernivtsi": ["Bukovina", "Bukovyna", "Буковина"],
    "zakarpattia": ["Transcarpathia", "Zakarpattia", "Закарпаття", "Закарпатье"],
    "volyn": ["Volhynia", "Волинь", "Волынь"],
    "ivano-frankivsk": ["Prykarpattia", "Прикарпаття"],
    "zaporizhzhia": ["Zaporizhzhia region"],
}

# Curated former / alternative names of well-known places: slug -> (oblast slug, names).
# Facts only (renamings by the Verkhovna Rada 2016 decommunisation, 2022-25 derussification,
# Soviet-era names) plus Russian-style spellings common in news.
RENAMED = {
    "toretsk": ("donetsk", ["Dzerzhinsk", "Dzerzhynsk", "Дзержинськ", "Дзержинск"]),
    "bakhmut": ("donetsk", ["Artemivsk", "Artemovsk", "Artyomovsk", "Артемівськ", "Артемовск", "Артёмовск"]),
    "kropyvnytskyi": ("kirovohrad", ["Kirovohrad", "Kirovograd", "Kirovo", "Zinovievsk", "Zinovyevsk",
                      "Yelysavethrad", "Elisavetgrad", "Yelisavetgrad", "Кіровоград", "Кировоград",
                      "Kropivnitsky", "Kropivnitskiy", "Kropyvnytskyy", "Kropyvnytsky"]),
    "dnipro": ("dnipropetrovsk", ["Dnipropetrovsk", "Dnepropetrovsk", "Dnepr", "Ekaterinoslav", "Yekaterinoslav",
               "Katerynoslav", "Дніпропетровськ", "Днепропетровск", "Днепр"]),
    "pokrovsk": ("donetsk", ["Krasnoarmiisk", "Krasnoarmeysk", "Krasnoarmeisk", "Krasnoarmiysk", "Grishino",
                 "Красноармійськ", "Красноармейск"]),
    "myrnohrad": ("donetsk", ["Dymytrov", "Dimitrov", "Dymytriv", "Димитров", "Димитрів"]),
    "donetsk": ("donetsk", ["Stalino", "Yuzovka", "Yuzivka", "Hughesovka", "Сталіно", "Сталино", "Юзовка", "Юзівка"]),
    "luhansk": ("luhansk", ["Voroshilovgrad", "Voroshylovhrad", "Lugansk", "Ворошиловград"]),
    "chornomorsk": ("odesa", ["Illichivsk", "Ilyichevsk", "Ilichevsk", "Іллічівськ", "Ильичёвск", "Ильичевск"]),
    "podilsk": ("odesa", ["Kotovsk", "Котовськ", "Котовск"]),
    "horishni-plavni": ("poltava", ["Komsomolsk", "Комсомольськ", "Комсомольск"]),
    "kalmiuske": ("donetsk", ["Komsomolske", "Komsomolskoye", "Komsomolskoe", "Комсомольське", "Комсомольское"]),
    "sievierodonetsk": ("luhansk", ["Siverskodonetsk", "Severodonetsk", "Syeverodonetsk", "Sieverodonetsk",
                        "Сіверськодонецьк", "Северодонецк"]),
    "mariupol": ("donetsk", ["Zhdanov", "Жданов"]),
    "kadiivka": ("luhansk", ["Stakhanov", "Стаханов", "Kadievka", "Kadiyevka"]),
    "khrustalnyi": ("luhansk", ["Krasnyi Luch", "Krasny Luch", "Krasnyy Luch", "Красний Луч", "Красный Луч"]),
    "dovzhansk": ("luhansk", ["Sverdlovsk", "Свердловськ", "Свердловск"]),
    "sorokyne": ("luhansk", ["Krasnodon", "Краснодон"]),
    "holubivka": ("luhansk", ["Kirovsk", "Кіровськ", "Кировск"]),
    "zalizne": ("donetsk", ["Artemove", "Артемове", "Artyomovo"]),
    "soledar": ("donetsk", ["Karlo-Libknekhtivsk", "Karlo-Libknekhtovsk", "Карло-Лібкнехтівськ"]),
    "kamianske": ("dnipropetrovsk", ["Dniprodzerzhynsk", "Dneprodzerzhinsk", "Дніпродзержинськ", "Днепродзержинск"]),
    "lyman": ("donetsk", ["Krasnyi Lyman", "Krasny Liman", "Krasnyy Liman", "Красний Лиман", "Красный Лиман"]),
    "varash": ("rivne", ["Kuznetsovsk", "Кузнецовськ", "Кузнецовск"]),
    "zviahel": ("zhytomyr", ["Novohrad-Volynskyi", "Novograd-Volynsky", "Новоград-Волинський"]),
    "sheptytskyi": ("lviv", ["Chervonohrad", "Chervonograd", "Червоноград"]),
    "pereiaslav": ("kyiv", ["Pereiaslav-Khmelnytskyi", "Pereyaslav-Khmelnitsky", "Переяслав-Хмельницький"]),
    "berdiansk": ("zaporizhzhia", ["Osypenko", "Osipenko", "Berdyansk"]),
    "khmelnytskyi": ("khmelnytskyi", ["Proskuriv", "Proskurov", "Khmelnitsky", "Khmelnitskiy"]),
    "ivano-frankivsk": ("ivano-frankivsk", ["Stanyslaviv", "Stanislav", "Stanislau", "Ivano-Frankovsk"]),
    "novomoskovsk": ("dnipropetrovsk", ["Samar", "Самар"]),
    "kyiv": ("kyiv-city", ["Kiev", "Kyyiv", "Kiyev", "Киев", "Київ"]),
    "kharkiv": ("kharkiv", ["Kharkov", "Харьков"]),
    "odesa": ("odesa", ["Odessa", "Одесса"]),
    "lviv": ("lviv", ["Lvov", "Lwow", "Lemberg", "Львов"]),
    "mykolaiv": ("mykolaiv", ["Nikolaev", "Nikolayev", "Николаев"]),
    "zaporizhzhia": ("zaporizhzhia", ["Zaporozhye", "Zaporizhia", "Zaporozhe", "Zaporizhzhya", "Запорожье"]),
    "chernihiv": ("chernihiv", ["Chernigov", "Чернигов"]),
    "horlivka": ("donetsk", ["Gorlovka", "Horlovka", "Горловка"]),
    "makiivka": ("donetsk", ["Makeyevka", "Makeevka", "Makiyivka", "Макеевка"]),
    "sloviansk": ("donetsk", ["Slavyansk", "Slovyansk", "Славянск"]),
    "izium": ("kharkiv", ["Izyum", "Изюм"]),
    "kupiansk": ("kharkiv", ["Kupyansk", "Купянск"]),
    "vuhledar": ("donetsk", ["Ugledar", "Vugledar", "Угледар"]),
    "avdiivka": ("donetsk", ["Avdeyevka", "Avdeevka", "Avdiyivka", "Авдеевка"]),
    "chasiv-yar": ("donetsk", ["Chasov Yar", "Часов Яр"]),
    "rubizhne": ("luhansk", ["Rubezhnoye", "Rubezhnoe", "Рубежное"]),
    "kreminna": ("luhansk", ["Kremennaya", "Kreminna", "Кременная"]),
    "popasna": ("luhansk", ["Popasnaya", "Попасная"]),
    "siversk": ("donetsk", ["Seversk", "Северск"]),
    "robotyne": ("zaporizhzhia", ["Rabotino", "Работино"]),
    "huliaipole": ("zaporizhzhia", ["Gulyaypole", "Gulyaipole", "Hulyaipole", "Гуляйполе"]),
    "orikhiv": ("zaporizhzhia", ["Orekhov", "Орехов"]),
    "vovchansk": ("kharkiv", ["Volchansk", "Волчанск"]),
    "enerhodar": ("zaporizhzhia", ["Energodar", "Энергодар"]),
    "nova-kakhovka": ("kherson", ["Novaya Kakhovka", "Новая Каховка"]),
    "kurakhove": ("donetsk", ["Kurakhovo", "Курахово"]),
    "marinka": ("donetsk", ["Maryinka", "Marinka", "Марьинка"]),
    "ocheretyne": ("donetsk", ["Ocheretino", "Очеретино"]),
    "yenakiieve": ("donetsk", ["Yenakiyevo", "Enakievo", "Yenakiyeve", "Енакиево"]),
    "debaltseve": ("donetsk", ["Debaltsevo", "Дебальцево"]),
    "bilhorod-dnistrovskyi": ("odesa", ["Akkerman", "Belgorod-Dnestrovsky", "Bilhorod-Dnistrovsky"]),
}

COUNTRIES = [
    ("ukraine", "Ukraine", ["Україна", "Украина", "Ukraina", "Ukrayina"]),
    ("russia", "Russia", ["Russian Federation", "Росія", "Россия", "Российская Федерация",
                          "Rossiya", "Rossiia"]),
    ("belarus", "Belarus", ["Byelorussia", "Belorussia", "Білорусь", "Беларусь", "Белоруссия"]),
    ("poland", "Poland", ["Польща", "Польша", "Polska"]),
    ("moldova", "Moldova", ["Moldavia", "Молдова", "Молдавия"]),
    ("romania", "Romania", ["Румунія", "Румыния", "România"]),
    ("hungary", "Hungary", ["Угорщина", "Венгрия", "Magyarország"]),
    ("slovakia", "Slovakia", ["Словаччина", "Словакия", "Slovensko"]),
    ("georgia", "Georgia", ["Грузія", "Грузия", "Sakartvelo"]),
    ("turkey", "Turkey", ["Türkiye", "Turkiye", "Туреччина", "Турция"]),
    ("kazakhstan", "Kazakhstan", ["Казахстан"]),
    ("lithuania", "Lithuania", ["Литва", "Lietuva"]),
    ("latvia", "Latvia", ["Латвія", "Латвия", "Latvija"]),
    ("estonia", "Estonia", ["Естонія", "Эстония", "Eesti"]),
    ("finland", "Finland", ["Фінляндія", "Финляндия", "Suomi"]),
]

# Geographic regions spanning oblasts (type "region")
REGIONS = [
    ("donbas", "Donbas", ["Donbass", "Донбас", "Донбасс", "Donets Basin"]),
]

# Named sites that are not settlements (type "site"): the plants, dams, bridges,
# islands and airfields that war reporting asks about as it asks about towns. A
# site is its own place: "Russian forces took the Zaporizhzhia nuclear power
# plant" says nothing about who holds the city of Zaporizhzhia, 50 km upstream.
# (id, English name, oblast id, other names); multi-word names only where the
# bare word is a settlement's ("Kakhovka" is the town, "Kakhovka dam" the site).
SITES = [
    ("zaporizhzhia-npp", "Zaporizhzhia Nuclear Power Plant", "zaporizhzhia-oblast",
     ["Zaporizhzhia nuclear plant", "Zaporizhzhia nuclear power station", "Zaporizhzhia NPP",
      "ZNPP", "Zaporizhzhia power plant", "Zaporizhzhia plant", "Zaporizhzhia atomic power plant",
      "Zaporizhia nuclear power plant", "Zaporizhia nuclear plant",
      "Zaporozhye nuclear power plant", "Zaporozhye nuclear plant", "Zaporozhye NPP",
      "Запорізька АЕС", "Запорожская АЭС"]),
    ("chornobyl-npp", "Chornobyl Nuclear Power Plant", "kyiv-oblast",
     ["Chornobyl nuclear plant", "Chornobyl NPP", "Chornobyl power plant",
      "Chernobyl nuclear power plant", "Chernobyl nuclear plant", "Chernobyl NPP",
      "Chernobyl power plant", "Chernobyl nuclear site", "Chornobyl nuclear site", "Chernobyl",
      "Чорнобильська АЕС", "Чернобыльская АЭС"]),
    ("kakhovka-dam", "Kakhovka Dam", "kherson-oblast",
     ["Nova Kakhovka dam", "Kakhovka hydroelectric dam", "Kakhovka hydroelectric power plant",
      "Kakhovka hydroelectric power station", "Kakhovka hydropower plant", "Kakhovka HPP",
      "Kakhovka power plant", "Каховська ГЕС", "Каховская ГЭС"]),
    ("azovstal", "Azovstal", "donetsk-oblast",
     ["Azovstal steel plant", "Azovstal steelworks", "Azovstal steel works",
      "Azovstal Iron and Steel Works", "Azovstal plant", "Азовсталь"]),
    ("azot-plant", "Azot", "luhansk-oblast",
     ["Azot plant", "Azot chemical plant", "Azot chemical factory", "Азот"]),
    ("avdiivka-coke-plant", "Avdiivka Coke Plant", "donetsk-oblast",
     ["Avdiivka coke and chemical plant", "Avdiivka coking plant", "Avdiivka coke",
      "Avdeyevka coke plant", "Avdeevka coke plant", "Авдіївський коксохімічний завод"]),
    ("antonivskyi-bridge", "Antonivskyi Bridge", "kherson-oblast",
     ["Antonivsky Bridge", "Antonovsky Bridge", "Antonivka bridge", "Antonivka road bridge",
      "Антонівський міст", "Антоновский мост"]),
    ("crimean-bridge", "Crimean Bridge", "crimea",
     ["Kerch Bridge", "Kerch Strait Bridge", "Kerch Strait road bridge",
      "Кримський міст", "Крымский мост"]),
    ("snake-island", "Snake Island", "odesa-oblast",
     ["Zmiinyi Island", "Zmiinyi", "Zmiinyi island", "Zmiiny Island", "Serpent Island",
      "Zmeiny Island", "Зміїний", "острів Зміїний", "Змеиный", "остров Змеиный"]),
    ("hostomel-airport", "Hostomel Airport", "kyiv-oblast",
     ["Hostomel airfield", "Hostomel air base", "Antonov Airport", "Antonov International Airport",
      "Gostomel airport", "Gostomel airfield", "аеропорт Гостомель"]),
    ("kinburn-spit", "Kinburn Spit", "mykolaiv-oblast",
     ["Kinburn peninsula", "Кінбурнська коса", "Кинбурнская коса"]),
]

# Rivers (type "river"). A bare name that is also a city's ("Dnipro") is the
# river only after "the" (analysis/entities.c), so it is listed here as well.
RIVERS = [
    ("dnipro-river", "Dnipro River", "",
     ["Dnipro", "Dnieper", "Dnieper River", "Dnepr", "Dnepr River", "river Dnipro",
      "river Dnieper", "річка Дніпро", "река Днепр"]),
    ("siverskyi-donets-river", "Siverskyi Donets", "",
     ["Siverskyi Donets River", "Siversky Donets", "Seversky Donets", "Severskiy Donets",
      "Donets River", "Сіверський Донець", "Северский Донец"]),
    ("oskil-river", "Oskil River", "",
     ["Oskil", "Oskol River", "river Oskil", "Оскіл", "Оскол"]),
    ("inhulets-river", "Inhulets River", "",
     ["Inhulets", "Ingulets River", "river Inhulets"]),
]

TYPE_ORDER = {"country": 0, "region": 1, "oblast": 2, "raion": 3, "city": 4, "town": 5, "village": 6,
              "site": 7, "river": 8}
CAT_TYPE = {"M": "city", "X": "town", "C": "village", "K": "city"}
OSM_TYPE = {"city": "city", "town": "town", "village": "village", "hamlet": "village"}


# ---------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------

def read_lines(path, enc="utf-8"):
    with open(path, encoding=enc, newline="") as f:
        for line in f:
            yield line.rstrip("\r\n")


def norm_uk(s):
    """Key for joining Ukrainian names: case-folded, one apostrophe, single spaces."""
    s = clean(s).casefold()
    for a in APOSTROPHES:
        s = s.replace(a, "'")
    return s.replace("ё", "е")


class Place:
    __slots__ = ("code", "type", "oblast", "raion", "raion_code", "uk", "names", "osm",
                 "pop", "lat", "lon", "aliases", "id", "koatuu", "hromada")

    def __init__(self, code, typ, oblast, uk):
        self.code = code
        self.type = typ
        self.oblast = oblast            # oblast slug (e.g. "donetsk"), or "kyiv-city"/"sevastopol"
        self.raion = ""
        self.raion_code = ""
        self.uk = clean(uk)             # primary Ukrainian name
        self.names = []                 # (name, source, lang) Cyrillic names
        self.osm = None
        self.pop = 0
        self.lat = None
        self.lon = None
        self.aliases = None
        self.id = ""
        self.koatuu = ""
        self.hromada = ""               # hromada name (adjective form), for homonym ids


def load_katottg(src):
    rows = []
    for i, line in enumerate(read_lines(os.path.join(src, "katottg_kodifikator_2025-07-02.csv"),
                                        "utf-8-sig")):
        if i == 0 or not line:
            continue
        f = line.split(";")
        codes = [c for c in f[:5] if c]
        rows.append((codes, f[5], clean(f[6])))
    return rows


def load_osm(src):
    out = []
    lines = read_lines(os.path.join(src, "osm_ua-name-places.tsv"))
    hdr = next(lines).split("\t")
    for line in lines:
        f = line.split("\t")
        f += [""] * (len(hdr) - len(f))
        out.append(dict(zip(hdr, f)))
    return out


def load_ocha(src):
    """Ukrainian name key -> list of (English, Russian). Settlement rows only (line >= 230)."""
    by_uk = defaultdict(list)
    for i, line in enumerate(read_lines(os.path.join(src,
                             "ocha_ukr_populated_places_20240607_en_ru_uk.csv"))):
        if i < 229 or not line:
            continue
        f = line.split(",")
        if len(f) != 3:
            continue
        en, ru, uk = (clean(x) for x in f)
        if uk:
            by_uk[norm_uk(uk)].append((en, ru))
    return by_uk


def load_koatuu(src):
    out = {}
    for i, line in enumerate(read_lines(os.path.join(src, "koatuu_2020-11-26.csv"), "utf-8-sig")):
        if i == 0 or not line:
            continue
        f = line.split(";")
        if len(f) < 3:
            continue
        name = f[2].strip()
        if "/" in name:
            continue
        name = re.sub(r"^[А-ЯІЇЄҐ]{1,3}\.\s*", "", name)
        out[f[0].strip()] = title_upper(name)
    return out


def load_cities500(src):
    out = []
    for line in read_lines(os.path.join(src, "geonames_cities500_UA.txt")):
        f = line.split("\t")
        if len(f) < 19 or f[6] != "P":
            continue
        alts = [a for a in f[3].split(",") if a]
        out.append({"id": int(f[0]), "name": f[1], "ascii": f[2], "alts": alts,
                    "lat": float(f[4]), "lon": float(f[5]), "admin1": f[10],
                    "pop": int(f[14] or 0)})
    out.sort(key=lambda r: (-r["pop"], r["id"]))
    return out


def load_postal(src):
    out = []
    for line in read_lines(os.path.join(src, "geonames_postalcodes_UA.txt")):
        f = line.split("\t")
        if len(f) < 12 or not f[9]:
            continue
        name = re.sub(r"\s*\(.*?\)\s*", " ", f[2]).strip()
        acc = int(f[11]) if f[11].strip().isdigit() else 0
        out.append({"name": name, "admin1": f[4], "lat": float(f[9]), "lon": float(f[10]),
                    "acc": acc, "code": f[1]})
    return out


def haversine(a, b, c, d):
    r = math.pi / 180
    x = math.sin((c - a) * r / 2) ** 2 + math.cos(a * r) * math.cos(c * r) * math.sin((d - b) * r / 2) ** 2
    return 12742 * math.asin(min(1, math.sqrt(x)))


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------

def raion_base(adj_uk, centres):
    """Raion names are adjectives (Бахмутський): find the centre town the raion is named after.

    centres: (name to match, primary name) pairs for the raion's cities and towns.
    Match on the romanized stem: the centre's name without its final vowels must begin the
    adjective, which must end in -kyi with at most a short suffix in between.
    """
    adj = translit_uk_kmu(adj_uk).lower()
    best = None
    for match, primary in centres:
        n = translit_uk_kmu(match).lower()
        stem = re.sub(r"[aeiouy]+$", "", n)
        if len(stem) < 3 or not adj.startswith(stem) or not adj.endswith("kyi"):
            continue
        if len(adj) - len(stem) > 7:
            continue
        if best is None or len(stem) > best[0]:
            best = (len(stem), primary)
    return best[1] if best else None


def build(src):
    stats = defaultdict(int)
    kat = load_katottg(src)
    osm = load_osm(src)
    ocha = load_ocha(src)
    koatuu = load_koatuu(src)
    c500 = load_cities500(src)
    postal = load_postal(src)

    oblast_by_l1 = {}
    for codes, cat, name in kat:
        if cat == "O":
            oblast_by_l1[codes[0]] = OBLASTS[name][0]
        elif cat == "K":
            oblast_by_l1[codes[0]] = {"Київ": "kyiv-city"}.get(name, slugify(translit_uk_kmu(name)))
    region_to_slug = {}
    for uk, t in OBLASTS.items():
        region_to_slug[uk + " область"] = t[0]
    region_to_slug["Автономна Республіка Крим"] = "crimea"
    region_to_slug["Київ"] = "kyiv-city"
    region_to_slug["Севастополь"] = "sevastopol"

    # raions
    raion_name = {}
    hromada_name = {}
    settlements = {}
    kat_by_code = {}
    for codes, cat, name in kat:
        if cat == "P":
            raion_name[codes[1]] = name
        elif cat == "H":
            hromada_name[codes[2]] = name
        elif cat in CAT_TYPE:
            code = codes[-1]
            p = Place(code, CAT_TYPE[cat], oblast_by_l1[codes[0]], name)
            if cat == "K":
                p.oblast = oblast_by_l1[codes[0]]
            p.raion_code = codes[1] if len(codes) > 1 else ""
            p.hromada = codes[2] if len(codes) > 3 else ""
            p.names.append((name, "katottg", "uk"))
            settlements[code] = p
            kat_by_code[code] = p

    # OSM: join by KATOTTG code, else by name + oblast, else add as OSM-only place
    by_name_obl = defaultdict(list)
    for p in settlements.values():
        by_name_obl[(norm_uk(p.uk), p.oblast)].append(p)
    osm_only = 0
    for r in osm:
        p = kat_by_code.get(r["katotth"])
        uk = clean(r["name:uk"] or r["name"])
        obl = region_to_slug.get(clean(r["region"]), "")
        if p is None and obl:
            cands = [q for q in by_name_obl.get((norm_uk(uk), obl), []) if q.osm is None]
            if len(cands) == 1:
                p = cands[0]
        if p is None:
            if not obl or not uk:
                stats["osm-skipped-no-oblast-or-name"] += 1
                continue
            p = Place("osm" + r["osm_id"], OSM_TYPE.get(r["place"], "village"), obl, uk)
            settlements[p.code] = p
            osm_only += 1
        if p.osm is not None:
            stats["osm-skipped-place-already-joined"] += 1
            continue
        p.osm = r
        stats["join-osm"] += 1
        # Primary name: the name in use in 2022-24 (what most war news used). When OSM (2023)
        # and KATOTTG (2025) differ, OSM wins if KOATUU (2020) agrees with it (a renaming
        # after 2020, e.g. Сєвєродонецьк -> Сіверськодонецьк); with no KOATUU row, if OCHA
        # (June 2024) knows the OSM name but not the KATOTTG one. Otherwise KATOTTG: OSM
        # sometimes carries pre-2016 names in occupied areas (Свердловськ for Довжанськ).
        if r["name:uk"]:
            p.names.insert(0, (r["name:uk"], "osm", "uk"))
            if norm_uk(r["name:uk"]) != norm_uk(p.uk):
                stats["renamed-osm-vs-katottg"] += 1
                ko = koatuu.get(r["koatuu"])
                if ko is not None:
                    use_osm = norm_uk(ko) == norm_uk(r["name:uk"])
                else:
                    use_osm = norm_uk(r["name:uk"]) in ocha and norm_uk(p.uk) not in ocha
                if p.code in kat_by_code and use_osm:
                    p.uk = clean(r["name:uk"])
                    stats["primary-name-from-osm"] += 1
            elif p.code not in kat_by_code:
                p.uk = clean(r["name:uk"])
        if r["name"] and r["name"] != r["name:uk"]:
            p.names.append((r["name"], "osm", None))
        for col in ("old_name", "old_name:uk"):
            for o in r[col].split(";"):
                if clean(o):
                    p.names.append((o, "osm-old_name", "uk" if col.endswith("uk") else None))
                    stats["osm-old_name-values"] += 1
        try:
            p.pop = int(re.sub(r"[^\d]", "", r["population"]) or 0)
        except ValueError:
            p.pop = 0
        p.koatuu = r["koatuu"]
    stats["osm-only-places"] = osm_only

    for p in settlements.values():
        p.hromada = hromada_name.get(p.hromada, "")

    # KOATUU names (pre-2020) through the OSM koatuu code
    for p in settlements.values():
        if p.koatuu and p.koatuu in koatuu:
            p.names.append((koatuu[p.koatuu], "koatuu", "uk"))

    # raion base names and raion places
    centres = defaultdict(list)
    for p in settlements.values():
        if p.raion_code and p.type == "city":
            for n, _, _ in p.names:
                if any(is_cyr(c) for c in n):
                    centres[p.raion_code].append((n, p.uk))
    raions = []
    for rc, adj in sorted(raion_name.items()):
        obl = next(v for k, v in oblast_by_l1.items() if k[:4] == rc[:4])
        base = raion_base(adj, sorted(centres.get(rc, [])))
        r = Place(rc, "raion", obl, adj + " район")
        r.raion = base or ""
        raions.append(r)
    raion_by_code = {r.code: r for r in raions}

    # GeoNames cities500: join by name (Ukrainian or its KMU form) within the oblast
    gn_obl = {}
    for uk, t in OBLASTS.items():
        gn_obl[t[3]] = t[0]
    gn_obl["12"] = "kyiv-city"
    gn_obl["20"] = "sevastopol"
    by_key = defaultdict(list)
    for p in settlements.values():
        obl = p.oblast
        for n, src_, _ in p.names:
            if src_ not in ("katottg", "osm"):
                continue        # former names belong to other places too (Dzerzhinsk)
            by_key[(norm_uk(n), obl)].append(p)
            by_key[(translit_uk_kmu(n).casefold(), obl)].append(p)
    gn_done = set()
    for g in c500:
        obl = gn_obl.get(g["admin1"])
        if not obl:
            continue
        cands = {}
        for n in [g["name"], g["ascii"]] + g["alts"]:
            for p in by_key.get((norm_uk(n), obl), []):
                cands[p.code] = p
        if not cands:
            continue
        best = sorted(cands.values(), key=lambda p: (TYPE_ORDER[p.type], -p.pop, p.code))
        p = best[0]
        if p.code in gn_done:
            continue
        gn_done.add(p.code)
        stats["join-geonames-cities500"] += 1
        p.lat, p.lon = g["lat"], g["lon"]
        if not p.pop:
            p.pop = g["pop"]
        p.names.append((g["name"], "geonames", None))
        p.names.append((g["ascii"], "geonames", None))
        for a in g["alts"]:
            # skip IATA codes, romanizations of other scripts ("ji fu") and phrases ("Kiev osh")
            if len(a) <= 3 or any(w[:1].islower() for w in a.split()):
                continue
            p.names.append((a, "geonames", "ru-or-other"))

    # cities500 points on a 0.5-degree grid, to check that a postal point lies in its oblast
    grid = defaultdict(list)
    for g in c500:
        o = gn_obl.get(g["admin1"])
        if o:
            grid[(int(g["lat"] * 2), int(g["lon"] * 2))].append((g["lat"], g["lon"], o))

    def in_oblast(lat, lon, obl):
        """Plausible when a same-oblast GeoNames place is within 50 km and not much
        farther than the nearest place of any oblast (postal points are sometimes a
        same-name village in another oblast)."""
        d_same = d_any = 1e9
        gy, gx = int(lat * 2), int(lon * 2)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for la, lo, o in grid.get((gy + dy, gx + dx), ()):
                    d = haversine(lat, lon, la, lo)
                    d_any = min(d_any, d)
                    if o == obl:
                        d_same = min(d_same, d)
        return d_same <= 50 and d_same <= d_any + 20

    # GeoNames postal codes: coordinates for the rest, by a name unique within the oblast
    postal_obl = {}
    for uk, t in OBLASTS.items():
        if t[4]:
            postal_obl[t[4]] = t[0]
    postal_obl["13"] = "kyiv-city"
    post = defaultdict(list)
    for r in postal:
        o = postal_obl.get(r["admin1"])
        if o:
            post[(norm_uk(r["name"]), o)].append(r)
    spine_by_name = defaultdict(set)
    for p in settlements.values():
        for n, _, lang in p.names:
            if lang == "uk":
                spine_by_name[(norm_uk(n), p.oblast)].add(p.code)
    for p in sorted(settlements.values(), key=lambda p: p.code):
        if p.lat is not None:
            continue
        keys = []
        for n, _, lang in p.names:
            k = (norm_uk(n), p.oblast)
            if lang == "uk" and k in post and len(spine_by_name[k]) == 1 and k not in keys:
                keys.append(k)
        if not keys:
            continue
        rows = [r for k in keys for r in post[k]]
        pts_ = {}
        for r in rows:
            k = (round(r["lat"], 4), round(r["lon"], 4))
            pts_[k] = max(pts_.get(k, 0), r["acc"])
        if len({(round(a, 1), round(b, 1)) for a, b in pts_}) > 1:
            # several distinct points: keep only the high-accuracy point if it is unique
            good = [k for k, a in pts_.items() if a >= 4]
            if len(good) != 1:
                stats["postal-ambiguous"] += 1
                continue
            pt = good[0]
        else:
            pt = max(pts_, key=lambda k: (pts_[k], k))
        if not in_oblast(pt[0], pt[1], p.oblast):
            stats["postal-rejected-outside-oblast"] += 1
            continue
        p.lat, p.lon = pt
        stats["coords-postal"] += 1

    # OCHA English / Russian names by Ukrainian name
    for p in settlements.values():
        seen = set()
        for n, _, _ in list(p.names):
            k = norm_uk(n)
            if k in seen:
                continue
            seen.add(k)
            for en, ru in ocha.get(k, []):
                p.names.append((en, "ocha-en", None))
                if ru:
                    p.names.append((ru, "ocha-ru", "ru"))

    # canonical ids
    places = list(settlements.values())
    assign_ids(places, raion_by_code)
    for r in raions:
        base = slugify(translit_uk_kmu(r.raion)) if r.raion else slugify(translit_uk_kmu(r.uk.split()[0]))
        r.id = base + "-raion"
    dup = defaultdict(list)
    for r in raions:
        dup[r.id].append(r)
    for rid, lst in dup.items():
        if len(lst) > 1:
            for r in lst:
                r.id = rid + "-" + r.oblast

    curated = match_curated(places, stats)

    # aliases
    rows = []
    for p in places:
        al = Aliases()
        name_en = translit_uk_kmu(p.uk)
        al.add(name_en, "translit-kmu2010", stats)
        for n, src_, lang in p.names:
            if any(is_cyr(c) for c in n):
                add_cyrillic(al, n, src_, stats, lang)
            else:
                al.add(n, src_, stats)
        for n in curated.get(p.code, []):
            add_cyrillic(al, n, "curated", stats)
        obl_id = oblast_id(p.oblast)
        rows.append((p.id, p.type, name_en, obl_id, p.lat, p.lon, al.items))

    # raions
    for r in raions:
        al = Aliases()
        base_en = translit_uk_kmu(r.raion) if r.raion else ""
        adj_en = translit_uk_kmu(r.uk.split(" район")[0])
        name_en = (base_en or adj_en) + " Raion"
        for n in (name_en, adj_en + " Raion", (base_en or adj_en) + " district"):
            al.add(n, "generated", stats)
        add_cyrillic(al, r.uk, "katottg", stats, "uk")
        for n in RENAMED.get(r.id, []):
            al.add(n, "curated", stats)
        rows.append((r.id, "raion", name_en, oblast_id(r.oblast), None, None, al.items))

    # oblasts
    for uk, (slug, en, ru_adj, _, _) in sorted(OBLASTS.items(), key=lambda kv: kv[1][0]):
        al = Aliases()
        oid = oblast_id(slug)
        name_en = "Crimea" if slug == "crimea" else en + " Oblast"
        al.add(name_en, "generated", stats)
        if slug != "crimea":
            for b in [en] + OBLAST_BASES.get(slug, []):
                for suf in (" Oblast", " region", " province"):
                    al.add(b + suf, "generated", stats)
            add_cyrillic(al, uk + " область", "katottg", stats, "uk")
            add_cyrillic(al, ru_adj + " область", "generated", stats, "ru")
        for x in OBLAST_NAMES.get(slug, []):
            add_cyrillic(al, x, "curated", stats)
        rows.append((oid, "oblast", name_en, oid, None, None, al.items))

    for cid, name, extra in COUNTRIES:
        al = Aliases()
        al.add(name, "curated", stats)
        for x in extra:
            al.add(x, "curated", stats)
        rows.append((cid, "country", name, "", None, None, al.items))
    for cid, name, extra in REGIONS:
        al = Aliases()
        al.add(name, "curated", stats)
        for x in extra:
            al.add(x, "curated", stats)
        rows.append((cid, "region", name, "", None, None, al.items))
    for ptype, table in (("site", SITES), ("river", RIVERS)):
        for cid, name, oblast, extra in table:
            al = Aliases()
            for x in [name] + extra:
                al.add(x, "curated sites and rivers", stats)
            rows.append((cid, ptype, name, oblast, None, None, al.items))

    rows.sort(key=lambda r: (TYPE_ORDER[r[1]], r[0]))
    ids = [r[0] for r in rows]
    if len(ids) != len(set(ids)):
        dups = sorted({i for i in ids if ids.count(i) > 1})
        raise SystemExit("duplicate ids: %s" % dups[:20])
    return rows, stats


def match_curated(places, stats):
    """Attach RENAMED entries to places: by id, or by the slug of any of the place's
    Ukrainian names, within the stated oblast; the highest-ranked match wins."""
    out = {}
    wanted = {obl for obl, _ in RENAMED.values()}
    index = defaultdict(list)
    for p in places:
        if p.oblast not in wanted:
            continue
        slugs = {p.id, p.id.split("-" + p.oblast)[0]}
        slugs |= {slugify(translit_uk_kmu(n)) for n, _, _ in p.names if any(is_cyr(c) for c in n)}
        for sl in slugs:
            index[(sl, p.oblast)].append(p)
    for key, (obl, names) in sorted(RENAMED.items()):
        cands = index.get((key, obl), [])
        if not cands:
            print("warning: curated entry %s (%s) matched no place" % (key, obl), file=sys.stderr)
            continue
        cands.sort(key=lambda p: (TYPE_ORDER[p.type], -p.pop, p.code))
        out.setdefault(cands[0].code, []).extend(names)
        stats["curated-places"] += 1
    return out


def oblast_id(slug):
    if slug in ("kyiv-city", "sevastopol"):
        return {"kyiv-city": "kyiv"}.get(slug, slug)
    if slug == "crimea":
        return "crimea"
    return slug + "-oblast"


def raion_tag(p, raion_by_code):
    r = raion_by_code.get(p.raion_code)
    if r is None:
        return ""
    return slugify(translit_uk_kmu(r.raion or r.uk.split()[0]))


def assign_ids(places, raion_by_code):
    """ASCII slug of the KMU name. Homonyms: the one clearly most important place (a higher
    type than all others, or 5x their population) keeps the bare slug; the others get
    -<oblast>, plus -<raion> when the oblast holds the name twice, then -<hromada> when the
    raion does, and -<n> as a last resort."""
    groups = defaultdict(list)
    for p in places:
        p.id = slugify(translit_uk_kmu(p.uk)) or "place"
        groups[p.id].append(p)
    for slug, lst in groups.items():
        if len(lst) == 1:
            continue
        lst.sort(key=lambda p: (TYPE_ORDER[p.type], -p.pop, p.code))
        top, second = lst[0], lst[1]
        keep_bare = (TYPE_ORDER[top.type] < TYPE_ORDER[second.type]) or \
            (top.type in ("city", "town") and top.pop >= 5 * max(second.pop, 1))
        per_oblast = defaultdict(int)
        for p in lst:
            per_oblast[p.oblast] += 1
        for p in (lst[1:] if keep_bare else lst):
            p.id = slug + "-" + p.oblast
            if per_oblast[p.oblast] > 1:
                tag = raion_tag(p, raion_by_code)
                if tag:
                    p.id += "-" + tag
    groups = defaultdict(list)
    for p in places:
        groups[p.id].append(p)
    for pid, lst in groups.items():
        if len(lst) > 1:
            for p in lst:
                if p.hromada:
                    p.id = pid + "-" + slugify(translit_uk_kmu(p.hromada))
    groups = defaultdict(list)
    for p in places:
        groups[p.id].append(p)
    for pid, lst in groups.items():
        if len(lst) > 1:
            lst.sort(key=lambda p: p.code)
            for i, p in enumerate(lst[1:], 2):
                p.id = "%s-%d" % (pid, i)


def fmt_coord(x):
    return "" if x is None else ("%.4f" % x)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", required=True, help="folder with the raw gazetteer sources")
    ap.add_argument("--out", required=True, help="output folder (data/)")
    ap.add_argument("--stats", action="store_true", help="print alias counts by source")
    a = ap.parse_args()
    t0 = time.time()
    rows, stats = build(a.source)
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "places.tsv")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("#canonical_id\ttype\tname_en\toblast_id\tlat\tlon\taliases\n")
        for pid, typ, name, obl, lat, lon, al in rows:
            al = [x.replace("|", " ").replace("\t", " ") for x in al]
            f.write("\t".join([pid, typ, name, obl, fmt_coord(lat), fmt_coord(lon),
                               "|".join(al)]) + "\n")
    os.replace(tmp, path)
    counts = defaultdict(int)
    for r in rows:
        counts[r[1]] += 1
    n_alias = sum(len(r[6]) for r in rows)
    n_coord = sum(1 for r in rows if r[4] is not None)
    print("wrote %s: %d rows (%s), %d aliases, %d with coordinates, %d bytes, %.1f s" % (
        path, len(rows), ", ".join("%s %d" % (k, counts[k]) for k in sorted(counts, key=TYPE_ORDER.get)),
        n_alias, n_coord, os.path.getsize(path), time.time() - t0), file=sys.stderr)
    if a.stats:
        for k in sorted(stats):
            print("  %-28s %d" % (k, stats[k]), file=sys.stderr)


if __name__ == "__main__":
    main()
