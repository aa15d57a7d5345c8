"""The web pages of ``claimgraph serve``: Jinja2 templates (autoescaped), htmx and one
small script of our own, all vendored in the package; nothing is loaded from outside.

The routes are in ``claimgraph.web._pages`` (imported by ``claimgraph.api``); comparisons
come through ``claimgraph.web._compare``.
"""
