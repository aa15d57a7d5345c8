"""Time expressions normalised against the publication date, with a precision.
"""
