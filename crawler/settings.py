"""Scrapy settings for govcorpus: polite defaults for real government portals.

Every GOVCORPUS_* setting is declared here with its default.
"""

BOT_NAME = "govcorpus"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Politeness for real portals: identify ourselves, obey robots.txt, stay slow per site.
USER_AGENT = "govcorpus/0.1 (research corpus of government disclosure reports)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Many portals side by side (Scrapy's broad-crawl guide): the scheduler shares the downloader
# among hosts in proportion to what each has left and gives no host a second request to wait
# with, so throttled hosts cannot fill the downloader and a large slow portal keeps its pace
# (crawler/politeness/scheduling.py); the global limit is sized for breadth (each host still gets at
# most 2).
SCHEDULER_PRIORITY_QUEUE = "crawler.politeness.scheduling.BacklogAwarePriorityQueue"
CONCURRENT_REQUESTS = 256
DNSCACHE_ENABLED = True
DNSCACHE_SIZE = 10_000  # one entry per portal host
REACTOR_THREADPOOL_MAXSIZE = 20  # DNS lookups and reads of what a portal already holds
# Scrapy starts this many tasks for every response's output; a page yields a few items, and
# the default (100) made task creation the largest cost of an incremental (304) night.
CONCURRENT_ITEMS = 8
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
# No depth limit: a pager links a few pages either side, so the last pages of a long column
# are dozens of links deep. List pages are bounded per column (GOVCORPUS_MAX_LIST_PAGES),
# navigation by GOVCORPUS_NAV_DEPTH and GOVCORPUS_COLUMN_DEPTH.
DEPTH_LIMIT = 0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "pipelines.OffloadPipeline": 50,
    "pipelines.AttachmentPipeline": 90,
    "pipelines.DecodePipeline": 100,
    "pipelines.ExtractPipeline": 200,
    "pipelines.NormalizePipeline": 250,
    "pipelines.ClassifyPipeline": 300,
    "pipelines.RegionPipeline": 320,
    "pipelines.TablesPipeline": 350,
    "pipelines.FingerprintPipeline": 400,
    "pipelines.StorePipeline": 900,
}

EXTENSIONS = {
    "crawler.runtime.distributed.SharedIdleGuard": 300,
    "crawler.runtime.counts.ItemCounts": 350,
    "crawler.runtime.progress.FetchTime": 400,
    "crawler.runtime.progress.MemoryTrim": 450,
    "crawler.runtime.progress.GarbageCollectorTuning": 460,
    "crawler.runtime.progress.RichProgress": 500,
    "crawler.runtime.loop_throttle.LoopThrottle": 505,
    "crawler.incremental.recheck.RecheckUnlisted": 510,
    "crawler.runtime.run_lock.RunLock": 0,
    "crawler.runtime.health.NightlyHealth": 520,  # portal health before the monitors, report after
    "spidermon.contrib.scrapy.extensions.Spidermon": 530,
    "crawler.runtime.database.CorpusDatabase": 1000,  # built last: closes its pool last
}

# Fault handling (crawler/politeness/address_guard.py, crawler/politeness/waf.py,
# crawler/faults.py): AddressGuard runs before robots.txt, WafBackoff before retries, RedirectGuard
# and GzipCheck see raw responses.
DOWNLOADER_MIDDLEWARES = {
    "crawler.politeness.address_guard.AddressGuard": 60,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.politeness.robots.RememberedRobotsTxtMiddleware": 100,  # Scrapy's place for it
    "crawler.politeness.unreachable.UnreachableHostMiddleware": 520,  # below RetryMiddleware
    "crawler.incremental.stored.StoredPrefetchMiddleware": 530,
    "crawler.incremental.conditional.ConditionalRequestMiddleware": 540,
    "crawler.politeness.waf.WafBackoffMiddleware": 560,
    "crawler.politeness.challenge.BrowserMiddleware": 565,  # answers challenges before the WAF
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.politeness.refresh.CheapMetaRefreshMiddleware": 580,  # Scrapy's place for it
    "crawler.faults.GzipCheckMiddleware": 595,
    "crawler.politeness.address_guard.RedirectGuard": 650,
    "crawler.capture.record.WarcRecorder": 990,  # next to the downloader: raw exchanges
}
# Replay and record (crawler/capture/replay_server.py): with GOVCORPUS_REPLAY_URL every request goes
# to that replay server under its original URL; with GOVCORPUS_RECORD_DIR each raw exchange is kept
# as WARC in that folder.
DOWNLOAD_HANDLERS = {
    "http": "crawler.capture.replay_handler.ReplayDownloadHandler",
    "https": "crawler.capture.replay_handler.ReplayDownloadHandler",
    # a portal is read over the web only: a file:, ftp: or s3: URL from a page, a registry or
    # a redirect fails as unsupported instead of reading this machine's files (data: stays
    # for the spider's own end-of-crawl request)
    "file": None,
    "ftp": None,
    "s3": None,
}
GOVCORPUS_REPLAY_URL = None
GOVCORPUS_RECORD_DIR = None
SPIDER_MIDDLEWARES = {
    "crawler.faults.FaultSpiderMiddleware": 60,
}

