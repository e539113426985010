"""Adding and changing the children and adults of a case. Every function takes the acting user;
every view and change writes its audit row in the same transaction; the view commits."""

from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import flag_modified

from conference.extensions import db
from conference.models import Adult, AdultChildRelationship, Case, Child, User
from conference.services import audit, episodes, records


class LocalChildIdTaken(Exception):
    """Another child already has this local child ID."""


def child_in_case(case: Case, child_id: int) -> Child | None:
    """The child, if it belongs to `case`."""
    child = db.session.get(Child, child_id)
    return child if child is not None and child.case_id == case.id else None


def adult_in_case(case: Case, adult_id: int) -> Adult | None:
    """The adult, if they belong to `case`."""
    adult = db.session.get(Adult, adult_id)
    return adult if adult is not None and adult.case_id == case.id else None


def relationships_of(child: Child) -> list[AdultChildRelationship]:
    """The adults related to `child`, in the order they were added."""
    query = (
        select(AdultChildRelationship)
        .join(Adult)
        .where(AdultChildRelationship.child_id == child.id)
        .order_by(Adult.id)
    )
    return list(db.session.scalars(query))


def view_child(actor: User, child: Child) -> None:
    audit.record(actor, "view", child)


def create_child(actor: User, case: Case, referral: dict | None = None, **fields) -> Child:
    """Add a child to `case`, with their first episode from the family's referral (`referral`:
    its source and the child's primary need, when given); raise LocalChildIdTaken if another
    child has the same ID."""
    fields = _stripped(fields)
    if local_child_id_taken(fields["local_child_id"]):
        raise LocalChildIdTaken(fields["local_child_id"])
    with _local_child_id_unique():
        child = Child(case_id=case.id, **fields)
        db.session.add(child)
        audit.record(actor, "create", child, audit.changes_of(child))
        episodes.start_first_episode(actor, child, case, **(referral or {}))
    return child


def update_child(actor: User, child: Child, version: int, **fields) -> Child:
    """Change a child's details. Refuse if the form was loaded before someone else's save, or
    if another child has the same local ID."""
    if version != child.version:
        raise records.StaleVersion(child)
    fields = _stripped(fields)
    if local_child_id_taken(fields["local_child_id"], besides=child):
        raise LocalChildIdTaken(fields["local_child_id"])
    with _local_child_id_unique():
        records.update(actor, child, version, **fields)
    return child


def local_child_id_taken(local_child_id: str, besides: Child | None = None) -> bool:
    query = select(Child.id).where(Child.local_child_id == local_child_id)
    if besides is not None:
        query = query.where(Child.id != besides.id)
    return db.session.scalar(query) is not None


def update_identity(actor: User, person: Child | Adult, version: int, **answers) -> None:
    """Store a child's or adult's identity answers, refusing a stale save."""
    records.update(actor, person, version, **answers)
    db.session.flush()


def create_adult(actor: User, case: Case, relationships: dict, **fields) -> Adult:
    """Add an adult to `case`. `relationships` is {child id: (relationship, has parental
    responsibility)} for children of the case."""
    adult = Adult(case_id=case.id, **_stripped(fields))
    db.session.add(adult)
    _set_relationships(adult, case, relationships)
    changes = audit.changes_of(adult)
    if adult.relationships:
        changes["relationships"] = [None, _describe_relationships(adult)]
    audit.record(actor, "create", adult, changes)
    db.session.flush()
    return adult


def update_adult(actor: User, adult: Adult, version: int, relationships: dict, **fields) -> Adult:
    """Change an adult's details and their relationships to the children, in one audit event.
    Refuse if the form was loaded before someone else's save."""
    if version != adult.version:
        raise records.StaleVersion(adult)
    before = _describe_relationships(adult)
    for key, value in _stripped(fields).items():
        setattr(adult, key, value)
    changes = audit.changes_of(adult)
    _set_relationships(adult, adult.case, relationships)
    after = _describe_relationships(adult)
    if after != before:
        changes["relationships"] = [before, after]
        # The relationships are other rows: mark the adult changed too, so its version moves on
        # and anyone still editing the old relationships is told.
        flag_modified(adult, "given_name")
    if changes:
        audit.record(actor, "update", adult, changes)
    db.session.flush()
    return adult


def _set_relationships(adult: Adult, case: Case, relationships: dict) -> None:
    """Replace the adult's relationships with one row per child of the case that is given."""
    children = {child.id: child for child in case.children}
    existing = {r.child_id: r for r in adult.relationships}
    for child_id, relationship in existing.items():
        if child_id not in relationships:
            adult.relationships.remove(relationship)
    for child_id, (relationship_to_child, parental_responsibility) in relationships.items():
        if child_id not in children:
            continue
        row = existing.get(child_id)
        if row is None:
            row = AdultChildRelationship(child=children[child_id])
            adult.relationships.append(row)
        row.relationship_to_child = relationship_to_child
        row.parental_responsibility = parental_responsibility


def _describe_relationships(adult: Adult) -> list[str]:
    """For the audit trail: "Lily Jones: Mother, parental responsibility"."""
    return sorted(
        f"{r.child.name}: {r.relationship_to_child}, "
        + ("parental responsibility" if r.parental_responsibility else "no parental responsibility")
        for r in adult.relationships
    )


def _stripped(fields: dict) -> dict:
    return {
        key: value.strip() if isinstance(value, str) else value for key, value in fields.items()
    }


@contextmanager
def _local_child_id_unique():
    """Two people saving the same new local child ID at the same moment: the second is told.
    The writes are flushed in a SAVEPOINT, so only they are undone."""
    try:
        with db.session.begin_nested():
            yield
    except IntegrityError as error:
        raise LocalChildIdTaken() from error
