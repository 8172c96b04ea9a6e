"""A synthetic corpus shaped like ours: English press releases built from the seeds and Russian
news, with site furniture at the edges, repeated headlines, datelines and mixed encodings.

    python benchmarks/make_corpus.py OUT_DIR --mb 20

Other benchmarks import ``make_texts`` / ``write_corpus``; the output is deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RU_PARAGRAPHS = [
    "Губернатор Рязанской области заявил, что доля социально значимых услуг в электронном виде "
    "составит 95 процентов к 2024 г. Связь получат 998 объектов, в том числе школы и ФАПы.",
    "По словам министра, т.е. главы ведомства, национальный проект «Цифровая экономика» позволит "
    "подключить к интернету 97 % домохозяйств. На эти цели выделят 1,5 млрд руб.",
    "В. В. Путин отметил, что ИТ-отрасль во многом определяет динамику экономики. «Мы должны быть "
    "максимально проактивными», — подчеркнул президент.",
    "Проект «Экономика данных» рассчитан до 2030 года. Его паспорт утвердят в ближайшие месяцы.",
]
RU_TITLES = ["Рязанская область станет цифровым регионом", "Путин призвал ускорить цифровизацию",
             "Правительство обсудило нацпроект «Экономика данных»"]
PLACES = ["МОСКВА", "РЯЗАНЬ", "КАЗАНЬ", "RUSSIA", "RYAZAN", "KAZAN"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June"]
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня"]
TOP_FURNITURE = ["There were {n} press releases posted in the last 24 hours and {m} in the last 365 days.",
                 "Home > News > Economy", "Share this:"]
BOTTOM_FURNITURE = ["Author: wedocount", "Leave a Reply",
                    "Your email address will not be published. Required fields are marked *",
                    "All content on this site is licensed under",
                    "Creative Commons Attribution 4.0 International",
                    "More to be posted soon…", "Читайте также: новости региона", "© 2024 Example News"]


def _seed_paragraphs() -> tuple[list[str], list[str]]:
    titles, paras = [], []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        blocks = [b.strip() for b in f.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        titles.append(blocks[0])
        paras.extend(b for b in blocks[1:] if len(b) > 120)
    return titles, paras


def make_text(rng: random.Random, titles: list[str], paras: list[str]) -> str:
    russian = rng.random() < 0.3
    title = rng.choice(RU_TITLES if russian else titles) + f" ({rng.randrange(10_000)})"
    body = rng.sample(RU_PARAGRAPHS if russian else paras, k=min(rng.randint(4, 12), len(RU_PARAGRAPHS)
                                                                  if russian else len(paras)))
    month = rng.randrange(6)
    dateline = (f"{rng.choice(PLACES[:3])}, {rng.randint(1, 28)} {MONTHS_RU[month]} — ТАСС. " if russian
                else f"{rng.choice(PLACES[3:])}, {MONTHS_EN[month]} {rng.randint(1, 28)} - ")
    body[0] = dateline + body[0]
    if rng.random() < 0.5:
        body.insert(rng.randrange(1, len(body)), title)  # the headline repeated in the body
    top = [f.format(n=rng.randint(100, 2000), m=rng.randint(10_000, 500_000))
           for f in rng.sample(TOP_FURNITURE, k=rng.randint(0, 2))]
    bottom = rng.sample(BOTTOM_FURNITURE, k=rng.randint(0, 4))
    prefix = f" date 2024-{month + 1:02d}-{rng.randint(1, 28):02d} " if rng.random() < 0.3 else ""
    return prefix + "\n\n".join([*top, title, *body, *bottom]) + "\n"


def make_texts(total_bytes: int, seed: int = 1) -> list[str]:
    """Documents until their UTF-8 size reaches ``total_bytes``."""
    rng = random.Random(seed)
    titles, paras = _seed_paragraphs()
    texts: list[str] = []
    size = 0
    while size < total_bytes:
        text = make_text(rng, titles, paras)
        texts.append(text)
        size += len(text.encode("utf-8"))
    return texts


def write_corpus(folder: Path, total_bytes: int, seed: int = 1) -> list[Path]:
    """Write the corpus as files in a mix of encodings and newline styles, a folder per 500 files."""
    rng = random.Random(seed + 1)
    paths = []
    for i, text in enumerate(make_texts(total_bytes, seed)):
        cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in text[:200])
        encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16"] + (["cp1251", "koi8-r"] if cyrillic
                                                                             else []))
        if rng.random() < 0.2:
            text = text.replace("\n", "\r\n")
        path = folder / f"part{i // 500:03d}" / f"doc{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding, errors="replace"))
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    paths = write_corpus(args.out, int(args.mb * 2**20), args.seed)
    print(f"wrote {len(paths)} files under {args.out}")


if __name__ == "__main__":
    main()
