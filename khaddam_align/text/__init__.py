"""Shared text normalisation for alignment and divergence detection.

- ``numbers``: numbers, dates and quantities however written (Arabic-Indic
  digits, Arabic month names, English number words).
- ``names``: person/place names and their spelling variants.
- ``translit``: Arabic script to a Latin form for fuzzy matching against
  English spellings of names.
- ``tokens``: normalised English tokens (case, punctuation, quotes, spelling).

All functions are pure and work on plain strings; offsets they return are
code-point offsets into the string they were given.
"""
