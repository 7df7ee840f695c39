"""Item pipelines, one stage per module: attachment, decode, extract, normalize, classify, region,
stats, dedupe, store; the offload pipeline runs the analysis stages in worker processes.

Classes load on first use (PEP 562), so a worker process that only analyses pages never
imports the store stage's database stack.
"""

from __future__ import annotations

from govcorpus.lazy import lazy_attributes

_MODULES = {
    "AttachmentPipeline": "pipelines.attachment",
    "ClassifyPipeline": "pipelines.classify",
    "DecodePipeline": "pipelines.decode",
    "FingerprintPipeline": "pipelines.fingerprint",
    "ExtractPipeline": "pipelines.extract",
    "NormalizePipeline": "pipelines.normalize",
    "OffloadPipeline": "pipelines.offload",
    "RegionPipeline": "pipelines.region",
    "TablesPipeline": "pipelines.tables",
    "StorePipeline": "pipelines.store",
}

__all__ = sorted(_MODULES)


__getattr__ = lazy_attributes(__name__, _MODULES)
