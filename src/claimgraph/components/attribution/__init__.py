"""Attribution: who said what (source, cue, content), with cue classes and source kinds.

``component`` is the dependency-based search (``claimgraph_attribution_v1``); ``tagger`` is the
``full`` profile's variant helped by a fine-tuned encoder tagger (``claimgraph_attribution_encoder_v1``).
"""
