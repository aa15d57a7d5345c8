"""Near-duplicate articles (syndicated copies, light rewrites) by MinHash and LSH (datasketch).

Each text becomes a set of word shingles; MinHash signatures estimate the Jaccard
similarity of two sets and LSH finds the pairs above a threshold without comparing all
pairs. Copies are linked (grouped) rather than dropped, so an agency story printed by five
outlets counts once in an event's figures yet every outlet still shows in the comparison.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

from datasketch import MinHash, MinHashLSH

__all__ = ["near_duplicate_groups", "shingles", "UnionFind"]

_TOKEN = re.compile(r"\w+")


class UnionFind:
    """Disjoint sets over the integers 0..n-1 (path halving, union by size)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        if self.size[a] < self.size[b]:
            a, b = b, a
        self.parent[b] = a
        self.size[a] += self.size[b]

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())


def shingles(text: str, size: int = 5) -> set[int]:
    """crc32 hashes of the word ``size``-grams of the lower-cased text (the whole text when shorter).

    crc32 rather than datasketch's default sha1: stable, several times faster, and its rare
    collisions between shingles blur the Jaccard estimate negligibly.
    """
    words = _TOKEN.findall(text.lower())
    if not words:
        return set()
    if len(words) < size:
        return {zlib.crc32(" ".join(words).encode())}
    return {zlib.crc32(" ".join(words[i : i + size]).encode()) for i in range(len(words) - size + 1)}


def near_duplicate_groups(
    texts: Sequence[str], *, threshold: float = 0.8, num_perm: int = 64, seed: int = 1
) -> list[list[int]]:
    """Groups (lists of indices into ``texts``) of texts whose shingle sets overlap at ``threshold`` or more.

    Every index is in exactly one group; a text without near-duplicates is a group of one.
    Empty texts are never duplicates of anything.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    signatures: list[MinHash | None] = []
    found = UnionFind(len(texts))
    for index, signature in enumerate(_signatures(texts, num_perm, seed)):
        signatures.append(signature)
        if signature is None:
            continue
        for other in lsh.query(signature):
            # LSH returns candidates; keep those whose estimated Jaccard clears the bar.
            other_sig = signatures[other]
            if other_sig is not None and signature.jaccard(other_sig) >= threshold:
                found.union(index, other)
        lsh.insert(index, signature)
    return sorted((sorted(g) for g in found.groups()), key=lambda g: g[0])


def _signatures(texts: Iterable[str], num_perm: int, seed: int) -> Iterable[MinHash | None]:
    # One permutation set shared by all signatures (MinHash.bulk would hold them all at once).
    # Shingles arrive already hashed to 32 bits (see ``shingles``), so the hash function is int.
    template = MinHash(num_perm=num_perm, seed=seed, scheme="affine32", hashfunc=int)
    for text in texts:
        grams = shingles(text)
        if not grams:
            yield None
            continue
        signature = MinHash(num_perm=num_perm, seed=seed, permutations=template.permutations, scheme="affine32",
                            hashfunc=int)
        signature.update_batch(list(grams))
        yield signature

