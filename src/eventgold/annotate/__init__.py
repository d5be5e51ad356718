"""Rule-based pre-annotation: spaCy rule packs, gazetteers, normalizers, attachment, cues."""
