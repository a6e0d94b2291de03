"""Pages of the cases app: thin views over cases.selectors / cases.services."""
