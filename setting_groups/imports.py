"""Settings of the group "Imports and attachments" (docs/settings.md)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ImportsSettings(BaseModel):
    """The settings of the group "Imports and attachments"."""

    max_attachment_mb: int = Field(
        default=10,
        description="Largest mail, attachment or imported spreadsheet taken, in megabytes.",
        json_schema_extra={"group": "Imports and attachments"},
    )
    mail_max_attachments: int = Field(
        default=10,
        ge=1,
        le=100,
        description="Spreadsheets read per mail; the others are not read, and the answer to "
        "the customer (and an alert to reps) names them.",
        json_schema_extra={"group": "Imports and attachments"},
    )
    import_max_rows: int = Field(
        default=100_000,
        description="Largest spreadsheet import, in data rows (larger files are refused before "
        "reading).",
        json_schema_extra={"group": "Imports and attachments"},
    )
