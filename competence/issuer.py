"""Who issues certificates and at which addresses: settings the web layer hands to the domain.

The domain never reads the request or the configuration; the web layer builds an IssuerSettings
from both (the public address is the configured one, else the request's host).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class IssuerSettings:
    base_url: str  # https://verstas.example.fi, without a trailing slash
    organiser: str
    keys_dir: str  # where the signing key lives, outside the repository
    partner: str = ""  # the partner education provider, where there is one
    place: str = ""  # the place of issue printed on certificates
    framework_url: str = "https://eperusteet.opintopolku.fi/"
    organiser_names: tuple[tuple[str, str], ...] = ()  # (language, name) where the name is translated

    def organiser_in(self, language: str) -> str:
        """The organiser's name in a certificate's language, else the name as configured."""
        return dict(self.organiser_names).get(language) or self.organiser

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    @property
    def issuer_id(self) -> str:
        return self.url("/credentials/issuer")

    @property
    def jwks_url(self) -> str:
        return self.url("/.well-known/jwks.json")

    def achievement_url(self, unit_code: str) -> str:
        """The public page of a unit's achievement: its criteria, for anyone a badge is shown to."""
        return self.url(f"/credentials/achievements/{unit_code}")

    @property
    def image_url(self) -> str:
        """The picture of the issuer and its achievements."""
        return self.url("/credentials/image.svg")

    @property
    def keys_url(self) -> str:
        """Where each public key answers by itself (`<keys_url>/<thumbprint>`, a badge's `kid`)."""
        return self.url("/credentials/keys")

    @property
    def status_list_url(self) -> str:
        return self.url("/credentials/status")

    def verify_url(self, formatted_code: str) -> str:
        return self.url(f"/verify/{formatted_code}")

    @property
    def verify_address(self) -> str:
        """The verification page as printed for people to type: host and path, no scheme."""
        parts = urlsplit(self.base_url)
        return (parts.netloc + parts.path).rstrip("/") + "/verify"


def issuer_profile(settings: IssuerSettings) -> dict:
    """The issuer's Open Badges 3.0 Profile, as in every credential and at its own address."""
    profile = {"id": settings.issuer_id, "type": ["Profile"], "name": settings.organiser, "url": settings.url("/"),
               "image": {"id": settings.image_url, "type": "Image", "caption": settings.organiser}}
    if settings.partner:
        profile["description"] = settings.partner
    return profile
