"""Rows grouped (by place) and in time order within each group, searched by day.

A snapshot, a count of events or deliveries "by the end of day D", asked for every place at
every step of the Map's day player, is one binary search per place on a key sorted once —
group in the high bits, seconds since the first row in the low ones — instead of a filter over
every row: its cost follows the places, not the million events.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

_SHIFT = 34  # bits of the key left for a row's second since the first row: 544 years


@dataclass(frozen=True, eq=False)
class ByDay:
    """`group` (codes into `names`) and `day` (seconds since the epoch) of rows sorted by both."""

    group: np.ndarray
    names: np.ndarray
    key: np.ndarray
    day0: int

    @classmethod
    def sorted(cls, group: np.ndarray, day: np.ndarray, names: np.ndarray, day0: int) -> ByDay:
        """Of rows already in (group, day) order (the control engine's order)."""
        return cls(group, names, (group.astype(np.int64) << _SHIFT) + (day - day0), day0)

    @classmethod
    def of(cls, groups: pd.Series, dates: pd.Series) -> ByDay:
        """Of any rows: their groups (ids) and dates, sorted here."""
        code, names = pd.factorize(groups)
        day = dates.to_numpy("datetime64[s]").astype("int64")
        day0 = int(day.min()) if day.size else 0
        key = (code.astype(np.int64) << _SHIFT) + (day - day0)
        order = np.argsort(key, kind="stable")
        return cls(code[order], np.asarray(names, dtype=object), key[order], day0)

    def last_rows(self, day: object) -> tuple[np.ndarray, np.ndarray]:
        """For each group with a row by the end of `day`: its code and its last such row."""
        end = np.datetime64(day, "s").astype("int64") - self.day0
        groups = np.arange(self.names.size, dtype=np.int64)
        if end < 0 or not self.key.size:
            return groups[:0], groups[:0]
        query = (groups << _SHIFT) + min(end, (1 << _SHIFT) - 1)
        rows = np.searchsorted(self.key, query, side="right") - 1
        found = (rows >= 0) & (self.group[rows.clip(min=0)] == groups)
        return groups[found], rows[found]

    def first_rows(self, groups: np.ndarray) -> np.ndarray:
        """The first row of each of `groups` (codes of groups that have rows)."""
        return np.searchsorted(self.key, groups.astype(np.int64) << _SHIFT, side="left")

    def counts(self, day: object) -> pd.Series:
        """How many rows each group has by the end of `day` (groups with none left out)."""
        groups, last = self.last_rows(day)
        return pd.Series(last - self.first_rows(groups) + 1, index=self.names[groups])
