"""Item pipelines, one stage per module: decode, extract, normalize, classify, stats, dedupe."""

from pipelines.classify import ClassifyPipeline
from pipelines.decode import DecodePipeline
from pipelines.dedupe import DedupePipeline
from pipelines.extract import ExtractPipeline
from pipelines.normalize import NormalizePipeline
from pipelines.offload import OffloadPipeline
from pipelines.stats import StatsPipeline
from pipelines.store import StorePipeline

__all__ = [
    "ClassifyPipeline",
    "DecodePipeline",
    "DedupePipeline",
    "ExtractPipeline",
    "NormalizePipeline",
    "OffloadPipeline",
    "StatsPipeline",
    "StorePipeline",
]
