"""Mail domains: the part of a host name an organisation registers, and the public mail
providers whose domain says nothing about an employer (pure)."""

from __future__ import annotations

import re

#: Second-level labels under a country code that are registries' own ("co.uk", "com.au").
_SECOND_LEVEL = frozenset(
    [
        "co",
        "com",
        "net",
        "org",
        "ac",
        "edu",
        "gov",
        "gob",
        "go",
        "or",
        "ne",
        "nic",
        "mil",
        "ltd",
        "plc",
        "sch",
        "nhs",
        "med",
        "law",
        "info",
        "biz",
    ]
)

#: Providers anybody can get an address from: never a company's domain. The first label is
#: enough for the big ones whatever the country ("yahoo.co.jp", "hotmail.fr", "gmx.at").
_PUBLIC_FIRST = frozenset(
    [
        "gmail",
        "googlemail",
        "outlook",
        "hotmail",
        "live",
        "msn",
        "yahoo",
        "ymail",
        "rocketmail",
        "aol",
        "gmx",
        "yandex",
        "icloud",
        "proton",
        "protonmail",
        "zoho",
        "mail",
        "inbox",
    ]
)
_PUBLIC = frozenset(
    [
        "me.com",
        "mac.com",
        "pm.me",
        "hey.com",
        "fastmail.com",
        "fastmail.fm",
        "tutanota.com",
        "tuta.io",
        "tutanota.de",
        "mailbox.org",
        "posteo.de",
        "posteo.net",
        "hushmail.com",
        "web.de",
        "t-online.de",
        "freenet.de",
        "arcor.de",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "laposte.net",
        "sfr.fr",
        "neuf.fr",
        "bbox.fr",
        "libero.it",
        "virgilio.it",
        "tiscali.it",
        "alice.it",
        "tin.it",
        "qq.com",
        "163.com",
        "126.com",
        "yeah.net",
        "sina.com",
        "sina.cn",
        "sohu.com",
        "aliyun.com",
        "foxmail.com",
        "139.com",
        "mail.ru",
        "bk.ru",
        "list.ru",
        "rambler.ru",
        "ukr.net",
        "i.ua",
        "abv.bg",
        "seznam.cz",
        "centrum.cz",
        "wp.pl",
        "o2.pl",
        "onet.pl",
        "interia.pl",
        "op.pl",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "nate.com",
        "uol.com.br",
        "bol.com.br",
        "terra.com.br",
        "ig.com.br",
        "rediffmail.com",
        "sify.com",
        "btinternet.com",
        "sky.com",
        "virginmedia.com",
        "talktalk.net",
        "ntlworld.com",
        "blueyonder.co.uk",
        "bigpond.com",
        "bigpond.net.au",
        "optusnet.com.au",
        "iinet.net.au",
        "xtra.co.nz",
        "shaw.ca",
        "rogers.com",
        "sympatico.ca",
        "telus.net",
        "videotron.ca",
        "comcast.net",
        "verizon.net",
        "att.net",
        "sbcglobal.net",
        "cox.net",
        "earthlink.net",
        "charter.net",
        "bellsouth.net",
        "juno.com",
        "netzero.net",
        "ziggo.nl",
        "kpnmail.nl",
        "planet.nl",
        "home.nl",
        "hetnet.nl",
        "telenet.be",
        "skynet.be",
        "bluewin.ch",
        "sunrise.ch",
        "hispeed.ch",
        "telia.com",
        "bredband.net",
        "online.no",
        "eircom.net",
        "ono.com",
        "telefonica.net",
        "movistar.es",
        "sapo.pt",
        "netcabo.pt",
        "otenet.gr",
        "walla.co.il",
        "mweb.co.za",
        "telkomsa.net",
        "webmail.co.za",
        "yahoo.co.in",
        "docomo.ne.jp",
        "ezweb.ne.jp",
        "softbank.ne.jp",
        "nifty.com",
        "biglobe.ne.jp",
        "singnet.com.sg",
        "pacific.net.sg",
        "tm.net.my",
        "streamyx.com",
    ]
)
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


def registrable(host: str) -> str:
    """Return the domain an organisation registers under `host`: "careers.acme.example" ->
    "acme.example", "mail.hays.co.uk" -> "hays.co.uk"; "" for no host name."""
    host = host.strip().strip(".").lower()
    if not _HOST.match(host):
        return ""
    labels = host.split(".")
    keep = 2
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        keep = 3
    return ".".join(labels[-keep:])


def is_public(domain: str) -> bool:
    """Return True for a public mail provider's domain (any of its country domains)."""
    domain = registrable(domain) or domain.lower()
    return domain in _PUBLIC or domain.split(".")[0] in _PUBLIC_FIRST


#: Applicant-tracking systems and job boards: a job's URL there names the platform, not the
#: employer, so it gives the company no domain.
_PLATFORMS = frozenset(
    [
        "greenhouse.io",
        "lever.co",
        "workday.com",
        "myworkdayjobs.com",
        "myworkday.com",
        "smartrecruiters.com",
        "ashbyhq.com",
        "bamboohr.com",
        "recruitee.com",
        "teamtailor.com",
        "personio.de",
        "personio.com",
        "jobvite.com",
        "icims.com",
        "taleo.net",
        "successfactors.com",
        "successfactors.eu",
        "oraclecloud.com",
        "workable.com",
        "breezy.hr",
        "jazzhr.com",
        "applytojob.com",
        "pinpointhq.com",
        "join.com",
        "softgarden.io",
        "dvinci-easy.com",
        "linkedin.com",
        "indeed.com",
        "glassdoor.com",
        "monster.com",
        "stepstone.de",
        "totaljobs.com",
        "reed.co.uk",
        "seek.com.au",
        "naukri.com",
        "ziprecruiter.com",
        "welcometothejungle.com",
        "otta.com",
        "wellfound.com",
        "angel.co",
        "hired.com",
        "dice.com",
        "careerbuilder.com",
        "jobs.ch",
        "xing.com",
        "google.com",
        "forms.gle",
        "typeform.com",
        "notion.site",
    ]
)


def company_domain(url_host: str) -> str:
    """Return the employer's domain a job URL's host gives, or "" (a job board, an ATS)."""
    domain = registrable(url_host)
    if not domain or domain in _PLATFORMS or is_public(domain):
        return ""
    return domain
