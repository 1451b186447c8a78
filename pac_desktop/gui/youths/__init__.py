"""The referents' screens (issue 4): the "Jeunes" list, the case file window, "À faire", case reviews."""
