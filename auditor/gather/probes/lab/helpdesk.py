"""A stand-in company helpdesk for the demo and the tests: it answers probes the way real ones do.

Each of the company's addresses behaves as configured: an instant acknowledgement that
promises a time, a person's answer later (threaded only by References, or sent from
another address), an out-of-office note in German, or silence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid, parseaddr

from auditor.gather.probes.lab.clock import LabClock, RealTime


@dataclass(frozen=True)
class Behaviour:
    """How one helpdesk address answers. Delays are in seconds."""

    acknowledge: str = ""  # the acknowledgement's text; empty: none is sent
    human_delay: float | None = None  # None: no person ever answers
    # "references": threaded by References only, sent to From (not our reply address), no token;
    # "reply-to": sent to the Reply-To address with no thread headers, from another person.
    human_style: str = "references"
    out_of_office_de: bool = False


DEFAULT_BEHAVIOURS = {
    "support": Behaviour(acknowledge="Thank you, we got your message. We answer within 1-2 business days.",
                         human_delay=4.0, human_style="references"),
    "sales": Behaviour(human_delay=3.0, human_style="reply-to"),
    "info": Behaviour(out_of_office_de=True),
    "contact": Behaviour(acknowledge="We have received your message and will reply within 24 hours.",
                         human_delay=3.0, human_style="reply-to"),
}  # fmt: skip
# Anything else (hello@, ...) never answers.


class Helpdesk:
    def __init__(
        self,
        send: Callable[[EmailMessage], None],
        behaviours: dict[str, Behaviour] | None = None,
        clock: LabClock | None = None,
    ) -> None:
        self.send = send
        self.behaviours = DEFAULT_BEHAVIOURS if behaviours is None else behaviours
        self.clock = clock or RealTime()
        self.received: list[EmailMessage] = []

    def receive(self, recipient: str, raw: bytes) -> None:
        """Record a message at once; every answer goes out later, on the helpdesk's own clock."""
        incoming = BytesParser(policy=policy.default).parsebytes(raw)
        assert isinstance(incoming, EmailMessage)
        self.received.append(incoming)
        local, _, domain = recipient.lower().partition("@")
        behaviour = self.behaviours.get(local)
        if behaviour is None:
            return
        if behaviour.acknowledge:
            self._answer(0, lambda: self._acknowledgement(incoming, recipient, behaviour.acknowledge))
        if behaviour.out_of_office_de:
            self._answer(0, lambda: self._out_of_office(incoming, recipient))
        if behaviour.human_delay is not None:
            style = behaviour.human_style
            self._answer(behaviour.human_delay, lambda: self._human_reply(incoming, recipient, domain, style))

    def _answer(self, seconds: float, write: Callable[[], EmailMessage]) -> None:
        # Written when it is sent, so its Date: is the moment it went out.
        self.clock.later(seconds, lambda: self.send(write()))

    def stop(self) -> None:
        self.clock.stop()

    def _base(self, incoming: EmailMessage, sender: str, to: str, subject: str, text: str) -> EmailMessage:
        reply = EmailMessage()
        reply["From"] = sender
        reply["To"] = to
        reply["Subject"] = subject
        reply["Date"] = format_datetime(self.clock.now())
        reply["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
        reply.set_content(text)
        return reply

    def _acknowledgement(self, incoming: EmailMessage, recipient: str, text: str) -> EmailMessage:
        to = str(incoming.get("Reply-To") or incoming["From"])
        ack = self._base(incoming, f"no-reply@{recipient.partition('@')[2]}", to, f"Re: {incoming['Subject']}", text)
        ack["Auto-Submitted"] = "auto-replied"
        ack["In-Reply-To"] = str(incoming["Message-ID"])
        ack["References"] = str(incoming["Message-ID"])
        return ack

    def _out_of_office(self, incoming: EmailMessage, recipient: str) -> EmailMessage:
        text = (
            "Vielen Dank für Ihre Nachricht. Ich bin bis zum 20. Mai nicht im Büro. "
            "Ihre Anfrage wird innerhalb von 3 Werktagen beantwortet."
        )
        to = str(incoming.get("Reply-To") or incoming["From"])
        note = self._base(incoming, recipient, to, f"Abwesenheitsnotiz: {incoming['Subject']}", text)
        note["In-Reply-To"] = str(incoming["Message-ID"])
        return note

    def _human_reply(self, incoming: EmailMessage, recipient: str, domain: str, style: str) -> EmailMessage:
        text = "Hello, we are open Monday to Friday, 9 to 5, and answer most emails the same day. Kind regards, Sam"
        if style == "references":
            # A person answering from the helpdesk: a fresh subject, addressed to the sender's own address.
            to = parseaddr(str(incoming["From"]))[1]
            reply = self._base(incoming, recipient, to, "Your question about our opening hours", text)
            reply["References"] = str(incoming["Message-ID"])
            return reply
        to = str(incoming.get("Reply-To") or incoming["From"])
        return self._base(incoming, f"sam.taylor@mail.{domain}", to, "Your question about our opening hours", text)
