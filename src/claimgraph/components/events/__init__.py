"""Events: who did what to whom, where, when, with what toll, in a taxonomy mapped to ACLED/PLOVER.
"""
