"""Scrapy's downloader, holding each download slot to its concurrency without a delay.

With a delay between requests, Scrapy starts one queued request per delay. Without one
(`--delay 0`, a site of one's own, a benchmark), its loop starts the download of every
queued request at once: a request counts against the slot's concurrency only once its
download task runs, after the loop. A site audited at `crawl.concurrency = 2` then saw
as many requests at once as the crawl had queued. Here a request counts from the moment
its download is started.
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from scrapy.core.downloader import Downloader as ScrapyDownloader
from scrapy.utils.defer import _schedule_coro


class Downloader(ScrapyDownloader):
    def _process_queue(self, slot: Any) -> None:
        if slot.latercall or slot.download_delay():
            super()._process_queue(slot)  # one request per delay: no burst to hold back
            return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = monotonic()
            request, queue_dfd = slot.queue.popleft()
            slot.transferring.add(request)  # counted now; _download adds it again and frees it
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
