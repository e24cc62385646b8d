"""mediamon crawler: Scrapy spiders, pure extraction and normalization, pipelines."""
