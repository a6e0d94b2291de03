"""Every write of the billing domain is one of these functions (keyword-only arguments, audited)."""
