"""Groups of ``mediamon`` commands kept out of crawler/cli.py; cli.py registers them."""
