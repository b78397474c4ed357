"""Entry point for ``python -m mcli_lint``: the same typer app as the ``mcli-lint`` script."""

from mcli_lint.cli import main

raise SystemExit(main())
