"""Claims: statements worth checking, tied to an attribution or to the author, with hedges and certainty.
"""
