"""See docs/decisions/0009-digital-pipeline.md."""
