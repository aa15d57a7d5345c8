"""Readers and scorers for the annotated datasets claimgraph is evaluated on."""
