"""Every read and change of the record.

The transaction rule: services read and change the record, write the audit row and flush; the
view or CLI command that called them commits once. A service never commits. Where a unique
constraint may refuse a write (two people saving the first record at once), the write is flushed
in a SAVEPOINT (`records.saved_first`), so only it is undone. conference/common/database.py
fails a test whose response is sent with writes not committed, and
tests/unit/test_transaction_rule.py one whose service module calls commit().
"""
