"""The import review in Slack: upload → check → skip → confirm → annotated copy uploaded."""

from __future__ import annotations

from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.signing import buttons

CSV = (
    b"Customer code,Customer name,Country,Contact name,Contact email\n"
    b"GRN,Green Ltd,FR,Ann,green@example.com\n"
    b"YEL,Yellow Ltd,france,Bob,yellow@example.com\n"
    b"RED,,FR,Cy,red@example.com\n"
    b"SKP,Skipped Ltd,FR,Di,not-an-email\n"
)


def _file_event(rig: SlackRig, name: str) -> dict[str, object]:
    rig.api.files[name] = CSV
    return {
        "type": "message",
        "subtype": "file_share",
        "channel_type": "im",
        "channel": "D1",
        "user": "UREP",
        "text": "",
        "ts": "5.5",
        "files": [{"id": "F100", "name": name, "url_private_download": rig.api.file_url(name)}],
    }


def _codes(rig: SlackRig) -> list[str]:
    found = rig.app.bus.handle(c.FindCustomers(text="Ltd", limit=50)).items
    return sorted(m.customer.code for m in found)


async def test_upload_check_skip_confirm_and_annotated_copy(rig: SlackRig) -> None:
    answer = await rig.run("/customer", "import")
    assert answer["text"].startswith("Send the customers spreadsheet")
    status, _ = await rig.client.event(_file_event(rig, "people.csv"), "EvF1")
    assert status == 200
    await rig.drain()
    [download] = rig.api.of("download")
    assert download == {"name": "people.csv"}
    tokens = [call.token for call in rig.api.calls if call.method == "download"]
    assert tokens == ["Bearer xoxb-test"]
    [review] = rig.api.of("chat.postMessage")
    rows = [b["text"]["text"] for b in review["blocks"] if "accessory" in b]
    assert review["text"] == "0 green, 2 yellow, 2 red, 0 skipped"
    assert rows == [
        ":large_yellow_circle: Row 2: Address code: none given; MAIN used",
        (
            ":large_yellow_circle: Row 3: Country: 'france' read as FR; Address code: none given; "
            "MAIN used"
        ),
        ":red_circle: Row 4: Customer name: missing for new customer",
        (
            ":red_circle: Row 5: Contact email: 'not-an-email' is not a valid email address "
            "(an email address must have an @-sign)"
        ),
    ]
    assert _codes(rig) == []  # nothing written before Confirm
    uploaded = rig.api.of("files.completeUploadExternal")
    assert len(uploaded) == 1
    assert len(rig.api.uploads) == 1
    assert rig.api.uploads[0][:2] == b"PK"  # the annotated copy is an .xlsx

    skips = [b["accessory"] for b in review["blocks"] if "accessory" in b]
    assert skips[1]["value"].endswith(" 3")
    await rig.client.click(skips[1], message_ts="5.6")
    await rig.drain()
    skipped = rig.api.responses()[-1]
    confirm = buttons(skipped)
    [label] = [k for k in confirm if k.startswith("Confirm")]
    for _ in range(2):  # confirm twice: imported once
        await rig.client.click(confirm[label], message_ts="5.6")
    await rig.drain()
    assert _codes(rig) == ["GRN"]
    first, second = rig.api.responses()[-2:]
    assert skipped["text"] == "0 green, 1 yellow, 2 red, 1 skipped"
    assert first["text"] == "Imported 1 row: created 1 customer, 1 address, 1 contact."
    assert second["text"] == "This import was confirmed already."


async def test_retried_upload_event_is_checked_once(rig: SlackRig) -> None:
    event = _file_event(rig, "customers.csv")
    await rig.client.event(event, "EvF2")
    await rig.client.event(event, "EvF2", retry=1)
    await rig.drain()
    assert len(rig.api.of("download")) == 1
    assert len(rig.api.of("chat.postMessage")) == 1


async def _review(rig: SlackRig, event_id: str) -> dict[str, object]:
    await rig.client.event(_file_event(rig, "people.csv"), event_id)
    await rig.drain()
    review: dict[str, object] = rig.api.of("chat.postMessage")[-1]
    return review


async def test_the_same_file_again_is_every_row_unchanged(rig: SlackRig) -> None:
    first = await _review(rig, "EvR1")
    await rig.client.click(buttons(first)["Confirm (2 rows)"], message_ts="5.6")
    await rig.drain()
    again = await _review(rig, "EvR2")
    assert again["text"] == "2 green (2 unchanged), 0 yellow, 2 red, 0 skipped"
    named = [call.params for call in rig.api.calls if call.method == "files.getUploadURLExternal"]
    assert named[-1]["filename"] == "people.csv.checked.xlsx"


async def test_a_customer_changed_after_the_check_stops_the_confirm(rig: SlackRig) -> None:
    review = await _review(rig, "EvR3")
    rig.app.bus.handle(c.CreateCustomer(code="GRN", name="Green Limited"))
    await rig.client.click(buttons(review)["Confirm (2 rows)"], message_ts="5.6")
    await rig.drain()
    stopped = rig.api.responses()[-1]
    assert stopped["text"] == (
        "Nothing was imported: the verdict of row 2 changed since the check (a customer of "
        "the file was changed meanwhile). Read the new verdicts, then confirm again."
    )
    rows = [b["text"]["text"] for b in stopped["blocks"] if "accessory" in b]
    assert rows[0] == (
        ":large_yellow_circle: Row 2: existing customer GRN updated: name 'Green Limited' -> "
        "'Green Ltd'; Address code: none given; MAIN used"
    )
    assert _codes(rig) == []  # nothing written: GRN is as it was made by hand
    await rig.client.click(buttons(stopped)["Confirm (2 rows)"], message_ts="5.7")
    await rig.drain()
    assert rig.api.responses()[-1]["text"] == (
        "Imported 2 rows: created 1 customer, 2 addresses, 2 contacts; updated 1 customer."
    )
