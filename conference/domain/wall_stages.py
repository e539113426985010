"""The stages of a conference the live screen shows the room, one at a time (issue 18).

The whole picture does not fit one projected screen at type the back of the room can read, so
the chair shows the stage the meeting is at: the map first, then the children's voices, the
safety goals as they are drafted, scaling, identity and the decision. "Everything" is the whole
page as one long screen, for when the chair wants it all (it may scroll).
"""

MAP, VOICES, GOALS, SCALING = "map", "voices", "goals", "scaling"
IDENTITY, DECISION, EVERYTHING = "identity", "decision", "everything"

# In the order of the meeting, with the words the chair chooses them by.
STAGES = {
    MAP: "The map",
    VOICES: "The children’s voices",
    GOALS: "Safety goals",
    SCALING: "Scaling",
    IDENTITY: "Identity",
    DECISION: "The decision",
    EVERYTHING: "Everything",
}

# Before the chair chooses, the screen shows everything, as it always has.
UNCHOSEN = EVERYTHING


def label(stage: str) -> str:
    """The words for a stage; a stage no longer known reads as everything."""
    return STAGES.get(stage, STAGES[UNCHOSEN])


def parts(stage: str) -> frozenset[str]:
    """The parts of the page the screen shows at `stage` (each part named by its stage's key):
    everything shows every part, and so does a stage no longer known, never less."""
    if stage in STAGES and stage != EVERYTHING:
        return frozenset({stage})
    return frozenset(STAGES) - {EVERYTHING}
