"""Scale-out: the parse-and-extract stage on an existing engine (Ray Data).

Entry point: ``ray_extract(documents, ...)``, a drop-in for the local
``pipeline.extract_documents``: the same documents in, the same
``(document, records)`` pairs out, in the same order. Ray is an optional
dependency (``pip install 'trucewatch[ray]'``); importing this package does
not import it.
"""

from trucewatch.scale.ray_job import RayNotInstalled, ray_extract

__all__ = ["RayNotInstalled", "ray_extract"]
