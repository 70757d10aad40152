"""Real-looking IPC codes under the concordance prefixes of an industry.

The concordance seed defines the taxonomy: an IPC code belongs to the industry of the longest prefix it falls
under (C12N15/… is synthetic biology, C12N5/… not). The generator chooses a code that belongs to the
industry it planned, and for an unmapped patent a real subclass the concordance does not list.
"""

from __future__ import annotations

import random
from itertools import accumulate

from .reference import Reference

# typical main groups of common subclasses (default otherwise); subgroups shared
GROUPS = {
    "A61K": (31, 31, 31, 9, 35, 36, 38, 39, 47, 48, 33, 45),
    "A61P": (35, 31, 29, 25, 9, 3, 1, 37, 43, 17),
    "C07D": (401, 403, 405, 471, 487, 213, 231, 239, 493),
    "C07K": (14, 16, 16, 1, 7, 19),
    "C07H": (1, 15, 19, 21),
    "C07J": (1, 9, 63),
    "C12N": (7, 11),
    "G06F": (16, 16, 9, 11, 17, 8, 12, 30),
    "G06Q": (10, 30, 50, 40, 20),
    "H04L": (1, 5, 12, 41, 43, 45, 47),
    "H01L": (21, 23, 29, 31, 33, 25),
    "G11C": (7, 11, 16, 29),
    "H03K": (17, 19, 3, 5),
    "C09K": (11, 5, 3, 8),
    "B82Y": (30, 40, 20),
    "H01B": (1, 3, 5, 13),
    "H10N": (10, 30, 70),
}
DEFAULT_GROUPS = (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43)
SUBGROUPS = (
    "00",
    "02",
    "04",
    "06",
    "08",
    "10",
    "12",
    "14",
    "16",
    "18",
    "20",
    "22",
    "24",
    "26",
    "28",
    "30",
    "32",
    "34",
    "36",
    "38",
    "40",
    "42",
    "44",
    "46",
    "48",
    "50",
    "52",
    "56",
    "60",
    "64",
    "70",
    "80",
    "4745",
    "437",
    "513",
    "7088",
    "1635",
    "085",
    "0472",
    "194",
    "4709",
    "3215",
)

INDEXING_ONLY = ("A61P",)

# extra (non-main) subclasses by industry family; industries not listed draw from their own prefixes
BIO_EXTRA = ("A61P", "A61P", "A61P", "A61K", "A61K", "C07D", "C07K")
BROAD_IT = (
    "G06F",
    "G06Q",
    "H04L",
    "G06N",
    "G06T",
    "G06V",
    "G16H",
    "G05B",
    "H04W",
    "G08G",
    "G01S",
    "H04N",
    "G09B",
    "G01C",
    "G07C",
    "G06K",
    "H04M",
    "G10L",
)
BROAD_MAT = (
    "C01B",
    "C08K",
    "C08L",
    "C09K",
    "B82Y",
    "H01B",
    "C04B",
    "C22C",
    "H01M",
    "B22F",
    "C23C",
    "C30B",
    "C01G",
    "B01J",
    "H10N",
    "C08J",
    "D01F",
    "B32B",
)


# Real subclasses outside the 28-industry taxonomy (musical instruments, clocks, sports, printing, furniture …):
# main IPCs of in-scope transfers that map to no industry.
UNMAPPED_SUBCLASSES = ("G10D", "G10H", "G04B", "A63B", "B41J", "A47C", "A47G", "B43K", "G09F", "A41D")


def normalise_ipc(code: str) -> str:
    return "".join(code.split()).upper()


class Taxonomy:
    """The concordance as data: the industry a code belongs to (longest prefix), or None."""

    def __init__(self, concordance: list[dict]):
        self.prefixes = sorted(
            ((normalise_ipc(r["ipc_prefix"]), int(r["industry_id"])) for r in concordance), key=lambda p: -len(p[0])
        )

    @staticmethod
    def _under(prefix: str, code: str) -> bool:
        if not code.startswith(prefix):
            return False
        # a main-group prefix (C12N15) covers C12N15/… only, not C12N150/…
        return len(prefix) <= 4 or "/" in prefix or (len(code) > len(prefix) and code[len(prefix)] == "/")

    def industry(self, code: str) -> int | None:
        code = normalise_ipc(code)
        return next((i for p, i in self.prefixes if self._under(p, code)), None)


