"""WHO-5 as data: its published wording, scoring against hand-computed examples, thresholds, bad answers."""
import json

import pytest

from wellbeing import instruments
from wellbeing.instruments import AnswerError, InstrumentError

WHO5 = instruments.load("who5")
ITEMS = ["I have felt cheerful and in good spirits", "I have felt calm and relaxed",
         "I have felt active and vigorous", "I woke up feeling fresh and rested",
         "My daily life has been filled with things that interest me"]


def test_who5_keeps_the_published_wording_scale_and_recall_window():
    assert [item.text for item in WHO5.items] == ITEMS
    assert WHO5.recall == "Over the last two weeks"
    assert [(c.value, c.label) for c in WHO5.scale] == [
        (5, "All of the time"), (4, "Most of the time"), (3, "More than half of the time"),
        (2, "Less than half of the time"), (1, "Some of the time"), (0, "At no time")]


def test_who5_cites_its_source_and_licence():
    citation = " ".join(WHO5.citation.values())
    for fact in ("Psychiatric Centre North Zealand", "WHO Collaborating Centre in Mental Health", "Topp",
                 "Psychother Psychosom", "84", "167–176", "2015", "Free to use"):
        assert fact in citation


@pytest.mark.parametrize("answers, score", [
    ([3, 3, 2, 4, 1], 52),   # raw 13 × 4
    ([0, 0, 0, 0, 0], 0),
    ([5, 5, 5, 5, 5], 100),
    ([3, 3, 3, 3, 0], 48),   # raw 12: the highest score at or below 50
    ([2, 2, 1, 1, 1], 28),   # raw 7: exactly the lower threshold
    (["3", "3", "2", "4", "1"], 52),  # form values arrive as text
])
def test_score_is_raw_sum_times_four(answers, score):
    assert WHO5.score(answers) == score


@pytest.mark.parametrize("score, level", [
    (100, None), (52, None), (51, None), (50, "poor"), (48, "poor"), (29, "poor"),
    (28, "likely_depression"), (12, "likely_depression"), (0, "likely_depression"),
])
def test_thresholds_at_50_and_28(score, level):
    band = WHO5.threshold(score)
    assert (band.level if band else None) == level


def test_lowest_band_puts_crisis_lines_first_and_is_prominent():
    lowest, poor = WHO5.threshold(20), WHO5.threshold(40)
    assert lowest.resources_first == ("crisis_line",) and lowest.prominent
    assert poor.resources_first == () and not poor.prominent


@pytest.mark.parametrize("message", [t.message for t in WHO5.thresholds])
def test_low_score_messages_are_calm(message):
    for alarming in ("depress", "urgent", "danger", "warning", "alarming", "!"):
        assert alarming not in message.lower()
    assert "talk to someone" in message


@pytest.mark.parametrize("answers, item, fragment", [
    ({"cheerful": "3", "calm": "3", "active": "3", "rested": "3"}, 4, "Choose an answer for"),
    ({"cheerful": "", "calm": "3", "active": "3", "rested": "3", "interest": "3"}, 0, "Choose an answer for"),
    ({"cheerful": "3", "calm": "6", "active": "3", "rested": "3", "interest": "3"}, 1, "between 0 and 5, not 6"),
    ({"cheerful": "3", "calm": "3", "active": "-1", "rested": "3", "interest": "3"}, 2, "between 0 and 5, not -1"),
    ({"cheerful": "3", "calm": "3", "active": "3", "rested": "2.5", "interest": "3"}, 3, "whole number"),
    ({"cheerful": "3", "calm": "3", "active": "3", "rested": "often", "interest": "3"}, 3, "whole number"),
    ({"cheerful": 2.5, "calm": 3, "active": 3, "rested": 3, "interest": 3}, 0, "whole number"),
    ({"cheerful": True, "calm": 3, "active": 3, "rested": 3, "interest": 3}, 0, "whole number"),
    ({"cheerful": [3], "calm": 3, "active": 3, "rested": 3, "interest": 3}, 0, "whole number"),
])
def test_bad_answers_are_rejected_naming_the_item(answers, item, fragment):
    with pytest.raises(AnswerError) as caught:
        WHO5.parse(answers)
    item_id = WHO5.items[item].id
    assert list(caught.value.errors) == [item_id]
    assert fragment in caught.value.errors[item_id] and ITEMS[item] in caught.value.errors[item_id]


def test_every_missing_item_is_named_at_once():
    with pytest.raises(AnswerError) as caught:
        WHO5.parse({})
    assert len(caught.value.errors) == 5
    assert all(text in str(caught.value) for text in ITEMS)


@pytest.mark.parametrize("answers", [[3, 3, 3, 3], [3, 3, 3, 3, 3, 3], [3, 3, 3, 3, 9]])
def test_score_refuses_the_wrong_number_or_range_of_answers(answers):
    with pytest.raises(AnswerError):
        WHO5.score(answers)


@pytest.fixture
def instrument_folder(tmp_path, monkeypatch):
    """An empty folder of instruments, with the loader's cache cleared before and after."""
    monkeypatch.setattr(instruments, "_FOLDER", tmp_path)
    instruments.load.cache_clear()
    yield tmp_path
    instruments.load.cache_clear()


def test_another_instrument_is_added_as_a_data_file_only(instrument_folder):
    (instrument_folder / "mini3.json").write_text(json.dumps({
        "id": "mini3", "name": "Mini", "recall": "Today", "instructions": "Answer.",
        "items": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
        "scale": [{"value": v, "label": str(v)} for v in range(4)],
        "scoring": {"method": "sum", "multiplier": 10, "max": 60},
        "thresholds": [{"at_most": 20, "level": "low", "title": "Low", "message": "Talk to someone."}],
        "citation": {"source": "Test"}}))
    mini = instruments.load("mini3")
    assert instruments.available() == ["mini3"]
    assert mini.score([3, 2]) == 50 and mini.threshold(20).level == "low" and mini.threshold(30) is None
    with pytest.raises(AnswerError, match="between 0 and 3, not 4"):
        mini.parse({"a": "4", "b": "0"})


def test_a_broken_or_unknown_instrument_names_the_problem(instrument_folder):
    (instrument_folder / "broken.json").write_text(json.dumps({"id": "broken"}))
    with pytest.raises(InstrumentError, match="broken.json"):
        instruments.load("broken")
    with pytest.raises(InstrumentError, match="no instrument called '../etc'"):
        instruments.load("../etc")
