"""The shared crawl frontier on Redis, by concern (the rest still lives in :mod:`.distributed`)."""
