"""Briefing: the situation and what changed, full screen for a room, and as one offline file."""

from frontline.ui import briefing_view as view
from frontline.ui import frame, keys

ctx = frame.open_page("Briefing", "📽️", filters=True, sidebar="collapsed",
                      keep=(keys.PARAM_SECTION, keys.PARAM_THEME))  # fmt: skip
since, theme, section, save = view.controls(ctx)
view.show(ctx, since, theme, section, save)
