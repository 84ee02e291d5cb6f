"""Records from outside files (ACLED, HXL): read, placed on the registry, saved as one
transaction that remembers each outside id, so re-imports update rather than duplicate."""
