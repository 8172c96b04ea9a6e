"""The one percentile every benchmark prints, so their p95 figures mean the same thing."""

from __future__ import annotations


def p95(xs: list[float]) -> float:
    """Nearest-rank 95th percentile (the largest value for fewer than 20 samples)."""
    s = sorted(xs)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]
