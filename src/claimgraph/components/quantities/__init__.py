"""Quantities: numbers with value, range, unit and role (killed, injured, attending, ...).
"""
