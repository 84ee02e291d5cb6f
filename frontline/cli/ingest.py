"""`frontline ingest`: a news report's text → candidate control and aid events."""

from __future__ import annotations
