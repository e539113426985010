"""The models, one module per aggregate. Importing this package registers them all."""

from conference.models.audit import AuditEvent
from conference.models.user import ROLE_LABELS, Role, Team, User

__all__ = ["ROLE_LABELS", "AuditEvent", "Role", "Team", "User"]
