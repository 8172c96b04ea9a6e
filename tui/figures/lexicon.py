"""Every word list the figure detector knows, one place for each (English and Russian).

Keys are lower case; multi-word keys use single spaces (patterns.py lets any run of spaces match).
Number words are a small lexicon of our own rather than text2num: the installed text2num (3.1) has no
Russian, and its ``alpha2digit`` rewrites text ("a million" -> "a 1000000") so spans would have to be
mapped back; the lexicon below keeps offsets exact and covers the Russian case forms ("двух лет").
"""

from __future__ import annotations

from fractions import Fraction

# ---------------------------------------------------------------- magnitudes after a number

MAGNITUDES: dict[str, int] = {
    "thousand": 10**3, "thousands": 10**3, "thou": 10**3,
    "million": 10**6, "millions": 10**6, "mln": 10**6, "mn": 10**6, "mio": 10**6,
    "billion": 10**9, "billions": 10**9, "bn": 10**9, "bln": 10**9,
    "trillion": 10**12, "trillions": 10**12, "tn": 10**12, "trn": 10**12,
    "тыс": 10**3, "тысяча": 10**3, "тысячи": 10**3, "тысяч": 10**3, "тысячу": 10**3, "тысячей": 10**3,
    "тысячам": 10**3, "тысячами": 10**3, "тысячах": 10**3,
    "млн": 10**6, "миллион": 10**6, "миллиона": 10**6, "миллионов": 10**6, "миллиону": 10**6,
    "миллионам": 10**6, "миллионами": 10**6, "миллионах": 10**6, "миллионом": 10**6,
    "млрд": 10**9, "миллиард": 10**9, "миллиарда": 10**9, "миллиардов": 10**9, "миллиарду": 10**9,
    "миллиардам": 10**9, "миллиардами": 10**9, "миллиардах": 10**9, "миллиардом": 10**9,
    "трлн": 10**12, "триллион": 10**12, "триллиона": 10**12, "триллионов": 10**12, "триллиону": 10**12,
    "триллионам": 10**12, "триллионами": 10**12, "триллионах": 10**12, "триллионом": 10**12,
}
# an abbreviation always written with a full stop, which then belongs to the figure ("100 тыс.");
# "млн", "bn" take none, so a full stop after them ends the sentence
MAGNITUDE_DOTTED = ("тыс",)
# one-letter magnitudes are only read after a currency sign ("$3m", "€5k"): alone "5 m" is metres
MONEY_MAGNITUDES: dict[str, int] = {"k": 10**3, "m": 10**6, "b": 10**9}

# ---------------------------------------------------------------- currencies

CURRENCY_BEFORE: dict[str, str] = {
    "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₽": "RUB",
    "rub": "RUB", "rur": "RUB", "usd": "USD", "eur": "EUR", "gbp": "GBP", "cny": "CNY",
}
CURRENCY_AFTER: dict[str, str] = {
    "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB", "rub": "RUB", "rur": "RUB",
    "₽": "RUB", "dollars": "USD", "dollar": "USD", "us dollars": "USD", "usd": "USD", "euros": "EUR",
    "euro": "EUR", "eur": "EUR", "yuan": "CNY", "cny": "CNY", "pounds sterling": "GBP", "gbp": "GBP",
    "рублей": "RUB", "рубля": "RUB", "рубль": "RUB", "рублям": "RUB", "рублями": "RUB", "рублях": "RUB",
    "руб": "RUB", "долларов": "USD", "доллара": "USD", "доллар": "USD", "долл": "USD", "евро": "EUR",
    "юаней": "CNY", "юаня": "CNY", "юань": "CNY",
}
CURRENCY_DOTTED = ("руб", "долл")

# ---------------------------------------------------------------- percent

PERCENT_WORDS: dict[str, str] = {
    "%": "%", "percent": "%", "per cent": "%", "pct": "%", "percentage points": "pp",
    "percentage point": "pp", "p.p.": "pp", "pp": "pp",
    "процент": "%", "процента": "%", "процентов": "%", "процентам": "%", "процентах": "%",
    "процентного пункта": "pp", "процентных пункта": "pp", "процентных пунктов": "pp", "п.п.": "pp",
    "п. п.": "pp",
}

# ---------------------------------------------------------------- durations and other units

