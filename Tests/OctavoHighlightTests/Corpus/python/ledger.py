"""A harbour ledger."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Entry:
    vessel: str
    tonnage: float
    berth: int | None = None


@dataclass
class Ledger:
    opened: dt.date
    entries: list[Entry] = field(default_factory=list)

    def record(self, vessel: str, tonnage: float, berth: int | None = None) -> None:
        if tonnage <= 0:
            raise ValueError(f"tonnage must be positive, got {tonnage!r}")
        self.entries.append(Entry(vessel, tonnage, berth))

    @property
    def total(self) -> float:
        return sum(e.tonnage for e in self.entries)

    def summary(self) -> str:
        berthed = len([e for e in self.entries if e.berth is not None])
        return f"{len(self.entries)} vessels, {berthed} berthed, {self.total:.1f} t"


if __name__ == "__main__":
    ledger = Ledger(dt.date.today())
    ledger.record("Marigold", 1250.5, berth=3)
    ledger.record("Sea Lark", 0x3E8)
    print(ledger.summary())
