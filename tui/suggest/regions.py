"""A small gazetteer of Russian regions, English and Russian names, for a target's ``region``.

The value is always the English canonical name ("Ryazan Oblast"), whatever language the text is
in, so a dataset's region column has one spelling per region.
"""

from __future__ import annotations

from collections import Counter
from functools import cache, lru_cache

from tui.suggest.gazetteer import AliasMatcher

# canonical name -> names a text may use (Russian ones are matched in every case form)
REGIONS: dict[str, tuple[str, ...]] = {
    "Moscow": ("Moscow", "Москва"),
    "Moscow Oblast": ("Moscow Oblast", "Moscow Region", "Московская область", "Подмосковье"),
    "Saint Petersburg": (
        "Saint Petersburg",
        "St. Petersburg",
        "St Petersburg",
        "Санкт-Петербург",
        "Петербург",
    ),
    "Leningrad Oblast": ("Leningrad Oblast", "Leningrad Region", "Ленинградская область"),
    "Ryazan Oblast": ("Ryazan Oblast", "Ryazan Region", "Ryazan", "Рязанская область", "Рязанский регион"),
    "Tatarstan": ("Tatarstan", "Republic of Tatarstan", "Татарстан", "Республика Татарстан"),
    "Bashkortostan": ("Bashkortostan", "Bashkiria", "Башкортостан", "Башкирия"),
    "Chechnya": ("Chechnya", "Chechen Republic", "Чечня", "Чеченская Республика"),
    "Dagestan": ("Dagestan", "Republic of Dagestan", "Дагестан"),
    "Yakutia": ("Yakutia", "Sakha Republic", "Республика Саха", "Якутия"),
    "Crimea": ("Crimea", "Republic of Crimea", "Крым", "Республика Крым"),
    "Chukotka": ("Chukotka", "Chukotka Autonomous Okrug", "Чукотка", "Чукотский автономный округ"),
    "Krasnodar Krai": ("Krasnodar Krai", "Krasnodar Territory", "Krasnodar Region", "Kuban",
                       "Краснодарский край", "Кубань"),
    "Perm Krai": ("Perm Krai", "Perm Territory", "Perm Region", "Пермский край"),
    "Primorsky Krai": ("Primorsky Krai", "Primorye", "Приморский край", "Приморье"),
    "Khabarovsk Krai": ("Khabarovsk Krai", "Khabarovsk Territory", "Хабаровский край"),
    "Krasnoyarsk Krai": ("Krasnoyarsk Krai", "Krasnoyarsk Territory", "Красноярский край"),
    "Novosibirsk Oblast": (
        "Novosibirsk Oblast",
        "Novosibirsk Region",
        "Novosibirsk",
        "Новосибирская область",
    ),
    "Sverdlovsk Oblast": ("Sverdlovsk Oblast", "Sverdlovsk Region", "Свердловская область"),
    "Nizhny Novgorod Oblast": ("Nizhny Novgorod Oblast", "Nizhny Novgorod Region", "Нижегородская область"),
    "Tyumen Oblast": ("Tyumen Oblast", "Tyumen Region", "Тюменская область"),
    "Kaliningrad Oblast": (
        "Kaliningrad Oblast",
        "Kaliningrad Region",
        "Kaliningrad",
        "Калининградская область",
    ),
    "Samara Oblast": ("Samara Oblast", "Samara Region", "Самарская область"),
    "Rostov Oblast": ("Rostov Oblast", "Rostov Region", "Ростовская область"),
    "Voronezh Oblast": ("Voronezh Oblast", "Voronezh Region", "Воронежская область"),
    "Tula Oblast": ("Tula Oblast", "Tula Region", "Тульская область"),
    "Kaluga Oblast": ("Kaluga Oblast", "Kaluga Region", "Калужская область"),
    "Chelyabinsk Oblast": ("Chelyabinsk Oblast", "Chelyabinsk Region", "Челябинская область"),
    "Omsk Oblast": ("Omsk Oblast", "Omsk Region", "Омская область"),
    "Tomsk Oblast": ("Tomsk Oblast", "Tomsk Region", "Томская область"),
    "Irkutsk Oblast": ("Irkutsk Oblast", "Irkutsk Region", "Иркутская область"),
    "Belgorod Oblast": ("Belgorod Oblast", "Belgorod Region", "Белгородская область"),
    "Yamalo-Nenets Autonomous Okrug": (
        "Yamalo-Nenets Autonomous Okrug",
        "Yamal",
        "Ямало-Ненецкий автономный округ",
        "Ямал",
    ),
    "Khanty-Mansi Autonomous Okrug": (
        "Khanty-Mansi Autonomous Okrug",
        "Yugra",
        "Ханты-Мансийский автономный округ",
        "Югра",
    ),
}


@cache
def _matcher() -> tuple[AliasMatcher, list[str]]:
    names = sorted(((n, canon) for canon, ns in REGIONS.items() for n in ns), key=lambda p: -len(p[0]))
    return AliasMatcher.build([n for n, _ in names]), [canon for _, canon in names]


def find_regions(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every region named in ``text[start:end]``; only capitalised
    matches count (the Russian stems match in any case), and the longest of overlapping ones wins."""
    matcher, canon = _matcher()
    out: list[tuple[int, int, str]] = []
    for s, e, index in matcher.matches(text, start, end):
        if text[s].isupper() and (not out or s >= out[-1][1]):
            out.append((s, e, canon[index]))
    return out


@lru_cache(maxsize=8)  # asked once per target candidate of the same document
def main_region(text: str) -> str | None:
    """The region a text names most often (the first named on a tie), or None."""
    counts = Counter(name for _, _, name in find_regions(text))
    if not counts:
        return None
    top = max(counts.values())
    return next(name for _, _, name in find_regions(text) if counts[name] == top)