DURATION_UNITS: dict[str, str] = {
    "year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
    "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour", "minute": "minute",
    "minutes": "minute", "decade": "decade", "decades": "decade",
    "год": "year", "года": "year", "лет": "year", "годам": "year", "годами": "year",
    "месяц": "month", "месяца": "month", "месяцев": "month", "месяцы": "month", "месяцам": "month",
    "неделя": "week", "недели": "week", "недель": "week", "неделю": "week",
    "день": "day", "дня": "day", "дней": "day", "дням": "day", "суток": "day", "сутки": "day",
    "час": "hour", "часа": "hour", "часов": "hour", "минута": "minute", "минуты": "minute",
    "минут": "minute",
}
# after a calendar year these words name the year itself ("в 2021 году", "до 2030 года"), not a span
YEAR_NOUNS = ("год", "году", "года", "годом", "г", "гг", "годы", "годах", "годов")

MEASURE_UNITS: dict[str, str] = {
    "km": "km", "sq km": "km2", "km2": "km2", "km²": "km2", "square kilometres": "km2",
    "square kilometers": "km2", "hectares": "ha", "ha": "ha", "tonnes": "t", "tons": "t",
    "kw": "kW", "mw": "MW", "gw": "GW", "kwh": "kWh", "gwh": "GWh", "mbit/s": "Mbit/s",
    "mbps": "Mbit/s", "gbit/s": "Gbit/s", "gbps": "Gbit/s", "tb": "TB", "pb": "PB", "gb": "GB",
    "mhz": "MHz", "ghz": "GHz", "times": "times", "fold": "times",
    "км": "km", "кв. км": "km2", "кв. м": "m2", "га": "ha", "тонн": "t", "тонны": "t", "тонна": "t",
    "квт": "kW", "мвт": "MW", "гвт": "GW", "мбит/с": "Mbit/s", "гбит/с": "Gbit/s", "тб": "TB",
    "пб": "PB", "гб": "GB", "мгц": "MHz", "ггц": "GHz", "раз": "times", "раза": "times",
}

# ---------------------------------------------------------------- months

MONTH_NAMES_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
MONTHS_EN: dict[str, int] = {m: i for i, m in enumerate(MONTH_NAMES_EN, 1)}
# abbreviations; English month names are only read capitalised ("May", not the verb "may")
MONTHS_EN.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                  "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_MONTHS_RU = (("январь", "января", "январе"), ("февраль", "февраля", "феврале"), ("март", "марта", "марте"),
              ("апрель", "апреля", "апреле"), ("май", "мая", "мае"), ("июнь", "июня", "июне"),
              ("июль", "июля", "июле"), ("август", "августа", "августе"),
              ("сентябрь", "сентября", "сентябре"), ("октябрь", "октября", "октябре"),
              ("ноябрь", "ноября", "ноябре"), ("декабрь", "декабря", "декабре"))
MONTHS_RU: dict[str, int] = {form: i for i, forms in enumerate(_MONTHS_RU, 1) for form in forms}

# ---------------------------------------------------------------- number words

# category of each number word: unit 0-9, teen 10-19, tens, hundreds (a whole hundred, Russian),
# hundred (English multiplier), scale (thousand and up), frac (a fraction), sesqui ("полтора" = 1.5)
UNIT, TEEN, TENS, HUNDREDS, HUNDRED, SCALE, FRAC, SESQUI = (
    "unit", "teen", "tens", "hundreds", "hundred", "scale", "frac", "sesqui")

# values are ints when whole: Fraction arithmetic, in pure Python, was 2% of the detector's work
WordValue = int | Fraction
NUMBER_WORDS_EN: dict[str, tuple[str, WordValue]] = {}
for _i, _w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")):
    NUMBER_WORDS_EN[_w] = (UNIT, _i)
for _i, _w in enumerate(("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                         "seventeen", "eighteen", "nineteen"), 10):
    NUMBER_WORDS_EN[_w] = (TEEN, _i)
for _i, _w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), 2):
    NUMBER_WORDS_EN[_w] = (TENS, _i * 10)
NUMBER_WORDS_EN.update({
    "hundred": (HUNDRED, 100), "dozen": (HUNDRED, 12),
    "thousand": (SCALE, 10**3), "million": (SCALE, 10**6),
    "billion": (SCALE, 10**9), "trillion": (SCALE, 10**12),
    "half": (FRAC, Fraction(1, 2)), "third": (FRAC, Fraction(1, 3)), "thirds": (FRAC, Fraction(1, 3)),
    "quarter": (FRAC, Fraction(1, 4)), "quarters": (FRAC, Fraction(1, 4)),
    "fifth": (FRAC, Fraction(1, 5)), "fifths": (FRAC, Fraction(1, 5)),
    "tenth": (FRAC, Fraction(1, 10)), "tenths": (FRAC, Fraction(1, 10)),
})

NUMBER_WORDS_RU: dict[str, tuple[str, WordValue]] = {}


