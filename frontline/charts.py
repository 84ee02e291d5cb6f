"""Altair charts built from pandas tables, with no Streamlit: testable by their spec."""

from __future__ import annotations

import altair as alt
import pandas as pd

from frontline import labels
from frontline.maps.legend import UNKNOWN_COLOR
from frontline.vocabulary import Precision, State

# Streamlit fits a chart into its spec's height unless the spec says how to size it, squeezing
# rows and cutting legends (4 of 9 actors, every other row label): fit the width only.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
# Every entry, whole: Vega-Lite's defaults stop a legend at 30 symbols and cut a name at 160 px.
FULL_LEGEND = {"orient": "bottom", "columns": 2, "symbolLimit": 0, "labelLimit": 0,
               "titleLimit": 0, "symbolType": "square"}  # fmt: skip
# Drawn as SVG: every name is text in the page (selectable, read by screen readers and tests);
# Streamlit would switch a chart of over 2,000 marks to a canvas.
SVG = {"embedOptions": {"renderer": "svg"}}
FULL_LABELS = {"labelLimit": 0, "labelOverlap": False}  # a row label per row, never cut
MIN_WIDTH_PX = 6  # an interval shorter than this draws as a tick this wide
SHORT_SHARE = 1 / 100  # "short": under this share of the chart's span (6 px at 600 px)
ROW_PX = {"state": 30, "place": 24}  # height of a Gantt row, one place or many
WEEK_LABEL = "['week of', timeFormat(datum.value, '%-d %b %Y')]"  # two short lines
WEEK_TICKS = 26  # at most this many labelled weeks; more weeks label every n-th Monday
MIN_WEEKS = 8  # a weekly axis spans at least this many weeks: one week is not a wall of colour
DAY_MS = 86_400_000
# Dates only, never a time of day: the data know days, and same-day intervals share their day
# only to keep their order visible (an axis reading "12 PM" would invent when a siege began).
DAY_AXIS = {"format": "%-d %b %Y", "tickMinStep": DAY_MS, "labelOverlap": True}
SHORT_SPAN_DAYS = 45  # a chart spanning fewer days gets a tick a day


NOT_REPORTED = "people not reported"  # the legend's and tooltip's words for a missing figure
# A delivery with no people figure: a hollow grey diamond of one size, never a size on the
# people scale (drawn as its smallest circle, it read as "few people reached").
NOT_REPORTED_MARK = {"shape": "diamond", "size": 150, "filled": False, "strokeWidth": 2,
                     "color": "#666666"}  # fmt: skip
# Its key stands above the chart: beside the people legend below, it ran off a phone's screen.
NOT_REPORTED_LEGEND = {**FULL_LEGEND, "orient": "top", "symbolType": "diamond", "symbolSize": 150,
                       "symbolStrokeWidth": 2, "symbolStrokeColor": "#666666",
                       "symbolFillColor": "transparent"}  # fmt: skip
PEOPLE_RANGE = [60, 600]  # circle areas in px², from 0 to the most people reached


def people_reached(people: pd.Series, scope: pd.Series) -> list[str]:
    """Each delivery's people figure as a reader is told it: "20,000 (whole convoy)" when the
    source gave it for the convoy (repeated on each of its places), or "not reported"."""
    return ["not reported" if pd.isna(n) else f"{int(n):,}"
            + (" (whole convoy)" if str(s) == "convoy" else "")
            for n, s in zip(people, scope, strict=True)]  # fmt: skip


def _delivery_rows(deliveries: pd.DataFrame) -> pd.DataFrame:
    """A delivery a row, its lists as text, its people figure as a number and as words."""
    people = deliveries["beneficiaries"].astype("float64")
    return deliveries.assign(
        organisations=deliveries["organisations"].map(", ".join),
        items=deliveries["items"].map(", ".join),
        people=people,
        people_reached=people_reached(people, deliveries["figures_scope"]),
        figure=NOT_REPORTED,
    )[["date", "destination", "organisations", "items", "trucks", "people", "people_reached",
       "figure", "convoy_id"]]  # fmt: skip


