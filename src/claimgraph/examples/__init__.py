"""Short fictional example articles shipped with claimgraph (for ``claimgraph serve --demo``).

``port-fire.txt`` is the README's example; ``port-fire-outlets.jsonl`` holds three other
outlets' reports of the same fictional event, written for the project.
"""
