"""The Import & export page: an ACLED or HXL file into the store (editors), and the store out
as ACLED, HXL or GeoJSON (everyone) — the same functions as `frontline import|export`."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path, PurePath

import streamlit as st

from frontline.errors import FrontlineError
from frontline.exports import acled as acled_out
from frontline.exports import geojson
from frontline.html_text import markdown_literal
from frontline.imports import acled, batch, hxl
from frontline.ui import data, signin
from frontline.ui.frame import PageContext

FORMATS = {
    "acled": "ACLED export (CSV, current or older columns)",
    "hxl-deliveries": "HXL-tagged CSV of aid deliveries (HDX)",
    "hxl-events": "HXL-tagged CSV of control events",
}
SYNC_HELP = (
    "Tick when the file is the whole export of its countries and period: records imported "
    "from an earlier export of them that this file no longer holds are then deleted (kept, "
    "marked deleted, in the History). Unticked, they are only listed."
)


def import_section(ctx: PageContext) -> None:
    """Upload, import in one transaction with a progress bar, and the summary; writers only."""
    st.subheader("Import")
    who = signin.writer(ctx.settings)
    if who is None:
        st.info("Sign in as an editor to import files (the sidebar's sign-in).")
        return
    kind = st.selectbox("Format", list(FORMATS), format_func=FORMATS.get)
    upload = st.file_uploader("File", type=["csv", "txt"], accept_multiple_files=False)
    sync = st.checkbox("This file is the complete export", help=SYNC_HELP,
                       disabled=kind != "acled")  # fmt: skip
    by = st.text_input("Imported by", value=who.name) if who.typed else who.name
    if st.button("Import", type="primary", disabled=upload is None or not by.strip()):
        _import(ctx, kind, upload.name, upload.getvalue(), by.strip(), sync and kind == "acled")


def _import(ctx: PageContext, kind: str, name: str, content: bytes, by: str, sync: bool) -> None:
    bar = st.progress(0.0, text="Reading the file…")
    engine = data.engine(ctx.settings)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (PurePath(name).name or "upload.csv")  # its own name, no folders
        path.write_bytes(content)
        try:
            gazetteer = data.geocoder(ctx.settings, ctx.version)
            read = _reader(kind)(path, ctx.settings, engine, gazetteer)
            summary = batch.run(read, ctx.settings, engine, by, sync=sync,
                                progress=_progress(bar))  # fmt: skip
        except FrontlineError as exc:
            bar.empty()
            told = str(exc).replace(str(path), path.name)  # not the temporary folder
            lines = markdown_literal(told).replace("\n", "  \n")  # one problem a line
            st.error("Nothing was imported. " + lines)
            return
    bar.progress(1.0, text="Done")
    st.success("Imported.")
    lines = [line.replace(str(path), path.name) for line in summary.lines()]
    st.text("\n".join(lines))  # plain text: names from the file never render


def _reader(kind: str) -> Callable:
    if kind == "acled":
        return acled.read
    table = kind.removeprefix("hxl-")
    return lambda path, settings, engine, gaz: hxl.read(path, table, settings, engine, gaz)


def _progress(bar) -> batch.Progress:
    def report(stage: str, done: int, total: int) -> None:
        bar.progress(
            min(done / total, 1.0) if total else 1.0, text=f"{stage}: {done:,} of {total:,}"
        )

    return report


EXPORTS = {
    "acled": ("ACLED CSV: every control and context event", "acled", "csv", "text/csv"),
    "hxl-deliveries": ("HXL CSV: aid deliveries", "hxl-deliveries", "csv", "text/csv"),
    "hxl-events": ("HXL CSV: control events", "hxl-events", "csv", "text/csv"),
    "geojson-snapshot": ("GeoJSON: who held each place on the day", "snapshot", "geojson",
                         "application/geo+json"),
    "geojson-deliveries": ("GeoJSON: aid deliveries", "deliveries", "geojson",
                           "application/geo+json"),
    "geojson-areas": ("GeoJSON: estimated areas on the day", "areas", "geojson",
                      "application/geo+json"),
}  # fmt: skip


def export_section(ctx: PageContext) -> None:
    """One file at a time, made when its button is pressed (a whole war's events take a
    moment to write)."""
    st.subheader("Export")
    choice = st.selectbox("File", list(EXPORTS), format_func=lambda k: EXPORTS[k][0])
    label, stem, ext, mime = EXPORTS[choice]
    day = ctx.view.as_of.isoformat()
    dated = choice in ("geojson-snapshot", "geojson-areas")
    st.caption(f"As of {day} (the sidebar's day)." if dated else "Every record in the store.")
    st.download_button("Download", data=lambda: _export(ctx, choice),
                       file_name=f"frontline-{stem}{'-' + day if dated else ''}.{ext}",
                       mime=mime, on_click="ignore", type="primary")  # fmt: skip


def _export(ctx: PageContext, choice: str) -> str:
    """The file, from the store as it is when the button is pressed (an import since this
    page's run is in it)."""
    ds, day = data.dataset(ctx.settings, data.version(ctx.settings)), ctx.view.as_of
    if choice == "acled":
        return acled_out.write(ds, data.engine(ctx.settings))
    if choice.startswith("hxl-"):
        return hxl.write(ds, choice.removeprefix("hxl-"))
    what = choice.removeprefix("geojson-")
    if what == "snapshot":
        return geojson.dumps(geojson.snapshot(ds, day))
    if what == "areas":
        return geojson.dumps(geojson.areas(ds, day))
    return geojson.dumps(geojson.deliveries(ds))
