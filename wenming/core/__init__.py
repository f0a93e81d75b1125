"""Shared helpers with no models: environment, calendar, periods, decimals, permissions."""
