"""The egg scrapyd-deploy uploads: the Scrapy project (crawler/) of the repository root.

Build files land in build/ here and in govcorpus_crawler.egg-info at the root (git-ignored).
"""

from setuptools import find_packages, setup

setup(
    name="govcorpus-crawler",
    version="1.0",
    package_dir={"": "../.."},
    packages=find_packages(where="../..", include=["crawler", "crawler.*"]),
    entry_points={"scrapy": ["settings = crawler.settings"]},
)
