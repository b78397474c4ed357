"""The language server: what ``check``, ``--fix`` and ``fmt`` say, said in the editor as you type."""

# The name diagnostics carry as their source, and the kind of the fix-everything code action.
SOURCE = "mcli-lint"
FIX_ALL = "source.fixAll.mcli-lint"
