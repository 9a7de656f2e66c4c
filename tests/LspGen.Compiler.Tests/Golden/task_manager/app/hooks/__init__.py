"""Per-entity extension points (app/hooks/<entity>.py), owned by you after the first generation."""
