"""Who the demo has: its border posts, agencies, officers and staff, and the logins
``load_demo`` prints (``services.demo_load`` creates them; ``seeding`` registers more officers
at these posts)."""

from __future__ import annotations

from dataclasses import dataclass

from officers.models import Role


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    where: str


POSTS = [
    {"code": "th-aranyaprathet", "name": "Aranyaprathet Border Checkpoint", "country": "TH"},
    {"code": "kh-poipet", "name": "Poipet International Border Checkpoint", "country": "KH"},
]
AGENCIES = [
    {
        "name": "Immigration Bureau, Royal Thai Police",
        "short_name": "Thai Immigration",
        "country": "TH",
    },
    {
        "name": "General Department of Immigration",
        "short_name": "Cambodian Immigration",
        "country": "KH",
    },
]
# Border liaison officers from neighbouring countries, stationed at the two posts: their names
# put Lao, Burmese and Vietnamese on the demo certificates beside Thai, Khmer and Latin.
LIAISON_OFFICERS = [
    ("khamla", "ຄຳຫຼ້າ ພົມມະຈັນ", "Khamla Phommachanh", "LA-2231", "Captain", "th-aranyaprathet", "lo"),
    ("aungko", "အောင်ကိုကို", "Aung Ko Ko", "MM-5510", "Police Captain", "th-aranyaprathet", "my"),
    ("nguyenan", "Nguyễn Văn An", "Nguyen Van An", "VN-8842", "Major", "kh-poipet", "vi"),
]

OFFICERS = [
    # username, native name, Latin name, service no., rank, post, language
    (
        "somchai",
        "สมชาย ใจดี",
        "Somchai Jaidee",
        "TH-40112",
        "Police Lieutenant",
        "th-aranyaprathet",
        "th",
    ),
    (
        "malee",
        "มาลี ศรีสุข",
        "Malee Srisuk",
        "TH-40387",
        "Police Sergeant Major",
        "th-aranyaprathet",
        "th",
    ),
    (
        "anan",
        "อนันต์ วงศ์ทอง",
        "Anan Wongthong",
        "TH-41020",
        "Police Captain",
        "th-aranyaprathet",
        "en",
    ),
    ("sokha", "សុខា ចាន់", "Sokha Chan", "KH-7731", "Lieutenant", "kh-poipet", "km"),
    ("dara", "ដារ៉ា សុខ", "Dara Sok", "KH-7802", "Second Lieutenant", "kh-poipet", "km"),
    ("officer", "", "Demo Officer", "KH-7999", "Sergeant", "kh-poipet", "en"),
]


STAFF_LOGINS = [
    DemoLogin("admin", Role.ADMINISTRATOR, "everything"),
    DemoLogin("trainer", Role.TRAINER, "authoring in /admin/"),
    DemoLogin("coordinator", Role.COORDINATOR, "officers in Thailand"),
    DemoLogin("coordinator.poipet", Role.COORDINATOR, "officers at Poipet"),
]


def demo_logins() -> list[DemoLogin]:
    """Every demo login, in the order ``load_demo`` prints them (the README's table lists the
    same; a test compares them)."""
    post_names = {p["code"]: p["name"] for p in POSTS}
    return [
        *STAFF_LOGINS,
        *(DemoLogin(o[0], Role.LEARNER, post_names[o[5]]) for o in OFFICERS),
        *(DemoLogin(o[0], Role.LEARNER, f"{post_names[o[5]]} (liaison)") for o in LIAISON_OFFICERS),
    ]