def deliveries_timeline(deliveries: pd.DataFrame) -> alt.LayerChart:
    """One row per destination, one mark per delivery: a circle sized by people reached, or,
    where no source gives that figure, the NOT_REPORTED_MARK the legend names NOT_REPORTED.
    Each layer has only its own rows, so no unknown figure can take a size."""
    rows = _delivery_rows(deliveries)
    known, unknown = rows[rows["people"].notna()], rows[rows["people"].isna()]
    tooltip = [alt.Tooltip("date:T", format="%Y-%m-%d"), "destination:N", "organisations:N",
               "items:N", "trucks:Q", alt.Tooltip("people_reached:N", title="people reached"),
               "convoy_id:N"]  # fmt: skip
    sized = (
        alt.Chart(known)
        .mark_circle(opacity=0.8, stroke="#007a3d", strokeWidth=1.5, color="#7fc7a0")
        .encode(size=alt.Size("people:Q", title="People reached",
                              scale=alt.Scale(range=PEOPLE_RANGE),
                              legend=alt.Legend(**{**FULL_LEGEND, "symbolType": "circle"})),
                tooltip=tooltip)
    )  # fmt: skip
    unreported = (
        alt.Chart(unknown)
        .mark_point(**NOT_REPORTED_MARK)
        .encode(shape=alt.Shape("figure:N", title=None, legend=alt.Legend(**NOT_REPORTED_LEGEND),
                                scale=alt.Scale(domain=[NOT_REPORTED], range=["diamond"])),
                tooltip=tooltip)
    )  # fmt: skip
    layers = [chart for chart, part in ((sized, known), (unreported, unknown)) if len(part)]
    return (
        alt.layer(*(layers or [sized]))
        .encode(
            x=alt.X("date:T", title="Date", scale=alt.Scale(padding=24),
                    axis=alt.Axis(format="%-d %b %Y", labelOverlap=True)),
            y=alt.Y("destination:N", title=None, axis=alt.Axis(**FULL_LABELS)),
        )
        .properties(height=alt.Step(40), autosize=FIT_WIDTH, usermeta=SVG)
    )  # fmt: skip


UNKNOWN = "unknown / not stated"
BRUSH = "span"  # the name of the timeline's date-range selection


def _holders(actors: pd.DataFrame) -> alt.Scale:
    """The actor colours used everywhere, and grey for an unknown holder."""
    return alt.Scale(domain=[*actors["name"], UNKNOWN], range=[*actors["color"], UNKNOWN_COLOR])


def _present(actors: pd.DataFrame, holders: pd.Series) -> list[str]:
    """The holders of the chart, in the actors' order: the legend lists all of them and no
    actor the chart does not draw."""
    return [n for n in [*actors["name"], UNKNOWN] if n in set(holders)]


def interval_positions(rows: pd.DataFrame, until: pd.Timestamp) -> pd.DataFrame:
    """Where each interval starts and ends on the time axis (`start`, `end`), and whether it is
    too short to see (`short`, with `nudge`: its tick's offset in pixels). `rows` are the
    intervals of each place (`place_id`) in order, and the chart `row` each is drawn on.

    Intervals that open on the same day share that day in their order (the NSA held the Hamdan
    air base for part of 29 June, between IS's two spells), so that none has zero length; an
    open last interval runs to the end of `until`."""
    # every interval still open (a day before any closes) leaves `to` all None: not dates
    rows = rows.assign(**{k: pd.to_datetime(rows[k]) for k in ("from", "to")})
    day, place = rows["from"].dt.normalize(), rows["place_id"]
    same_day = rows.groupby([place, day])["from"]
    start = day + pd.to_timedelta(same_day.cumcount(), unit="D") / same_day.transform("size")
    next_from, next_start = rows.groupby(place)["from"].shift(-1), start.groupby(place).shift(-1)
    end = next_start.where(next_from.dt.normalize() == rows["to"].dt.normalize(),
                           rows["to"].dt.normalize())  # fmt: skip
    last_day = max(until, rows["from"].max()).normalize() + pd.Timedelta(days=1)
    end = end.where(rows["to"].notna(), last_day)
    span = max(end.max() - start.min(), pd.Timedelta(days=1))
    short = (end - start) < span * SHORT_SHARE
    return rows.assign(start=start, end=end, short=short, nudge=_nudges(rows, short, day))


