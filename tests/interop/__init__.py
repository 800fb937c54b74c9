"""Integration tests against other QDA programs, run as real clients (marker ``interop``)."""
