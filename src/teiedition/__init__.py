"""teiedition: plain text to a scholarly TEI edition, HTML and PDF."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("teiedition")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"

__all__ = ["TEI_NS", "XML_NS", "__version__"]
