"""The IMAP session's edges against a real dovecot: a connection lost while idling, the
personal namespace, folder names in modified UTF-7."""

from __future__ import annotations

import asyncio

import pytest

from mail.inbound.imap import ImapAccount, ImapError, ImapSession
from tests.servers.dovecot import ImapAccount as MailboxUser
from tests.servers.proxy import CuttableProxy


def _account(user: MailboxUser, port: int | None = None) -> ImapAccount:
    return ImapAccount(user.host, port or user.port, user.user, user.password, False, 10)


async def test_a_connection_lost_during_idle_ends_in_imap_error(imap_user: MailboxUser) -> None:
    proxy = CuttableProxy(imap_user.port)
    await proxy.start()
    session = ImapSession(_account(imap_user, proxy.port))
    try:
        await session.open("INBOX")
        assert session.supports_idle
        waiting = asyncio.create_task(session.wait_for_change(60, 60))
        await asyncio.sleep(0.3)  # into IDLE
        await proxy.cut()  # no BYE: the socket just closes
        with pytest.raises(ImapError, match="lost"):
            await asyncio.wait_for(waiting, 10)
    finally:
        await session.close()
        await proxy.cut()


async def test_the_personal_namespace_is_read(
    imap_user: MailboxUser, imap_user_inbox_prefix: MailboxUser
) -> None:
    found = []
    for user in (imap_user, imap_user_inbox_prefix):
        session = ImapSession(_account(user))
        try:
            await session.connect()
            found.append(await session.personal_namespace())
        finally:
            await session.close()
    assert found == [("", "/"), ("INBOX.", ".")]


async def test_folder_names_in_any_language_reach_the_server_as_people_wrote_them(
    imap_user: MailboxUser,
) -> None:
    names = ["Commandes reçues", "Ordrer/Bestillinger æøå"]
    session = ImapSession(_account(imap_user))
    try:
        await session.connect()
        for name in names:
            await session.ensure_folder(name)
            await session.ensure_folder(name)  # found the second time
        assert await session.select("Commandes reçues") > 0
    finally:
        await session.close()
    # doveadm decodes modified UTF-7 itself: the names it lists are the ones we meant
    assert set(names) <= set(imap_user.folders())
