"""`govcorpus testbed serve`: the testbed in the foreground, with its registry written."""

from __future__ import annotations

import time
from pathlib import Path

from govcorpus.cli.common import console


def serve_testbed(port: int, portals: int, docs: int, registry: Path, faults: bool = False,
                  day: int = 1) -> None:
    """Serve the testbed in the foreground (with the fault portals when `faults`), on `day`."""
    from testbed import Testbed, TestbedServer

    testbed = Testbed(portals=portals, docs_per_portal=docs, faults=faults, day=day)
    with TestbedServer(testbed, port=port) as server:
        testbed.write_registry(registry, server.base_url)
        console.print(f"serving {server.base_url}; registry written to {registry}; Ctrl-C stops")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            console.print("stopped")
