"""Printed documents: WeasyPrint PDFs from the templates in pdf_templates/."""