class IpcCoder:
    def __init__(self, ref: Reference, rng: random.Random):
        self.ref, self.rng, self.mapper = ref, rng, Taxonomy(ref.concordance)
        self.pools: dict[int, list[tuple[str, float]]] = {}
        self._cum: dict[tuple, tuple] = {}
        names = ref.industry_by_name()
        self.bio = int(names["生物医药"]["industry_id"])
        self.broad = {
            int(names["软件与信息服务"]["industry_id"]): BROAD_IT,
            int(names["前沿新材料"]["industry_id"]): BROAD_MAT,
        }
        for row in ref.industries:
            iid = int(row["industry_id"])
            # A61P (therapeutic activity) is an indexing subclass: never a main code
            prefixes = [
                normalise_ipc(p)
                for p in ref.prefixes_of(iid)
                if len(normalise_ipc(p)) >= 4 and normalise_ipc(p) not in INDEXING_ONLY
            ]
            if not prefixes:
                raise ValueError(f"industry {iid} has no usable IPC prefix")
            # biomedicine concentrates on its first prefixes; broad industries spread evenly
            steep = 2.0 if iid == self.bio else (0.0 if iid in self.broad else 0.7)
            self.pools[iid] = [(p, 1.0 / (i + 1) ** steep) for i, p in enumerate(prefixes)]

    def _under(self, prefix: str) -> str:
        rng = self.rng
        if len(prefix) == 4:
            return f"{prefix}{rng.choice(GROUPS.get(prefix, DEFAULT_GROUPS))}/{rng.choice(SUBGROUPS)}"
        if "/" not in prefix:
            return f"{prefix}/{rng.choice(SUBGROUPS)}"
        tail = prefix.split("/", 1)[1]
        return prefix if len(tail) >= 3 or rng.random() < 0.5 else prefix + str(rng.randint(1, 9))

    def main(self, industry_id: int, avoid: str | None = None) -> str:
        key = (industry_id, avoid)
        if key not in self._cum:
            pool = [(p, w) for p, w in self.pools[industry_id] if not (avoid and p.startswith(avoid))]
            prefixes, weights = zip(*(pool or self.pools[industry_id]))
            self._cum[key] = (prefixes, tuple(accumulate(weights)))
        prefixes, cum = self._cum[key]
        for _ in range(200):
            code = self._under(self.rng.choices(prefixes, cum_weights=cum)[0])
            if self.mapper.industry(code) == industry_id:
                return code
        raise RuntimeError(f"no IPC code maps to industry {industry_id}")

    def extras(self, industry_id: int, main: str) -> list[str]:
        rng = self.rng
        n = rng.choices((0, 1, 2, 3, 4), (0.2, 0.3, 0.25, 0.15, 0.1))[0]
        if industry_id == self.bio:
            pool = BIO_EXTRA
        elif industry_id in self.broad:
            pool = self.broad[industry_id]
        else:
            pool = tuple(p[:4] for p, _ in self.pools[industry_id])
        out: list[str] = []
        for _ in range(n):
            sub = rng.choice(pool)
            code = f"{sub}{rng.choice(GROUPS.get(sub, DEFAULT_GROUPS))}/{rng.choice(SUBGROUPS)}"
            if code != main and code not in out:
                out.append(code)
        return out

    def unmapped(self) -> str:
        """A main IPC under a real subclass that belongs to none of the 28 industries."""
        for _ in range(200):
            sub = self.rng.choice(UNMAPPED_SUBCLASSES)
            code = f"{sub}{self.rng.choice(DEFAULT_GROUPS)}/{self.rng.choice(SUBGROUPS)}"
            if self.mapper.industry(code) is None:
                return code
        raise RuntimeError("every candidate subclass maps to an industry: update UNMAPPED_SUBCLASSES")
