"""Dataset readers and metrics that reproduce the shared tasks' official scoring."""
