// Placeholder: filled in by issue 15's parts.
