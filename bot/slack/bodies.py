"""The shape of a signed Slack request body, checked before Bolt reads it.

A body that passed the signature check is Slack's, or made with our signing secret;
Bolt trusts its shape and fails with a traceback and a 500 on one that is not what
Slack sends (a form that is not form-encoded, a form with no payload or command, a
payload that is not JSON, JSON whose fields have the wrong types). `problem` reads the
body the way Bolt will (JSON when the content type says so or it starts with `{`,
else a form whose `payload` field is JSON) and says what is wrong, so that the door
answers 400 naming it. Only the fields Bolt and our handlers read are checked: each,
when present, must have the type Slack gives it.

`for_bolt` works around one misreading of Bolt's: it takes any form whose text
contains "payload" for an interactive payload, so a slash command saying "payload"
would be lost (404); in such a form the word is percent-encoded, which reads back the
same.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

# Fields that are objects when present (our handlers and Bolt call .get on them).
_OBJECTS = ("user", "container", "view", "message", "state")
# Objects that Slack may also send as null.
_NULLABLE_OBJECTS = ("team", "enterprise", "channel")
# Fields that are strings wherever they appear.
_STRINGS = (
    "type",
    "trigger_id",
    "response_url",
    "callback_id",
    "action_id",
    "block_id",
    "token",
    "api_app_id",
    "event_id",
    "team_id",
    "private_metadata",
    "challenge",
)

_JSON_KINDS = {
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true or false",
    type(None): "null",
}


def problem(raw: bytes, content_type: str | None) -> str | None:
    """What is wrong with a request body, or None when Bolt can read it."""
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "body: not UTF-8 text"
    if not body:
        return "body: empty"
    media = (content_type or "").split(";")[0].strip().lower()
    if media == "application/json" or body.startswith("{"):
        return _json_problem(body, "body")
    try:
        form = dict(parse_qsl(body, keep_blank_values=True, strict_parsing=True))
    except ValueError:
        return "body: not form-encoded (name=value pairs joined by &)"
    if "payload" in form:
        return _json_problem(form["payload"], "payload")
    if "command" in form or form.get("ssl_check") == "1":
        return None
    return "body: a form with neither a payload nor a command"


def _json_problem(text: str, name: str) -> str | None:
    try:
        data = json.loads(text)
    except ValueError:
        return f"{name}: not JSON"
    if not isinstance(data, dict):
        kind = _JSON_KINDS.get(type(data), "a value")
        return f"{name}: JSON, but {kind} instead of an object"
    if not isinstance(data.get("type"), str):
        return f"{name}.type: missing or not a string"
    return _fields_problem(data, name)


def _fields_problem(data: dict[str, Any], name: str) -> str | None:
    for key in (*_OBJECTS, *_NULLABLE_OBJECTS):
        if key not in data or isinstance(data[key], dict):
            continue
        if not (data[key] is None and key in _NULLABLE_OBJECTS):
            return f"{name}.{key}: not an object"
    for key in _STRINGS:
        if data.get(key) is not None and not isinstance(data[key], str):
            return f"{name}.{key}: not a string"
    for key in ("view", "state"):
        if key in data and (found := _fields_problem(data[key], f"{name}.{key}")):
            return found
    if "values" in data and not _object_of_objects(data["values"]):
        return f"{name}.values: not an object of objects"
    if "event" in data:
        # Events carry users and channels as ids or objects; Bolt reads either.
        event = data["event"]
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            return f"{name}.event: not an object with a type"
    return _actions_problem(data.get("actions"), name)


def _actions_problem(actions: Any, name: str) -> str | None:
    if actions is None:
        return None
    if not isinstance(actions, list):
        return f"{name}.actions: not a list"
    for index, action in enumerate(actions):
        where = f"{name}.actions[{index}]"
        if not isinstance(action, dict) or not isinstance(action.get("action_id"), str):
            return f"{where}: not an object with an action_id"
        if found := _fields_problem(action, where):
            return found
    return None


def _object_of_objects(values: Any) -> bool:
    return isinstance(values, dict) and all(isinstance(v, dict) for v in values.values())


def for_bolt(body: str, content_type: str | None) -> str:
    """The body to hand Bolt: as received, unless a form without a payload field says
    "payload" somewhere (then the word is written p%61yload, decoded back by Bolt)."""
    media = (content_type or "").split(";")[0].strip().lower()
    if "payload" not in body or media == "application/json" or body.startswith("{"):
        return body
    if "payload" in dict(parse_qsl(body, keep_blank_values=True)):
        return body
    return body.replace("payload", "p%61yload")
