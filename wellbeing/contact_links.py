"""Support-resource contacts are links people can follow: https:, tel: or mailto: only (never javascript:)."""
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

PHONE = re.compile(r"\+?[0-9][0-9 ()\-]{1,30}")
EMAIL = re.compile(r"[^@\s:/]+@[^@\s:/]+\.[A-Za-z]{2,}")
REFUSED = ("Enter an https:// link, a phone number or an e-mail address (other kinds of link, "
           "such as javascript: or http:, are not allowed).")


@dataclass(frozen=True)
class ContactLink:
    """Where a contact leads and what the link says."""

    href: str
    label: str


def normalise(text: str) -> str | None:
    """The contact as stored (https:…, tel:…, mailto:…), or None when it is not an allowed link."""
    value = text.strip()
    if PHONE.fullmatch(value):
        value = "tel:" + value
    elif EMAIL.fullmatch(value):
        value = "mailto:" + value
    return value if link_for(value) is not None else None


def link_for(contact: str) -> ContactLink | None:
    """The link for a stored contact, or None (e.g. a placeholder's "Replace with …" text)."""
    scheme, _, rest = contact.partition(":")
    scheme = scheme.lower()
    if scheme == "https":
        parts = urlsplit(contact)
        return ContactLink(contact, contact) if parts.netloc and not parts.username else None
    if scheme == "tel" and PHONE.fullmatch(rest):
        return ContactLink("tel:" + re.sub(r"[ ()\-]", "", rest), rest)
    if scheme == "mailto" and EMAIL.fullmatch(rest):
        return ContactLink(contact, rest)
    return None
