"""Suggestions: initiatives named in the text and target candidates built from figures."""

from tui.suggest.initiatives import best_initiative, suggest_initiatives
from tui.suggest.model import Suggestion
from tui.suggest.targets import prefill_target, suggest_targets

__all__ = ["Suggestion", "best_initiative", "prefill_target", "suggest_initiatives", "suggest_targets"]
