"""Repeated rows of a form named by the record each row is about, not by its place in a list."""

from wtforms import FieldList
from wtforms.utils import unset_value


class KeyedRows(FieldList):
    """A `FieldList` whose rows are named by key (`goal-12-rating`), not by position.

    The form gives the rows it expects as this field's data: a dict from each row's key to the
    keyword arguments its row form is built with, in the order the rows are shown. Only those
    rows are built, and each reads only the posted names under its own key. So a row posted for
    a record the page no longer asks about (a goal ended since it was opened) or for a made-up
    key (`goal-²-rating`) is never read, and no row can move onto another record, as FieldList's
    own numbering does when it renumbers the rows it read from a post.
    """

    def process(self, formdata, data=unset_value, extra_filters=None):
        if extra_filters:
            raise TypeError("KeyedRows takes no filters: give them to the row form's fields")
        self.entries = []
        self.object_data = rows = data if isinstance(data, dict) else {}
        for key, row in rows.items():
            # FieldList names an entry after its index; it has no public way to choose it.
            self._add_entry(formdata, row, index=key)

    @property
    def forms(self) -> list:
        """The form of each row, to reach its fields and what it was built with."""
        return [entry.form for entry in self.entries]