def _ru(cat: str, value: WordValue, *forms: str) -> None:
    for f in forms:
        NUMBER_WORDS_RU[f] = (cat, value)


_ru(UNIT, 0, "ноль", "нуль", "ноля", "нуля")
_ru(UNIT, 1, "один", "одна", "одно", "одного", "одной", "одному", "одним", "одном", "одну")
_ru(UNIT, 2, "два", "две", "двух", "двум", "двумя")
_ru(UNIT, 3, "три", "трех", "трёх", "трем", "трём", "тремя")
_ru(UNIT, 4, "четыре", "четырех", "четырёх", "четырем", "четырём", "четырьмя")
_ru(UNIT, 5, "пять", "пяти", "пятью")
_ru(UNIT, 6, "шесть", "шести", "шестью")
_ru(UNIT, 7, "семь", "семи")  # not "семью": that is also "family"
_ru(UNIT, 8, "восемь", "восьми", "восемью", "восьмью")
_ru(UNIT, 9, "девять", "девяти", "девятью")
for _i, _stem in enumerate(("десят", "одиннадцат", "двенадцат", "тринадцат", "четырнадцат", "пятнадцат",
                            "шестнадцат", "семнадцат", "восемнадцат", "девятнадцат"), 10):
    _ru(TEEN, _i, _stem + "ь", _stem + "и", _stem + "ью")
_ru(TENS, 20, "двадцать", "двадцати", "двадцатью")
_ru(TENS, 30, "тридцать", "тридцати", "тридцатью")
_ru(TENS, 40, "сорок", "сорока")
_ru(TENS, 50, "пятьдесят", "пятидесяти", "пятьюдесятью")
_ru(TENS, 60, "шестьдесят", "шестидесяти", "шестьюдесятью")
_ru(TENS, 70, "семьдесят", "семидесяти", "семьюдесятью")
_ru(TENS, 80, "восемьдесят", "восьмидесяти", "восемьюдесятью")
_ru(TENS, 90, "девяносто", "девяноста")
_ru(HUNDREDS, 100, "сто", "ста", "стам")
_ru(HUNDREDS, 200, "двести", "двухсот", "двумстам", "двумястами", "двухстах")
_ru(HUNDREDS, 300, "триста", "трехсот", "трёхсот", "тремстам", "тремястами", "трехстах", "трёхстах")
_ru(HUNDREDS, 400, "четыреста", "четырехсот", "четырёхсот", "четырьмстам", "четырьмястами")
for _i, _forms in enumerate((("пятьсот", "пятисот", "пятистам", "пятьюстами", "пятистах"),
                             ("шестьсот", "шестисот", "шестистам", "шестьюстами", "шестистах"),
                             ("семьсот", "семисот", "семистам", "семьюстами", "семистах"),
                             ("восемьсот", "восьмисот", "восьмистам", "восемьюстами", "восьмистах"),
                             ("девятьсот", "девятисот", "девятистам", "девятьюстами", "девятистах")), 5):
    _ru(HUNDREDS, _i * 100, *_forms)
_ru(SCALE, 10**3, "тысяча", "тысячи", "тысяч", "тысячу", "тысячей", "тысячам", "тысячами", "тысячах")
for _v, _stem in ((10**6, "миллион"), (10**9, "миллиард"), (10**12, "триллион")):
    _ru(SCALE, _v, _stem, _stem + "а", _stem + "ов", _stem + "у", _stem + "ом", _stem + "ы", _stem + "ам",
        _stem + "ами", _stem + "ах")
_ru(FRAC, Fraction(1, 2), "половина", "половины", "половину", "половине", "половиной")
_ru(FRAC, Fraction(1, 3), "треть", "трети", "третей")
_ru(FRAC, Fraction(1, 4), "четверть", "четверти", "четвертей")
_ru(SESQUI, Fraction(3, 2), "полтора", "полторы", "полутора")

NUMBER_WORDS: dict[str, tuple[str, WordValue]] = {**NUMBER_WORDS_EN, **NUMBER_WORDS_RU}

