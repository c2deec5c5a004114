"""The path of the Datasette metadata shipped with trucewatch (``datasette.yaml`` beside this).

``python -m trucewatch.data.datasette`` prints it, for ``datasette --metadata``.
"""

from importlib import resources


def metadata_path() -> str:
    return str(resources.files("trucewatch.data").joinpath("datasette.yaml"))


if __name__ == "__main__":
    print(metadata_path())
