"""Frontline: territorial control and humanitarian aid deliveries, mapped from their sources."""

__version__ = "0.1.0"
