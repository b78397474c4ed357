"""Converting run files between YAML and the Python SDK's ``RunConfig(...)``, exactly: ``to-python`` and ``to-yaml``."""

from __future__ import annotations

from mcli_lint.convert.to_python import Converted, ConvertError, to_python
from mcli_lint.convert.to_yaml import NotLiteral, from_python, to_yaml

__all__ = ["ConvertError", "Converted", "NotLiteral", "from_python", "to_python", "to_yaml"]
