"""An offline testbed of government portals with annual-report columns, served on loopback."""

from testbed.plan import TestbedDoc
from testbed.process import TestbedProcess
from testbed.regions import PortalSpec
from testbed.server import TestbedServer
from testbed.site import Testbed

__all__ = ["PortalSpec", "Testbed", "TestbedDoc", "TestbedProcess", "TestbedServer"]
