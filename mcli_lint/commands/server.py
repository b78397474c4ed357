"""`server`: the language server over stdin/stdout, until the editor says exit."""

from __future__ import annotations

from mcli_lint.commands.common import EXIT_OK


def serve() -> int:
    """Serve until the client closes the stream; its `exit` notification ends the process (0 after `shutdown`)."""
    # Lazy: pygls and lsprotocol (about 600 ms measured), for `server` alone.
    from mcli_lint.server.app import create_server

    create_server().start_io()
    return EXIT_OK
