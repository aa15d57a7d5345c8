"""Training code for the models shipped in the package (``claimgraph train ...``)."""
