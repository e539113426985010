"""The rules of the domain as plain Python: no Flask, SQLAlchemy, WTForms or WeasyPrint here."""
