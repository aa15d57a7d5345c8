"""Check-worthiness of sentences.

``lexical`` is the logistic-regression model (``claimgraph_checkworthiness_v1``, ``fast``);
``transformer`` blends it with a fine-tuned encoder (``claimgraph_checkworthiness_encoder_v1``, ``full``).
"""
