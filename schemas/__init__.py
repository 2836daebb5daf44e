"""Shipped schemas: the project RELAX NG and Schematron, and TEI All (gzipped)."""
