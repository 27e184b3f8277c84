"""Moved to :mod:`repair.bilingual` (bilingual files are read without any model); kept for imports."""

from ..bilingual import *  # noqa: F401,F403
from ..bilingual import Segment, encode, guess_format, read_bilingual, write_back  # noqa: F401
