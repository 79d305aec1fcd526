"""Edition diffs: entries, items and notes added, removed, renumbered and changed between two
editions, with word-level diffs and threshold changes."""

from interregime.analytics.diff.editions import diff_editions
from interregime.analytics.diff.records import Change, ChangeKind, ChangeLevel, EditionDiff

__all__ = ["Change", "ChangeKind", "ChangeLevel", "EditionDiff", "diff_editions"]
