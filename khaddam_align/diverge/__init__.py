"""Divergences between two renderings: word diff, quotes and speakers, typed and ranked findings.

The detection core (``detect.detect``) is pure: it takes the two texts and the
alignment's links as offsets and returns ranked ``Finding`` values. ``service``
stores them as ``Divergence`` rows and keeps reviewers' verdicts across runs.
"""