# Where the corpus goes: SQLite file by default, Postgres by URL.
GOVCORPUS_DB_URL = "sqlite:///govcorpus.db"
GOVCORPUS_BATCH_SIZE = 100
# How far the spider looks for report columns.
GOVCORPUS_NAV_DEPTH = 2  # hub pages followed from a start URL
GOVCORPUS_COLUMN_DEPTH = 2  # nested sub-columns (one per department) below a report column
GOVCORPUS_REMEMBER_COLUMNS = True  # start from the 年报 columns earlier nights found
GOVCORPUS_REDISCOVER_AFTER = 2  # nights a remembered column may fail before the walk again
GOVCORPUS_GIVE_UP_UNREACHABLE = True  # a host that answered nothing tonight: asked no more
# a host's robots.txt answered within this many hours is obeyed, not asked again (RFC 9309
# allows a day; crawler/politeness/robots.py); 0 asks every host every crawl
GOVCORPUS_ROBOTS_MAX_AGE_HOURS = 24.0
GOVCORPUS_DISCOVER_ONLY = False  # walk to the columns and remember them, fetch no documents
GOVCORPUS_MAX_PAGES_PER_PORTAL = 5000
GOVCORPUS_MAX_LIST_PAGES = 500  # pages of one list column (pagination and calendar traps)
# Faults: refuse private/loopback addresses and off-portal redirects (registry hint
# allow_private=1 lets a portal live at its own private origin), back off from WAF challenges,
# record truncated gzip, binary bodies and callback errors as faults.
GOVCORPUS_ADDRESS_GUARD = True
GOVCORPUS_WAF_BACKOFF = True
GOVCORPUS_FAULT_CHECKS = True
# Soft blocks (govcorpus/soft_blocks.py, applied by crawler/politeness/waf.py and the writer): a 200
# answering a document request with fewer bytes than this, or a challenge page showing at most this
# much text, is a soft_block fault, not a version; so is a text shorter than this share of the
# stored text (when that held at least SOFT_BLOCK_MIN_STORED_CHARS). This many in a row from one
# portal back it off.
GOVCORPUS_SOFT_BLOCK_MIN_BYTES = 64
GOVCORPUS_SOFT_BLOCK_MAX_VISIBLE_BYTES = 400
GOVCORPUS_SOFT_BLOCK_TEXT_SHARE = 0.2
GOVCORPUS_SOFT_BLOCK_MIN_STORED_CHARS = 200
GOVCORPUS_SOFT_BLOCKS_IN_A_ROW = 3
# The browser (crawler/browser.py, crawler/politeness/challenge.py): headless Chromium for a
# portal's JavaScript challenge (its cookies and user agent then go with the portal's plain
# requests) and for columns whose list its scripts build. At most CHALLENGE_TRIES challenges
# per portal and run, then it is blocked; BROWSER_PAGES pages at once, each within
# RENDER_TIMEOUT seconds; the browser restarts when its processes hold more than MAX_RSS_MB.
GOVCORPUS_BROWSER = True
GOVCORPUS_CHALLENGE_TRIES = 3
GOVCORPUS_BROWSER_PAGES = 2
GOVCORPUS_BROWSER_RENDER_TIMEOUT = 30.0
GOVCORPUS_BROWSER_MAX_RSS_MB = 1024
# scrapy-playwright's launch settings, read by crawler/browser.py: the system Chromium (no
# browser download), headless; each page in a context (and a renderer process) of its own, so
# a page that hangs is closed alone. GPU and network in the browser's process and no spare
# renderer: 6 processes instead of 9 for two pages (a third less memory). navigator.webdriver is
# left false as in a person's browser (AutomationControlled off): the second page of 加速乐's
# real challenge sets no cookie when it is true (tests/e2e/test_real_challenge.py); the user
# agent still says HeadlessChrome.
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": "/usr/bin/chromium",
    "headless": True,
    "args": ["--no-zygote", "--no-sandbox", "--disable-gpu",
             "--disable-dev-shm-usage", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             "--in-process-gpu", "--enable-features=NetworkServiceInProcess2",
             "--disable-features=SpareRendererForSitePerProcess",
             "--disable-blink-features=AutomationControlled"],
}
# The final flush retries this long (backoff doubling from 0.5 s) before unsaved records are
# spilled to a JSONL file in GOVCORPUS_SPILL_DIR.
GOVCORPUS_WRITE_RETRY_SECONDS = 30.0
GOVCORPUS_SPILL_DIR = "."
# Files linked from report columns and documents (PDF, DOC, DOCX, WPS, XLS, XLSX).
GOVCORPUS_ATTACHMENTS = True  # follow them
GOVCORPUS_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024  # larger files are not downloaded (a fault)
# Nightly incremental crawls (crawler/incremental/conditional.py, crawler/incremental/recheck.py,
# storage/write/history.py): conditional GETs of stored documents, a recheck of documents missing
# from their lists, and a document is gone after missing from its list this many complete runs in a
# row.
GOVCORPUS_CONDITIONAL = True
GOVCORPUS_REPLAY_LISTS = True  # an unchanged list page's stored reading, not a parse
# a column whose first page is unchanged: its further pages asked within this many days are
# replayed without asking (crawler/incremental/trusted.py); 0 asks every page every night
GOVCORPUS_LIST_PAGES_TRUSTED_DAYS = 7.0
# What the corpus holds of each portal is read in a thread before its requests go out
# (crawler/incremental/stored.py); at most this many stored documents and list pages are kept in
# memory at once.
GOVCORPUS_STORED_DOCUMENTS_IN_MEMORY = 100_000
GOVCORPUS_RECHECK_UNLISTED = True
GOVCORPUS_GONE_AFTER_RUNS = 3  # 0: never judge from the lists (distributed workers do not)
# A listed document under an unchanged title is asked for again once the portal last answered
# for it longer ago than this (spread per URL over 0.5–1×; crawler/incremental/revisit.py). 0: every
# run.
GOVCORPUS_REVISIT_DAYS = 7.0
# One crawl at a time per corpus (storage/lock.py); the CLI holds the lock itself.
GOVCORPUS_RUN_LOCK = True
# Analysis stages run in this many worker processes (the CLI's --workers), or in the reactor
# thread (0). A page gets GOVCORPUS_PAGE_TIMEOUT seconds of analysis either way
# (pipelines/deadline.py); only a worker can also be killed when stuck inside one C call, so
# `scrapy crawl` and scrapyd runs get one by default.
GOVCORPUS_WORKERS = 1
GOVCORPUS_PAGE_TIMEOUT = 120.0
GOVCORPUS_MEMORY_TRIM_S = 10.0  # return freed heap to the OS this often (0: never)
# the cyclic collector's thresholds during a crawl (crawler/runtime/progress.py; empty: Python's)
GOVCORPUS_GC_THRESHOLDS = [50_000, 20, 10]
# Distributed crawls (crawler/runtime/distributed.py): Redis URL, and how long an idle worker waits
# for its peers before it closes.
GOVCORPUS_REDIS_URL = None
GOVCORPUS_REDIS_ACTIVITY_KEY = "govcorpus:activity"
GOVCORPUS_REDIS_IDLE_S = 8.0
# Requests under way are held below CONCURRENT_REQUESTS while the event loop runs later than
# this (crawler/runtime/loop_throttle.py; 0: off): down by a fifth a tick, up by the step.
GOVCORPUS_LOOP_LAG_TARGET = 0.02
GOVCORPUS_LOOP_THROTTLE_FLOOR = 16
GOVCORPUS_LOOP_THROTTLE_STEP = 4
# ... only while a host has this many seconds of requests queued at its delay (else: the CPU)
GOVCORPUS_LOOP_THROTTLE_NEED_S = 60.0
# Rich progress display on the terminal (the CLI turns it on).
GOVCORPUS_PROGRESS = False
# This process's part of a crawl split among processes (`govcorpus crawl --processes N` sets
# "1/N", "2/N" …): its report, metrics and WARC files take the part's number after their name.
GOVCORPUS_SHARD = ""
# Nightly health (crawler/runtime/health.py, storage/health.py): a portal is degraded when its
# reports or listed documents fall by more than DROP_SHARE against the median of its last WINDOW
# nights, failing after FAILING_NIGHTS nights in a row whose error faults reach ERROR_SHARE of its
# requests. The monitors (crawler/runtime/monitors.py, spidermon) fail the crawl above these rates.
GOVCORPUS_HEALTH = True
GOVCORPUS_HEALTH_DROP_SHARE = 0.5
GOVCORPUS_HEALTH_WINDOW = 7
GOVCORPUS_HEALTH_FAILING_NIGHTS = 2
GOVCORPUS_HEALTH_ERROR_SHARE = 0.2
GOVCORPUS_MONITOR_PAGE_FAILURE_RATE = 0.5  # failed requests (takedowns, traps, WAF aside)
GOVCORPUS_MONITOR_STAGE_FAILURE_RATE = 0.1  # analysed pages a stage failed on
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["crawler.runtime.monitors.NightlyMonitors"]
# The run's JSON report (default: govcorpus-run<N>.json beside a SQLite corpus, else in
# GOVCORPUS_SPILL_DIR), Prometheus textfile metrics (none by default) and the digest's apprise
# URLs, apart by white space (none by default).
GOVCORPUS_REPORT_FILE = ""
GOVCORPUS_METRICS_FILE = ""
GOVCORPUS_NOTIFY = ""
GOVCORPUS_DEADLINES_ON = ""  # the day (YYYY-MM-DD) overdue reports are judged on; "": today
