"""`govcorpus replay`, and the replay server `govcorpus crawl --replay` crawls through."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from govcorpus.cli.common import UserError


def _replay_archive(paths: list[Path]):
    from crawler.capture.replay_server import ArchiveError, load_archives

    try:
        return load_archives(paths)
    except ArchiveError as exc:
        raise UserError(f"cannot replay: {exc}") from None


def serve_replay(archives: list[Path], port: int) -> None:
    """Serve archives until interrupted, saying how to point a crawl at them."""
    from crawler.capture.replay_server import ReplayServer

    archive = _replay_archive(archives)
    with ReplayServer(archive, port=port) as server:
        print(f"replaying {len(archive)} exchanges; crawl with "
              f"-s GOVCORPUS_REPLAY_URL={server.base_url} (Ctrl-C stops)")
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
        print(f"served {server.served}, not in the archive {len(server.misses)}")


@contextmanager
def replaying(archives: list[Path] | None) -> Iterator[str | None]:
    """A replay server for the archives while the crawl runs (None: crawl the live sites)."""
    if not archives:
        yield None
        return
    from crawler.capture.replay_server import ReplayServer

    archive = _replay_archive(archives)
    with ReplayServer(archive) as server:
        print(f"replaying {len(archive)} captured exchanges from {server.base_url}")
        yield server.base_url
        if server.misses:
            print(f"{len(server.misses)} requests were not in the replay archive, e.g. "
                  f"{' '.join(url for _, url in server.misses[:3])}")
