"""Background jobs: the job log, the digest, and the ports jobs need."""
