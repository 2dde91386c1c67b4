"""Ingestion: one poll of one source (new items -> documents -> figures -> storage -> record),
the schedule that runs polls, the backoff between failures, and reparse after an upgrade."""
