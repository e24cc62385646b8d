"""Spiders: ``news`` is driven by the sources file; site-specific spiders only where a site needs code."""
