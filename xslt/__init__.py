"""The XSLT stylesheets of teiedition, shipped as package data."""