# a number word that is a figure on its own, without a numerator: "half", "половина", "треть",
# "тысяча", "миллион" (Russian singular scale words read like "a million"). Other scale and fraction
# words need a numerator or the article "a" ("a million", "a third"): "third" alone is an ordinal.
STANDALONE_WORDS = frozenset({
    "half", "половина", "половины", "половину", "половине", "половиной", "треть", "четверть",
    "тысяча", "тысячу", "тысячей", "миллион", "миллиона", "миллиону", "миллионом", "миллиард",
    "миллиарда", "миллиарду", "миллиардом", "триллион", "триллиона",
})
# the words meaning 1: alone they are not a figure ("one of the aims"); "one million" is
ONE_WORDS = frozenset(w for w, (c, v) in NUMBER_WORDS.items() if c == UNIT and v == 1)
# "the first half", "вторая половина": a half-year, not a half of something
ORDINALS_BEFORE_FRACTION = frozenset({
    "first", "second", "third", "fourth", "last", "первая", "первой", "первую", "вторая", "второй",
    "вторую", "третьей", "четвертой", "четвёртой", "последней",
})

# ---------------------------------------------------------------- qualifiers before a figure

QUALIFIERS: dict[str, str] = {
    "up to": "up_to", "at most": "up_to", "no more than": "up_to", "not more than": "up_to",
    "a maximum of": "up_to", "as many as": "up_to",
    "more than": "over", "over": "over", "above": "over", "exceeding": "over", "in excess of": "over",
    "upwards of": "over", "greater than": "over",
    "about": "about", "around": "about", "approximately": "about", "approx.": "about", "roughly": "about",
    "nearly": "about", "almost": "about", "some": "about", "circa": "about", "close to": "about",
    "~": "about", "an estimated": "about",
    "at least": "at_least", "no less than": "at_least", "not less than": "at_least",
    "a minimum of": "at_least", "no fewer than": "at_least",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than", "below": "less_than",
    "до": "up_to", "не более": "up_to", "не больше": "up_to", "не выше": "up_to", "максимум": "up_to",
    "более": "over", "свыше": "over", "больше": "over", "выше": "over", "сверх": "over",
    "более чем": "over", "больше чем": "over", "почти": "about", "около": "about", "порядка": "about",
    "примерно": "about", "приблизительно": "about", "практически": "about", "почти на": "about",
    "не менее": "at_least", "не меньше": "at_least", "не ниже": "at_least", "минимум": "at_least",
    "как минимум": "at_least", "менее": "less_than", "меньше": "less_than", "ниже": "less_than",
    "менее чем": "less_than", "меньше чем": "less_than",
}
QUALIFIER_LAST_WORDS = frozenset(q.rsplit(" ", 1)[-1] for q in QUALIFIERS)
# the last words of the qualifiers of two or three words: only after these are the words further back read
PHRASE_LAST_WORDS = frozenset(q.rsplit(" ", 1)[-1] for q in QUALIFIERS if " " in q)
# a qualifier that reads as "an amount", so a year-like number after it is a count: "over 2000 people"
AMOUNT_QUALIFIERS = frozenset({"over", "about", "at_least", "less_than"})

# words opening a range: "from 42.5 to 70 per cent", "between 5 and 7", "от 5 до 7", "с 2019 по 2024"
RANGE_OPENERS: dict[str, tuple[str, ...]] = {
    "from": ("to",), "between": ("and",), "от": ("до",), "с": ("по", "до"), "со": ("по", "до"),
    "между": ("и",),
}

# ---------------------------------------------------------------- what makes a number an id

# a number right after one of these is a reference, not a figure ("No. 474", "ст. 12", "version 4")
REFERENCE_WORDS = frozenset((
    "№", "no.", "nos.", "#", "n°", "id", "инн", "огрн", "огрнип", "кпп", "бик", "окпо", "isbn", "issn",
    "version", "ver.", "v.", "v", "art.", "article", "clause", "section", "chapter", "page", "p.", "pp.",
    "tel.", "tel", "phone", "fax", "room", "статья", "статьи", "статье", "статьей", "ст.", "пункт", "пункта",
    "пунктом", "п.", "ч.", "часть", "части", "гл.", "глава", "главы", "раздел", "раздела", "версия",
    "версии", "стр.", "тел.", "тел", "факс", "каб.", "кабинет", "дом", "корп.",
))
# capitalised words that may precede a figure without making it a name ("About 4.5 million");
# after any other capitalised word "X.Y" is a version or name ("Attribution 4.0", "Industry 4.0")
FUNCTION_WORDS = frozenset({
    "in", "by", "to", "at", "on", "of", "for", "from", "with", "over", "about", "under", "around",
    "nearly", "almost", "approximately", "only", "just", "some", "than", "up", "and", "or", "the", "a",
    "is", "was", "were", "are", "be", "since", "until", "till", "before", "after", "total", "reached",
    "в", "к", "до", "на", "с", "по", "от", "за", "около", "более", "свыше", "почти", "примерно", "и",
    "или", "уже", "лишь", "всего", "составит", "составил", "составила", "составляет",
})
