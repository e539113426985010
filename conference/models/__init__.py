"""The models, one module per aggregate. Importing this package registers them all."""

from conference.models.audit import AuditEvent
from conference.models.case import (
    Adult,
    AdultChildRelationship,
    Case,
    Child,
    CoreGroupMember,
    Pod,
)
from conference.models.conference import (
    CONFERENCE_TYPE_LABELS,
    AgencyView,
    Amendment,
    Attendee,
    ChildDecision,
    ChildPicture,
    ChildVoice,
    Conference,
    ConferenceIdentity,
    ConferenceType,
    FormDraft,
    MapItem,
    ScalingScore,
)
from conference.models.core_group import (
    ActionUpdate,
    CoreGroupAttendance,
    CoreGroupMeeting,
    CoreGroupScore,
    GoalProgress,
    Visit,
)
from conference.models.plan import Plan, PlanAction, SafetyGoal
from conference.models.report import CaseTally, Commentary, PlanEpisode, Tally, TallyRebuild
from conference.models.sign_in import SignInFailure, UserSession
from conference.models.stored_file import StoredFile
from conference.models.user import ROLE_LABELS, Role, Team, User

__all__ = [
    "CONFERENCE_TYPE_LABELS",
    "ROLE_LABELS",
    "ActionUpdate",
    "Adult",
    "AdultChildRelationship",
    "AgencyView",
    "Amendment",
    "Attendee",
    "AuditEvent",
    "Case",
    "CaseTally",
    "Child",
    "ChildDecision",
    "ChildPicture",
    "ChildVoice",
    "Commentary",
    "Conference",
    "ConferenceIdentity",
    "ConferenceType",
    "CoreGroupAttendance",
    "CoreGroupMeeting",
    "CoreGroupMember",
    "CoreGroupScore",
    "FormDraft",
    "GoalProgress",
    "MapItem",
    "Plan",
    "PlanAction",
    "PlanEpisode",
    "Pod",
    "Role",
    "SafetyGoal",
    "ScalingScore",
    "SignInFailure",
    "StoredFile",
    "Tally",
    "TallyRebuild",
    "Team",
    "User",
    "UserSession",
    "Visit",
]
