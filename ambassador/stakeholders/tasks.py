"""Background jobs on stakeholders: none at present (the lobbying-risk job belongs to the risk app)."""
