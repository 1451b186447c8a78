"""Entry script of the frozen application (installer/pac_desktop.spec), shared by its two programs: `pac-desktop`
(the windows) and `pac` (the command line, a console program on Windows), told apart by the executable's name."""

import multiprocessing
import sys
from pathlib import Path

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless today; needed the day a library starts a process pool
    if Path(sys.executable).stem.lower() == "pac":
        from pac_desktop.cli import main
    else:
        from pac_desktop.app import main

    sys.exit(main())
