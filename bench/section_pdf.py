"""Bench section "pdf": the printed documents of bench.pdf_documents (committee pack against plain ReportLab
pages of the same count, in the same run) in the bench table."""

from __future__ import annotations

from bench.core import BenchContext, Row
from bench.sections import section


@section("pdf", order=80)
def pdf_section(ctx: BenchContext) -> list[Row]:
    from bench import pdf_documents

    return pdf_documents.rows(pdf_documents.run(runs=3, work_dir=ctx.scratch("pdf")))
