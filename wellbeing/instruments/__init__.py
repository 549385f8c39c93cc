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
    """A score band (score ≤ at_most, or score ≥ at_least) with the calm message and the support to show.

    As an instrument's `item_flag`, `at_most` bounds a single item's answer instead of the total.
    """

    at_most: int | None
    level: str
    title: str
    message: str
    resources_first: tuple[str, ...]
    prominent: bool
    at_least: int | None = None

    def matches(self, value: int) -> bool:
        """True when `value` falls in this band."""
        return value <= self.at_most if self.at_most is not None else value >= self.at_least


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
    thresholds: tuple[Threshold, ...]  # the most severe first; the first that matches wins
    citation: dict
    higher_is_better: bool = True
    item_flag: Threshold | None = None  # a single answer this low calls for further assessment
    adaptation: str = ""  # how the wording here differs from the published form, if at all
    cadence_days: int = 14  # how often it is asked by default (its recall window); admins may change it
    scoring_note: str = ""
    enabled_by_default: bool = True

    @property
    def raw_max(self) -> int:
        return self.max_score // self.multiplier

    def raw(self, score: int) -> int:
        """The unscaled sum behind a score (WHO-5: 0–25 behind 0–100)."""
        return score // self.multiplier

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
        """The band a score falls in (the most severe first), or None outside every threshold."""
        return next((t for t in self.thresholds if t.matches(score)), None)

    def assess(self, answers: Sequence[int], score: int | None = None) -> Threshold | None:
        """The band of the total, else the item flag when any single answer is low enough, else None."""
        band = self.threshold(self.score(answers) if score is None else score)
        if band is None and self.item_flag is not None and any(self.item_flag.matches(int(a)) for a in answers):
            return self.item_flag
        return band

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


def _threshold(data: dict) -> Threshold:
    if ("at_most" in data) == ("at_least" in data):
        raise ValueError(f"threshold {data.get('level')!r} needs exactly one of at_most and at_least")
    return Threshold(data.get("at_most"), data["level"], data["title"], data["message"],
                     tuple(data.get("resources_first", ())), bool(data.get("prominent")), data.get("at_least"))


def _build(data: dict) -> Instrument:
    scoring = data["scoring"]
    if scoring["method"] != "sum":
        raise ValueError(f"unknown scoring method {scoring['method']!r}")
    higher_is_better = bool(scoring.get("higher_is_better", True))
    # The most severe band first: the lowest ceiling when high is good, the highest floor when high is bad.
    thresholds = sorted((_threshold(t) for t in data["thresholds"]),
                        key=lambda t: t.at_most if higher_is_better else -t.at_least)
    items = tuple(Item(i["id"], i["text"]) for i in data["items"])
    if len({i.id for i in items}) != len(items):
        raise ValueError("item ids must be unique")
    return Instrument(
        id=data["id"], name=data["name"], recall=data["recall"], instructions=data["instructions"],
        items=items, scale=tuple(Choice(int(c["value"]), c["label"]) for c in data["scale"]),
        multiplier=int(scoring["multiplier"]), max_score=int(scoring["max"]), thresholds=tuple(thresholds),
        citation=dict(data["citation"]), higher_is_better=higher_is_better,
        item_flag=_threshold(data["item_flag"]) if "item_flag" in data else None,
        adaptation=data.get("adaptation", ""), cadence_days=int(data.get("cadence_days", 14)),
        scoring_note=scoring.get("note", ""), enabled_by_default=bool(data.get("enabled_by_default", True)))
