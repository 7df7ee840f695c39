"""Item pipelines, one stage per module: attachment, decode, extract, normalize, classify, region,
stats, dedupe, store; the offload pipeline runs the analysis stages in worker processes.

Classes load on first use (PEP 562), so a worker process that only analyses pages never
imports the store stage's database stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_MODULES = {
    "AttachmentPipeline": "pipelines.attachment",
    "ClassifyPipeline": "pipelines.classify",
    "DecodePipeline": "pipelines.decode",
    "DedupePipeline": "pipelines.dedupe",
    "ExtractPipeline": "pipelines.extract",
    "NormalizePipeline": "pipelines.normalize",
    "OffloadPipeline": "pipelines.offload",
    "RegionPipeline": "pipelines.region",
    "StatsPipeline": "pipelines.stats",
    "StorePipeline": "pipelines.store",
}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return getattr(import_module(_MODULES[name]), name)
    raise AttributeError(f"module 'pipelines' has no attribute {name!r}")
