"""An offline testbed of government portals with annual-report columns, served on loopback."""

from govcorpus.testbed.plan import TestbedDoc
from govcorpus.testbed.process import TestbedProcess
from govcorpus.testbed.regions import PortalSpec
from govcorpus.testbed.server import TestbedServer
from govcorpus.testbed.site import Testbed

__all__ = ["PortalSpec", "Testbed", "TestbedDoc", "TestbedProcess", "TestbedServer"]
