"""Tables of the scheduler: the job log, and what each digest already reported.

`job_runs` holds one row per run of a background job, with its counts, errors and notes
(sentences kept as their data, so each reader reads them in their language).

`digest_items` holds one row per job run, dead outbox message and ended subscription a
digest reported, so each appears in exactly one digest; it is written in the digest's
own transaction, with the outbox row whose unique key names the schedule slot. Leader
and job locks need no table: PostgreSQL advisory locks, or file locks beside SQLite.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table
from sqlalchemy.ext.mutable import MutableList

from domain.jobs.log import JobStatus
from store.tables.core import TS, id_column, metadata
from store.tables.types import NotesList, StrEnumType

digest_items = Table(
    "digest_items",
    metadata,
    Column("kind", String(16), primary_key=True),  # run, outbox, subscription
    Column("ref_id", Integer, primary_key=True),
    Column("digest_key", String(200), nullable=False, index=True),
)

job_runs = Table(
    "job_runs",
    metadata,
    id_column(),
    Column("job_name", String(40), nullable=False, index=True),
    Column("started_at", TS, nullable=False),
    Column("finished_at", TS),
    Column("status", StrEnumType(JobStatus), nullable=False),
    Column("processed", Integer, nullable=False, default=0),
    Column("orders_created", Integer, nullable=False, default=0),
    # Errors as the notes are kept: sentences as their data, earlier rows' text as it is.
    Column("errors", MutableList.as_mutable(NotesList()), nullable=False),
    Column("error_count", Integer, nullable=False, default=0),
    Column("triggered_by", String(120), nullable=False, default="schedule"),
    # What the run decided that someone should know without it being an error (periods
    # skipped and why, why the whole run was skipped); the first MAX_ERROR_MESSAGES.
    Column(
        "notes",
        MutableList.as_mutable(NotesList()),
        nullable=False,
        default=list,
        server_default="[]",
    ),
)
