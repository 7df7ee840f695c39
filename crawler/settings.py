"""Scrapy settings for govcorpus: polite defaults for real government portals.

Every GOVCORPUS_* setting is declared here with its default.
"""

BOT_NAME = "govcorpus"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Politeness for real portals: identify ourselves, obey robots.txt, stay slow per site.
USER_AGENT = "govcorpus/0.1 (research corpus of government disclosure reports)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
DEPTH_LIMIT = 30
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "pipelines.OffloadPipeline": 50,
    "pipelines.DecodePipeline": 100,
    "pipelines.ExtractPipeline": 200,
    "pipelines.NormalizePipeline": 250,
    "pipelines.ClassifyPipeline": 300,
    "pipelines.StatsPipeline": 350,
    "pipelines.DedupePipeline": 400,
    "pipelines.StorePipeline": 900,
}

EXTENSIONS = {
    "crawler.extensions.RichProgress": 500,
}

# Where the corpus goes: SQLite file by default, Postgres by URL.
GOVCORPUS_DB_URL = "sqlite:///govcorpus.db"
GOVCORPUS_BATCH_SIZE = 200
# How far the spider looks for report columns.
GOVCORPUS_NAV_DEPTH = 2  # hub pages followed from a start URL
GOVCORPUS_COLUMN_DEPTH = 2  # nested sub-columns (one per department) below a report column
GOVCORPUS_MAX_PAGES_PER_PORTAL = 5000
# Analysis stages run in the reactor thread (0) or in this many worker processes.
GOVCORPUS_WORKERS = 0
GOVCORPUS_PAGE_TIMEOUT = 120.0  # seconds one page may spend in the analysis stages
# Rich progress display on the terminal (the CLI turns it on).
GOVCORPUS_PROGRESS = False