def _nudges(rows: pd.DataFrame, short: pd.Series, day: pd.Series) -> pd.Series:
    """Side by side, in pixels, the ticks of one chart row and day (else they would be drawn
    on top of each other): 0 for one, -3.5 and +3.5 for two, and so on."""
    ticks = rows[short].groupby([rows.loc[short, "row"], day[short]])["from"]
    offset = ticks.cumcount() - (ticks.transform("size") - 1) / 2
    return (offset * (MIN_WIDTH_PX + 1)).reindex(rows.index, fill_value=0.0)


def control_timeline(
    intervals: pd.DataFrame,
    actors: pd.DataFrame,
    until: pd.Timestamp,
    row: str = "state",
    order: list[str] | None = None,
) -> alt.LayerChart:
    """Control intervals as a Gantt: a bar per interval on the `row` of its state (one place)
    or of its place (many, rows in `order`), coloured by the holder, with a tick MIN_WIDTH_PX
    wide over any interval too short to see; intervals resting on a month- or year-precise
    date are thinner and dashed. The legend lists every holder drawn."""
    names = dict(zip(actors["actor_id"], actors["name"], strict=True))
    fields = list(dict.fromkeys([row, "holder", "state", "from", "to", "approximate",
                                 "opened_by", "closed_by"]))  # fmt: skip
    rows = intervals.reset_index(drop=True)
    rows = rows.assign(
        place_id=rows["place_id"] if "place_id" in rows else "",  # one place: no such column
        row=rows[row],
        holder=rows["controller_id"].map(names).fillna(UNKNOWN),
        approximate=rows["from_precision"] != Precision.DAY,
    )
    rows = interval_positions(rows.sort_values("place_id", kind="stable"), until)
    return _gantt(rows[[*fields, "start", "end", "short", "nudge"]], actors, row, order)


