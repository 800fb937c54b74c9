"""Thematic content analysis: the codebook, rule-based coding suggestions, coding work."""
