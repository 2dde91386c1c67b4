"""Imported once by the extraction pool's forkserver (helper_processes.PRELOADED), never by the
program: the extractor reads two short texts here, so that what it builds at its first
document (the ASCII twins of its patterns, the alias table's patterns, the scans' caches) is
built once in the forkserver, and every worker forked from it starts with them. Each worker
built them at its first document before: about 0.04 s of CPU, while the poll waited for it.
"""

from __future__ import annotations

from app.extract import ExtractionSettings, extract_figures

SAMPLES = (
    "CARACAS, Feb 3 (Reuters) - Foro Penal said at least 711 political prisoners remain in"
    " custody in Venezuela, after 448 releases since January 8, the minister told reporters.",
    "Según el Foro Penal, en Venezuela quedan 644 presos políticos; el ministro habló de 808"
    " excarcelaciones desde el 8 de enero.",
)

for sample in SAMPLES:
    extract_figures(sample, "2026-02-01", ExtractionSettings())
