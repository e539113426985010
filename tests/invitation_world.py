"""The dates of the invitation tests' family, counted from today in London: invitations are for
meetings not yet held, so fixed dates would stop the tests working once they passed."""

from datetime import timedelta

from conference.domain import clock

TODAY = clock.today()
MEETING_ON = TODAY + timedelta(days=11)  # the review conference
CORE_GROUP_ON = TODAY + timedelta(days=3)  # a core group meeting before it
