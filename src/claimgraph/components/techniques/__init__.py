"""Persuasion techniques: span identification and the 14 PTC labels, from a fine-tuned encoder.
"""
