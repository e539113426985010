"""The password rules for everyone who signs in.

Based on the NCSC's password guidance: length matters more than complexity, and a password that
appears on lists of common passwords must be refused. There is no rule about symbols or digits.
"""

MINIMUM_LENGTH = 12
MAXIMUM_LENGTH = 128

# The most common passwords of 12 characters or more in public breach lists, and the obvious
# ones for this service. Compared without case or surrounding spaces.
COMMON_PASSWORDS = frozenset(
    [
        "123456789012",
        "1234567890123",
        "12345678901234",
        "123123123123",
        "111111111111",
        "000000000000",
        "123456123456",
        "123412341234",
        "987654321098",
        "qwertyuiopas",
        "qwertyuiop123",
        "qwerty123456",
        "1qaz2wsx3edc",
        "1q2w3e4r5t6y",
        "q1w2e3r4t5y6",
        "asdfghjkl123",
        "zxcvbnm12345",
        "abcdefghijkl",
        "abc123abc123",
        "password1234",
        "password12345",
        "password123456",
        "passwordpassword",
        "password1234!",
        "password123!",
        "passw0rd1234",
        "p@ssw0rd1234",
        "p@ssword1234",
        "mypassword123",
        "letmein12345",
        "letmeinplease",
        "welcome12345",
        "welcome123456",
        "welcometothejungle",
        "iloveyou1234",
        "iloveyouforever",
        "sunshine1234",
        "football1234",
        "baseball1234",
        "superman1234",
        "batman123456",
        "starwars1234",
        "princess1234",
        "dragon123456",
        "monkey123456",
        "trustno1trustno1",
        "changeme1234",
        "changemenow!",
        "administrator",
        "admin1234567",
        "adminadmin123",
        "rootroot1234",
        "secret123456",
        "topsecret123",
        "computer1234",
        "internet1234",
        "whatever1234",
        "qwertyqwerty",
        "aaaaaaaaaaaa",
        "abcabcabcabc",
        "1234qwerasdf",
        "1234567890qwerty",
        "qazwsxedcrfv",
        "childprotection",
        "conference12",
        "conference123",
        "socialworker",
        "safeguarding",
        "safeguarding1",
        "safeguarding123",
        "childrenservices",
    ]
)


def password_problems(password: str, email: str = "") -> list[str]:
    """Say what is wrong with a proposed password, in words a user can act on; empty when it is
    acceptable."""
    if len(password) < MINIMUM_LENGTH:
        return [f"Password must be {MINIMUM_LENGTH} characters or more"]
    if len(password) > MAXIMUM_LENGTH:
        return [f"Password must be {MAXIMUM_LENGTH} characters or fewer"]
    lowered = password.strip().lower()
    if lowered in COMMON_PASSWORDS:
        return ["Password is too common: choose a password that is harder to guess"]
    if len(set(lowered)) <= 2:
        return ["Password must not be one or two characters repeated"]
    local_part = email.split("@")[0].lower()
    if len(local_part) >= 4 and local_part in lowered:
        return ["Password must not contain your email address"]
    return []
