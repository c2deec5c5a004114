"""trucewatch: ceasefire reports in, provenance-pinned records out."""

__version__ = "0.1.0"
