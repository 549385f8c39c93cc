"""Disclosure control for HR: the one place that decides which aggregate figures may be released.

Every HR number is a cell of a frozen release (services/releases.py) whose hidden cells were chosen
here, against an adversary who is HR with every filter and export, a few colluding members (who know
their own contributions and can pad, back-date and delete) and an admin who moves people:

1. threshold: a cell with contributions from 1 to ANONYMITY_MIN - 1 people is hidden;
2. dominance (the p% rule with coalitions, as in official statistics): a magnitude cell is hidden
   when the people outside its ANONYMITY_MIN largest contributors hold less than DOMINANCE_P (25%)
   of the largest contribution. So a coalition of up to ANONYMITY_MIN - 1 members, subtracting what
   they know, estimates anyone else's contribution with an error of at least 25% of it; padding a
   victim's cell (with one-minute or with large entries) never makes it releasable;
3. complementary suppression: in every additive relation (a total and its parts: categories in a
   tier, tiers in the whole, teams in the organisation) no hidden cell is alone, and the hidden parts
   of a shown total together pass rules 1 and 2 (the remainder rule), so subtraction recovers none.
"""
from wellbeing.disclosure.rules import DOMINANCE_P, Rules
from wellbeing.disclosure.suppress import Table, protect, protect_together
from wellbeing.disclosure.tables import ORG, build_table

__all__ = ["DOMINANCE_P", "ORG", "Rules", "Table", "build_table", "protect", "protect_together"]
