"""The demo's people: one per role, named after the roles in the board paper."""

from dataclasses import dataclass

from oversight.accounts.models import Organisation


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    job_title: str
    organisation: str  # an organisation slug


ORGANISATIONS = (
    ("Gwent Police", "gwent-police", Organisation.Kind.FORCE),
    ("Office of the Police and Crime Commissioner for Gwent", "opcc-gwent", Organisation.Kind.OPCC),
    ("Newport City Council", "newport-council", Organisation.Kind.COUNCIL),
    ("Aneurin Bevan University Health Board", "abuhb", Organisation.Kind.HEALTH),
    ("Gwent Youth Justice Service", "gwent-yjs", Organisation.Kind.YOUTH_JUSTICE),
    ("Probation Service in Wales", "probation-wales", Organisation.Kind.PROBATION),
)

PERSONAS = (
    Persona("opcc", "Olwen", "Howe", "commissioners_team", "Deputy Commissioner", "opcc-gwent"),
    # A second member of the Commissioner's team: publications need someone other than the
    # requester to approve them.
    Persona(
        "approver", "Eleri", "Thomas", "commissioners_team", "Chief Executive of the OPCC",
        "opcc-gwent",
    ),
    Persona(
        "force", "Matthew", "Jukes", "chief_constables_team", "Deputy Chief Constable",
        "gwent-police",
    ),
    Persona("partner", "Nia", "Powell", "partner", "Community Safety Manager", "newport-council"),
    Persona("panel", "Gareth", "Lewis", "panel_member", "Police and Crime Panel member", ""),
    Persona("admin", "Alex", "Morgan", "administrator", "Systems administrator", "opcc-gwent"),
)  # fmt: skip
