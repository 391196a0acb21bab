"""Consent, people and opt-outs: registers, opt-out lists and their enrichment steps.

Entry points: ``ConsentInputs`` (what a run was given), ``steps_for`` (the
enrichment steps a compiled policy needs), ``load_register``, ``load_optout``
and ``Matcher`` (also used by ``cc-lint find``).
"""

from cc_lint.consent.optout import Matcher, OptOutEntry, classify, load_optout
from cc_lint.consent.register import Entry, load_register
from cc_lint.consent.steps import ConsentInputs, Step, steps_for

__all__ = [
    "ConsentInputs",
    "Entry",
    "Matcher",
    "OptOutEntry",
    "Step",
    "classify",
    "load_optout",
    "load_register",
    "steps_for",
]
