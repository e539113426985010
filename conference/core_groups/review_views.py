"""Placeholder until this part of the core group work is built: it has no routes yet."""
