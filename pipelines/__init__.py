"""Item pipelines, one stage per module: attachment, decode, extract, normalize, classify, region,
stats, dedupe."""

from pipelines.attachment import AttachmentPipeline
from pipelines.classify import ClassifyPipeline
from pipelines.decode import DecodePipeline
from pipelines.dedupe import DedupePipeline
from pipelines.extract import ExtractPipeline
from pipelines.normalize import NormalizePipeline
from pipelines.offload import OffloadPipeline
from pipelines.region import RegionPipeline
from pipelines.stats import StatsPipeline
from pipelines.store import StorePipeline

__all__ = [
    "AttachmentPipeline",
    "ClassifyPipeline",
    "DecodePipeline",
    "DedupePipeline",
    "ExtractPipeline",
    "NormalizePipeline",
    "OffloadPipeline",
    "RegionPipeline",
    "StatsPipeline",
    "StorePipeline",
]
