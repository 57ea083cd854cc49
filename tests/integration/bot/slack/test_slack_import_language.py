"""The Slack import review speaks the language of the file's headers: a file headed in
French is reviewed in French (the counts, each row, the buttons, the annotated copy's
title and comment), and confirmed in French."""

from __future__ import annotations

import io
import json

import openpyxl

from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.signing import buttons

CSV = (
    "Code client;Nom du client;Pays;Nom du contact;Adresse e-mail du contact\n"
    "GRN;Vert SARL;FR;Ann;green@example.com\n"
    "YEL;Jaune SARL;france;Bob;yellow@example.com\n"
    "RED;;FR;Cy;red@example.com\n"
).encode("cp1252")


def _file_event(rig: SlackRig, name: str) -> dict[str, object]:
    rig.api.files[name] = CSV
    return {
        "type": "message", "subtype": "file_share", "channel_type": "im", "channel": "D1",
        "user": "UREP", "text": "", "ts": "5.5",
        "files": [{"id": "F100", "name": name, "url_private_download": rig.api.file_url(name)}],
    }  # fmt: skip


async def test_a_french_file_is_reviewed_and_confirmed_in_french(rig: SlackRig) -> None:
    await rig.run("/customer", "import")
    status, _ = await rig.client.event(_file_event(rig, "clients.csv"), "EvF2")
    assert status == 200
    await rig.drain()
    [review] = rig.api.of("chat.postMessage")
    assert review["text"] == "0 verte, 2 jaunes, 1 rouge, 0 ignorée"
    rows = [b["text"]["text"] for b in review["blocks"] if "accessory" in b]
    assert rows == [
        ":large_yellow_circle: Ligne 2 : Adresse Code : aucun donné ; MAIN utilisé",
        (
            ":large_yellow_circle: Ligne 3 : Pays : 'france' lu comme FR; Adresse Code : aucun "
            "donné ; MAIN utilisé"
        ),
        ":red_circle: Ligne 4 : Nom du client : manquant pour un nouveau client",
    ]
    assert {b["accessory"]["text"]["text"] for b in review["blocks"] if "accessory" in b} == {
        "Ignorer la ligne"
    }
    [upload] = rig.api.of("files.completeUploadExternal")
    assert json.loads(str(upload["files"]))[0]["title"] == "clients.csv : vérifié"
    assert upload["initial_comment"].startswith("La copie annotée : les lignes rouges")
    copy = openpyxl.load_workbook(io.BytesIO(rig.api.uploads[0])).active
    assert copy is not None
    assert copy.title == "Vérifié"
    assert [cell.value for cell in copy[1]][-2:] == ["Statut", "Message"]
    confirm = buttons(review)
    [label] = [k for k in confirm if k.startswith("Confirmer")]
    assert label == "Confirmer (2 lignes)"
    await rig.client.click(confirm[label], message_ts="5.6")
    await rig.drain()
    done = rig.api.responses()[-1]
    assert done["text"].startswith("Importé 2 lignes : créé 2 clients, 2 adresses, 2 contacts.")
    assert rig.app.bus.handle(c.ShowCustomer(code="GRN")).customer.name == "Vert SARL"
