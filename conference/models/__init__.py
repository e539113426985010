"""The models, one module per aggregate. Importing this package registers them all."""

from conference.models.audit import AuditEvent
from conference.models.case import (
    CASE_STATUS_LABELS,
    Adult,
    AdultChildRelationship,
    Case,
    CaseStatus,
    Child,
    CoreGroupMember,
    Pod,
)
from conference.models.user import ROLE_LABELS, Role, Team, User

__all__ = [
    "CASE_STATUS_LABELS",
    "ROLE_LABELS",
    "Adult",
    "AdultChildRelationship",
    "AuditEvent",
    "Case",
    "CaseStatus",
    "Child",
    "CoreGroupMember",
    "Pod",
    "Role",
    "Team",
    "User",
]
