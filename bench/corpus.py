"""Synthetic articles for benchmarks and tests: the seed articles' paragraphs repeated and varied.

Article k keeps one seed's title and opening paragraphs (so it still reports a meeting, its officials and
targets), moves the story to another province from ontology/places.tsv, swaps the provincial officials'
names for made-up Vietnamese names (the same ones for every article about that province), changes the figures, and appends a shuffled sample of the seeds' other
paragraphs. The same n and seed always give the same files.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PLACES = ROOT / "ontology" / "places.tsv"

# Made up for the benchmark; any resemblance to real officials is a coincidence of common names.
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Phan", "Trịnh")
MIDDLES = ("Văn", "Thị", "Minh", "Quốc", "Thanh", "Hữu", "Đức", "Ngọc", "Xuân", "Hồng", "Công", "Anh")
GIVEN = ("An", "Bình", "Châu", "Duy", "Giang", "Hải", "Hùng", "Khoa", "Lâm", "Long", "Mai", "Nam", "Nhân",
         "Phong", "Quang", "Tâm", "Thảo", "Trung", "Tuấn", "Việt", "Vinh", "Yến", "Hiếu", "Khải")

# Officials named in the seeds (see ../shared/gold/seeds.json): each gets a different name per article.
SEED_NAMES = ("Trần Quốc Cường", "Mùa A Sơn", "Lê Thành Đô", "Nguyễn Minh Phú", "Trần Tiến Dũng",
              "Nguyễn Văn Thắng", "Phạm Trung")
NATIONAL = ("Nguyễn Văn Thắng",)  # the Minister of Finance: the same person whichever province he visits
SEED_PROVINCE = "Điện Biên"
_KEEP = ("Điện Biên Phủ Victory",)  # a historical name, not the province
_PERCENT = re.compile(r"\b(\d{1,3})(?:\.(\d{1,2}))?%")
_OPENING = 3  # title + this many paragraphs are kept in place


def provinces() -> list[str]:
    """Province labels of the 63-unit list in ontology/places.tsv (minus the seeds' own province)."""
    out = []
    for line in PLACES.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 4 or cols[0] == "label":
            continue
        if cols[1] == "province" and "63" in cols[3].split() and cols[0] != SEED_PROVINCE:
            out.append(cols[0])
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"
        if name not in used and name not in SEED_NAMES:
            used.add(name)
            return name


def _vary(text: str, names: dict[str, str], province: str, rng: random.Random) -> str:
    for keep_i, keep in enumerate(_KEEP):
        text = text.replace(keep, f"\0{keep_i}\0")
    for old, new in names.items():
        text = text.replace(old, new)
    text = text.replace(SEED_PROVINCE + " Phủ", province).replace(SEED_PROVINCE, province)
    # the seed paper's dateline code names its own province, and datelines outrank mentions: drop it
    text = re.sub(r"^ĐBP - ", "", text, flags=re.M)

    def percent(m: re.Match) -> str:
        whole = max(1, int(m.group(1)) + rng.randint(-2, 2))
        return f"{whole}.{rng.randint(0, 9)}%" if m.group(2) else f"{whole}%"

    text = _PERCENT.sub(percent, text)
    for keep_i, keep in enumerate(_KEEP):
        text = text.replace(f"\0{keep_i}\0", keep)
    return text


def article_text(k: int, seed: int = 0) -> str:
    """The text of synthetic article k."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(f"{seed}:{k}")
    base = _paragraphs(seeds[k % len(seeds)])
    pool = [p for text in seeds for p in _paragraphs(text)[_OPENING + 1:] if len(p.split()) >= 12]
    province = rng.choice(provinces())
    # a province keeps its officials from article to article (as in a real archive); the minister is national
    people = random.Random(f"{seed}:{province}")
    used: set[str] = set()
    names = {old: _name(people, used) for old in SEED_NAMES if old not in NATIONAL}
    extra = rng.sample(pool, k=min(len(pool), rng.randint(4, 10)))
    paragraphs = base[: _OPENING + 1] + extra
    return "\n\n".join(_vary(p, names, province, rng) for p in paragraphs) + "\n"


def make_corpus(out_dir: Path | str, n: int, seed: int = 0, start: int = 0) -> list[Path]:
    """Write articles start..start+n-1 as synth_NNNNN.txt into out_dir; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(start, start + n):
        path = out / f"synth_{k:05d}.txt"
        path.write_text(article_text(k, seed), encoding="utf-8")
        paths.append(path)
    return paths
