"""mediamon storage: SQLAlchemy models, engine factory, repository and analyst queries."""
