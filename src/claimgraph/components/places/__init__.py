"""Places: place names geocoded offline against the packaged gazetteer.
"""
