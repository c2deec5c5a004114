"""The packaged word lists, alias table and settings, and how they are read."""

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str):
    """YAML as ``yaml.safe_load`` reads it, with libyaml's parser where it is installed:
    every worker reads the alias table and the word lists once, and the pure-Python
    parser takes a fifth of a second for the alias table alone."""
    return yaml.load(text, Loader=_LOADER)
