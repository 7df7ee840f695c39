"""The egg scrapyd-deploy uploads: an entry point to the crawler of the installed govcorpus.

The scrapyd host has govcorpus itself installed (pip install govcorpus): the crawler, the
pipelines, the storage and its migrations come from there, at one version. The egg carries no
copy of the code, only the settings module's name, and takes the installed version as its own.
Build files land in build/ here and in govcorpus_crawler.egg-info beside it (git-ignored).
"""

from importlib.metadata import version

from setuptools import setup

setup(
    name="govcorpus-crawler",
    version=version("govcorpus"),
    py_modules=[],
    entry_points={"scrapy": ["settings = crawler.settings"]},
)
