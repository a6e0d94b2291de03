"""The hall's writes: each one function, transactional, audited in the same transaction."""
