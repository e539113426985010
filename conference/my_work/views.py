"""My work: the signed-in user's upcoming and overdue items, with their statutory due dates."""
