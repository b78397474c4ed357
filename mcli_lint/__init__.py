"""mcli-lint: a schema-first linter for Databricks Mosaic AI (mcli) run YAML files."""

__version__ = "0.1.0"
