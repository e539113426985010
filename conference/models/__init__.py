"""The models, one module per aggregate. Importing this package registers them all."""

from conference.models.audit import AuditEvent
from conference.models.benchmark import Comparator, FigureTarget
from conference.models.case import (
    Adult,
    AdultChildRelationship,
    Case,
    Child,
    CoreGroupMember,
    Pod,
)
from conference.models.chronology import Allocation, ChronologyAmendment, ChronologyEvent
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
    KeptFromFamily,
    KeptOffWall,
    MapItem,
    ScalingRound,
    ScalingScore,
    WallStage,
)
from conference.models.contact import ContactSetting
from conference.models.core_group import (
    ActionUpdate,
    AgencyUpdate,
    CoreGroupAttendance,
    CoreGroupMeeting,
    CoreGroupScore,
    CoreGroupSection,
    GoalProgress,
    Visit,
)
from conference.models.episode import ChildEpisode, EnquiryOutcome, Section47Enquiry
from conference.models.family_voice import FamilyFeedback, FamilyViews
from conference.models.invitation import Invitation
from conference.models.job import JOB_STATES, Job
from conference.models.kept_work import KeptWork, KeptWorkItem
from conference.models.oversight import Oversight, OversightAction
from conference.models.plan import AudioCopy, Plan, PlanAction, PlanTranslation, SafetyGoal
from conference.models.report import (
    CaseTally,
    Commentary,
    PlanEpisode,
    Tally,
    TallyHorizon,
    TallyRebuild,
)
from conference.models.sign_in import SignInFailure, UserSession
from conference.models.stored_file import StoredDocument, StoredFile
from conference.models.user import ROLE_LABELS, Role, Team, User
from conference.models.visit import StatutoryVisit, VisitChild

__all__ = [
    "CONFERENCE_TYPE_LABELS",
    "JOB_STATES",
    "ROLE_LABELS",
    "ActionUpdate",
    "Adult",
    "AdultChildRelationship",
    "AgencyUpdate",
    "AgencyView",
    "Allocation",
    "Amendment",
    "Attendee",
    "AudioCopy",
    "AuditEvent",
    "Case",
    "CaseTally",
    "Child",
    "ChildDecision",
    "ChildEpisode",
    "ChildPicture",
    "ChildVoice",
    "ChronologyAmendment",
    "ChronologyEvent",
    "Commentary",
    "Comparator",
    "Conference",
    "ConferenceIdentity",
    "ConferenceType",
    "ContactSetting",
    "CoreGroupAttendance",
    "CoreGroupMeeting",
    "CoreGroupMember",
    "CoreGroupScore",
    "CoreGroupSection",
    "EnquiryOutcome",
    "FamilyFeedback",
    "FamilyViews",
    "FigureTarget",
    "FormDraft",
    "GoalProgress",
    "Invitation",
    "Job",
    "KeptFromFamily",
    "KeptOffWall",
    "KeptWork",
    "KeptWorkItem",
    "MapItem",
    "Oversight",
    "OversightAction",
    "Plan",
    "PlanAction",
    "PlanEpisode",
    "PlanTranslation",
    "Pod",
    "Role",
    "SafetyGoal",
    "ScalingRound",
    "ScalingScore",
    "Section47Enquiry",
    "SignInFailure",
    "StatutoryVisit",
    "StoredDocument",
    "StoredFile",
    "Tally",
    "TallyHorizon",
    "TallyRebuild",
    "Team",
    "User",
    "UserSession",
    "Visit",
    "VisitChild",
    "WallStage",
]
