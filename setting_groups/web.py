"""Settings of the group "Web and tracking" (docs/settings.md)."""

from __future__ import annotations

import ipaddress

from pydantic import BaseModel, Field, SecretStr, field_validator


class WebSettings(BaseModel):
    """The settings of the group "Web and tracking"."""

    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Address where customers reach the web server: the base of the tracking "
        "links in mails.",
        json_schema_extra={"group": "Web and tracking"},
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs tracking links; set a long random value in production (e.g. "
        "`openssl rand -hex 32`). Changing it invalidates every link. Unset, a key is made "
        "once in `secret.key` beside the SQLite database file; needed with PostgreSQL.",
        json_schema_extra={"group": "Web and tracking"},
    )
    http_host: str = Field(
        default="127.0.0.1",
        description="Web server address (tracking page, `/healthz`, Slack HTTP mode).",
        json_schema_extra={"group": "Web and tracking"},
    )
    http_port: int = Field(
        default=8000,
        description="Web server port.",
        json_schema_extra={"group": "Web and tracking"},
    )
    trusted_proxies: str = Field(
        default="",
        description="Reverse proxies in front of the web server, comma-separated addresses or "
        "CIDR blocks (`127.0.0.1, 10.0.0.0/8`): only requests from them have their "
        "`X-Forwarded-For` believed, so the tracking page limits each visitor rather than the "
        "proxy. Empty: the header is ignored.",
        json_schema_extra={"group": "Web and tracking"},
    )
    tracking_link_days: int = Field(
        default=90,
        ge=1,
        description="Days a tracking link stays valid after the last mail that carried it.",
        json_schema_extra={"group": "Web and tracking"},
    )

    carrier_urls: dict[str, str] = Field(
        default_factory=dict,
        description="Carriers' public tracking pages, as JSON: a carrier's name and a URL "
        "with `{tracking}` where the tracking number goes "
        '(`{"Bring": "https://tracking.bring.com/tracking/{tracking}"}`). They add to '
        "the built-in DHL, UPS, FedEx, La Poste, Colissimo, Chronopost, GLS, DPD and PostNord "
        "(a name given here replaces its URL; an empty URL removes it). Mails and the "
        "tracking page link a tracking number to its carrier's page.",
        json_schema_extra={"group": "Web and tracking"},
    )

    @field_validator("carrier_urls")
    @classmethod
    def _tracking_placeholder(cls, value: dict[str, str]) -> dict[str, str]:
        for name, url in value.items():
            if url and ("{tracking}" not in url or not url.startswith(("https://", "http://"))):
                raise ValueError(
                    f"the URL of carrier {name!r} must start with https:// and hold "
                    f"{{tracking}}; got {url!r}"
                )
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxy_addresses(cls, value: str) -> str:
        for item in value.replace(";", ",").split(","):
            if item.strip():
                try:
                    ipaddress.ip_network(item.strip(), strict=False)
                except ValueError:
                    raise ValueError(
                        f"{item.strip()!r} is not an IP address or CIDR block"
                    ) from None
        return value
