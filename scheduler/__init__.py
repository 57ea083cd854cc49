"""Background jobs: the APScheduler set-up, job functions, outbox relay and digests."""
