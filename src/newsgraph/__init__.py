"""newsgraph: who said what and who did what to whom, from news articles, with evidence."""

from __future__ import annotations

__version__ = "0.1.0"
