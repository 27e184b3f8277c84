"""mt-repair: find and repair damage in machine-translated news copy."""

__version__ = "0.1.0"

KINDS = (
    "glue", "residue", "calque", "quote", "case", "punct",
    "boilerplate", "name", "filter", "grammar",
)
