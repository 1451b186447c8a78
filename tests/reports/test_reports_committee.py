"""The committee pack: cover, table of the sessions with their pages, one summary per session; pseudonymised."""

from __future__ import annotations

import re
import threading
from datetime import date

import pytest
from report_fixtures import assert_embedded_fonts_only, assert_numbered, digits, read_pdf, sql

from pac_desktop.services.documents import Cancelled


def _validated(services, territory: str, date_from: date, date_to: date) -> list[tuple]:
    return sql(
        services,
        "SELECT j.id, y.first_name, y.last_name, y.phone, y.email FROM joint_intake j "
        "JOIN youth y ON y.id = j.youth_id JOIN territory t ON t.id = j.territory_id "
        "WHERE t.code = ? AND j.state = 'validated' AND j.deleted_at IS NULL AND j.held_on BETWEEN ? AND ?",
        territory, date_from.isoformat(), date_to.isoformat(),
    )


def test_committee_pack_has_a_cover_a_table_and_one_summary_per_session(demo_admin, demo_services, tmp_path):
    period = (date(2024, 1, 1), date(2026, 3, 12))
    expected = _validated(demo_services, "toulouse-nord", *period)
    assert len(expected) >= 3
    seen: list[tuple[int, int]] = []
    printed = demo_services.documents.print_committee_pack(
        territory_code="toulouse-nord", date_from=period[0], date_to=period[1], path=tmp_path / "comite.pdf",
        actor=demo_admin, progress=lambda done, total: seen.append((done, total)),
    )
    pdf = read_pdf(printed.path)
    assert printed.pages == pdf.page_count
    assert_numbered(pdf)
    assert_embedded_fonts_only(pdf)
    assert "Dossier du comité technique local" in pdf.pages[0]
    assert "du 1er janvier 2024 au 12 mars 2026" in pdf.pages[0]
    assert f"{len(expected)} accueils communs" in pdf.pages[0]
    assert "Sommaire" in pdf.pages[1]
    # Every youth of the period is there, by full name.
    for _, first, last, _, _ in expected:
        assert f"{first} {last}" in pdf.text
    # Each session starts on the page the table of contents gives.
    starts = {int(m.group(1)): i + 1 for i, page in enumerate(pdf.pages)
              for m in [re.search(r"Accueil n° (\d+) sur", page)] if m}
    assert sorted(starts) == list(range(1, len(expected) + 1))
    contents = " ".join(p for p in pdf.pages if "Sommaire" in p or "N° Date Jeune" in p)
    for number, page in starts.items():
        assert re.search(rf"(?:^| ){number} \d\d/\d\d/\d{{4}} .*? {page}(?: |$)", contents), (number, page)
    # Progress went from 0 to the end, in order.
    assert seen[-1] == (1000, 1000)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_pseudonymised_pack_holds_no_youth_name_phone_or_email(demo_admin, demo_services, tmp_path):
    period = (date(2024, 1, 1), date(2026, 3, 12))
    printed = demo_services.documents.print_committee_pack(
        territory_code="tarbes", date_from=period[0], date_to=period[1], path=tmp_path / "pseudo.pdf", actor=demo_admin,
        pseudonymised=True,
    )
    pdf = read_pdf(printed.path)
    text, text_digits = pdf.text, digits(pdf.text)
    assert "Version pseudonymisée" in text
    youths = sql(demo_services, "SELECT first_name, last_name, phone, email FROM youth")
    guardians = sql(demo_services, "SELECT full_name, phone, email FROM guardian")
    family = sql(demo_services, "SELECT full_name FROM intake_participant WHERE full_name IS NOT NULL")
    for first, last, phone, email in youths:
        assert f"{first} {last}" not in text
        assert f"{last} {first}" not in text
        if phone:
            assert digits(phone) not in text_digits
        if email:
            assert email.lower() not in text.lower()
    for full_name, phone, email in guardians:
        assert full_name not in text
        if phone:
            assert digits(phone) not in text_digits
        if email:
            assert email.lower() not in text.lower()
    for (full_name,) in family:
        assert full_name not in text
    # Initials stand in for the names, and the sessions are all there.
    expected = _validated(demo_services, "tarbes", *period)
    assert expected
    assert f"Accueil n° {len(expected)} sur {len(expected)}" in text
    for _, first, last, _, _ in expected:
        assert re.search(rf"{re.escape(first[0])}\.(?:-\w\.)? {re.escape(last[0].upper())}\.", text), (first, last)


