"""The WARC archive of fetched article pages: writing captures, re-extracting them, importing other WARC files."""
