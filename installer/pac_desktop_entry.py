"""Entry script of the frozen application (installer/pac_desktop.spec): the same main() as `pac-desktop`."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless today; needed the day a library starts a process pool
    from pac_desktop.app import main

    sys.exit(main())
