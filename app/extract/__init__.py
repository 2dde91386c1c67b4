"""The figure extractor: text (and its date) in, stated figures out. Pure: no I/O.

from app.extract import ExtractionSettings, extract_figures, stated_document_date
from app.extract import detect_language, infer_document_date
"""

from app.extractor_version import EXTRACTOR_VERSION

from .dates import stated_document_date
from .inferred_date import infer_document_date
from .language import detect_language
from .pipeline import extract_figures
from .settings import ExtractionSettings

__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractionSettings",
    "detect_language",
    "extract_figures",
    "infer_document_date",
    "stated_document_date",
]
