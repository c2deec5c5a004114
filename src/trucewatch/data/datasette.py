"""The Datasette metadata shipped with trucewatch (``datasette.yaml`` beside this).

Datasette keys a database's metadata by the file's name: the shipped file is
keyed ``trucewatch`` (for ``trucewatch.db``, the default).

``python -m trucewatch.data.datasette`` prints the shipped file's path;
``python -m trucewatch.data.datasette FILE.db`` prints the same metadata as
JSON keyed for that file, for ``datasette FILE.db --metadata <(...)``.
"""

import json
import sys
from importlib import resources
from pathlib import Path

import yaml

SHIPPED_KEY = "trucewatch"


def metadata_path() -> str:
    return str(resources.files("trucewatch.data").joinpath("datasette.yaml"))


def metadata_for(database: str | Path) -> dict:
    """The metadata keyed for the SQLite file ``database`` (Datasette names it by its stem)."""
    metadata = yaml.safe_load(Path(metadata_path()).read_text(encoding="utf-8"))
    databases = metadata["databases"]
    databases[Path(database).stem] = databases.pop(SHIPPED_KEY)
    return metadata


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(json.dumps(metadata_for(sys.argv[1]), indent=2, ensure_ascii=False))
    else:
        print(metadata_path())
