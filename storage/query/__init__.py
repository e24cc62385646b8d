"""The analysts' query language: analyzer, parser, compiler and the index the store writes.

text -> :func:`parser.parse` -> a tree -> :func:`compiler.fts5` / :func:`compiler.tsquery`,
over the tokens of :mod:`storage.query.analyzer` that :mod:`storage.query.index` writes.
"""
