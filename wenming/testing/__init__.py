"""Test support: factories, named personas and the browser fixture, shared by every app's tests."""
