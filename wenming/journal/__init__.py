"""The audit trail and the domain-event log every action writes to."""
