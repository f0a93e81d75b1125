"""wenming: the civilization-work platform (文明实践平台)."""
