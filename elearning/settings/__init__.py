"""Settings split: base (everything), dev, test and production (overrides only)."""
