"""Generator of the bundled sample news sites: ``python -m crawler.sample_sites._build``.

Content (invented news, plus the seed article) lives in the ``*_content`` / edition
modules; the templates mimic each real site's markup. The output and every site's
``manifest.json`` are committed; re-run the generator after editing content.
"""
