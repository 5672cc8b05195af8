"""Live-chat widgets: vendor fingerprints matched in the raw HTML, in the network
requests of the rendered page, and in its globals and DOM."""

from auditor.gather.extract.chat.html import FoundWidget, find_in_html, live_widgets, settings_only
from auditor.gather.extract.chat.probe import PROBE_SCRIPT, from_probe, probe_argument, probe_call, request_evidence
from auditor.gather.extract.chat.vendors import Vendor, url_matches, vendor_by_id, vendors

__all__ = [
    "PROBE_SCRIPT",
    "FoundWidget",
    "Vendor",
    "find_in_html",
    "from_probe",
    "live_widgets",
    "probe_argument",
    "probe_call",
    "request_evidence",
    "settings_only",
    "url_matches",
    "vendor_by_id",
    "vendors",
]