def _gantt(rows: pd.DataFrame, actors: pd.DataFrame, row: str, order: list[str] | None):
    """The bars and ticks of `control_timeline`, a row ROW_PX high, every row labelled."""
    one_place = row == "state"
    y = alt.Y(f"{row}:N", title=None, sort=list(State.names()) if one_place else order,
              axis=alt.Axis(**FULL_LABELS))  # fmt: skip
    legend = alt.Legend(values=_present(actors, rows["holder"]), **{**FULL_LEGEND, "columns": 1})
    color = alt.Color("holder:N", title="Held by", scale=_holders(actors), legend=legend)
    tooltip = [alt.Tooltip(f"{f}:T", format="%Y-%m-%d") if f in ("from", "to") else f"{f}:N"
               for f in rows.columns if f not in ("start", "end", "short", "nudge")]  # fmt: skip
    base = alt.Chart(rows).encode(y=y, color=color, tooltip=tooltip)
    # an interval resting on a month- or year-precise date: half as thick, dashed, in the
    # holder's full colour (faded black would read as the grey of "unknown")
    thick = ROW_PX[row] - 8
    bars = base.mark_bar(stroke="#222", strokeWidth=0.5).encode(
        x=alt.X("start:T", title=None, axis=_day_axis(rows)), x2="end:T",
        size=alt.condition("datum.approximate", alt.value(thick // 2), alt.value(thick)),
        strokeDash=alt.condition("datum.approximate", alt.value([3, 2]), alt.value([])),
    )  # fmt: skip
    nudges = sorted(set(rows.loc[rows["short"], "nudge"]))
    ticks = [_ticks(base, n, ROW_PX[row] - 4) for n in nudges]
    return alt.layer(bars, *ticks).properties(
        height=alt.Step(ROW_PX[row]), autosize=FIT_WIDTH, usermeta=SVG
    )


def _day_axis(rows: pd.DataFrame) -> alt.Axis:
    """DAY_AXIS; over a span of a few weeks, one tick a day (else Vega-Lite ticks the hours)."""
    span = rows["end"].max() - rows["start"].min() if len(rows) else pd.Timedelta(0)
    few = span <= pd.Timedelta(days=SHORT_SPAN_DAYS)
    return alt.Axis(**DAY_AXIS, **({"tickCount": "day"} if few else {}))


def _ticks(base: alt.Chart, nudge: float, height: int) -> alt.Chart:
    """The short intervals offset by `nudge` pixels, as ticks MIN_WIDTH_PX wide at their middle
    (a layer per offset: Vega-Lite's mark offset is one number)."""
    return (
        base.transform_filter(f"datum.short && datum.nudge == {nudge}")
        .transform_calculate(middle="(toDate(datum.start) + toDate(datum.end)) / 2")
        .mark_tick(thickness=MIN_WIDTH_PX, height=height, stroke="#222", strokeWidth=0.5,
                   xOffset=nudge)
        .encode(x="middle:T")
    )  # fmt: skip


def week_x(weeks: pd.Series) -> alt.X:
    """The x of a weekly chart: labelled by week ("week of 27 Jun 2016", under its bar), a tick
    on each Monday (every n-th when there are many), never by day; at least MIN_WEEKS wide."""
    first, last = (weeks.min(), weeks.max()) if len(weeks) else (pd.Timestamp(0),) * 2
    mondays = pd.date_range(first, last, freq="W-MON")
    step = max(1, -(-len(mondays) // WEEK_TICKS))
    pad = max(pd.Timedelta(0), (pd.Timedelta(weeks=MIN_WEEKS) - (last - first)) / 2)
    domain = [(first - pad).isoformat(), (last + pd.Timedelta(days=7) + pad).isoformat()]
    axis = alt.Axis(values=[m.isoformat() for m in mondays[::step]], labelExpr=WEEK_LABEL,
                    labelOverlap=True, labelLimit=0, labelAlign="left",
                    title="Week (Monday to Sunday)")  # fmt: skip
    return alt.X("week:T", axis=axis, scale=alt.Scale(domain=domain))


def _week_bars(weekly: pd.DataFrame) -> pd.DataFrame:
    """A bar spans its week, Monday to the next Monday."""
    return weekly.assign(week_end=weekly["week"] + pd.Timedelta(days=7))


def weekly_events(weekly: pd.DataFrame) -> alt.Chart:
    """Events per week, stacked by type; drag across it to choose a date range (the selection
    named BRUSH)."""
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])
    return (
        alt.Chart(_week_bars(weekly).assign(event_type=lambda w: w["event_type"].map(
            lambda t: labels.value("event_type", t))))  # "under siege", not under_siege
        .mark_bar(orient="vertical", stroke="white", strokeWidth=0.5)
        .encode(
            x=week_x(weekly["week"]), x2="week_end:T",
            y=alt.Y("sum(events):Q", title="Events per week"),
            color=alt.Color("event_type:N", title="Event type",
                            legend=alt.Legend(**FULL_LEGEND)),
            tooltip=[alt.Tooltip("week:T", title="week of", format="%Y-%m-%d"),
                     "event_type:N", "events:Q"],
        )
        .add_params(brush)
        .properties(height=220, autosize=FIT_WIDTH, usermeta=SVG)
    )  # fmt: skip


def weekly_aid(weekly: pd.DataFrame) -> alt.Chart:
    """Aid deliveries per week, with the trucks and people reached in the tooltip: a week
    whose deliveries give no people figure says "not reported", not 0 or a blank."""
    bars = _week_bars(weekly).assign(people_reached=lambda w: people_reached(
        w["people"], pd.Series("", index=w.index)))  # fmt: skip
    return (
        alt.Chart(bars)
        .mark_bar(orient="vertical", fill="#007a3d", stroke="white", strokeWidth=0.5)
        .encode(
            x=week_x(weekly["week"]), x2="week_end:T",
            y=alt.Y("deliveries:Q", title="Aid deliveries per week"),
            tooltip=[alt.Tooltip("week:T", title="week of", format="%Y-%m-%d"),
                     "deliveries:Q", "trucks:Q",
                     alt.Tooltip("people_reached:N", title="people reached (where reported)")],
        )
        .properties(height=160, autosize=FIT_WIDTH, usermeta=SVG)
    )  # fmt: skip
