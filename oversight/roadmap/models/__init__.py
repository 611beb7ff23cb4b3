"""The Joint Planning Board, the catalogues an activity links to, and the roadmap itself."""

from oversight.roadmap.models.activities import (
    Activity,
    ActivityFunding,
    Milestone,
    Perspective,
    Status,
)
from oversight.roadmap.models.board import (
    BoardDecision,
    BoardMember,
    TermsOfReference,
)
from oversight.roadmap.models.links import (
    LINK_MODELS,
    AcademicWorkItem,
    EngagementItem,
    EqualityObjective,
    FinancialPlanAmount,
    FinancialPlanLine,
    JusticeSystemAction,
    PartnerPlan,
    PolicingRequirementThreat,
    WellbeingObjective,
)

__all__ = [
    "LINK_MODELS",
    "AcademicWorkItem",
    "Activity",
    "ActivityFunding",
    "BoardDecision",
    "BoardMember",
    "EngagementItem",
    "EqualityObjective",
    "FinancialPlanAmount",
    "FinancialPlanLine",
    "JusticeSystemAction",
    "Milestone",
    "PartnerPlan",
    "Perspective",
    "PolicingRequirementThreat",
    "Status",
    "TermsOfReference",
    "WellbeingObjective",
]
