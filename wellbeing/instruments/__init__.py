"""Validated questionnaires, defined as data: one JSON file per instrument in this folder.

Adding another validated instrument means adding its JSON file (items, answer scale, scoring,
thresholds, citation); scoring and thresholds for every instrument live here and nowhere else.
"""
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT = "who5"
_FOLDER = Path(__file__).parent


class InstrumentError(ValueError):
    """An instrument file that cannot be used; the message names the file and what is wrong."""


class AnswerError(ValueError):
    """Answers that cannot be scored; `errors` maps each item id to a message naming the item."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class Item:
    id: str
    text: str


@dataclass(frozen=True)
class Choice:
    value: int
    label: str


@dataclass(frozen=True)
class Threshold:
    """A score band (score ≤ at_most) with the calm message and the support to show for it."""

    at_most: int
    level: str
    title: str
    message: str
    resources_first: tuple[str, ...]
    prominent: bool


@dataclass(frozen=True)
class Instrument:
    """A questionnaire: its items, answer scale, scoring rule, thresholds and citation."""

    id: str
    name: str
    recall: str
    instructions: str
    items: tuple[Item, ...]
    scale: tuple[Choice, ...]
    multiplier: int
    max_score: int
    thresholds: tuple[Threshold, ...]  # ascending by at_most; the first that matches wins
    citation: dict

    @property
    def low(self) -> int:
        return min(c.value for c in self.scale)

    @property
    def high(self) -> int:
        return max(c.value for c in self.scale)

    def parse(self, raw: Mapping[str, object]) -> list[int]:
        """Answers by item id (form strings or ints) as a list in item order; AnswerError names each bad item."""
        answers, errors = [], {}
        for item in self.items:
            value, problem = self._read(item, raw.get(item.id))
            if problem:
                errors[item.id] = problem
            answers.append(value)
        if errors:
            raise AnswerError(errors)
        return answers

    def score(self, answers: Sequence[object]) -> int:
        """The scaled score (sum × multiplier) of answers in item order, after validating them."""
        if len(answers) > len(self.items):
            raise AnswerError({"_count": f"{self.name} has {len(self.items)} items, got {len(answers)} answers."})
        values = self.parse({item.id: answer for item, answer in zip(self.items, answers)})
        return sum(values) * self.multiplier

    def threshold(self, score: int) -> Threshold | None:
        """The band a score falls in (the most severe first), or None above every threshold."""
        return next((t for t in self.thresholds if score <= t.at_most), None)

    def label(self, value: int) -> str:
        """The words for an answer value, e.g. 3 → 'More than half of the time'."""
        return next((c.label for c in self.scale if c.value == value), str(value))

    def _read(self, item: Item, raw: object) -> tuple[int | None, str | None]:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None, f"Choose an answer for “{item.text}”."
        if isinstance(raw, bool) or not isinstance(raw, (int, str)):
            return None, f"The answer for “{item.text}” must be a whole number from {self.low} to {self.high}."
        try:
            value = int(raw)
        except ValueError:
            return None, f"The answer for “{item.text}” must be a whole number from {self.low} to {self.high}."
        if value not in {c.value for c in self.scale}:
            return None, f"The answer for “{item.text}” must be between {self.low} and {self.high}, not {value}."
        return value, None


def available() -> list[str]:
    """The ids of the instruments shipped in this folder."""
    return sorted(path.stem for path in _FOLDER.glob("*.json"))


@cache
def load(instrument_id: str = DEFAULT) -> Instrument:
    """The instrument defined by `<instrument_id>.json`, checked once and cached."""
    if instrument_id not in available():
        raise InstrumentError(f"There is no instrument called {instrument_id!r}; known: {', '.join(available())}.")
    path = _FOLDER / f"{instrument_id}.json"
    try:
        return _build(json.loads(path.read_text(encoding="utf-8")))
    except (KeyError, TypeError, ValueError) as error:
        raise InstrumentError(f"{path.name}: {error!r}") from None


def _build(data: dict) -> Instrument:
    scoring = data["scoring"]
    if scoring["method"] != "sum":
        raise ValueError(f"unknown scoring method {scoring['method']!r}")
    thresholds = sorted((Threshold(t["at_most"], t["level"], t["title"], t["message"],
                                   tuple(t.get("resources_first", ())), bool(t.get("prominent")))
                         for t in data["thresholds"]), key=lambda t: t.at_most)
    items = tuple(Item(i["id"], i["text"]) for i in data["items"])
    if len({i.id for i in items}) != len(items):
        raise ValueError("item ids must be unique")
    return Instrument(
        id=data["id"], name=data["name"], recall=data["recall"], instructions=data["instructions"],
        items=items, scale=tuple(Choice(int(c["value"]), c["label"]) for c in data["scale"]),
        multiplier=int(scoring["multiplier"]), max_score=int(scoring["max"]), thresholds=tuple(thresholds),
        citation=dict(data["citation"]))
