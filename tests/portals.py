"""Registry rows for tests that store portals directly."""

from __future__ import annotations

from govcorpus.registry import Portal


def portal(code: str, name: str, level: str = "county", start_url: str | None = None,
           domain: str | None = None) -> Portal:
    return Portal(code, name, level, (start_url,) if start_url else (),
                  (domain,) if domain else ())
