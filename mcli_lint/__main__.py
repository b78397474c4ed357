"""Entry point for ``python -m mcli_lint``."""

from mcli_lint.entry import main

raise SystemExit(main())
