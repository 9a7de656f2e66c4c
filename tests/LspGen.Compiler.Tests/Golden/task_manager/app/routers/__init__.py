"""One router per entity with crud: true."""
