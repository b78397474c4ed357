"""Entry point for ``python -m mcli_lint``."""

from mcli_lint.cli import main

raise SystemExit(main())
