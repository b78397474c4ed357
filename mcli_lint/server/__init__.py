"""The language server: what ``check``, ``--fix`` and ``fmt`` say, said in the editor as you type."""