def test_pseudonymised_pack_scrubs_names_and_contacts_from_notes(admin, handmade, tmp_path):
    printed = handmade.services.documents.print_committee_pack(
        territory_code="toulouse-nord", date_from=date(2026, 1, 1), date_to=date(2026, 3, 31),
        path=tmp_path / "p.pdf", actor=admin, pseudonymised=True,
    )
    text = read_pdf(printed.path).text
    for made in (handmade.minor, handmade.adult):
        assert made.first_name not in text and made.last_name not in text
        assert digits(made.phone) not in digits(text)
        assert made.email not in text
    assert "Agnès" not in text
    assert "[numéro retiré]" in text and "[adresse retirée]" in text
    assert "Z. B.-F." in text and "N. D.-F." in text
    assert "Maël" not in text.replace("Maëlle", "")  # the Tarbes youth is not in Toulouse Nord's pack


@pytest.mark.parametrize("cancel_at", [100, 700], ids=["while-reading", "while-laying-out"])
def test_cancelled_pack_writes_nothing(demo_admin, demo_services, tmp_path, cancel_at):
    cancel = threading.Event()
    out = tmp_path / "out"
    out.mkdir()

    def progress(done: int, total: int) -> None:
        if done > cancel_at:
            cancel.set()

    with pytest.raises(Cancelled, match="annulée"):
        demo_services.documents.print_committee_pack(
            territory_code="toulouse-nord", date_from=date(2024, 1, 1), date_to=date(2026, 3, 12),
            path=out / "c.pdf", actor=demo_admin, progress=progress, cancel=cancel,
        )
    assert list(out.iterdir()) == []
    assert sql(demo_services, "SELECT count(*) FROM audit_event WHERE detail LIKE 'document=committee_pack%'") == [(0,)]


def test_empty_period_gives_a_short_pack(admin, loaded_services, tmp_path):
    printed = loaded_services.documents.print_committee_pack(
        territory_code="ariege", date_from=date(2026, 1, 1), date_to=date(2026, 1, 31), path=tmp_path / "vide.pdf",
        actor=admin,
    )
    pdf = read_pdf(printed.path)
    assert pdf.page_count == 2
    assert "Aucun accueil commun n'a été validé" in pdf.text
    assert "0 accueil commun" in pdf.text


def test_the_pack_is_laid_out_with_the_cycle_collector_paused_then_restored(demo_admin, demo_services, tmp_path):
    """Issue 16: full collections during a pack walked its hundreds of thousands of objects again and again (0.3 s
    of 1 s). The collector is paused while a document is made, and restored as it was, even when it fails."""
    import gc

    from pac_desktop.reports import collector_paused

    during: list[tuple[int, bool]] = []
    period = (date(2024, 1, 1), date(2026, 3, 12))
    assert gc.isenabled()
    demo_services.documents.print_committee_pack(
        territory_code="toulouse-nord", date_from=period[0], date_to=period[1], path=tmp_path / "comite.pdf",
        actor=demo_admin, progress=lambda done, total: during.append((done, gc.isenabled())))
    laying_out = [enabled for done, enabled in during if done > 500]  # the second half: the layout (the first reads)
    assert laying_out and not any(laying_out)
    assert gc.isenabled()

    @collector_paused
    def failing() -> None:
        assert not gc.isenabled()
        raise ValueError("a renderer that fails")

    with pytest.raises(ValueError):
        failing()
    assert gc.isenabled()
    gc.disable()  # whoever disabled it keeps it disabled
    try:
        collector_paused(lambda: None)()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_two_documents_at_once_keep_the_collector_paused_until_both_are_written() -> None:
    import gc

    from pac_desktop.reports import collector_paused

    first_inside, release_first = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    @collector_paused
    def slow() -> None:
        first_inside.set()
        release_first.wait(10)

    @collector_paused
    def quick() -> None:
        pass

    worker = threading.Thread(target=slow)
    worker.start()
    assert first_inside.wait(10)
    quick()
    seen["after the quick one"] = gc.isenabled()
    release_first.set()
    worker.join(10)
    assert seen == {"after the quick one": False} and gc.isenabled()


def test_every_renderer_pauses_the_collector_and_is_reached_through_the_package() -> None:
    """A new ``render_*`` takes ``collector_paused`` too (functools.wraps leaves ``__wrapped__`` on it), and the
    services reach it as ``reports.render_…`` (``_LAZY``), its module imported at the first document."""
    import importlib
    import inspect
    import pkgutil

    import pac_desktop.reports as reports

    renderers = {}
    for info in pkgutil.iter_modules(reports.__path__):
        module = importlib.import_module(f"pac_desktop.reports.{info.name}")
        renderers.update({f"{info.name}.{name}": fn for name, fn in vars(module).items()
                          if name.startswith("render_") and inspect.isfunction(fn)
                          and getattr(fn, "__module__", "") == module.__name__})
    renderers["render_plain_pages"] = reports.render_plain_pages
    assert len(renderers) >= 10, sorted(renderers)
    assert [name for name, fn in renderers.items() if not hasattr(fn, "__wrapped__")] == []
    assert [name for name, fn in renderers.items() if getattr(reports, name.rpartition(".")[2]) is not fn] == []
